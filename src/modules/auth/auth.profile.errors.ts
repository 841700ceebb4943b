// My profile's own refusals. A wrong current password is 403, not 401: the session is
// fine, and a 401 would tell the web app the person has been logged out.
import { defineErrors } from '../../kernel/errors.ts';

export const profileErrors = defineErrors({
  wrong_current_password: {
    kind: 'forbidden',
    en: 'Your current password is not right',
    es: 'Tu contraseña actual no es correcta',
  },
  session_not_found: {
    kind: 'not_found',
    en: 'That session has already ended',
    es: 'Esa sesión ya ha terminado',
  },
  session_is_current: {
    kind: 'conflict',
    en: 'This is the session you are using; log out instead',
    es: 'Es la sesión que estás usando; cierra sesión en su lugar',
  },
});
