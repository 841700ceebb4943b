// Brazilian tax ids (SALES-2, SALES-9): CPF (people, 11 digits) and CNPJ (companies, 14
// characters) in both forms: the numeric one and the alphanumeric one the Receita Federal
// issues since July 2026 (Nota Técnica 49/2024: twelve characters 0-9 or A-Z, then two numeric
// check digits). Punctuation is optional; letters are taken in either case and kept upper-case.
//
// The check digits come from `cpf-cnpj-validator` (maintained, MIT, no dependencies; it
// implements the alphanumeric CNPJ: each character valued as its ASCII code − 48, weights 2..9
// from the right, mod 11). What counts as well-formed input, and why an id is refused, are
// decided here: the library's loose mode drops any character it does not expect (so
// "CPF 529.982.247-25!" would pass) and answers only true/false.
import { cnpj as cnpjLib, cpf as cpfLib } from 'cpf-cnpj-validator';
import { defineErrors, type ErrorOptions } from '../errors.ts';

export type TaxIdKind = 'cpf' | 'cnpj';

export interface TaxId {
  kind: TaxIdKind;
  /** Digits and upper-case letters only: what is stored and compared. */
  normalized: string;
  /** The official mask: 000.000.000-00 or AA.AAA.AAA/AAAA-00. */
  formatted: string;
}

/**
 * Why an input is not a tax id:
 * - `invalid_format`: not 11 digits (CPF) nor 12 characters 0-9/A-Z plus 2 digits (CNPJ),
 *   once the optional punctuation is removed; or a character that is neither;
 * - `repeated_digits`: one digit repeated throughout (000.000.000-00, 11111111111111…), which
 *   passes the check-digit arithmetic but is never issued;
 * - `invalid_check_digits`: the last two digits do not match the others (a typo).
 */
export type TaxIdReason = 'invalid_format' | 'invalid_check_digits' | 'repeated_digits';

export type TaxIdResult = ({ ok: true } & TaxId) | { ok: false; reason: TaxIdReason };

/** What may separate the characters: the mask's `.`, `/`, `-` and spaces (typed or pasted). */
const PUNCTUATION = /[\s./\-\u2010-\u2015]/g;
const CPF = /^\d{11}$/;
const CNPJ = /^[0-9A-Z]{12}\d{2}$/;

/** Removes punctuation and upper-cases letters; does not validate. */
export function normalizeTaxId(input: string): string {
  return input.replace(PUNCTUATION, '').toUpperCase();
}

function allSame(value: string): boolean {
  return /^(.)\1*$/.test(value);
}

/** Checks a CPF or CNPJ (kind told by its length) and gives it back normalized and masked. */
export function validateTaxId(input: string): TaxIdResult {
  if (typeof input !== 'string' || input.length > 40) return { ok: false, reason: 'invalid_format' };
  const normalized = normalizeTaxId(input);
  let kind: TaxIdKind;
  if (CPF.test(normalized)) {
    kind = 'cpf';
    const body = normalized.slice(0, 9);
    if (allSame(normalized)) return { ok: false, reason: 'repeated_digits' };
    const d1 = cpfLib.verifierDigit(body);
    const d2 = cpfLib.verifierDigit(body + d1);
    if (`${d1}${d2}` !== normalized.slice(9)) return { ok: false, reason: 'invalid_check_digits' };
  } else if (CNPJ.test(normalized)) {
    kind = 'cnpj';
    const body = normalized.slice(0, 12);
    if (allSame(normalized)) return { ok: false, reason: 'repeated_digits' };
    const d1 = cnpjLib.verifierDigit(body);
    const d2 = cnpjLib.verifierDigit(body + d1);
    if (`${d1}${d2}` !== normalized.slice(12)) return { ok: false, reason: 'invalid_check_digits' };
  } else {
    return { ok: false, reason: 'invalid_format' };
  }
  return { ok: true, kind, normalized, formatted: formatTaxId(normalized) };
}

/** The official mask of a normalized id; anything else is returned unchanged. */
export function formatTaxId(normalized: string): string {
  if (CPF.test(normalized)) return normalized.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  if (CNPJ.test(normalized)) return normalized.replace(/^(.{2})(.{3})(.{3})(.{4})(\d{2})$/, '$1.$2.$3/$4-$5');
  return normalized;
}

/** Whether two inputs are the same tax id whatever their punctuation or case (SALES-9). */
export function sameTaxId(a: string, b: string): boolean {
  const x = validateTaxId(a);
  const y = validateTaxId(b);
  return x.ok && y.ok && x.normalized === y.normalized;
}

export const taxIdErrors = defineErrors({
  tax_id_invalid_format: {
    kind: 'validation',
    en: 'A tax id is a CPF (11 digits) or a CNPJ (14 characters)',
    es: 'Un identificador fiscal es un CPF (11 dígitos) o un CNPJ (14 caracteres)',
  },
  tax_id_invalid_check_digits: {
    kind: 'validation',
    en: 'The check digits of this {kind} do not match; please check it',
    es: 'Los dígitos verificadores de este {kind} no coinciden; revísalo',
  },
  tax_id_repeated_digits: {
    kind: 'validation',
    en: 'This {kind} is not valid',
    es: 'Este {kind} no es válido',
  },
});

/** validateTaxId for a request: the id, or a localized 400 naming the field. */
export function parseTaxId(input: string, options: Pick<ErrorOptions, 'field'> = {}): TaxId {
  const result = validateTaxId(input);
  if (result.ok) return { kind: result.kind, normalized: result.normalized, formatted: result.formatted };
  const normalized = typeof input === 'string' ? normalizeTaxId(input) : '';
  const kind = normalized.length === 11 ? 'CPF' : 'CNPJ';
  const params = { kind };
  switch (result.reason) {
    case 'invalid_format':
      throw taxIdErrors.tax_id_invalid_format({ field: options.field, details: { reason: result.reason } });
    case 'invalid_check_digits':
      throw taxIdErrors.tax_id_invalid_check_digits({ field: options.field, params, details: { reason: result.reason } });
    case 'repeated_digits':
      throw taxIdErrors.tax_id_repeated_digits({ field: options.field, params, details: { reason: result.reason } });
    default: {
      const exhaustive: never = result.reason;
      return exhaustive;
    }
  }
}
