import { defineErrors } from '../../kernel/errors.ts';

// The buyer's order page (SALES-3): what a buyer can be told no to. A dead or revoked order link
// answers the access check's `not_found` (404) before any of these.
export const buyerErrors = defineErrors({
  /** "Send me the receipt again", or an e-mail change, asked again within the minute. */
  buyer_request_too_soon: {
    kind: 'rate_limited',
    en: 'We sent it less than a minute ago. Check your inbox (and spam folder), or try again in {seconds} seconds.',
    es: 'Lo enviamos hace menos de un minuto. Mira tu bandeja de entrada (y la de spam) o vuelve a intentarlo dentro de {seconds} segundos.',
  },
  /** The day's allowance of the same request is used up (a rolling 24 hours). */
  buyer_request_limit: {
    kind: 'rate_limited',
    en: 'This has been asked {limit} times in the last 24 hours; try again later.',
    es: 'Ya se ha pedido {limit} veces en las últimas 24 horas; vuelve a intentarlo más tarde.',
  },
  buyer_email_unchanged: {
    kind: 'validation',
    en: 'That is the address this order already has',
    es: 'Esa es la dirección que ya tiene este pedido',
  },
  no_such_invoice: { kind: 'not_found', en: 'This order has no such invoice', es: 'Este pedido no tiene esa factura' },
  /** The e-mail change link (sales.buyer_email_change): unknown, spent, expired or replaced. */
  email_change_link_invalid: { kind: 'not_found', en: 'This link is not valid', es: 'Este enlace no es válido' },
  email_change_link_expired: {
    kind: 'gone',
    en: 'This link has expired; ask for the change again from your order page',
    es: 'Este enlace ha caducado; vuelve a pedir el cambio desde la página de tu pedido',
  },
  email_change_link_used: { kind: 'gone', en: 'This link has already been used', es: 'Este enlace ya se ha usado' },
  email_change_link_revoked: {
    kind: 'gone',
    en: 'This link was replaced by a newer request or by a change of your e-mail',
    es: 'Este enlace se sustituyó por una petición más reciente o por un cambio de tu e-mail',
  },
});
