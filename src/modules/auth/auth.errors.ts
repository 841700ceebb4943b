import { defineErrors } from '../../kernel/errors.ts';

export const authErrors = defineErrors({
  invalid_credentials: { kind: 'unauthenticated', en: 'Wrong e-mail or password', es: 'E-mail o contraseña incorrectos' },
  too_many_challenges: {
    kind: 'rate_limited',
    en: 'Too many login attempts for this person; try again later, or reset your password',
    es: 'Demasiados intentos de inicio de sesión para esta persona; inténtalo más tarde o restablece tu contraseña',
  },
  api_only_member: {
    kind: 'forbidden',
    en: 'This user works only through the API and cannot log into the web interface',
    es: 'Este usuario solo trabaja por la API y no puede entrar en la interfaz web',
  },
  access_disabled: {
    kind: 'forbidden',
    en: 'Your access has been disabled; ask the account owner',
    es: 'Tu acceso está desactivado; consulta al titular de la cuenta',
  },
  second_step_failed: { kind: 'unauthenticated', en: 'Wrong PIN or answer', es: 'PIN o respuesta incorrectos' },
  challenge_expired: { kind: 'gone', en: 'This login attempt expired; log in again', es: 'Este intento de inicio de sesión caducó; vuelve a entrar' },
  questions_must_differ: { kind: 'validation', en: 'Choose two different security questions', es: 'Elige dos preguntas de seguridad distintas' },
  hint_reveals_answer: { kind: 'validation', en: 'The hint must not contain the answer', es: 'La pista no debe contener la respuesta' },
  invalid_pin: { kind: 'validation', en: 'The PIN must have 4 to 6 digits', es: 'El PIN debe tener de 4 a 6 dígitos' },
  password_policy: {
    kind: 'validation',
    en: 'The password does not meet the rules',
    es: 'La contraseña no cumple las reglas',
  },
  token_invalid: { kind: 'not_found', en: 'This link is not valid', es: 'Este enlace no es válido' },
  token_expired: { kind: 'gone', en: 'This link has expired; ask for a new one', es: 'Este enlace ha caducado; pide uno nuevo' },
  token_used: { kind: 'gone', en: 'This link has already been used', es: 'Este enlace ya se ha usado' },
  verification_required: {
    kind: 'validation',
    en: 'Answer your security question and enter your PIN',
    es: 'Responde tu pregunta de seguridad e introduce tu PIN',
  },
});
