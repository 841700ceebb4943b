// A seller account's Webhooks page (API-2): its endpoints (address, events, enabled), creating
// one (its signing secret shown once, closed only by "I have stored it"), editing, enabling
// and disabling, renewing the secret, deleting (with a confirmation), and each endpoint's
// delivery log with "Send again".
//
// Like Products, not a tab: webhooks belong to one seller account, so the page lives
// under the account in the URL (`/t/:teamId/a/:accountId/webhooks`), reached from the
// account's page, for whoever holds "API credentials and webhooks" there (owners included).
// The server checks it anyway.
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLanguage, useT } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors } from '../app/use-resource.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { ConfirmDialog, Dialog } from '../../ui/dialog.tsx';
import { FieldError, FormAlert, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { NotAvailablePage } from '../../ui/not-available-page.tsx';
import { OneTimeSecretDialog } from '../../ui/one-time-secret-dialog.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import {
  createEndpoint,
  deleteEndpoint,
  type Delivery,
  type DeliveryStatus,
  type Endpoint,
  EVENT_GROUPS,
  type EventType,
  listDeliveries,
  listEndpoints,
  redeliver,
  renewSecret,
  updateEndpoint,
  webhooksPagePath,
} from './webhooks.api.ts';
import './webhooks.css';

function holdsWebhooks(team: SessionTeam): boolean {
  return team.role === 'owner' || team.permissions.includes('developers.webhooks');
}

interface WebhookAccount {
  id: string;
  nickname: string;
}

type DialogState =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'edit'; endpoint: Endpoint }
  | { kind: 'delete'; endpoint: Endpoint }
  | { kind: 'renew'; endpoint: Endpoint }
  | { kind: 'secret'; secret: string; created: boolean };
type ListState = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; items: Endpoint[] };

export function WebhooksPage() {
  const { t } = useLanguage();
  const team = useTeam();
  const { accountId = '' } = useParams();
  const account = team.accounts.find((a) => a.id === accountId);
  useDocumentTitle(account ? `${t('webhooks.title')} · ${account.nickname}` : t('webhooks.title'));
  if (!holdsWebhooks(team)) return <NotAvailablePage reason="permission" />;
  if (!account) return <NotAvailablePage reason="account" />;
  return <Endpoints key={account.id} team={team} account={account} />;
}

