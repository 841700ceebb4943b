import { defineErrors } from '../../kernel/errors.ts';

// The catalog's own codes (never the access check's `not_found`): a caller can tell "the check
// refused me" from "that product is not there". A product of another account or team, or of
// an account out of the caller's scope, is `product_not_found` too.
export const productsErrors = defineErrors({
  product_not_found: { kind: 'not_found', en: 'No such product in this seller account', es: 'No existe ese producto en esta cuenta de vendedor' },
  /** A product's kind never changes; a field of another kind is named in `field`, the product's kind in `details`. */
  field_not_for_kind: {
    kind: 'validation',
    en: 'This field does not apply to this kind of product',
    es: 'Este campo no corresponde a este tipo de producto',
  },
  event_in_past: { kind: 'validation', en: 'The event must start in the future', es: 'El evento tiene que empezar en el futuro' },
  currency_not_accepted: {
    kind: 'validation',
    en: 'Products are sold in one of these currencies: {currencies}',
    es: 'Los productos se venden en una de estas monedas: {currencies}',
  },
  invalid_access_url: {
    kind: 'validation',
    en: 'The access address must be a full web address starting with https:// (or http://)',
    es: 'La dirección de acceso tiene que ser una dirección web completa que empiece por https:// (o http://)',
  },
  /** What the API's schema already refuses, for callers that do not go through it (the demo seed, other modules). */
  invalid_product_field: { kind: 'validation', en: 'This value is not valid for a product', es: 'Este valor no es válido para un producto' },
});

export type ProductsErrorCode = (typeof productsErrors.codes)[number];
