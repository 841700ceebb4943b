// My place in a team (TEAM-4, MA-8): role, permissions, accounts, and my API key (prefix,
// last use, renew; a renewed key is shown once).
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { fullName, useMe } from '../../lib/session.tsx';
import { type AccountList, teamAccountsPath } from '../accounts/accounts.api.ts';
import { formatDateTime } from '../app/format.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useMutation, useResource } from '../app/use-resource.ts';
import { ApiKeyDialog } from '../../ui/api-key-dialog.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { permissionLabels, scopeText } from './grant-pickers.tsx';
import { type MyMembership, paths, type PermissionCatalog, teamApi } from './team.api.ts';

export function MyMembershipPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  const me = useMe();
  useDocumentTitle(t('app.myPage.title'));
  const [mine, reload, update] = useResource<MyMembership>(paths.me(team.teamId));
  const [catalog] = useResource<PermissionCatalog>(paths.catalog);
  const [accounts] = useResource<AccountList>(teamAccountsPath(team.teamId));
  const [dialog, setDialog] = useState<'none' | 'confirm' | { apiKey: string }>('none');
  const renew = useMutation();
  const labels = useMemo(() => (catalog.kind === 'ready' ? permissionLabels(catalog.data, lang) : new Map<string, string>()), [catalog, lang]);
  const names = new Map(accounts.kind === 'ready' ? accounts.data.accounts.map((a) => [a.id, a.nickname]) : []);

  const onRenew = async () => {
    const issued = await renew.run(() => teamApi.renewMyKey(team.teamId));
    if (!issued) return;
    update((data) => ({ ...data, apiKeyPrefix: issued.apiKeyPrefix, apiKeyCreatedAt: issued.apiKeyCreatedAt, apiKeyLastUsedAt: null }));
    setDialog({ apiKey: issued.apiKey });
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('app.myPage.title')}
          </h1>
          <p className="muted">
            {t(team.role === 'owner' ? 'app.myPage.introOwner' : 'app.myPage.introMember', { name: fullName(me.user), owner: team.ownerName })}
          </p>
        </div>
        {me.teams.length > 1 && (
          <Link to="/teams" className="button">
            {t('app.teams.title')}
          </Link>
        )}
      </div>
      {mine.kind === 'loading' && <Loading />}
      {mine.kind === 'error' && <LoadError message={mine.error.message} onRetry={reload} />}
      {mine.kind === 'ready' && (
        <>
          <section className="card section" aria-labelledby="key-title">
            <h2 id="key-title" className="section__title">
              {t('app.myPage.keyTitle')}
            </h2>
            <p className="muted">{t('app.myPage.keyIntro')}</p>
            <dl className="details">
              <dt>{t('app.myPage.keyPrefix')}</dt>
              <dd>{mine.data.apiKeyPrefix ? <code className="key-prefix">{mine.data.apiKeyPrefix}…</code> : <span className="muted">{t('app.apiKey.none')}</span>}</dd>
              <dt>{t('app.myPage.keyCreated')}</dt>
              <dd>{mine.data.apiKeyCreatedAt ? formatDateTime(mine.data.apiKeyCreatedAt, lang) : '—'}</dd>
              <dt>{t('app.myPage.keyLastUsed')}</dt>
              <dd>{mine.data.apiKeyLastUsedAt ? formatDateTime(mine.data.apiKeyLastUsedAt, lang) : t('app.apiKey.neverUsed')}</dd>
            </dl>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                renew.clear();
                setDialog('confirm');
              }}
            >
              {t('app.apiKey.renew')}
            </button>
          </section>

          <section className="card section" aria-labelledby="grant-title">
            <h2 id="grant-title" className="section__title">
              {t('app.myPage.grantTitle')}
            </h2>
            <dl className="details">
              <dt>{t('app.myPage.role')}</dt>
              <dd>{t(mine.data.role === 'owner' ? 'app.role.owner' : 'app.role.member')}</dd>
              {mine.data.description && (
                <>
                  <dt>{t('app.members.col.description')}</dt>
                  <dd>{mine.data.description}</dd>
                </>
              )}
              {mine.data.role !== 'owner' && (
                <>
                  <dt>{t('app.members.col.profile')}</dt>
                  <dd>{mine.data.profileName ?? t('app.members.custom')}</dd>
                </>
              )}
              <dt>{t('app.profiles.permissions')}</dt>
              <dd>
                {mine.data.role === 'owner' ? (
                  t('app.members.everything')
                ) : mine.data.permissions.length === 0 ? (
                  <span className="muted">{t('app.myPage.noPermissions')}</span>
                ) : (
                  <ul className="tag-list">
                    {mine.data.permissions.map((p) => (
                      <li key={p} className="tag">
                        {labels.get(p) ?? p}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt>{t('app.members.col.accounts')}</dt>
              <dd>{scopeText(t, mine.data.allAccounts, mine.data.accountIds, names)}</dd>
            </dl>
          </section>
        </>
      )}
      {dialog === 'confirm' && (
        <ConfirmDialog
          title={t('app.apiKey.renewTitle')}
          body={t('app.apiKey.renewBodyOwn')}
          confirmLabel={t('app.apiKey.renew')}
          pending={renew.pending}
          error={renew.error?.message}
          onCancel={() => setDialog('none')}
          onConfirm={() => void onRenew()}
        />
      )}
      {typeof dialog === 'object' && (
        <ApiKeyDialog apiKey={dialog.apiKey} title={t('app.apiKey.newTitle')} onClose={() => setDialog('none')} />
      )}
    </section>
  );
}
