// NOTIF-3: the reference of every e-mail (public, like the help center): each template's
// subject, and its sample rendered sandboxed in the language picked; the whole as one PDF.
import { useEffect, useState } from 'react';
import './emails.css';
import { apiFetch } from '../../lib/api.ts';
import { type Language, useLanguage } from '../../lib/i18n.ts';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

interface Sample {
  subject: string;
  html: string;
  text: string;
}
interface Entry {
  name: string;
  samples: Record<Language, Sample>;
}

export function EmailsPage() {
  const { t, lang } = useLanguage();
  useDocumentTitle(t('emails.title'));
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sampleLang, setSampleLang] = useState<Language>(lang);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    apiFetch<{ items: Entry[] }>('/mail-templates', { signal: controller.signal })
      .then((r) => setEntries(r.items))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, []);

  if (error) return <LoadError message={error} onRetry={() => window.location.reload()} />;
  if (!entries) return <Loading />;
  return (
    <section className="page emails">
      <h1>{t('emails.title')}</h1>
      <p>{t('emails.intro')}</p>
      <p className="emails__tools">
        <a className="button" href="/api/v1/mail-templates.pdf" download>
          {t('emails.download')}
        </a>
        <label>
          {t('emails.sampleIn')}{' '}
          <select value={sampleLang} onChange={(e) => setSampleLang(e.target.value as Language)}>
            <option value="es">{t('emails.lang.es')}</option>
            <option value="en">{t('emails.lang.en')}</option>
          </select>
        </label>
        <span>{t('emails.count', { count: entries.length })}</span>
      </p>
      <ul className="emails__list">
        {entries.map((e) => {
          const sample = e.samples[sampleLang];
          const expanded = open === e.name;
          return (
            <li key={e.name}>
              <button type="button" className="link-button" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : e.name)}>
                <strong>{sample.subject}</strong> <code>{e.name}</code>
              </button>
              {expanded && (
                <iframe className="message__frame" sandbox="" srcDoc={sample.html} title={t('emails.previewTitle', { subject: sample.subject })} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
