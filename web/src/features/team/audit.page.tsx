// The team's audit log, owner only: who changed what, when, from where and how
// (session, API key, e-mailed link…), newest first; older entries load by the `before`
// cursor the server hands back.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { apiFetch } from '../../lib/api.ts';
import { type MessageKey, useLanguage } from '../../lib/i18n.ts';
import { type AccountList, teamAccountsPath } from '../accounts/accounts.api.ts';
import { appMessages } from '../app/app.i18n.ts';
import { formatDateTime } from '../app/format.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors, useResource } from '../app/use-resource.ts';
import { LoadError, Loading } from '../../ui/status.tsx';
import { tabPath } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { permissionLabels } from './grant-pickers.tsx';
import { type AuditEntry, type AuditPage as AuditPageData, type AuditVia, paths, type PermissionCatalog } from './team.api.ts';

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

/**
 * One value of an entry's details, readable: permission ids by their labels, `{ from, to }`
 * as "from → to", lists joined, other objects as nested lists.
 */
function DetailValue({ value, labels }: { value: unknown; labels: Map<string, string> }) {
  if (isPlain(value)) {
    if (value === null || value === undefined || value === '') return <>—</>;
    return <>{typeof value === 'string' ? (labels.get(value) ?? value) : String(value)}</>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <>—</>;
    if (value.every(isPlain)) return <>{value.map((v) => (typeof v === 'string' ? (labels.get(v) ?? v) : String(v))).join(', ')}</>;
    return <>{JSON.stringify(value)}</>;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && 'from' in record && 'to' in record) {
    return (
      <>
        <DetailValue value={record.from} labels={labels} /> → <DetailValue value={record.to} labels={labels} />
      </>
    );
  }
  return (
    <dl className="audit-details">
      {keys.map((key) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>
            <DetailValue value={record[key]} labels={labels} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

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
  const names = new Map(accounts.kind === 'ready' ? accounts.data.accounts.map((a) => [a.id, a.nickname]) : []);
  const labels = useMemo(() => (catalog.kind === 'ready' ? permissionLabels(catalog.data, lang) : new Map<string, string>()), [catalog, lang]);

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
                        {Object.keys(entry.details).length === 0 ? <span className="muted">—</span> : <DetailValue value={entry.details} labels={labels} />}
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
