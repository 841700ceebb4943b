// The team's audit log, owner only: who changed what, when, from where and how
// (session, API key, e-mailed link…), newest first; older entries load by the `before`
// cursor the server hands back.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { apiFetch } from '../../lib/api.ts';
import { hasMessage, type Language, type MessageKey, useLanguage } from '../../lib/i18n.ts';
import { fullName } from '../../lib/session.tsx';
import { type AccountList, teamAccountsPath } from '../accounts/accounts.api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors, useResource } from '../app/use-resource.ts';
import { permissionLabels } from '../team/grant.ts';
import { type MemberList, paths, type ProfileList } from '../team/team.api.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { tabPath } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type AuditEntry, type AuditPage as AuditPageData, auditPath, type AuditVia } from './audit.api.ts';

const VIA_KEYS: Record<AuditVia, MessageKey> = {
  session: 'audit.via.session',
  api_key: 'audit.via.api_key',
  cli: 'audit.via.cli',
  system: 'audit.via.system',
  link: 'audit.via.link',
};

/** Known actions and records read as words; anything newer shows its code. */
function actionKey(action: string): MessageKey | null {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? key : null;
}

function entityKey(entityType: string): MessageKey | null {
  const key = `audit.entity.${entityType}`;
  return hasMessage(key) ? key : null;
}