function Endpoints({ team, account }: { team: SessionTeam; account: WebhookAccount }) {
  const { t, lang } = useLanguage();
  const navigate = useNavigate();
  const report = useApiErrors();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const action = useMutation();
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setList((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    listEndpoints(account.id, controller.signal).then(
      (page) => !controller.signal.aborted && setList({ kind: 'ready', items: page.items }),
      (error: unknown) => !controller.signal.aborted && setList({ kind: 'error', error: report(error) }),
    );
    return () => controller.abort();
  }, [account.id, lang, tick, report]);

  const open = (next: DialogState) => {
    action.clear();
    setNotice(null);
    setDialog(next);
  };
  const close = () => setDialog({ kind: 'none' });

  const toggle = async (endpoint: Endpoint) => {
    setNotice(null);
    const saved = await action.run(() => updateEndpoint(account.id, endpoint.id, { enabled: !endpoint.enabled }));
    if (saved) {
      setNotice(t(saved.enabled ? 'webhooks.enabledNotice' : 'webhooks.disabledNotice'));
      reload();
    }
  };

  const items = list.kind === 'ready' ? list.items : [];
  const shown = items.find((e) => e.id === logOf) ?? null;

  const columns: Array<Column<Endpoint>> = [
    {
      label: t('webhooks.col.url'),
      rowHeader: true,
      cell: (e) => (
        <>
          <span className="webhooks__url">{e.url}</span>
          {e.description && <span className="webhooks__detail">{e.description}</span>}
        </>
      ),
    },
    {
      label: t('webhooks.col.events'),
      cell: (e) => (
        <ul className="tag-list">
          {e.events.map((type) => (
            <li key={type} className="tag">
              {t(`webhooks.event.${type}`)}
            </li>
          ))}
        </ul>
      ),
    },
    {
      label: t('webhooks.col.status'),
      cell: (e) => <span className={e.enabled ? 'badge badge--sent' : 'badge'}>{t(e.enabled ? 'webhooks.status.enabled' : 'webhooks.status.disabled')}</span>,
    },
    {
      label: t('common.actions'),
      actions: true,
      cell: (e) => (
        <>
          <button type="button" className="button button--small" aria-pressed={logOf === e.id} onClick={() => setLogOf(logOf === e.id ? null : e.id)}>
            {t('webhooks.deliveries')}
            <span className="visually-hidden"> {e.url}</span>
          </button>
          <button type="button" className="button button--small" onClick={() => open({ kind: 'edit', endpoint: e })}>
            {t('webhooks.edit')}
            <span className="visually-hidden"> {e.url}</span>
          </button>
          <button type="button" className="button button--small" disabled={action.pending} onClick={() => void toggle(e)}>
            {t(e.enabled ? 'webhooks.disable' : 'webhooks.enable')}
            <span className="visually-hidden"> {e.url}</span>
          </button>
          <button type="button" className="button button--small" onClick={() => open({ kind: 'renew', endpoint: e })}>
            {t('webhooks.renew')}
            <span className="visually-hidden"> {e.url}</span>
          </button>
          <button type="button" className="button button--small button--danger-quiet" onClick={() => open({ kind: 'delete', endpoint: e })}>
            {t('webhooks.delete')}
            <span className="visually-hidden"> {e.url}</span>
          </button>
        </>
      ),
    },
  ];

  return (
    <section className="page webhooks" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <p className="page__kicker">{account.nickname}</p>
          <h1 id="page-title" className="page__title">
            {t('webhooks.title')}
          </h1>
          <p className="muted">{t('webhooks.intro')}</p>
        </div>
        <div className="webhooks__tools">
          <Link to={`/t/${team.teamId}/a/${account.id}`} className="button">
            {t('webhooks.accountPage')}
          </Link>
          <button type="button" className="button button--primary" disabled={list.kind !== 'ready'} onClick={() => open({ kind: 'add' })}>
            {t('webhooks.new')}
          </button>
        </div>
      </div>

      {team.accounts.length > 1 && (
        <div className="webhooks__filters">
          <SelectField
            label={t('webhooks.account')}
            value={account.id}
            onChange={(e) => navigate(webhooksPagePath(team.teamId, e.target.value))}
            options={team.accounts.map((a) => ({ value: a.id, label: a.nickname }))}
          />
        </div>
      )}

      {notice && (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      )}
      {dialog.kind === 'none' && action.formError && (
        <p className="alert alert--error" role="alert">
          {action.formError}
        </p>
      )}

      {list.kind === 'loading' && <Loading />}
      {list.kind === 'error' && <LoadError message={list.error.message} onRetry={reload} />}
      {list.kind === 'ready' && items.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('webhooks.empty')}</p>
          <p className="muted">{t('webhooks.emptyHint')}</p>
        </div>
      )}
      {list.kind === 'ready' && items.length > 0 && (
        <DataTable
          caption={t('webhooks.caption', { account: account.nickname })}
          columns={columns}
          rows={items}
          rowKey={(e) => e.id}
          rowClassName={(e) => (e.enabled ? undefined : 'webhooks__row--disabled')}
        />
      )}

      {shown && <DeliveryLog key={shown.id} accountId={account.id} endpoint={shown} onClose={() => setLogOf(null)} />}

      {(dialog.kind === 'add' || dialog.kind === 'edit') && (
        <EndpointFormDialog
          accountId={account.id}
          endpoint={dialog.kind === 'edit' ? dialog.endpoint : undefined}
          onCancel={close}
          onSaved={(secret) => {
            reload();
            if (secret) setDialog({ kind: 'secret', secret, created: true });
            else {
              close();
              setNotice(t('webhooks.saved'));
            }
          }}
        />
      )}
      {dialog.kind === 'secret' && (
        <SecretDialog
          secret={dialog.secret}
          title={t(dialog.created ? 'webhooks.secret.titleCreated' : 'webhooks.secret.titleRenewed')}
          onClose={() => {
            setNotice(dialog.created ? t('webhooks.created') : null);
            close();
          }}
        />
      )}
      {dialog.kind === 'delete' && (
        <ConfirmDialog
          title={t('webhooks.deleteTitle')}
          body={t('webhooks.deleteBody', { url: dialog.endpoint.url })}
          confirmLabel={t('webhooks.delete')}
          danger
          pending={action.pending}
          error={action.formError}
          onCancel={close}
          onConfirm={() =>
            void action.run(() => deleteEndpoint(account.id, dialog.endpoint.id)).then((done) => {
              if (!done) return;
              if (logOf === dialog.endpoint.id) setLogOf(null);
              close();
              setNotice(t('webhooks.deleted'));
              reload();
            })
          }
        />
      )}
      {dialog.kind === 'renew' && (
        <ConfirmDialog
          title={t('webhooks.renewTitle')}
          body={t('webhooks.renewBody')}
          confirmLabel={t('webhooks.renewConfirm')}
          pending={action.pending}
          error={action.formError}
          onCancel={close}
          onConfirm={() =>
            void action.run(() => renewSecret(account.id, dialog.endpoint.id)).then((renewed) => {
              if (renewed) setDialog({ kind: 'secret', secret: renewed.secret, created: false });
            })
          }
        />
      )}
    </section>
  );
}

