// The staff pages' texts (X-1), in both languages, every key under `staff.`.
//
// web/src/messages.ts files each feature's catalog under its prefix; that file is being
// reorganised as this lands, so this catalog is not filed there yet and the staff pages read
// it through `useStaffT()`: the app's `t()` for any other key (common words, auth's field
// labels), this catalog for `staff.*`. Once messages.ts lists `staff: staffMessages`,
// `useStaffT()` can become `useT()` with no other change to the pages.
import { useCallback } from 'react';
import { type MessageKey, type Params, useLanguage } from '../../lib/i18n.ts';
import { defineFeatureMessages } from '../../lib/messages.ts';

export const staffMessages = defineFeatureMessages(
  'staff',
  {
    'staff.login.title': 'Staff login',
    'staff.login.intro': 'For Mostrador’s platform staff. Sellers log in on the main login page.',
    'staff.login.submit': 'Continue',
    'staff.login.pinTitle': 'Enter your PIN',
    'staff.login.pinIntro': 'Every staff login asks for the PIN you chose with your password.',
    'staff.login.pinHint': '4 to 6 digits.',
    'staff.login.verify': 'Log in',
    'staff.login.startAgain': 'Start again with my e-mail and password',
    'staff.login.sellerLogin': 'Seller login',

    'staff.password.title': 'Set your staff password',
    'staff.password.intro': 'Choose the password and the PIN you will log in with. This link works once.',
    'staff.password.for': 'Staff login of {name} ({email})',
    'staff.password.pinLegend': 'Your PIN',
    'staff.password.pinHint': '4 to 6 digits. Every login asks for it after the password.',
    'staff.password.save': 'Save password and PIN',
    'staff.password.savedTitle': 'Password and PIN saved',
    'staff.password.savedBody': 'Log in with your e-mail, the new password and your PIN.',
    'staff.link.expiredTitle': 'This link has expired',
    'staff.link.expired': 'Set-password links work for 72 hours. Ask whoever manages platform staff for a new one.',
    'staff.link.usedTitle': 'This link was already used',
    'staff.link.used': 'Your password is already set. Log in; if you forgot it, ask whoever manages platform staff for a new link.',
    'staff.link.invalidTitle': 'This link is not valid',
    'staff.link.invalid': 'Check that you copied the whole link. If it still fails, ask whoever manages platform staff for a new one.',
    'staff.link.goToLogin': 'Go to the staff login',

    'staff.home.title': 'Platform staff',
    'staff.home.who': 'Signed in as {name}',
    'staff.home.logout': 'Log out',
    'staff.home.meTitle': 'My staff login',
    'staff.home.name': 'Name',
    'staff.home.email': 'E-mail',
    'staff.home.language': 'Language',

    'staff.key.title': 'My staff API key',
    'staff.key.intro': 'Use it as “Authorization: Bearer <key>” with the staff endpoints of the API. It can be renewed only here, not through the API.',
    'staff.key.prefix': 'Key',
    'staff.key.created': 'Created',
    'staff.key.lastUsed': 'Last used',
    'staff.key.none': 'No key yet',
    'staff.key.neverUsed': 'Never used',
    'staff.key.renew': 'Renew key',
    'staff.key.create': 'Create key',
    'staff.key.renewTitle': 'Renew your staff API key?',
    'staff.key.renewBody': 'Your current staff key stops working at once; update every script that uses it.',
    'staff.key.newTitle': 'Your new staff API key',

    'staff.abuse.title': 'Save-window abuse flag',
    'staff.abuse.intro':
      'Marks a seller account that abuses the ticket save window (TKT-12), or clears the mark. The change and its reason go to the account’s audit log.',
    'staff.abuse.accountId': 'Seller account id',
    'staff.abuse.accountIdHint':
      'There is no account search for staff yet: paste the account’s id, e.g. from the seller’s address bar (/t/…/a/<id>) or from the audit log.',
    'staff.abuse.accountIdFormat': 'Enter an account id such as 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.',
    'staff.abuse.notFound': 'No seller account has this id.',
    'staff.abuse.action': 'Change',
    'staff.abuse.set': 'Set the flag: this account abuses the save window',
    'staff.abuse.clear': 'Clear the flag',
    'staff.abuse.reason': 'Reason',
    'staff.abuse.reasonHint': 'Kept in the audit log with the change, e.g. the ticket review it comes from.',
    'staff.abuse.submitSet': 'Set flag',
    'staff.abuse.submitClear': 'Clear flag',
    'staff.abuse.doneSet': '{nickname} (@{username}) is now flagged for abusing the save window.',
    'staff.abuse.doneClear': '{nickname} (@{username}) is no longer flagged.',
  },
  {
    'staff.login.title': 'Acceso del personal',
    'staff.login.intro': 'Para el personal de la plataforma Mostrador. Los vendedores entran por la página de acceso principal.',
    'staff.login.submit': 'Continuar',
    'staff.login.pinTitle': 'Escribe tu PIN',
    'staff.login.pinIntro': 'Cada acceso del personal pide el PIN que elegiste con tu contraseña.',
    'staff.login.pinHint': 'De 4 a 6 dígitos.',
    'staff.login.verify': 'Entrar',
    'staff.login.startAgain': 'Volver a empezar con mi correo y contraseña',
    'staff.login.sellerLogin': 'Acceso de vendedores',

    'staff.password.title': 'Crea tu contraseña de personal',
    'staff.password.intro': 'Elige la contraseña y el PIN con los que entrarás. Este enlace funciona una sola vez.',
    'staff.password.for': 'Acceso de personal de {name} ({email})',
    'staff.password.pinLegend': 'Tu PIN',
    'staff.password.pinHint': 'De 4 a 6 dígitos. Cada acceso lo pide después de la contraseña.',
    'staff.password.save': 'Guardar contraseña y PIN',
    'staff.password.savedTitle': 'Contraseña y PIN guardados',
    'staff.password.savedBody': 'Entra con tu correo, la nueva contraseña y tu PIN.',
    'staff.link.expiredTitle': 'Este enlace ha caducado',
    'staff.link.expired': 'Los enlaces para crear la contraseña duran 72 horas. Pide uno nuevo a quien gestiona el personal de la plataforma.',
    'staff.link.usedTitle': 'Este enlace ya se usó',
    'staff.link.used': 'Tu contraseña ya está creada. Entra; si la olvidaste, pide un enlace nuevo a quien gestiona el personal de la plataforma.',
    'staff.link.invalidTitle': 'Este enlace no es válido',
    'staff.link.invalid': 'Comprueba que copiaste el enlace completo. Si sigue fallando, pide uno nuevo a quien gestiona el personal de la plataforma.',
    'staff.link.goToLogin': 'Ir al acceso del personal',

    'staff.home.title': 'Personal de la plataforma',
    'staff.home.who': 'Has entrado como {name}',
    'staff.home.logout': 'Cerrar sesión',
    'staff.home.meTitle': 'Mi acceso de personal',
    'staff.home.name': 'Nombre',
    'staff.home.email': 'Correo electrónico',
    'staff.home.language': 'Idioma',

    'staff.key.title': 'Mi clave de API de personal',
    'staff.key.intro': 'Úsala como «Authorization: Bearer <clave>» con los endpoints de personal de la API. Solo se puede renovar aquí, no por la API.',
    'staff.key.prefix': 'Clave',
    'staff.key.created': 'Creada',
    'staff.key.lastUsed': 'Último uso',
    'staff.key.none': 'Todavía sin clave',
    'staff.key.neverUsed': 'Sin usar',
    'staff.key.renew': 'Renovar clave',
    'staff.key.create': 'Crear clave',
    'staff.key.renewTitle': '¿Renovar tu clave de API de personal?',
    'staff.key.renewBody': 'Tu clave de personal actual deja de funcionar en el acto; actualiza todos los scripts que la usen.',
    'staff.key.newTitle': 'Tu nueva clave de API de personal',

    'staff.abuse.title': 'Marca de abuso de la ventana de guardado',
    'staff.abuse.intro':
      'Marca una cuenta de vendedor que abusa de la ventana de guardado de tickets (TKT-12), o quita la marca. El cambio y su motivo quedan en el registro de auditoría de la cuenta.',
    'staff.abuse.accountId': 'Id de la cuenta de vendedor',
    'staff.abuse.accountIdHint':
      'El personal aún no tiene búsqueda de cuentas: pega el id de la cuenta, por ejemplo de la barra de direcciones del vendedor (/t/…/a/<id>) o del registro de auditoría.',
    'staff.abuse.accountIdFormat': 'Escribe un id de cuenta como 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.',
    'staff.abuse.notFound': 'Ninguna cuenta de vendedor tiene este id.',
    'staff.abuse.action': 'Cambio',
    'staff.abuse.set': 'Poner la marca: esta cuenta abusa de la ventana de guardado',
    'staff.abuse.clear': 'Quitar la marca',
    'staff.abuse.reason': 'Motivo',
    'staff.abuse.reasonHint': 'Queda en el registro de auditoría con el cambio; por ejemplo, la revisión de tickets de la que viene.',
    'staff.abuse.submitSet': 'Poner marca',
    'staff.abuse.submitClear': 'Quitar marca',
    'staff.abuse.doneSet': '{nickname} (@{username}) queda marcada por abusar de la ventana de guardado.',
    'staff.abuse.doneClear': '{nickname} (@{username}) ya no está marcada.',
  },
);

export type StaffMessageKey = keyof typeof staffMessages.en;

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function isStaffKey(key: string): key is StaffMessageKey {
  return key in staffMessages.en;
}

/** `t()` of the staff pages: this catalog for `staff.*`, the app's dictionaries for every other key. */
export function useStaffT(): (key: StaffMessageKey | MessageKey, params?: Params) => string {
  const { lang, t } = useLanguage();
  return useCallback(
    (key: StaffMessageKey | MessageKey, params?: Params) => (isStaffKey(key) ? fill(staffMessages[lang][key], params) : t(key, params)),
    [lang, t],
  );
}
