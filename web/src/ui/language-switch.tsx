import { LANGUAGE_NAMES, LANGUAGES, useLanguage } from '../lib/i18n.ts';

/**
 * es/en toggle; each language is named in itself so either reader can find theirs. It
 * changes the screen only (this browser's `lang` cookie): the language of a signed-in
 * person's e-mails is their own setting, on My profile.
 */
export function LanguageSwitch() {
  const { lang, setLang, t } = useLanguage();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="lang-switch__option"
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          {/* Visible "ES"; accessible name "ES Español", so the visible label is part of it. */}
          <span className="lang-switch__code">{code.toUpperCase()}</span>
          <span className="visually-hidden"> {LANGUAGE_NAMES[code]}</span>
        </button>
      ))}
    </div>
  );
}
