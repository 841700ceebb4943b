// The Accounts tab (owner only, MA-5, MA-6, MA-8): the linked seller accounts, each opened
// in its own browser tab (the account is in the URL, so several can be open at once),
// unlinked with the icon beside it, and "link another account" by its username and
// password, confirmed from the account's e-mail; the requests still waiting for that
// e-mail are listed, to send again or cancel (issue 7).
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { LANGUAGE_NAMES, useLanguage } from '../../lib/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useResource } from '../app/use-resource.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { ExternalIcon, UnlinkIcon } from '../../ui/icons.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import {
  type Account,
  type AccountList,
  cancelLinkRequest,
  type LinkRequest,
  type LinkRequestList,
  linkRequestsPath,
  requestLink,
  resendLinkRequest,
  teamAccountsPath,
  unlinkAccount,
} from './accounts.api.ts';

export function AccountsPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  const { refresh } = useSession();
  useDocumentTitle(t('tab.accounts'));
  const [list, reloadAccounts] = useResource<AccountList>(teamAccountsPath(team.teamId));
  const [pending, reloadPending] = useResource<LinkRequestList>(linkRequestsPath(team.teamId));
  const reload = useCallback(() => {
    reloadAccounts();
    reloadPending();
  }, [reloadAccounts, reloadPending]);
  const [unlinking, setUnlinking] = useState<Account | null>(null);
  const unlink = useMutation();

  // A link is completed from an e-mail, usually in another browser tab: coming back here
  // shows it without a manual refresh.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    window.addEventListener('focus', reload);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', reload);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);

  const confirmUnlink = async () => {
    if (!unlinking) return;
    const done = await unlink.run(() => unlinkAccount(team.teamId, unlinking.id));
    if (done) {
      setUnlinking(null);
      reload();
      void refresh(); // the team's accounts in the session (scopes, redirects)
    }
  };

  const columns: Array<Column<Account>> = [
    { label: t('accounts.col.nickname'), rowHeader: true, cell: (account) => account.nickname },
    { label: t('accounts.col.username'), cell: (account) => account.username },
    { label: t('accounts.col.timeZone'), cell: (account) => account.timeZone ?? 'UTC' },
    { label: t('accounts.col.locale'), cell: (account) => LANGUAGE_NAMES[account.locale] ?? account.locale },
    {
      label: t('accounts.col.linkedAt'),
      cell: (account) => account.linkedAt && <time dateTime={account.linkedAt}>{formatDate(account.linkedAt, lang)}</time>,
    },
    {
      label: t('common.actions'),
      actions: true,
      cell: (account) => (
        <>
          {/* MA-6: a new browser tab per account; the account is in the URL. */}
          <a className="button button--small" href={`/t/${team.teamId}/a/${account.id}`} target="_blank" rel="noopener">
            {t('accounts.open')}
            <span className="visually-hidden"> {account.nickname}</span>
            <span className="visually-hidden"> {t('common.newTab')}</span>
            <ExternalIcon />
          </a>
          <button
            type="button"
            className="icon-button icon-button--danger"
            aria-label={t('accounts.unlinkLabel', { nickname: account.nickname })}
            title={t('accounts.unlinkLabel', { nickname: account.nickname })}
            onClick={() => {
              unlink.clear();
              setUnlinking(account);
            }}
          >
            <UnlinkIcon />
          </button>
        </>
      ),
    },
  ];

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('tab.accounts')}
          </h1>
          <p className="muted">{t('accounts.intro')}</p>
        </div>
        <button type="button" className="button" onClick={reload} disabled={list.kind === 'loading' || (list.kind === 'ready' && list.reloading)}>
          {t('common.refresh')}
        </button>
      </div>

      {list.kind === 'loading' && <Loading />}
      {list.kind === 'error' && <LoadError message={list.error.message} onRetry={reload} />}
      {list.kind === 'ready' && list.data.accounts.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('accounts.empty')}</p>
        </div>
      )}
      {list.kind === 'ready' && list.data.accounts.length > 0 && (
        <DataTable
          caption={
            <>
              {t('accounts.caption')} <span className="muted">({list.data.accounts.length})</span>
            </>
          }
          columns={columns}
          rows={list.data.accounts}
          rowKey={(account) => account.id}
        />
      )}

      {pending.kind === 'ready' && <PendingLinks requests={pending.data.requests} reload={reload} />}

      <LinkAccountForm onSent={reloadPending} />

      {unlinking && (
        <ConfirmDialog
          title={t('accounts.unlinkTitle', { nickname: unlinking.nickname })}
          body={t('accounts.unlinkBody')}
          confirmLabel={t('accounts.unlinkConfirm')}
          danger
          pending={unlink.pending}
          error={unlink.formError}
          onConfirm={() => void confirmUnlink()}
          onCancel={() => setUnlinking(null)}
        />
      )}
    </section>
  );
}

