// The one place where errors become HTTP answers: { error: { code, message, field? } }
// in the caller's language. Nothing but an AppError's own text reaches the caller,
// and input problems are always 4xx.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, httpErrors, isAppError } from '../errors.ts';

function fieldOf(instancePath: string, context: string | undefined): string | undefined {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (path) return path;
  return context && context !== 'body' ? context : undefined;
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const keys = (first?.params as { keys?: string[] } | undefined)?.keys;
    const context = (error as unknown as { validationContext?: string }).validationContext;
    if (first?.keyword === 'unrecognized_keys' && keys?.length) {
      const base = fieldOf(first.instancePath, undefined);
      return httpErrors.unknown_field({ field: base ? `${base}.${keys[0]}` : keys[0] });
    }
    return httpErrors.validation_failed({
      field: fieldOf(first?.instancePath ?? '', context),
      params: { detail: first?.message ?? 'invalid' },
    });
  }
  const fe = error as Partial<FastifyError>;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return httpErrors.invalid_json();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return httpErrors.empty_body();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return httpErrors.payload_too_large();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return httpErrors.unsupported_media_type();
    default:
      break;
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) return httpErrors.invalid_json();
  if (fe.statusCode === 429) {
    return httpErrors.rate_limited({ params: { seconds: 60 } });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return httpErrors.validation_failed({ params: { detail: fe.message ?? 'bad request' } });
  }
  return httpErrors.internal({ cause: error });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error, serialization: isResponseSerializationError(error) }, 'request failed');
    }
    void reply.status(appError.status).send(appError.toBody(request.locale));
  });
}
