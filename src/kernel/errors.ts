// One error type for the whole product. Each module declares its codes with their
// kind and localized messages (defineErrors); the HTTP edge maps kind -> status once.
import { interpolate, type Locale } from './i18n.ts';

export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'uri_too_long'
  | 'unsupported_media'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'too_large':
      return 413;
    case 'uri_too_long':
      return 414;
    case 'unsupported_media':
      return 415;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

export interface ErrorDefinition {
  kind: ErrorKind;
  en: string;
  es: string;
}

export interface ErrorOptions {
  field?: string;
  params?: Record<string, string | number>;
  cause?: unknown;
  /** Extra machine-readable data returned to the caller (e.g. which step is required next). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  private readonly texts: Record<Locale, string>;

  constructor(code: string, def: ErrorDefinition, options: ErrorOptions = {}) {
    const en = interpolate(def.en, options.params);
    super(en, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.kind = def.kind;
    this.field = options.field;
    this.details = options.details;
    this.texts = { en, es: interpolate(def.es, options.params) };
  }

  get status(): number {
    return statusOf(this.kind);
  }

  messageIn(locale: Locale): string {
    return this.texts[locale];
  }

  toBody(locale: Locale) {
    return {
      error: {
        code: this.code,
        message: this.messageIn(locale),
        ...(this.field ? { field: this.field } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export type ErrorFactory = (options?: ErrorOptions) => AppError;

/** Declares a module's error codes; the result maps each code to a factory. */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(
  defs: T,
): { [K in keyof T]: ErrorFactory } & { codes: (keyof T)[] } {
  const factories = Object.fromEntries(
    Object.entries(defs).map(([code, def]) => [code, (o?: ErrorOptions) => new AppError(code, def, o)]),
  ) as { [K in keyof T]: ErrorFactory };
  return Object.assign(factories, { codes: Object.keys(defs) as (keyof T)[] });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Errors of the HTTP edge itself (input shape, size, routing, values the database refuses). */
export const httpErrors = defineErrors({
  /** A schema refused the input; the error handler replaces this text with the issue's own (validation-messages.ts). */
  validation_failed: { kind: 'validation', en: 'Invalid value', es: 'Valor no válido' },
  control_characters: {
    kind: 'validation',
    en: 'Text may not contain control characters',
    es: 'El texto no puede contener caracteres de control',
  },
  unknown_field: { kind: 'validation', en: 'Unknown field', es: 'Campo desconocido' },
  invalid_json: { kind: 'validation', en: 'The request body is not valid JSON', es: 'El cuerpo de la solicitud no es JSON válido' },
  empty_body: { kind: 'validation', en: 'The request body is empty', es: 'El cuerpo de la solicitud está vacío' },
  bad_request: { kind: 'validation', en: 'The request is not valid', es: 'La solicitud no es válida' },
  bad_url: { kind: 'validation', en: 'The address is not valid', es: 'La dirección no es válida' },
  /** The database refused a value (a data exception or a check): the input was wrong, not the server. */
  invalid_value: { kind: 'validation', en: 'A value in the request is not valid', es: 'Un valor de la solicitud no es válido' },
  conflict: { kind: 'conflict', en: 'The request conflicts with the current data', es: 'La solicitud choca con los datos actuales' },
  payload_too_large: { kind: 'too_large', en: 'The request body is too large', es: 'El cuerpo de la solicitud es demasiado grande' },
  uri_too_long: { kind: 'uri_too_long', en: 'A part of the address is too long', es: 'Una parte de la dirección es demasiado larga' },
  unsupported_media_type: { kind: 'unsupported_media', en: 'Unsupported content type', es: 'Tipo de contenido no admitido' },
  route_not_found: { kind: 'not_found', en: 'No such endpoint', es: 'No existe ese recurso' },
  not_found: { kind: 'not_found', en: 'Not found', es: 'No encontrado' },
  rate_limited: { kind: 'rate_limited', en: 'Too many requests; try again in {seconds} s', es: 'Demasiadas solicitudes; inténtalo de nuevo en {seconds} s' },
  database_unavailable: { kind: 'unavailable', en: 'The database is not available', es: 'La base de datos no está disponible' },
  internal: { kind: 'internal', en: 'Something went wrong on our side', es: 'Algo ha fallado por nuestra parte' },
});