/** The form's own check of an address, like the server's: an absolute http(s) URL without credentials. */
function badUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return !(url.protocol === 'https:' || url.protocol === 'http:') || !url.hostname || Boolean(url.username || url.password);
  } catch {
    return true;
  }
}

function EndpointFormDialog(props: {
  accountId: string;
  endpoint?: Endpoint | undefined;
  /** With the secret of a new endpoint (to show once); null after an edit. */
  onSaved: (secret: string | null) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const { accountId, endpoint, onSaved, onCancel } = props;
  const formId = useId();
  const eventsErrorId = useId();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [events, setEvents] = useState<ReadonlySet<EventType>>(() => new Set(endpoint?.events ?? ['order.approved']));
  const form = useMutation();
  const eventsField = form.field('events');

  const toggle = (type: EventType, on: boolean) => {
    const next = new Set(events);
    if (on) next.add(type);
    else next.delete(type);
    eventsField.onInput();
    setEvents(next);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = EVENT_GROUPS.flatMap((g) => g.types).filter((type) => events.has(type));
    if (
      form.check({
        url: !url.trim() ? t('error.required') : badUrl(url.trim()) ? t('webhooks.form.badUrl') : undefined,
        events: chosen.length === 0 ? t('webhooks.form.chooseEvent') : undefined,
      })
    )
      return;
    if (!endpoint) {
      const created = await form.run(() => createEndpoint(accountId, { url: url.trim(), events: chosen, description: description.trim() || null }));
      if (created) onSaved(created.secret);
      return;
    }
    const change: { url?: string; events?: EventType[]; description?: string | null } = {};
    if (url.trim() !== endpoint.url) change.url = url.trim();
    if (chosen.join() !== endpoint.events.join()) change.events = chosen;
    if ((description.trim() || null) !== endpoint.description) change.description = description.trim() || null;
    if (Object.keys(change).length === 0) {
      form.setFormError(t('webhooks.form.nothingChanged'));
      return;
    }
    const saved = await form.run(() => updateEndpoint(accountId, endpoint.id, change));
    if (saved) onSaved(null);
  };

  // The first box of the events takes the focus when they are in error.
  let first = true;
  return (
    <Dialog
      title={t(endpoint ? 'webhooks.form.editTitle' : 'webhooks.form.addTitle')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={form.pending}>
            {t(endpoint ? 'common.saveChanges' : 'webhooks.form.create')}
          </button>
        </>
      }
    >
      <form id={formId} className="form webhooks__form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          {...form.field('url')}
          label={t('webhooks.form.url')}
          hint={t('webhooks.form.urlHint')}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={2000}
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <TextField
          {...form.field('description')}
          label={t('webhooks.form.description')}
          hint={t('webhooks.form.descriptionHint')}
          maxLength={200}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <fieldset className="picker" aria-describedby={eventsField.error ? eventsErrorId : undefined} aria-invalid={eventsField.error ? true : undefined}>
          <legend className="picker__legend">{t('webhooks.form.events')}</legend>
          <FieldError id={eventsErrorId} message={eventsField.error} />
          <div className="picker__groups">
            {EVENT_GROUPS.map((group) => (
              <fieldset key={group.id} className="picker__group">
                <legend>{t(`webhooks.group.${group.id}`)}</legend>
                {group.types.map((type) => {
                  const ref = first ? eventsField.ref : undefined;
                  first = false;
                  return (
                    <label key={type} className="check">
                      <input type="checkbox" name="events" value={type} ref={ref} checked={events.has(type)} onChange={(e) => toggle(type, e.target.checked)} />
                      <span>
                        {t(`webhooks.event.${type}`)} <code className="webhooks__type">{type}</code>
                      </span>
                    </label>
                  );
                })}
              </fieldset>
            ))}
          </div>
        </fieldset>
      </form>
      <FormAlert message={form.formError} />
    </Dialog>
  );
}

/** A signing secret, shown this once (ui/one-time-secret-dialog.tsx). */
function SecretDialog({ secret, title, onClose }: { secret: string; title: string; onClose: () => void }) {
  const t = useT();
  const texts = {
    label: t('webhooks.secret.label'),
    copy: t('webhooks.secret.copy'),
    copied: t('webhooks.secret.copied'),
    copyManually: t('webhooks.secret.copyManually'),
    once: t('webhooks.secret.once'),
    done: t('webhooks.secret.done'),
  };
  return <OneTimeSecretDialog secret={secret} title={title} intro={t('webhooks.secret.intro')} texts={texts} onClose={onClose} />;
}

type LogState = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; items: Delivery[]; nextCursor: string | null; more: boolean };
const STATUS_BADGE: Record<DeliveryStatus, string> = { pending: 'badge badge--pending', sending: 'badge badge--sending', succeeded: 'badge badge--sent', failed: 'badge badge--failed' };

