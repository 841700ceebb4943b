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

  // Refunds (SALES-6), a buyer's e-mail (SALES-9), resending access (SALES-5): actions helper.
  invalid_percentage: {
    kind: 'validation',
    en: 'The percentage is a number above 0 and at most 100, with at most two decimals (for example "12.5")',
    es: 'El porcentaje es un número mayor que 0 y como máximo 100, con dos decimales como mucho (por ejemplo "12.5")',
  },
  refund_amount_or_percentage: {
    kind: 'validation',
    en: 'Give an amount or a percentage, not both',
    es: 'Indica un importe o un porcentaje, no ambos',
  },
  refund_currency_mismatch: {
    kind: 'validation',
    en: 'This order was paid in {expected}',
    es: 'Este pedido se pagó en {expected}',
  },
  nothing_to_refund: {
    kind: 'conflict',
    en: 'Everything paid on this order has already been refunded',
    es: 'Ya se ha reembolsado todo lo pagado en este pedido',
  },
  refund_window_closed: {
    kind: 'conflict',
    en: 'A refund can be made within {days} days of the sale or invoice; this one is older',
    es: 'Solo se puede reembolsar dentro de los {days} días siguientes a la venta o a la factura; esta es más antigua',
  },
  order_charged_back: {
    kind: 'conflict',
    en: "The buyer's bank charged this order back; it cannot be refunded",
    es: 'El banco del comprador anuló este cobro (contracargo); no se puede reembolsar',
  },
  order_not_claimed: {
    kind: 'conflict',
    en: 'The buyer has not claimed a refund of this order',
    es: 'El comprador no ha reclamado el reembolso de este pedido',
  },
  refund_failed: {
    kind: 'conflict',
    en: 'The payment provider refused the refund; nothing was given back',
    es: 'El proveedor de pagos rechazó el reembolso; no se devolvió nada',
  },
  refund_pending: {
    kind: 'unavailable',
    en: 'The payment provider has not confirmed the refund yet; the order will show it as soon as it does',
    es: 'El proveedor de pagos aún no ha confirmado el reembolso; el pedido lo mostrará en cuanto lo haga',
  },
  buyer_not_found: {
    kind: 'not_found',
    en: 'No buyer of this account has that e-mail',
    es: 'Ningún comprador de esta cuenta tiene ese e-mail',
  },
  buyer_tax_id_missing: {
    kind: 'conflict',
    en: 'This buyer has no CPF/CNPJ on record: add it first, then change the e-mail',
    es: 'Este comprador no tiene CPF/CNPJ registrado: añádelo primero y después cambia el e-mail',
  },
  buyer_tax_id_mismatch: {
    kind: 'validation',
    en: 'The CPF/CNPJ does not match the one on record for this buyer',
    es: 'El CPF/CNPJ no coincide con el registrado para este comprador',
  },
  buyer_tax_id_on_record: {
    kind: 'conflict',
    en: 'This buyer already has a CPF/CNPJ on record',
    es: 'Este comprador ya tiene un CPF/CNPJ registrado',
  },
  same_buyer_email: {
    kind: 'validation',
    en: 'The new e-mail is the current one',
    es: 'El e-mail nuevo es el actual',
  },
  buyer_email_taken: {
    kind: 'conflict',
    en: 'That e-mail belongs to another buyer of this account (with another CPF/CNPJ)',
    es: 'Ese e-mail pertenece a otro comprador de esta cuenta (con otro CPF/CNPJ)',
  },
  access_revoked: {
    kind: 'conflict',
    en: "The buyer's access to this product has ended (refund or chargeback); there is nothing to send",
    es: 'El acceso del comprador a este producto ha terminado (reembolso o contracargo); no hay nada que enviar',
  },
  member_not_found: {
    kind: 'not_found',
    en: 'Nobody with that e-mail has access to this product',
    es: 'Nadie con ese e-mail tiene acceso a este producto',
  },
  // Subscriptions (SALES-7) and check-ins (SALES-10): the billing helper's.
  order_has_no_subscription: {
    kind: 'conflict',
    en: 'This order has no subscription',
    es: 'Este pedido no tiene suscripción',
  },
  subscription_already_cancelled: {
    kind: 'conflict',
    en: 'This subscription is already cancelled',
    es: 'Esta suscripción ya está cancelada',
  },
  subscription_not_reactivatable: {
    kind: 'conflict',
    en: 'Only a cancelled or unpaid subscription can be reactivated; this one is {status}',
    es: 'Solo se puede reactivar una suscripción cancelada o impaga; esta está {status}',
  },
  subscription_charge_in_progress: {
    kind: 'conflict',
    en: 'A charge of this subscription is in progress. Try again in a few minutes.',
    es: 'Hay un cobro de esta suscripción en curso. Inténtalo de nuevo en unos minutos.',
  },
  reactivation_charge_declined: {
    kind: 'conflict',
    en: 'The charge was declined ({reason}). The subscription was left as it was.',
    es: 'El cobro fue rechazado ({reason}). La suscripción quedó como estaba.',
  },
  reactivation_charge_pending: {
    kind: 'unavailable',
    en: 'The payment provider did not answer. The charge will be settled within minutes: look at the order again shortly.',
    es: 'El proveedor de pagos no respondió. El cobro se resolverá en unos minutos: vuelve a mirar el pedido en breve.',
  },
  order_has_no_check_in: { kind: 'conflict', en: 'This order has no check-in (it is not an event)', es: 'Este pedido no tiene check-in (no es un evento)' },
  check_in_already_done: {
    kind: 'conflict',
    en: 'This attendee has already checked in: there is no link to send',
    es: 'Este asistente ya registró su entrada: no hay enlace que enviar',
  },
  check_in_not_valid: {
    kind: 'conflict',
    en: 'This ticket is no longer valid (the order is {status})',
    es: 'Esta entrada ya no es válida (el pedido está {status})',
  },
  // Transactions (SALES-4).
  invalid_cursor: { kind: 'validation', en: 'Invalid page cursor', es: 'Cursor de página no válido' },
  query_too_short: {
    kind: 'validation',
    en: 'Type a receipt, an e-mail, or at least {min} characters of a name',
    es: 'Escribe un recibo, un e-mail o al menos {min} caracteres de un nombre',
  },
  period_search_not_allowed: {
    kind: 'forbidden',
    en: 'Searching sales by period needs the "Search sales by period" permission',
    es: 'Buscar ventas por periodo requiere el permiso «Buscar ventas por periodo»',
  },
});

export type SalesErrorCode = (typeof salesErrors.codes)[number];
