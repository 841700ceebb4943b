import { defineErrors } from '../../kernel/errors.ts';

export const staffErrors = defineErrors({
  invalid_credentials: { kind: 'unauthenticated', en: 'Wrong e-mail or password', es: 'E-mail o contraseña incorrectos' },
  wrong_pin: { kind: 'unauthenticated', en: 'Wrong PIN', es: 'PIN incorrecto' },
  challenge_expired: { kind: 'gone', en: 'This login attempt expired; log in again', es: 'Este intento de inicio de sesión caducó; vuelve a entrar' },
  email_taken: { kind: 'conflict', en: 'There is already a staff login with this e-mail', es: 'Ya existe un acceso de personal con este e-mail' },
  token_invalid: { kind: 'not_found', en: 'This link is not valid', es: 'Este enlace no es válido' },
  token_expired: { kind: 'gone', en: 'This link has expired; ask for a new one', es: 'Este enlace ha caducado; pide uno nuevo' },
  token_used: { kind: 'gone', en: 'This link was already used', es: 'Este enlace ya se usó' },
  password_policy: {
    kind: 'validation',
    en: 'The password does not meet every rule',
    es: 'La contraseña no cumple todas las reglas',
  },
  invalid_pin: { kind: 'validation', en: 'The PIN must have 4 to 6 digits', es: 'El PIN debe tener de 4 a 6 dígitos' },
});
