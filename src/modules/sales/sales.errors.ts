import { defineErrors } from '../../kernel/errors.ts';

// Selling's own codes. An order of another account or team, or out of the caller's scope,
// answers `order_not_found` exactly like a missing one.
export const salesErrors = defineErrors({
  order_not_found: { kind: 'not_found', en: 'No such order', es: 'No existe ese pedido' },
  product_not_for_sale: {
    kind: 'not_found',
    en: 'This product is not for sale',
    es: 'Este producto no está a la venta',
  },
  event_sold_out: { kind: 'conflict', en: 'There are no places left for this event', es: 'No quedan plazas para este evento' },
  event_already_started: { kind: 'conflict', en: 'This event has already started', es: 'Este evento ya ha empezado' },
  /** The provider refused the card; `field` names the input to fix, `details.reason` the provider's code. */
  payment_declined: {
    kind: 'validation',
    en: 'The card was declined. No charge was made; try another card.',
    es: 'La tarjeta fue rechazada. No se hizo ningún cargo; prueba con otra tarjeta.',
  },
  card_expired: { kind: 'validation', en: 'The card has expired', es: 'La tarjeta está caducada' },
  incorrect_cvc: { kind: 'validation', en: 'The security code is not valid', es: 'El código de seguridad no es válido' },
  invalid_card_number: { kind: 'validation', en: 'The card number is not valid', es: 'El número de tarjeta no es válido' },
  invalid_payment_token: { kind: 'validation', en: 'The payment token is not valid', es: 'El token de pago no es válido' },
  payment_unavailable: {
    kind: 'unavailable',
    en: 'The payment could not be processed right now. No charge was made; try again in a few minutes.',
    es: 'No se pudo procesar el pago en este momento. No se hizo ningún cargo; inténtalo de nuevo en unos minutos.',
  },
  currency_mismatch: {
    kind: 'validation',
    en: 'This product is sold in {expected}',
    es: 'Este producto se vende en {expected}',
  },
});

export type SalesErrorCode = (typeof salesErrors.codes)[number];