/** One endpoint's deliveries, newest first, with "Send again". */
function DeliveryLog({ accountId, endpoint, onClose }: { accountId: string; endpoint: Endpoint; onClose: () => void }) {
  const { t, lang } = useLanguage();
  const report = useApiErrors();
  const titleId = useId();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [log, setLog] = useState<LogState>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const resend = useMutation();
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setLog((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    listDeliveries(accountId, endpoint.id, { status: status || undefined }, controller.signal).then(
      (page) => !controller.signal.aborted && setLog({ kind: 'ready', items: page.items, nextCursor: page.nextCursor, more: false }),
      (error: unknown) => !controller.signal.aborted && setLog({ kind: 'error', error: report(error) }),
    );
    return () => controller.abort();
  }, [accountId, endpoint.id, status, lang, tick, report]);

  const loadMore = async () => {
    if (log.kind !== 'ready' || !log.nextCursor) return;
    setLog({ ...log, more: true });
    try {
      const page = await listDeliveries(accountId, endpoint.id, { status: status || undefined, cursor: log.nextCursor });
      setLog({ kind: 'ready', items: [...log.items, ...page.items], nextCursor: page.nextCursor, more: false });
    } catch (error) {
      setLog({ kind: 'error', error: report(error) });
    }
  };

  const sendAgain = async (delivery: Delivery) => {
    setNotice(null);
    const queued = await resend.run(() => redeliver(accountId, endpoint.id, delivery.id));
    if (queued && log.kind === 'ready') {
      setLog({ ...log, items: log.items.map((d) => (d.id === queued.id ? queued : d)) });
      setNotice(t('webhooks.log.queued'));
    }
  };

  const when = (d: Delivery) => (
    <>
      <span>{t('webhooks.log.createdAt', { time: formatDateTime(d.createdAt, lang) })}</span>
      {d.deliveredAt && <span className="webhooks__detail">{t('webhooks.log.deliveredAt', { time: formatDateTime(d.deliveredAt, lang) })}</span>}
      {!d.deliveredAt && d.lastAttemptAt && <span className="webhooks__detail">{t('webhooks.log.lastAt', { time: formatDateTime(d.lastAttemptAt, lang) })}</span>}
      {d.nextAttemptAt && <span className="webhooks__detail">{t('webhooks.log.nextAt', { time: formatDateTime(d.nextAttemptAt, lang) })}</span>}
    </>
  );

  const columns: Array<Column<Delivery>> = [
    {
      label: t('webhooks.log.col.event'),
      rowHeader: true,
      cell: (d) => (
        <>
          <span>{t(`webhooks.event.${d.eventType}`)}</span>
          <code className="webhooks__detail webhooks__id">{d.eventId}</code>
        </>
      ),
    },
    { label: t('webhooks.log.col.status'), cell: (d) => <span className={STATUS_BADGE[d.status]}>{t(`webhooks.log.status.${d.status}`)}</span> },
    { label: t('webhooks.log.col.attempts'), className: 'webhooks__attempts', cell: (d) => d.attempts },
    {
      label: t('webhooks.log.col.answer'),
      cell: (d) => (
        <>
          {d.lastStatusCode !== null ? <span>HTTP {d.lastStatusCode}</span> : d.attempts > 0 ? <span>{t('webhooks.log.noAnswer')}</span> : <span className="muted">—</span>}
          {d.lastError && d.lastStatusCode === null && <span className="webhooks__detail">{d.lastError}</span>}
        </>
      ),
    },
    { label: t('webhooks.log.col.when'), cell: when },
    {
      label: t('common.actions'),
      actions: true,
      cell: (d) => (
        <button type="button" className="button button--small" disabled={resend.pending || d.status === 'sending' || !endpoint.enabled} onClick={() => void sendAgain(d)}>
          {t('webhooks.log.sendAgain')}
          <span className="visually-hidden"> {d.eventId}</span>
        </button>
      ),
    },
  ];

  return (
    <section className="card section webhooks__log" aria-labelledby={titleId}>
      <div className="section__head">
        <div>
          <h2 id={titleId} className="section__title">
            {t('webhooks.log.title')}
          </h2>
          <p className="muted webhooks__log-of">{t('webhooks.log.of', { url: endpoint.url })}</p>
        </div>
        <div className="webhooks__tools">
          <button type="button" className="button button--small" onClick={reload}>
            {t('common.refresh')}
          </button>
          <button type="button" className="button button--small" onClick={onClose}>
            {t('webhooks.log.close')}
          </button>
        </div>
      </div>
      <div className="webhooks__filters">
        <SelectField
          label={t('webhooks.log.show')}
          value={status}
          onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}
          options={[
            { value: '', label: t('webhooks.log.all') },
            ...(['failed', 'pending', 'succeeded'] as const).map((s) => ({ value: s, label: t(`webhooks.log.status.${s}`) })),
          ]}
        />
      </div>
      {notice && (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      )}
      <FormAlert message={resend.formError} />
      {log.kind === 'loading' && <Loading />}
      {log.kind === 'error' && <LoadError message={log.error.message} onRetry={reload} />}
      {log.kind === 'ready' && log.items.length === 0 && <p className="muted">{t(status ? 'webhooks.log.emptyFiltered' : 'webhooks.log.empty')}</p>}
      {log.kind === 'ready' && log.items.length > 0 && (
        <>
          <DataTable columns={columns} rows={log.items} rowKey={(d) => d.id} />
          {log.nextCursor && (
            <div className="load-more">
              <button type="button" className="button" disabled={log.more} onClick={() => void loadMore()}>
                {t('webhooks.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
