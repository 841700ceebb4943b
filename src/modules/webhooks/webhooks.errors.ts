import { defineErrors } from '../../kernel/errors.ts';

// Webhooks' own codes (API-2). An endpoint or delivery of another seller account, or of an
// account out of the caller's scope, is `endpoint_not_found` / `delivery_not_found`.
export const webhooksErrors = defineErrors({
  endpoint_not_found: { kind: 'not_found', en: 'No such webhook endpoint in this seller account', es: 'No existe ese endpoint de webhooks en esta cuenta de vendedor' },
  delivery_not_found: { kind: 'not_found', en: 'No such delivery for this endpoint', es: 'No existe ese envío para este endpoint' },
  /** field: `url`. */
  invalid_endpoint_url: {
    kind: 'validation',
    en: 'Give the full address of the endpoint, starting with https:// (no user name or password in it)',
    es: 'Indica la dirección completa del endpoint, empezando por https:// (sin usuario ni contraseña)',
  },
  /** field: `url`; only in production. */
  endpoint_url_not_https: { kind: 'validation', en: 'An endpoint must use https', es: 'Un endpoint tiene que usar https' },
  /** field: `url`; only in production: the host is, or resolves to, a loopback, private, link-local or other non-public address. */
  endpoint_url_not_public: {
    kind: 'validation',
    en: 'The endpoint must be reachable on the public internet: this address is loopback, private or link-local',
    es: 'El endpoint tiene que estar en internet: esta dirección es local, privada o de enlace local',
  },
  /** field: `accountId`: the body names another account than the path. */
  account_mismatch: {
    kind: 'validation',
    en: 'The body names another seller account than the address',
    es: 'El cuerpo nombra otra cuenta de vendedor distinta de la de la dirección',
  },
  /** What the API's schema already refuses, for callers that do not go through it (other modules). */
  unknown_event_type: { kind: 'validation', en: 'Unknown webhook event type', es: 'Tipo de evento de webhook desconocido' },
  too_many_endpoints: {
    kind: 'conflict',
    en: 'A seller account can have at most {max} webhook endpoints',
    es: 'Una cuenta de vendedor puede tener como máximo {max} endpoints de webhooks',
  },
  endpoint_disabled: {
    kind: 'conflict',
    en: 'The endpoint is disabled: enable it before sending again',
    es: 'El endpoint está desactivado: actívalo antes de enviar de nuevo',
  },
  delivery_in_progress: {
    kind: 'conflict',
    en: 'This delivery is being sent right now; try again in a moment',
    es: 'Este envío se está haciendo ahora mismo; inténtalo de nuevo en un momento',
  },
});

export type WebhooksErrorCode = (typeof webhooksErrors.codes)[number];
