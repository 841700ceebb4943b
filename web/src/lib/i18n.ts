// Languages of the web app: the texts (web/src/messages.ts, each feature's beside its
// pages), the reader's choice and `t()`. The choice is kept in localStorage and in the
// `lang` cookie, which the server reads for e-mails and errors.
import { createContext, createElement, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { dictionaries, type MessageKey } from '../messages.ts';
import { readCookie, writeCookie } from './cookies.ts';

export type { MessageKey };

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name, shown in the switch whatever the current language. */
export const LANGUAGE_NAMES: Record<Language, string> = { es: 'Español', en: 'English' };

export const LANG_STORAGE_KEY = 'mostrador.lang';
export const LANG_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLanguage(value: unknown): value is Language {
  return value === 'es' || value === 'en';
}

/** Whether a key built at run time (an audit action's code, say) has a text. */
export function hasMessage(key: string): key is MessageKey {
  return key in dictionaries.en;
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
