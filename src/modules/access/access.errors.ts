import { defineErrors } from '../../kernel/errors.ts';

export const accessErrors = defineErrors({
  not_authenticated: { kind: 'unauthenticated', en: 'Please log in', es: 'Inicia sesión' },
  invalid_api_key: { kind: 'unauthenticated', en: 'Invalid or disabled API key', es: 'Clave de API no válida o desactivada' },
  api_not_allowed: {
    kind: 'forbidden',
    en: 'This API key is not allowed to do this (needs API Read, or API Read/Write for changes)',
    es: 'Esta clave de API no puede hacer esto (requiere API lectura, o API lectura/escritura para cambios)',
  },
  browser_only: { kind: 'forbidden', en: 'This action is only available in the web interface', es: 'Esta acción solo está disponible en la interfaz web' },
  csrf_failed: { kind: 'forbidden', en: 'Security check failed; reload the page and try again', es: 'Falló la comprobación de seguridad; recarga la página e inténtalo de nuevo' },
  forbidden: { kind: 'forbidden', en: 'You do not have permission to do this', es: 'No tienes permiso para hacer esto' },
  no_live_membership: {
    kind: 'forbidden',
    en: 'Your access has been disabled in every team you belong to',
    es: 'Tu acceso está desactivado en todos los equipos a los que perteneces',
  },
  not_found: { kind: 'not_found', en: 'Not found', es: 'No encontrado' },
});