function isPlain(value: unknown): value is string | number | boolean | null | undefined {
  return value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** What a detail value needs to read as words: names for ids and permission codes, the language. */
interface DetailContext {
  /** Permission ids, account, profile and member ids, and known codes → their labels. */
  names: Map<string, string>;
  t: (key: MessageKey) => string;
  lang: Language;
}

function fieldLabel(key: string, t: DetailContext['t']): string {
  const k = `audit.field.${key}`;
  return hasMessage(k) ? t(k) : key;
}

function plainText(value: string | number | boolean | null | undefined, c: DetailContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return c.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return String(value);
  if (ISO_INSTANT.test(value)) return formatDateTime(value, c.lang);
  return c.names.get(value) ?? value;
}

/**
 * One value of an entry's details, readable: field names, yes/no, dates, ids and permission codes
 * by their names, `{ from, to }` as "from → to", lists joined, other objects as nested lists.
 * A name not known (a deleted profile, say) shows as recorded.
 */
function DetailValue({ value, context, field }: { value: unknown; context: DetailContext; field?: string }) {
  if (isPlain(value)) return <>{plainText(value, context)}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>—</>;
    // `fields` lists what changed: field names, read as their labels.
    if (field === 'fields') return <>{value.map((v) => fieldLabel(String(v), context.t)).join(', ')}</>;
    if (value.every(isPlain)) return <>{value.map((v) => plainText(v, context)).join(', ')}</>;
    return <>{JSON.stringify(value)}</>;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && 'from' in record && 'to' in record) {
    return (
      <>
        <DetailValue value={record.from} context={context} field={field} /> → <DetailValue value={record.to} context={context} field={field} />
      </>
    );
  }
  return (
    <dl className="audit-details">
      {keys.map((key) => (
        <div key={key}>
          <dt>{fieldLabel(key, context.t)}</dt>
          <dd>
            <DetailValue value={record[key]} context={context} field={key} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Codes that some entries record as values (why a link was sent, which e-mail went out). */
const CODE_KEYS = ['reset', 'setup', 'no_longer_api_only', 'password_setup', 'added_to_team'] as const;

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; entries: AuditEntry[]; nextBefore: string | null; more: 'idle' | 'loading' | { error: string } };

export function AuditPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  useDocumentTitle(t('audit.title'));
  const report = useApiErrors();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [accounts] = useResource<AccountList>(teamAccountsPath(team.teamId));
  const [profiles] = useResource<ProfileList>(paths.profiles(team.teamId));
  const [members] = useResource<MemberList>(paths.members(team.teamId));
  const names = useMemo(() => new Map(accounts.kind === 'ready' ? accounts.data.accounts.map((a) => [a.id, a.nickname]) : []), [accounts]);
  const context = useMemo((): DetailContext => {
    const all = permissionLabels(lang);
    for (const [id, nickname] of names) all.set(id, nickname);
    if (profiles.kind === 'ready') for (const p of profiles.data.profiles) all.set(p.id, p.name);
    if (members.kind === 'ready') for (const m of members.data.members) all.set(m.id, fullName(m) || m.email);
    for (const code of CODE_KEYS) all.set(code, t(`audit.value.${code}`));
    return { names: all, t, lang };
  }, [profiles, members, names, lang, t]);

  const loadFirst = useCallback(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    apiFetch<AuditPageData>(auditPath(team.teamId), { signal: controller.signal }).then(
      (page) => setState({ kind: 'ready', entries: page.entries, nextBefore: page.nextBefore, more: 'idle' }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: report(error).message });
      },
    );
    return () => controller.abort();
  }, [team.teamId, report]);

  useEffect(() => loadFirst(), [loadFirst]);

  const loadMore = async () => {
    if (state.kind !== 'ready' || !state.nextBefore) return;
    const before = state.nextBefore;
    setState({ ...state, more: 'loading' });
    try {
      const page = await apiFetch<AuditPageData>(auditPath(team.teamId, before));
      setState((prev) => {
        if (prev.kind !== 'ready') return prev;
        const seen = new Set(prev.entries.map((e) => e.id));
        return { kind: 'ready', entries: [...prev.entries, ...page.entries.filter((e) => !seen.has(e.id))], nextBefore: page.nextBefore, more: 'idle' };
      });
    } catch (error) {
      const message = report(error).message;
      setState((prev) => (prev.kind === 'ready' ? { ...prev, more: { error: message } } : prev));
    }
  };

  const columns: Array<Column<AuditEntry>> = [
    { label: t('audit.col.when'), cell: (entry) => <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time> },
    {
      label: t('audit.col.who'),
      className: 'cell-ellipsis',
      cell: (entry) => (
        <>
          {entry.actorLabel}
          {entry.ip && <div className="muted small">{entry.ip}</div>}
        </>
      ),
    },
    { label: t('audit.col.via'), cell: (entry) => t(VIA_KEYS[entry.via] ?? 'audit.via.system') },
    {
      label: t('audit.col.action'),
      cell: (entry) => {
        const action = actionKey(entry.action);
        return action ? t(action) : <code>{entry.action}</code>;
      },
    },
    {
      label: t('audit.col.record'),
      cell: (entry) => {
        const entity = entityKey(entry.entityType);
        return (
          <>
            {entity ? t(entity) : entry.entityType}
            {entry.entityId && <span className="muted small"> {entry.entityId.slice(-8)}</span>}
            {entry.accountId && <div className="muted small">{names.get(entry.accountId) ?? entry.accountId.slice(-8)}</div>}
          </>
        );
      },
    },
    {
      label: t('audit.col.details'),
      cell: (entry) => (Object.keys(entry.details).length === 0 ? <span className="muted">—</span> : <DetailValue value={entry.details} context={context} />),
    },
  ];

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('audit.title')}
          </h1>
          <p className="muted">{t('audit.intro')}</p>
        </div>
        <Link to={tabPath(team.teamId, 'users')} className="button">
          {t('audit.back')}
        </Link>
      </div>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError message={state.message} onRetry={loadFirst} />}
      {state.kind === 'ready' && state.entries.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('audit.empty')}</p>
        </div>
      )}
      {state.kind === 'ready' && state.entries.length > 0 && (
        <>
          <DataTable
            caption={
              <>
                {t('audit.caption')} <span className="muted">({state.entries.length})</span>
              </>
            }
            columns={columns}
            rows={state.entries}
            rowKey={(entry) => entry.id}
          />
          {typeof state.more === 'object' && <LoadError message={state.more.error} />}
          <p className="load-more">
            {state.nextBefore ? (
              <button type="button" className="button" onClick={() => void loadMore()} disabled={state.more === 'loading'}>
                {t('audit.loadMore')}
              </button>
            ) : (
              <span className="muted">{t('audit.end')}</span>
            )}
          </p>
        </>
      )}
    </section>
  );
}
