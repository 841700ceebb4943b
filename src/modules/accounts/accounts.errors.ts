import { defineErrors } from '../../kernel/errors.ts';

// Codes are the module's own (never the access check's `not_found`/`forbidden`), so a
// caller can tell "the check refused me" from "the thing I asked for is not there".
export const accountsErrors = defineErrors({
  account_not_found: { kind: 'not_found', en: 'No such seller account in this team', es: 'No existe esa cuenta de vendedor en este equipo' },
  /** MA-5: a wrong username and a wrong password answer the same, with no field. */
  account_credentials_invalid: {
    kind: 'validation',
    en: 'The seller account username or password is wrong',
    es: 'El usuario o la contraseña de la cuenta de vendedor son incorrectos',
  },
  account_already_linked_here: {
    kind: 'conflict',
    en: 'This seller account is already linked to your master account',
    es: 'Esta cuenta de vendedor ya está vinculada a tu cuenta maestra',
  },
  account_linked_elsewhere: {
    kind: 'conflict',
    en: 'This seller account is linked to another master account; it has to be unlinked there first',
    es: 'Esta cuenta de vendedor está vinculada a otra cuenta maestra; primero hay que desvincularla allí',
  },
  invalid_time_zone: {
    kind: 'validation',
    en: 'Unknown time zone; use an IANA name such as America/Sao_Paulo',
    es: 'Zona horaria desconocida; usa un nombre IANA como America/Sao_Paulo',
  },
  /** ACC-2: a username is public (it is the classic login's name), so "taken" reveals nothing more. */
  username_taken: {
    kind: 'conflict',
    en: 'This username is taken; choose another',
    es: 'Este nombre de usuario ya está en uso; elige otro',
  },
  /** ACC-2: two pending sign-ups chose the same username; the first to confirm got it. */
  username_taken_meanwhile: {
    kind: 'conflict',
    en: 'Someone opened a seller account with this username before you confirmed; sign up again and choose another username',
    es: 'Alguien abrió una cuenta de vendedor con este nombre de usuario antes de que confirmaras; vuelve a registrarte y elige otro',
  },
  invalid_username: {
    kind: 'validation',
    en: 'Use 3 to 30 characters: letters a-z, digits, dot, underscore or hyphen',
    es: 'Usa de 3 a 30 caracteres: letras a-z, números, punto, guion bajo o guion',
  },
  unsupported_currency: {
    kind: 'validation',
    en: 'Choose one of the currencies Mostrador sells in: BRL, USD, EUR, MXN or ARS',
    es: 'Elige una de las monedas en que vende Mostrador: BRL, USD, EUR, MXN o ARS',
  },
  invalid_email: { kind: 'validation', en: 'Enter an e-mail address such as ana@example.com', es: 'Introduce un e-mail como ana@example.com' },
  password_token_expired: {
    kind: 'gone',
    en: "This link has expired; ask Mostrador's staff for a new one",
    es: 'Este enlace ha caducado; pide uno nuevo al equipo de Mostrador',
  },
  reason_required: { kind: 'validation', en: 'Give the reason for this change', es: 'Indica el motivo de este cambio' },
  link_request_not_found: {
    kind: 'not_found',
    en: 'No such pending link request in this team: it may have been confirmed, cancelled or have expired',
    es: 'No hay esa solicitud de vinculación pendiente en este equipo: puede que se haya confirmado, cancelado o que haya caducado',
  },
  token_invalid: { kind: 'not_found', en: 'This link is not valid', es: 'Este enlace no es válido' },
  token_expired: { kind: 'gone', en: 'This link has expired; ask the owner to link the account again', es: 'Este enlace ha caducado; pide al titular que vuelva a vincular la cuenta' },
  token_used: { kind: 'gone', en: 'This link has already been used', es: 'Este enlace ya se ha usado' },
});

export type AccountsErrorCode = (typeof accountsErrors.codes)[number];
