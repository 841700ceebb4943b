// The team's audit log, owner only: who changed what, when, from where and how
// (session, API key, e-mailed link…), newest first; older entries load by the `before`
// cursor the server hands back.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { apiFetch } from '../../lib/api.ts';
import { type Language, type MessageKey, useLanguage } from '../../lib/i18n.ts';
import { fullName } from '../../lib/session.tsx';
import { type AccountList, teamAccountsPath } from '../accounts/accounts.api.ts';
import { appMessages } from '../app/app.i18n.ts';
import { formatDateTime } from '../app/format.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors, useResource } from '../app/use-resource.ts';
import { LoadError, Loading } from '../../ui/status.tsx';
import { tabPath } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { permissionLabels } from './grant-pickers.tsx';
import { type AuditEntry, type AuditPage as AuditPageData, type AuditVia, type Member, paths, type PermissionCatalog, type Profile } from './team.api.ts';

const VIA_KEYS: Record<AuditVia, MessageKey> = {
  session: 'app.audit.via.session',
  api_key: 'app.audit.via.api_key',
  cli: 'app.audit.via.cli',
  system: 'app.audit.via.system',
  link: 'app.audit.via.link',
};

function isMessageKey(key: string): key is MessageKey {
  return key in appMessages.en;
}

/** Known actions and records read as words; anything newer shows its code. */
function actionKey(action: string): MessageKey | null {
  const key = `app.audit.action.${action}`;
  return isMessageKey(key) ? key : null;
}

function entityKey(entityType: string): MessageKey | null {
  const key = `app.audit.entity.${entityType}`;
  return isMessageKey(key) ? key : null;
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
  const k = `app.audit.field.${key}`;
  return isMessageKey(k) ? t(k) : key;
}

function plainText(value: string | number | boolean | null | undefined, c: DetailContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return c.t(value ? 'app.common.yes' : 'app.common.no');
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
  useDocumentTitle(t('app.audit.title'));
  const report = useApiErrors();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [accounts] = useResource<AccountList>(teamAccountsPath(team.teamId));
  const [catalog] = useResource<PermissionCatalog>(paths.catalog);
  const [profiles] = useResource<{ profiles: Profile[] }>(paths.profiles(team.teamId));
  const [members] = useResource<{ members: Member[] }>(paths.members(team.teamId));
  const names = useMemo(() => new Map(accounts.kind === 'ready' ? accounts.data.accounts.map((a) => [a.id, a.nickname]) : []), [accounts]);
  const context = useMemo((): DetailContext => {
    const all = new Map<string, string>(catalog.kind === 'ready' ? permissionLabels(catalog.data, lang) : []);
    for (const [id, nickname] of names) all.set(id, nickname);
    if (profiles.kind === 'ready') for (const p of profiles.data.profiles) all.set(p.id, p.name);
    if (members.kind === 'ready') for (const m of members.data.members) all.set(m.id, fullName(m) || m.email);
    for (const code of CODE_KEYS) all.set(code, t(`app.audit.value.${code}`));
    return { names: all, t, lang };
  }, [catalog, profiles, members, names, lang, t]);

  const loadFirst = useCallback(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    apiFetch<AuditPageData>(paths.audit(team.teamId), { signal: controller.signal }).then(
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
      const page = await apiFetch<AuditPageData>(paths.audit(team.teamId, before));
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

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('app.audit.title')}
          </h1>
          <p className="muted">{t('app.audit.intro')}</p>
        </div>
        <Link to={tabPath(team.teamId, 'users')} className="button">
          {t('app.audit.back')}
        </Link>
      </div>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError message={state.message} onRetry={loadFirst} />}
      {state.kind === 'ready' && state.entries.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('app.audit.empty')}</p>
        </div>
      )}
      {state.kind === 'ready' && state.entries.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="table__caption">
                {t('app.audit.caption')} <span className="muted">({state.entries.length})</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('app.audit.col.when')}</th>
                  <th scope="col">{t('app.audit.col.who')}</th>
                  <th scope="col">{t('app.audit.col.via')}</th>
                  <th scope="col">{t('app.audit.col.action')}</th>
                  <th scope="col">{t('app.audit.col.record')}</th>
                  <th scope="col">{t('app.audit.col.details')}</th>
                </tr>
              </thead>
              <tbody>
                {state.entries.map((entry) => {
                  const action = actionKey(entry.action);
                  const entity = entityKey(entry.entityType);
                  return (
                    <tr key={entry.id}>
                      <td data-label={t('app.audit.col.when')}>
                        <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
                      </td>
                      <td data-label={t('app.audit.col.who')} className="cell-ellipsis">
                        {entry.actorLabel}
                        {entry.ip && <div className="muted small">{entry.ip}</div>}
                      </td>
                      <td data-label={t('app.audit.col.via')}>{t(VIA_KEYS[entry.via] ?? 'app.audit.via.system')}</td>
                      <td data-label={t('app.audit.col.action')}>{action ? t(action) : <code>{entry.action}</code>}</td>
                      <td data-label={t('app.audit.col.record')}>
                        {entity ? t(entity) : entry.entityType}
                        {entry.entityId && <span className="muted small"> {entry.entityId.slice(-8)}</span>}
                        {entry.accountId && <div className="muted small">{names.get(entry.accountId) ?? entry.accountId.slice(-8)}</div>}
                      </td>
                      <td data-label={t('app.audit.col.details')}>
                        {Object.keys(entry.details).length === 0 ? <span className="muted">—</span> : <DetailValue value={entry.details} context={context} />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {typeof state.more === 'object' && <LoadError message={state.more.error} />}
          <p className="load-more">
            {state.nextBefore ? (
              <button type="button" className="button" onClick={() => void loadMore()} disabled={state.more === 'loading'}>
                {t('app.audit.loadMore')}
              </button>
            ) : (
              <span className="muted">{t('app.audit.end')}</span>
            )}
          </p>
        </>
      )}
    </section>
  );
}
