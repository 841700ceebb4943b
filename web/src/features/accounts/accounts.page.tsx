// The Accounts tab (owner only, MA-5, MA-6, MA-8): the linked seller accounts, each opened
// in its own browser tab (the account is in the URL, so several can be open at once),
// unlinked with the icon beside it, and "link another account" by its username and
// password, confirmed from the account's e-mail.
import { type FormEvent, useEffect, useId, useState } from 'react';
import { LANGUAGE_NAMES, useLanguage } from '../../lib/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import { formatDate } from '../app/format.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useMutation, useResource } from '../app/use-resource.ts';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { ExternalIcon, UnlinkIcon } from '../../ui/icons.tsx';
import { FormError, LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type Account, type AccountList, requestLink, teamAccountsPath, unlinkAccount } from './accounts.api.ts';

export function AccountsPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  const { refresh } = useSession();
  useDocumentTitle(t('tab.accounts'));
  const [list, reload] = useResource<AccountList>(teamAccountsPath(team.teamId));
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

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('tab.accounts')}
          </h1>
          <p className="muted">{t('app.accounts.intro')}</p>
        </div>
        <button type="button" className="button" onClick={reload} disabled={list.kind === 'loading' || (list.kind === 'ready' && list.reloading)}>
          {t('mailbox.refresh')}
        </button>
      </div>

      {list.kind === 'loading' && <Loading />}
      {list.kind === 'error' && <LoadError message={list.error.message} onRetry={reload} />}
      {list.kind === 'ready' && list.data.accounts.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('app.accounts.empty')}</p>
        </div>
      )}
      {list.kind === 'ready' && list.data.accounts.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="table__caption">
              {t('app.accounts.caption')} <span className="muted">({list.data.accounts.length})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('app.accounts.col.nickname')}</th>
                <th scope="col">{t('app.accounts.col.username')}</th>
                <th scope="col">{t('app.accounts.col.timeZone')}</th>
                <th scope="col">{t('app.accounts.col.locale')}</th>
                <th scope="col">{t('app.accounts.col.linkedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('app.common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.accounts.map((account) => (
                <tr key={account.id}>
                  <th scope="row" data-label={t('app.accounts.col.nickname')}>
                    {account.nickname}
                  </th>
                  <td data-label={t('app.accounts.col.username')}>{account.username}</td>
                  <td data-label={t('app.accounts.col.timeZone')}>{account.timeZone ?? 'UTC'}</td>
                  <td data-label={t('app.accounts.col.locale')}>{LANGUAGE_NAMES[account.locale] ?? account.locale}</td>
                  <td data-label={t('app.accounts.col.linkedAt')}>
                    {account.linkedAt && <time dateTime={account.linkedAt}>{formatDate(account.linkedAt, lang)}</time>}
                  </td>
                  <td className="cell-actions">
                    {/* MA-6: a new browser tab per account; the account is in the URL. */}
                    <a className="button button--small" href={`/t/${team.teamId}/a/${account.id}`} target="_blank" rel="noopener">
                      {t('app.accounts.open')}
                      <span className="visually-hidden"> {account.nickname}</span>
                      <span className="visually-hidden"> {t('app.common.newTab')}</span>
                      <ExternalIcon />
                    </a>
                    <button
                      type="button"
                      className="icon-button icon-button--danger"
                      aria-label={t('app.accounts.unlinkLabel', { nickname: account.nickname })}
                      title={t('app.accounts.unlinkLabel', { nickname: account.nickname })}
                      onClick={() => {
                        unlink.clear();
                        setUnlinking(account);
                      }}
                    >
                      <UnlinkIcon />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <LinkAccountForm />

      {unlinking && (
        <ConfirmDialog
          title={t('app.accounts.unlinkTitle', { nickname: unlinking.nickname })}
          body={t('app.accounts.unlinkBody')}
          confirmLabel={t('app.accounts.unlinkConfirm')}
          danger
          pending={unlink.pending}
          error={unlink.error?.message}
          onConfirm={() => void confirmUnlink()}
          onCancel={() => setUnlinking(null)}
        />
      )}
    </section>
  );
}

/** MA-5: username and password of another seller account; its e-mail confirms the link. */
function LinkAccountForm() {
  const { t } = useLanguage();
  const team = useTeam();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useMutation();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSentTo(null);
    const result = await send.run(() => requestLink(team.teamId, { username: username.trim(), password }));
    if (result) {
      setSentTo(result.pendingEmail);
      setUsername('');
      setPassword('');
    }
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('app.accounts.linkTitle')}
      </h2>
      <p className="muted">{t('app.accounts.linkIntro')}</p>
      <form className="form form--inline" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('app.accounts.linkUsername')}</label>
          <input
            id={`${id}-username`}
            name="username"
            autoComplete="off"
            required
            maxLength={100}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={send.error?.field === 'username' || undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('app.accounts.linkPassword')}</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="off"
            required
            maxLength={200}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={send.pending || !username.trim() || !password}>
            {t('app.accounts.linkSubmit')}
          </button>
        </div>
      </form>
      <FormError message={send.error?.message} />
      {sentTo && (
        <p className="alert alert--success" role="status">
          {t('app.accounts.linkSent', { email: sentTo })}
        </p>
      )}
    </section>
  );
}
