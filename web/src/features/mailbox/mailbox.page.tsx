// Development mailbox (NOTIF-4): reads the outbox so e-mailed links (confirmations,
// tickets) can be followed without a mail server. The HTML is shown in a fully
// sandboxed iframe: no scripts, no same-origin access, no forms.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type Language, type MessageKey, useLanguage } from '../../lib/i18n.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { fetchMailbox, type Mailbox, type MailboxMessage } from './mailbox.api.ts';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; mailbox: Mailbox; refreshing: boolean };

type View = 'html' | 'text';

const STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'mailbox.status.pending',
  sending: 'mailbox.status.sending',
  sent: 'mailbox.status.sent',
  failed: 'mailbox.status.failed',
};

export function MailboxPage() {
  const { t, lang } = useLanguage();
  useDocumentTitle(t('mailbox.title'));
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [params, setParams] = useSearchParams();
  const abortRef = useRef<AbortController | null>(null);

  const load = useCallback(() => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setState((prev) => (prev.kind === 'ready' ? { ...prev, refreshing: true } : { kind: 'loading' }));
    fetchMailbox(controller.signal).then(
      (mailbox) => {
        if (!controller.signal.aborted) setState({ kind: 'ready', mailbox, refreshing: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof ApiError ? error.message : String(error);
        setState({ kind: 'error', message });
      },
    );
  }, []);

  useEffect(() => {
    load();
    return () => abortRef.current?.abort();
  }, [load]);

  const messages = state.kind === 'ready' ? state.mailbox.messages : [];
  // The selection lives in the URL (?m=<id>) so a message can be linked to; default: the newest.
  const selectedId = params.get('m');
  const selected = messages.find((m) => m.id === selectedId) ?? messages[0];
  const select = (id: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('m', id);
        return next;
      },
      { replace: true },
    );

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('mailbox.title')}
          </h1>
          <p className="muted">{t('mailbox.intro')}</p>
        </div>
        <button
          type="button"
          className="button"
          onClick={load}
          disabled={state.kind === 'loading' || (state.kind === 'ready' && state.refreshing)}
        >
          {t('common.refresh')}
        </button>
      </div>

      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError message={state.message} onRetry={load} />}

      {state.kind === 'ready' && !state.mailbox.enabled && (
        <p className="note" role="note">
          {t('mailbox.disabled')}
        </p>
      )}

      {state.kind === 'ready' && state.mailbox.enabled && messages.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('mailbox.empty')}</p>
          <p className="muted">{t('mailbox.emptyDetail')}</p>
        </div>
      )}

      {state.kind === 'ready' && state.mailbox.enabled && messages.length > 0 && (
        <div className="mailbox">
          <MessageList messages={messages} selectedId={selected?.id} onSelect={select} lang={lang} />
          {selected ? <MessageView key={selected.id} message={selected} lang={lang} /> : <p className="muted">{t('mailbox.select')}</p>}
        </div>
      )}
    </section>
  );
}

function StatusBadge({ status }: { status: string }) {
  const { t } = useLanguage();
  const key = STATUS_KEYS[status];
  return <span className={`badge badge--${key ? status : 'other'}`}>{key ? t(key) : status}</span>;
}

function MessageList(props: {
  messages: MailboxMessage[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  lang: Language;
}) {
  const { t } = useLanguage();
  const { messages, selectedId, onSelect, lang } = props;
  const count = messages.length === 1 ? t('mailbox.countOne') : t('mailbox.countOther', { count: messages.length });
  const columns: Array<Column<MailboxMessage>> = [
    {
      label: t('mailbox.col.subject'),
      cell: (m) => (
        <button type="button" className="link-button" aria-current={m.id === selectedId ? 'true' : undefined} onClick={() => onSelect(m.id)}>
          {m.subject || t('mailbox.noSubject')}
        </button>
      ),
    },
    { label: t('mailbox.col.from'), className: 'cell-ellipsis', cell: (m) => m.from },
    { label: t('mailbox.col.to'), className: 'cell-ellipsis', cell: (m) => m.to },
    { label: t('mailbox.col.date'), cell: (m) => <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lang)}</time> },
    { label: t('mailbox.col.status'), cell: (m) => <StatusBadge status={m.status} /> },
  ];
  return (
    <DataTable
      wrapperClassName="mailbox__list"
      caption={
        <>
          {t('mailbox.listLabel')} <span className="muted">({count})</span>
        </>
      }
      columns={columns}
      rows={messages}
      rowKey={(m) => m.id}
      rowClassName={(m) => (m.id === selectedId ? 'is-selected' : undefined)}
    />
  );
}

/**
 * The http(s) links of a message. The sandboxed preview cannot open them (no top-level
 * navigation, and the app refuses to be framed), so they are listed to be followed here.
 * DOMParser builds an inert document: nothing in it runs or loads.
 */
export function extractLinks(html: string, text: string): string[] {
  const found = new Set<string>();
  if (html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
      const href = a.getAttribute('href')?.trim() ?? '';
      if (/^https?:\/\//i.test(href)) found.add(href);
    }
  }
  for (const match of text.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) found.add(match[0].replace(/[.,;:!?]+$/, ''));
  return [...found];
}

function MessageView({ message, lang }: { message: MailboxMessage; lang: Language }) {
  const { t } = useLanguage();
  const [view, setView] = useState<View>(message.html ? 'html' : 'text');
  const links = useMemo(() => extractLinks(message.html, message.text), [message.html, message.text]);
  const headingId = useId();
  const subject = message.subject || t('mailbox.noSubject');
  return (
    <article className="mailbox__view card" aria-labelledby={headingId}>
      <header className="message__head">
        <h2 id={headingId} className="message__subject">
          {subject}
        </h2>
        <dl className="message__meta">
          <dt>{t('mailbox.col.from')}</dt>
          <dd>{message.from}</dd>
          <dt>{t('mailbox.col.to')}</dt>
          <dd>{message.to}</dd>
          <dt>{t('mailbox.col.date')}</dt>
          <dd>
            <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, lang)}</time>
          </dd>
          <dt>{t('mailbox.col.status')}</dt>
          <dd>
            <StatusBadge status={message.status} />
          </dd>
        </dl>
        <div className="segmented" role="group" aria-label={t('mailbox.viewAs')}>
          {(['html', 'text'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {t(v === 'html' ? 'mailbox.view.html' : 'mailbox.view.text')}
            </button>
          ))}
        </div>
      </header>
      {view === 'html' ? (
        <iframe className="message__frame" sandbox="" srcDoc={message.html} title={t('mailbox.previewTitle', { subject })} />
      ) : (
        <pre className="message__text">{message.text}</pre>
      )}
      {links.length > 0 && (
        <nav className="message__links" aria-label={t('mailbox.links')}>
          <h3 className="message__links-title">{t('mailbox.links')}</h3>
          <ul>
            {links.map((href) => (
              <li key={href}>
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </article>
  );
}
