// What a refused input gets told, in Spanish and English, from the zod issue's code and
// parameters (minimum, maximum, expected type, format, allowed values). zod's own text is
// never shown: it is English only, and names schema internals ("expected string to have
// >=1 characters"). A schema that needs its own wording says so with a custom issue whose
// params carry both languages: `.refine(ok, { params: { en: '…', es: '…' } })`, or an
// AppError: `.refine(ok, { params: { error: authErrors.weak_password() } })`.
import type { Locale } from '../i18n.ts';

export type Texts = Record<Locale, string>;

/** One issue as fastify-type-provider-zod hands it over (keyword = zod's issue code). */
export interface IssueInput {
  code: string;
  /** The rest of zod's issue: minimum, maximum, origin, expected, format, values, keys, params… */
  params: Record<string, unknown>;
  /** False when the offending value is absent (a missing field, not a wrong one). */
  present: boolean;
}

const both = (en: string, es: string): Texts => ({ en, es });

const TYPES: Record<string, Texts> = {
  string: both('Must be text', 'Debe ser un texto'),
  number: both('Must be a number', 'Debe ser un número'),
  int: both('Must be a whole number', 'Debe ser un número entero'),
  bigint: both('Must be a whole number', 'Debe ser un número entero'),
  boolean: both('Must be true or false', 'Debe ser verdadero o falso'),
  array: both('Must be a list', 'Debe ser una lista'),
  tuple: both('Must be a list', 'Debe ser una lista'),
  set: both('Must be a list', 'Debe ser una lista'),
  object: both('Must be an object', 'Debe ser un objeto'),
  record: both('Must be an object', 'Debe ser un objeto'),
  map: both('Must be an object', 'Debe ser un objeto'),
  date: both('Must be a date', 'Debe ser una fecha'),
  null: both('Must be null', 'Debe ser null'),
  nan: both('Must be a number', 'Debe ser un número'),
};

const FORMATS: Record<string, Texts> = {
  email: both('Must be a valid e-mail address', 'Debe ser una dirección de correo electrónico válida'),
  url: both('Must be a valid URL', 'Debe ser una URL válida'),
  uuid: both('Must be a valid identifier (UUID)', 'Debe ser un identificador válido (UUID)'),
  guid: both('Must be a valid identifier (UUID)', 'Debe ser un identificador válido (UUID)'),
  datetime: both('Must be a date and time in ISO 8601 format', 'Debe ser una fecha y hora en formato ISO 8601'),
  date: both('Must be a date in the form YYYY-MM-DD', 'Debe ser una fecha con la forma AAAA-MM-DD'),
  time: both('Must be a time in the form HH:MM[:SS]', 'Debe ser una hora con la forma HH:MM[:SS]'),
  duration: both('Must be an ISO 8601 duration', 'Debe ser una duración ISO 8601'),
  ipv4: both('Must be an IPv4 address', 'Debe ser una dirección IPv4'),
  ipv6: both('Must be an IPv6 address', 'Debe ser una dirección IPv6'),
  e164: both('Must be a phone number in international format (+…)', 'Debe ser un número de teléfono en formato internacional (+…)'),
  lowercase: both('Must be in lowercase', 'Debe estar en minúsculas'),
  uppercase: both('Must be in uppercase', 'Debe estar en mayúsculas'),
};

const INVALID = both('Invalid value', 'Valor no válido');

/** Sizes are counted in characters (text), items (lists) or bytes (files); otherwise a bound on the value. */
function unitOf(origin: unknown): Texts | null {
  if (origin === 'string') return both('characters', 'caracteres');
  if (origin === 'array' || origin === 'set') return both('items', 'elementos');
  if (origin === 'file') return both('bytes', 'bytes');
  return null;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function sized(params: Record<string, unknown>, bound: 'minimum' | 'maximum'): Texts {
  const n = String(params[bound]);
  const unit = unitOf(params.origin);
  const inclusive = params.inclusive !== false;
  if (unit) {
    if (params.exact) return both(`Must have exactly ${n} ${unit.en}`, `Debe tener exactamente ${n} ${unit.es}`);
    if (bound === 'minimum' && n === '1' && inclusive) {
      return params.origin === 'string' ? both('Must not be empty', 'No puede estar vacío') : both('Must not be empty', 'No puede estar vacía');
    }
    return bound === 'minimum'
      ? both(`Must have at least ${n} ${unit.en}`, `Debe tener al menos ${n} ${unit.es}`)
      : both(`Must have at most ${n} ${unit.en}`, `Debe tener como máximo ${n} ${unit.es}`);
  }
  if (params.origin === 'date') {
    return bound === 'minimum'
      ? both(`Must not be earlier than ${n}`, `No puede ser anterior a ${n}`)
      : both(`Must not be later than ${n}`, `No puede ser posterior a ${n}`);
  }
  if (bound === 'minimum') {
    return inclusive ? both(`Must be at least ${n}`, `Debe ser como mínimo ${n}`) : both(`Must be greater than ${n}`, `Debe ser mayor que ${n}`);
  }
  return inclusive ? both(`Must be at most ${n}`, `Debe ser como máximo ${n}`) : both(`Must be less than ${n}`, `Debe ser menor que ${n}`);
}

function format(params: Record<string, unknown>): Texts {
  const f = String(params.format);
  if (f === 'starts_with') return both(`Must start with ${literal(params.prefix)}`, `Debe empezar por ${literal(params.prefix)}`);
  if (f === 'ends_with') return both(`Must end with ${literal(params.suffix)}`, `Debe terminar en ${literal(params.suffix)}`);
  if (f === 'includes') return both(`Must contain ${literal(params.includes)}`, `Debe contener ${literal(params.includes)}`);
  return FORMATS[f] ?? both('Has an invalid format', 'Tiene un formato no válido');
}

function oneOf(values: unknown): Texts {
  const list = Array.isArray(values) ? values : [];
  if (list.length === 0) return INVALID;
  if (list.length === 1) return both(`Must be ${literal(list[0])}`, `Debe ser ${literal(list[0])}`);
  const shown = list.slice(0, 20).map(literal).join(', ') + (list.length > 20 ? ', …' : '');
  return both(`Must be one of: ${shown}`, `Debe ser uno de estos valores: ${shown}`);
}

function custom(params: Record<string, unknown>): Texts {
  const own = params.params as Record<string, unknown> | undefined;
  if (own && typeof own.en === 'string' && typeof own.es === 'string') return both(own.en, own.es);
  return INVALID;
}

/** The localized sentence for one issue; never zod's own message. */
export function describeIssue(issue: IssueInput): Texts {
  const { code, params } = issue;
  switch (code) {
    case 'invalid_type':
      if (!issue.present) return both('Required', 'Obligatorio');
      return TYPES[String(params.expected)] ?? both('Has the wrong type', 'Tiene un tipo no válido');
    case 'too_small':
      return sized(params, 'minimum');
    case 'too_big':
      return sized(params, 'maximum');
    case 'invalid_format':
      return format(params);
    case 'not_multiple_of':
      return both(`Must be a multiple of ${String(params.divisor)}`, `Debe ser múltiplo de ${String(params.divisor)}`);
    case 'invalid_value':
      return oneOf(params.values);
    case 'invalid_union':
      return both('Does not match any accepted form', 'No coincide con ninguna de las formas admitidas');
    case 'invalid_key':
      return both('Has an invalid key', 'Tiene una clave no válida');
    case 'invalid_element':
      return both('Has an invalid item', 'Tiene un elemento no válido');
    case 'custom':
      return custom(params);
    default:
      return INVALID;
  }
}
