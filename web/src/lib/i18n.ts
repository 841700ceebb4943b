// Languages of the web app: one typed dictionary, English as the source of keys.
// `es` must have exactly the keys of `en`, which the compiler checks. The choice is kept
// in localStorage and in the `lang` cookie, which the server reads for e-mails and errors.
import { createContext, createElement, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { appMessages } from '../features/app/app.i18n.ts';
import { authMessages } from '../features/auth/auth.i18n.ts';
import { readCookie, writeCookie } from './cookies.ts';

const coreEn = {
  'app.name': 'Mostrador',
  'app.tagline': 'Back office for sellers',
  'nav.main': 'Main',
  'nav.skipToContent': 'Skip to content',
  'tab.dashboard': 'Dashboard',
  'tab.accounts': 'Accounts',
  'tab.tickets': 'Tickets',
  'tab.transactions': 'Transactions',
  'tab.reports': 'Reports',
  'tab.users': 'Users',
  'lang.label': 'Language',
  'header.login': 'Log in',
  'footer.mailbox': 'Mailbox',
  'footer.apiDocs': 'API reference',
  'page.comingSoon': 'Coming soon.',
  'page.comingSoonDetail': 'This section is being built; it will appear here.',
  'login.title': 'Log in',
  'login.intro': 'One login for all your seller accounts.',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.note': 'Signing in is not available yet: this form does not send anything.',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',
  'notFound.back': 'Go to the dashboard',
  'mailbox.title': 'Development mailbox',
  'mailbox.intro': 'E-mails the product has written to its outbox, newest first. Nothing here leaves this machine.',
  'mailbox.refresh': 'Refresh',
  'mailbox.loading': 'Loading…',
  'mailbox.empty': 'No e-mails yet.',
  'mailbox.emptyDetail': 'Messages appear here as soon as the product sends one.',
  'mailbox.disabled': 'Mail is delivered through SMTP; the development mailbox is off.',
  'mailbox.listLabel': 'Messages',
  'mailbox.countOne': '1 message',
  'mailbox.countOther': '{count} messages',
  'mailbox.col.subject': 'Subject',
  'mailbox.col.from': 'From',
  'mailbox.col.to': 'To',
  'mailbox.col.date': 'Date',
  'mailbox.col.status': 'Status',
  'mailbox.noSubject': '(no subject)',
  'mailbox.select': 'Select a message to read it.',
  'mailbox.viewAs': 'Show as',
  'mailbox.view.html': 'HTML',
  'mailbox.view.text': 'Text',
  'mailbox.previewTitle': 'Message: {subject}',
  'mailbox.links': 'Links in this message',
  'mailbox.status.pending': 'Pending',
  'mailbox.status.sending': 'Sending',
  'mailbox.status.sent': 'Sent',
  'mailbox.status.failed': 'Failed',
  'error.network': 'The server could not be reached. Check your connection and try again.',
  'error.unexpected': 'Something went wrong (HTTP {status}). Please try again.',
  'error.retry': 'Try again',
} as const;

// Features keep their own texts beside their pages (features/<f>/<f>.i18n.ts).
const en = { ...coreEn, ...authMessages.en, ...appMessages.en };

export type MessageKey = keyof typeof en;

const coreEs: Record<keyof typeof coreEn, string> = {
  'app.name': 'Mostrador',
  'app.tagline': 'Gestión para vendedores',
  'nav.main': 'Principal',
  'nav.skipToContent': 'Saltar al contenido',
  'tab.dashboard': 'Panel',
  'tab.accounts': 'Cuentas',
  'tab.tickets': 'Tickets',
  'tab.transactions': 'Transacciones',
  'tab.reports': 'Informes',
  'tab.users': 'Usuarios',
  'lang.label': 'Idioma',
  'header.login': 'Iniciar sesión',
  'footer.mailbox': 'Buzón',
  'footer.apiDocs': 'Referencia de la API',
  'page.comingSoon': 'Próximamente.',
  'page.comingSoonDetail': 'Esta sección está en construcción; aparecerá aquí.',
  'login.title': 'Iniciar sesión',
  'login.intro': 'Un solo acceso para todas tus cuentas de vendedor.',
  'login.email': 'Correo electrónico',
  'login.password': 'Contraseña',
  'login.submit': 'Entrar',
  'login.note': 'El inicio de sesión aún no está disponible: este formulario no envía nada.',
  'notFound.title': 'Página no encontrada',
  'notFound.body': 'No hay nada en esta dirección.',
  'notFound.back': 'Ir al panel',
  'mailbox.title': 'Buzón de desarrollo',
  'mailbox.intro': 'Correos que el producto ha dejado en su bandeja de salida, del más reciente al más antiguo. Nada de esto sale de esta máquina.',
  'mailbox.refresh': 'Actualizar',
  'mailbox.loading': 'Cargando…',
  'mailbox.empty': 'Todavía no hay correos.',
  'mailbox.emptyDetail': 'Los mensajes aparecen aquí en cuanto el producto envía uno.',
  'mailbox.disabled': 'El correo se entrega por SMTP; el buzón de desarrollo está desactivado.',
  'mailbox.listLabel': 'Mensajes',
  'mailbox.countOne': '1 mensaje',
  'mailbox.countOther': '{count} mensajes',
  'mailbox.col.subject': 'Asunto',
  'mailbox.col.from': 'De',
  'mailbox.col.to': 'Para',
  'mailbox.col.date': 'Fecha',
  'mailbox.col.status': 'Estado',
  'mailbox.noSubject': '(sin asunto)',
  'mailbox.select': 'Elige un mensaje para leerlo.',
  'mailbox.viewAs': 'Ver como',
  'mailbox.view.html': 'HTML',
  'mailbox.view.text': 'Texto',
  'mailbox.previewTitle': 'Mensaje: {subject}',
  'mailbox.links': 'Enlaces de este mensaje',
  'mailbox.status.pending': 'Pendiente',
  'mailbox.status.sending': 'Enviándose',
  'mailbox.status.sent': 'Enviado',
  'mailbox.status.failed': 'Fallido',
  'error.network': 'No se pudo contactar con el servidor. Revisa tu conexión e inténtalo de nuevo.',
  'error.unexpected': 'Algo salió mal (HTTP {status}). Inténtalo de nuevo.',
  'error.retry': 'Reintentar',
};

const es: Record<MessageKey, string> = { ...coreEs, ...authMessages.es, ...appMessages.es };

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name, shown in the switch whatever the current language. */
export const LANGUAGE_NAMES: Record<Language, string> = { es: 'Español', en: 'English' };

const dictionaries: Record<Language, Record<MessageKey, string>> = { en, es };

export const LANG_STORAGE_KEY = 'mostrador.lang';
export const LANG_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLanguage(value: unknown): value is Language {
  return value === 'es' || value === 'en';
}

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const template = dictionaries[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be off (privacy settings); the cookie still remembers.
  }
  const cookie = readCookie(LANG_COOKIE);
  return isLanguage(cookie) ? cookie : undefined;
}