/** MA-5 (issue 7): the requests whose e-mailed link was not followed yet: send again, or cancel. */
function PendingLinks({ requests, reload }: { requests: readonly LinkRequest[]; reload: () => void }) {
  const { t, lang } = useLanguage();
  const team = useTeam();
  const id = useId();
  const resend = useMutation();
  const cancel = useMutation();
  const [cancelling, setCancelling] = useState<LinkRequest | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const sendAgain = async (request: LinkRequest) => {
    setNotice(null);
    const sent = await resend.run(() => resendLinkRequest(team.teamId, request.id), { onError: (error) => setNotice({ tone: 'error', text: error.message }) });
    reload();
    if (sent) setNotice({ tone: 'success', text: t('accounts.pending.resent', { email: sent.pendingEmail }) });
  };

  const confirmCancel = async () => {
    if (!cancelling) return;
    const done = await cancel.run(() => cancelLinkRequest(team.teamId, cancelling.id));
    if (!done) return;
    setNotice({ tone: 'success', text: t('accounts.pending.cancelled', { nickname: cancelling.nickname }) });
    setCancelling(null);
    reload();
  };

  // Nothing pending: no section, unless it has just said what happened to the last one.
  if (requests.length === 0 && !notice) return null;

  const columns: Array<Column<LinkRequest>> = [
    {
      label: t('accounts.pending.col.account'),
      rowHeader: true,
      cell: (r) => (
        <>
          {r.nickname} <span className="muted">({r.username})</span>
        </>
      ),
    },
    { label: t('accounts.pending.col.sentTo'), cell: (r) => r.pendingEmail },
    { label: t('accounts.pending.col.requested'), cell: (r) => <time dateTime={r.requestedAt}>{formatDateTime(r.requestedAt, lang)}</time> },
    { label: t('accounts.pending.col.expires'), cell: (r) => <time dateTime={r.expiresAt}>{formatDateTime(r.expiresAt, lang)}</time> },
    {
      label: t('common.actions'),
      actions: true,
      cell: (r) => (
        <>
          <button type="button" className="button button--small" disabled={resend.pending} onClick={() => void sendAgain(r)}>
            {t('accounts.pending.resend')}
            <span className="visually-hidden"> {r.nickname}</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger-quiet"
            onClick={() => {
              cancel.clear();
              setCancelling(r);
            }}
          >
            {t('accounts.pending.cancel')}
            <span className="visually-hidden"> {r.nickname}</span>
          </button>
        </>
      ),
    },
  ];

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('accounts.pending.title')}
      </h2>
      <p className="muted">{t('accounts.pending.intro')}</p>
      {notice && (
        <p className={`alert ${notice.tone === 'error' ? 'alert--error' : 'alert--success'}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {requests.length > 0 && <DataTable columns={columns} rows={requests} rowKey={(r) => r.id} />}
      {cancelling && (
        <ConfirmDialog
          title={t('accounts.pending.cancelTitle', { nickname: cancelling.nickname })}
          body={t('accounts.pending.cancelBody')}
          confirmLabel={t('accounts.pending.cancel')}
          danger
          pending={cancel.pending}
          error={cancel.formError}
          onConfirm={() => void confirmCancel()}
          onCancel={() => setCancelling(null)}
        />
      )}
    </section>
  );
}

/** MA-5: username and password of another seller account; its e-mail confirms the link. */
function LinkAccountForm({ onSent }: { onSent: () => void }) {
  const { t } = useLanguage();
  const team = useTeam();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useMutation();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSentTo(null);
    if (form.check({ username: requireText(t, username), password: requireText(t, password) })) return;
    const result = await form.run(() => requestLink(team.teamId, { username: username.trim(), password }));
    if (result) {
      setSentTo(result.pendingEmail);
      setUsername('');
      setPassword('');
      onSent();
    }
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('accounts.linkTitle')}
      </h2>
      <p className="muted">{t('accounts.linkIntro')}</p>
      <form className="form form--inline" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          {...form.field('username')}
          label={t('accounts.linkUsername')}
          name="username"
          autoComplete="off"
          required
          maxLength={100}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          {...form.field('password')}
          label={t('accounts.linkPassword')}
          name="password"
          type="password"
          autoComplete="off"
          required
          maxLength={200}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.pending || !username.trim() || !password}>
            {t('accounts.linkSubmit')}
          </button>
        </div>
      </form>
      <FormAlert message={form.formError} />
      {sentTo && (
        <p className="alert alert--success" role="status">
          {t('accounts.linkSent', { email: sentTo })}
        </p>
      )}
    </section>
  );
}
