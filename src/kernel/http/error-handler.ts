// The one place where errors become HTTP answers: { error: { code, message, field?, details? } }
// in the caller's language (localeOf). Nothing but an AppError's own text reaches the caller,
// input problems are always 4xx (schema issues, bad JSON, values the database refuses),
// and the router's own refusals (bad URL, a too-long path parameter) answer the same shape.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, httpErrors, isAppError } from '../errors.ts';
import { localeOf } from './request-locale.ts';
import { describeIssue } from './validation-messages.ts';

type ValidationContext = 'body' | 'params' | 'querystring' | 'headers';

function segmentsOf(instancePath: string): string[] {
  return instancePath.split('/').slice(1).filter((s) => s !== '');
}

function fieldOf(segments: string[], context: string | undefined): string | undefined {
  if (segments.length) return segments.join('.');
  return context && context !== 'body' ? context : undefined;
}

/** The raw value the schema refused, to tell "missing" from "wrong". */
function inputAt(request: FastifyRequest | undefined, context: string | undefined, segments: string[]): unknown {
  if (!request || !context) return undefined;
  const source: Record<ValidationContext, unknown> = {
    body: request.body,
    params: request.params,
    querystring: request.query,
    headers: request.headers,
  };
  let value = source[context as ValidationContext];
  for (const key of segments) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function fromSchemaIssue(error: FastifyError & { validation: NonNullable<FastifyError['validation']> }, request?: FastifyRequest): AppError {
  const first = error.validation[0];
  const params = (first.params ?? {}) as Record<string, unknown>;
  const segments = segmentsOf(first.instancePath ?? '');
  const context = (error as { validationContext?: string }).validationContext;
  if (first.keyword === 'unrecognized_keys') {
    const keys = params.keys as string[] | undefined;
    const base = fieldOf(segments, undefined);
    const key = keys?.[0];
    return httpErrors.unknown_field({ field: key === undefined ? base : base ? `${base}.${key}` : key });
  }
  const field = fieldOf(segments, context);
  const own = (params.params as { error?: unknown } | undefined)?.error;
  if (first.keyword === 'custom' && isAppError(own)) {
    return new AppError(own.code, { kind: own.kind, en: own.messageIn('en'), es: own.messageIn('es') }, { field: own.field ?? field, details: own.details });
  }
  const present = inputAt(request, context, segments) !== undefined;
  if (!present && segments.length === 0 && context === 'body') return httpErrors.empty_body();
  const texts = describeIssue({ code: first.keyword, params, present });
  return new AppError('validation_failed', { kind: 'validation', ...texts }, { field });
}

/** SQLSTATE of a database error, through Drizzle's DrizzleQueryError wrapper (`cause`), on node-postgres and PGlite alike. */
export function sqlStateOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in current) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Values the database refuses are the caller's mistake: class 22 (data exception: bad
 * cast, out of range, NUL byte, too long), 23502/23514 (not null, check) and 54000 (a value
 * too big to index). A unique or foreign-key clash that a module did not map is a 409.
 */
function fromDatabase(state: string, cause: unknown): AppError | undefined {
  if (state.startsWith('22') || state === '23502' || state === '23514' || state === '54000') return httpErrors.invalid_value({ cause });
  if (state === '23505' || state === '23503' || state === '23P01') return httpErrors.conflict({ cause });
  if (state === '57P01' || state === '57P03' || state.startsWith('08')) return httpErrors.database_unavailable({ cause });
  return undefined;
}

export function toAppError(error: unknown, request?: FastifyRequest): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) return fromSchemaIssue(error as never, request);
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
    case 'FST_ERR_BAD_URL':
      return httpErrors.bad_url();
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return httpErrors.uri_too_long();
    default:
      break;
  }
  const state = sqlStateOf(error);
  const fromDb = state ? fromDatabase(state, error) : undefined;
  if (fromDb) return fromDb;
  if (error instanceof SyntaxError && fe.statusCode === 400) return httpErrors.invalid_json();
  if (fe.statusCode === 429) return httpErrors.rate_limited({ params: { seconds: 60 } });
  if (fe.statusCode === 404) return httpErrors.not_found();
  // Other 4xx raised by Fastify or a plugin: their text is English and may name internals.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return httpErrors.bad_request({ cause: error });
  return httpErrors.internal({ cause: error });
}

/**
 * What a failure logs: the error's kind, SQLSTATE, query text and stack, never the query's
 * parameters (passwords, tokens, e-mails). DrizzleQueryError puts them in its message
 * ("Failed query: …\nparams: …") and both drivers' errors carry them as `params`.
 */
export function loggableError(error: unknown, depth = 0): unknown {
  if (!error || typeof error !== 'object' || depth > 4) return error;
  const e = error as { name?: unknown; message?: unknown; code?: unknown; query?: unknown; stack?: unknown; cause?: unknown; constructor?: { name?: string } };
  const type = e.constructor?.name ?? (typeof e.name === 'string' ? e.name : 'Error');
  const full = typeof e.message === 'string' ? e.message : '';
  const message = 'params' in error ? full.replace(/\nparams: [\s\S]*$/, '') : full;
  const out: Record<string, unknown> = { type, message };
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.query === 'string') out.query = e.query;
  if (typeof e.stack === 'string') out.stack = message === full ? e.stack : e.stack.replace(full, message);
  if (e.cause !== undefined) out.cause = loggableError(e.cause, depth + 1);
  return out;
}

function send(appError: AppError, request: FastifyRequest, reply: FastifyReply, raw: unknown): void {
  if (appError.status >= 500) {
    request.log.error({ error: loggableError(raw), serialization: raw instanceof Error && isResponseSerializationError(raw) }, 'request failed');
  } else if (appError.cause && sqlStateOf(raw)) {
    // A value only the database caught: a schema could have said it sooner. The message may
    // quote the value ('invalid input syntax for type uuid: "…"'), so only the state and query.
    const query = (raw as { query?: unknown }).query;
    request.log.warn({ sqlState: sqlStateOf(raw), query: typeof query === 'string' ? query : undefined }, 'database refused a value');
  }
  void reply.status(appError.status).send(appError.toBody(localeOf(request)));
}

/**
 * Fastify's `frameworkErrors` option: refusals made by the router before any hook runs
 * (a malformed URL, a path parameter over maxParamLength), answered like every other error.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  send(toAppError(error, request), request, reply, error);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    send(toAppError(error, request), request, reply, error);
  });
}