/** The remembered choice, else the browser's language: es* → es, anything else → en. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = typeof navigator !== 'undefined' ? navigator.language : '';
  return preferred.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // See readStoredLanguage.
  }
  writeCookie(LANG_COOKIE, lang, ONE_YEAR_SECONDS);
}

// The API client runs outside React and needs the language for Accept-Language.
let current: Language = 'en';

export function currentLanguage(): Language {
  return current;
}

function applyLanguage(lang: Language): void {
  current = lang;
  document.documentElement.lang = lang;
}

interface LanguageContextValue {
  lang: Language;
  setLang: (lang: Language) => void;
  t: Translate;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

export function LanguageProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [lang, setLangState] = useState<Language>(() => {
    const start = initial ?? detectLanguage();
    applyLanguage(start);
    return start;
  });

  const setLang = useCallback((next: Language) => {
    rememberLanguage(next);
    applyLanguage(next);
    setLangState(next);
  }, []);

  // A switch in another browser tab follows here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === LANG_STORAGE_KEY && isLanguage(event.newValue)) {
        applyLanguage(event.newValue);
        setLangState(event.newValue);
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const value = useMemo<LanguageContextValue>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  // createElement rather than JSX keeps this file a plain .ts module.
  return createElement(LanguageContext.Provider, { value }, children);
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage() needs a <LanguageProvider> above it');
  return value;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useLanguage().t;
}
