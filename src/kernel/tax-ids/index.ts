// Brazilian tax ids (SALES-2, SALES-9): CPF, and CNPJ numeric or alphanumeric (July 2026),
// punctuation optional, check digits verified; normalized for storage, masked for display.
export {
  formatTaxId,
  normalizeTaxId,
  parseTaxId,
  sameTaxId,
  taxIdErrors,
  validateTaxId,
  type TaxId,
  type TaxIdKind,
  type TaxIdReason,
  type TaxIdResult,
} from './tax-ids.ts';
