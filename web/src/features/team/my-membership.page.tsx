// My place in a team (TEAM-4, MA-8): role, permissions, accounts, and my API key (prefix,
// last use, renew; a renewed key is shown once).
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { fullName, useMe } from '../../lib/session.tsx';
import { type AccountList, teamAccountsPath } from '../accounts/accounts.api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useResource } from '../app/use-resource.ts';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { ApiKeyDialog } from './api-key-dialog.tsx';
import { scopeText } from './grant-pickers.tsx';
import { permissionLabels } from './grant.ts';
import { type MyMembership, paths, teamApi } from './team.api.ts';

export function MyMembershipPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  const me = useMe();
  useDocumentTitle(t('team.myPage.title'));
  const [mine, reload, update] = useResource<MyMembership>(paths.me(team.teamId));
  const [accounts] = useResource<AccountList>(teamAccountsPath(team.teamId));
  const [dialog, setDialog] = useState<'none' | 'confirm' | { apiKey: string }>('none');
  const renew = useMutation();
  const labels = useMemo(() => permissionLabels(lang), [lang]);
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
            {t('team.myPage.title')}
          </h1>
          <p className="muted">
            {t(team.role === 'owner' ? 'team.myPage.introOwner' : 'team.myPage.introMember', { name: fullName(me.user), owner: team.ownerName })}
          </p>
        </div>
        {me.teams.length > 1 && (
          <Link to="/teams" className="button">
            {t('team.teams.title')}
          </Link>
        )}
      </div>
      {mine.kind === 'loading' && <Loading />}
      {mine.kind === 'error' && <LoadError message={mine.error.message} onRetry={reload} />}
      {mine.kind === 'ready' && (
        <>
          <section className="card section" aria-labelledby="key-title">
            <h2 id="key-title" className="section__title">
              {t('team.myPage.keyTitle')}
            </h2>
            <p className="muted">{t('team.myPage.keyIntro')}</p>
            <dl className="details">
              <dt>{t('team.myPage.keyPrefix')}</dt>
              <dd>{mine.data.apiKeyPrefix ? <code className="key-prefix">{mine.data.apiKeyPrefix}…</code> : <span className="muted">{t('team.apiKey.none')}</span>}</dd>
              <dt>{t('team.myPage.keyCreated')}</dt>
              <dd>{mine.data.apiKeyCreatedAt ? formatDateTime(mine.data.apiKeyCreatedAt, lang) : '—'}</dd>
              <dt>{t('team.myPage.keyLastUsed')}</dt>
              <dd>{mine.data.apiKeyLastUsedAt ? formatDateTime(mine.data.apiKeyLastUsedAt, lang) : t('team.apiKey.neverUsed')}</dd>
            </dl>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                renew.clear();
                setDialog('confirm');
              }}
            >
              {t('team.apiKey.renew')}
            </button>
          </section>

          <section className="card section" aria-labelledby="grant-title">
            <h2 id="grant-title" className="section__title">
              {t('team.myPage.grantTitle')}
            </h2>
            <dl className="details">
              <dt>{t('team.myPage.role')}</dt>
              <dd>{t(mine.data.role === 'owner' ? 'team.role.owner' : 'team.role.member')}</dd>
              {mine.data.description && (
                <>
                  <dt>{t('team.members.col.description')}</dt>
                  <dd>{mine.data.description}</dd>
                </>
              )}
              {mine.data.role !== 'owner' && (
                <>
                  <dt>{t('team.members.col.profile')}</dt>
                  <dd>{mine.data.profileName ?? t('team.members.custom')}</dd>
                </>
              )}
              <dt>{t('team.profiles.permissions')}</dt>
              <dd>
                {mine.data.role === 'owner' ? (
                  t('team.members.everything')
                ) : mine.data.permissions.length === 0 ? (
                  <span className="muted">{t('team.myPage.noPermissions')}</span>
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
              <dt>{t('team.members.col.accounts')}</dt>
              <dd>{scopeText(t, mine.data.allAccounts, mine.data.accountIds, names)}</dd>
            </dl>
          </section>
        </>
      )}
      {dialog === 'confirm' && (
        <ConfirmDialog
          title={t('team.apiKey.renewTitle')}
          body={t('team.apiKey.renewBodyOwn')}
          confirmLabel={t('team.apiKey.renew')}
          pending={renew.pending}
          error={renew.formError}
          onCancel={() => setDialog('none')}
          onConfirm={() => void onRenew()}
        />
      )}
      {typeof dialog === 'object' && (
        <ApiKeyDialog apiKey={dialog.apiKey} title={t('team.apiKey.newTitle')} onClose={() => setDialog('none')} />
      )}
    </section>
  );
}
