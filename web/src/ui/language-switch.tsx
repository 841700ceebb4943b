import { type Language, LANGUAGE_NAMES, LANGUAGES, useLanguage } from '../lib/i18n.ts';

/**
 * es/en toggle; each language is named in itself so either reader can find theirs.
 * `onChange` lets the signed-in back office also save the choice on the person.
 */
export function LanguageSwitch({ onChange }: { onChange?: (lang: Language) => void }) {
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
          onClick={() => {
            setLang(code);
            onChange?.(code);
          }}
        >
          {/* Visible "ES"; accessible name "ES Español", so the visible label is part of it. */}
          <span className="lang-switch__code">{code.toUpperCase()}</span>
          <span className="visually-hidden"> {LANGUAGE_NAMES[code]}</span>
        </button>
      ))}
    </div>
  );
}
