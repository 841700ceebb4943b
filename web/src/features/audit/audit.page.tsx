// The team's audit log, owner only: who changed what, when, from where and how
// (session, API key, e-mailed link…), newest first; older entries load by the `before`
// cursor the server hands back. Filters by action, who acted and dates (issue 7) live in the
// page's address, so a filtered view survives a reload and can be shared with the link.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
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
import { SelectField, TextField } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { tabPath } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type AuditEntry, type AuditFilter, type AuditPage as AuditPageData, auditPath, type AuditVia } from './audit.api.ts';
import { auditMessages } from './audit.i18n.ts';

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
const CODE_KEYS = ['reset', 'setup', 'no_longer_api_only', 'password_setup', 'added_to_team', 'acceptance_requested', 'none'] as const;

/** Who acted when it was no person: the labels the server records, read as words. */
const ACTOR_KEYS: Record<string, MessageKey> = { 'demo data': 'audit.actor.demo', system: 'audit.actor.system', cli: 'audit.actor.cli' };

/** Every action with a text, by its code (`member.disabled`), for the filter. */
const ACTIONS = Object.keys(auditMessages.en)
  .filter((key) => key.startsWith('audit.action.'))
  .map((key) => ({ code: key.slice('audit.action.'.length), key: key as MessageKey }));

/** The filters as the address holds them: dates as days (YYYY-MM-DD) of the reader's calendar. */
interface FilterForm {
  action: string;
  who: string;
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The reader's local midnight starting `day`, plus `days`, as an instant. */
function dayStart(day: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}

/** What the API takes: `to` is the whole day chosen, so its end is the next day's start. */
function apiFilter(form: FilterForm): AuditFilter {
  return {
    ...(form.action && { action: form.action }),
    ...(form.who && { actorUserId: form.who }),
    ...(DAY.test(form.from) && { from: dayStart(form.from) }),
    ...(DAY.test(form.to) && { to: dayStart(form.to, 1) }),
  };
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; entries: AuditEntry[]; nextBefore: string | null; more: 'idle' | 'loading' | { error: string } };

export function AuditPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  useDocumentTitle(t('audit.title'));
  const report = useApiErrors();
  const filtersId = useId();
  const [params, setParams] = useSearchParams();
  const form: FilterForm = { action: params.get('action') ?? '', who: params.get('who') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const toBeforeFrom = DAY.test(form.from) && DAY.test(form.to) && form.to < form.from;
  const filtered = Object.values(form).some(Boolean);
  // A text key: the loader below runs again when the filters change, not on every render.
  const filterKey = toBeforeFrom ? null : JSON.stringify(apiFilter(form));
  const setFilter = (name: keyof FilterForm, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
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
    if (filterKey === null) return undefined;
    const controller = new AbortController();
    setState({ kind: 'loading' });
    apiFetch<AuditPageData>(auditPath(team.teamId, null, JSON.parse(filterKey) as AuditFilter), { signal: controller.signal }).then(
      (page) => setState({ kind: 'ready', entries: page.entries, nextBefore: page.nextBefore, more: 'idle' }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: report(error).message });
      },
    );
    return () => controller.abort();
  }, [team.teamId, report, filterKey]);

  useEffect(() => loadFirst(), [loadFirst]);

  const loadMore = async () => {
    if (state.kind !== 'ready' || !state.nextBefore) return;
    const before = state.nextBefore;
    setState({ ...state, more: 'loading' });
    try {
      const page = await apiFetch<AuditPageData>(auditPath(team.teamId, before, filterKey ? (JSON.parse(filterKey) as AuditFilter) : {}));
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

  /** A person by the label recorded (their e-mail); the app's own actors in the reader's language. */
  const actorName = (entry: AuditEntry): string => {
    const key = entry.actorUserId === null ? ACTOR_KEYS[entry.actorLabel] : undefined;
    return key ? t(key) : entry.actorLabel;
  };
  /** An account by its nickname now, else (unlinked since) as the entry recorded it. */
  const accountName = (entry: AuditEntry): string => {
    const id = entry.accountId ?? '';
    const recorded = entry.details.nickname ?? entry.details.username;
    return names.get(id) ?? (typeof recorded === 'string' ? recorded : id.slice(-8));
  };
  const people = useMemo(
    () =>
      members.kind === 'ready'
        ? members.data.members
            .flatMap((m) => (m.userId ? [{ value: m.userId, label: fullName(m) || m.email }] : []))
            .sort((a, b) => a.label.localeCompare(b.label, lang))
        : [],
    [members, lang],
  );
  const actions = useMemo(() => ACTIONS.map((a) => ({ value: a.code, label: t(a.key) })).sort((a, b) => a.label.localeCompare(b.label, lang)), [t, lang]);

  const columns: Array<Column<AuditEntry>> = [
    { label: t('audit.col.when'), cell: (entry) => <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time> },
    {
      label: t('audit.col.who'),
      className: 'cell-ellipsis',
      title: (entry) => actorName(entry),
      cell: (entry) => (
        <>
          {actorName(entry)}
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
      className: 'audit-record',
      cell: (entry) => {
        const entity = entityKey(entry.entityType);
        // The record by its name where known; a seller account that is the record is named once.
        const subject = entry.entityId && entry.entityId !== entry.accountId ? (context.names.get(entry.entityId) ?? entry.entityId.slice(-8)) : null;
        return (
          <>
            {entity ? t(entity) : entry.entityType}
            {subject && <span className="muted small"> {subject}</span>}
            {entry.accountId && <div className="muted small">{accountName(entry)}</div>}
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
      <form className="card form form--inline audit-filters" role="search" aria-labelledby={filtersId} noValidate onSubmit={(e) => e.preventDefault()}>
        <h2 id={filtersId} className="visually-hidden">
          {t('audit.filters')}
        </h2>
        <SelectField
          label={t('audit.filter.action')}
          name="action"
          value={form.action}
          placeholder={t('audit.filter.anyAction')}
          options={actions}
          onChange={(e) => setFilter('action', e.target.value)}
        />
        <SelectField
          label={t('audit.filter.who')}
          name="who"
          value={form.who}
          placeholder={t('audit.filter.anyone')}
          options={people}
          onChange={(e) => setFilter('who', e.target.value)}
        />
        <TextField label={t('audit.filter.from')} name="from" type="date" value={form.from} max={form.to || undefined} onChange={(e) => setFilter('from', e.target.value)} />
        <TextField
          label={t('audit.filter.to')}
          name="to"
          type="date"
          value={form.to}
          min={form.from || undefined}
          error={toBeforeFrom ? t('audit.filter.toBeforeFrom') : undefined}
          onChange={(e) => setFilter('to', e.target.value)}
        />
        <div className="form__actions">
          <button type="button" className="button" disabled={!filtered} onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('audit.filter.clear')}
          </button>
        </div>
      </form>
      {toBeforeFrom ? null : (
        <>
          {state.kind === 'loading' && <Loading />}
          {state.kind === 'error' && <LoadError message={state.message} onRetry={loadFirst} />}
          {state.kind === 'ready' && state.entries.length === 0 && (
            <div className="empty">
              <p className="empty__title">{t(filtered ? 'audit.filter.none' : 'audit.empty')}</p>
            </div>
          )}
        </>
      )}
      {!toBeforeFrom && state.kind === 'ready' && state.entries.length > 0 && (
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
