// My profile: the person's API key in each team (TEAM-4): prefix, what the API lets it
// do there, last use. A key is renewed (and shown once) on the person's page of that team.
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';
import { useLanguage } from '../../lib/i18n.ts';
import { useResource } from '../app/use-resource.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { type MyApiKeys, profilePaths } from './profile.api.ts';

const ACCESS_KEYS = {
  none: 'profile.keys.access.none',
  read: 'profile.keys.access.read',
  read_write: 'profile.keys.access.read_write',
} as const;

export function ApiKeysSection() {
  const { t, lang } = useLanguage();
  const [keys, reload] = useResource<MyApiKeys>(profilePaths.apiKeys);
  return (
    <section className="card section" aria-labelledby="profile-keys-title">
      <h2 id="profile-keys-title" className="section__title">
        {t('profile.keys.title')}
      </h2>
      <p className="muted">{t('profile.keys.intro')}</p>
      {keys.kind === 'loading' && <Loading />}
      {keys.kind === 'error' && <LoadError message={keys.error.message} onRetry={reload} />}
      {keys.kind === 'ready' &&
        (keys.data.keys.length === 0 ? (
          <p className="muted">{t('profile.keys.empty')}</p>
        ) : (
          <DataTable
            rows={keys.data.keys}
            rowKey={(k) => k.membershipId}
            columns={[
              {
                label: t('profile.keys.team'),
                rowHeader: true,
                cell: (k) => t(k.role === 'owner' ? 'profile.keys.owner' : 'profile.keys.member', { owner: k.ownerName }),
              },
              {
                label: t('profile.keys.prefix'),
                cell: (k) => (k.apiKeyPrefix ? <code className="key-prefix">{k.apiKeyPrefix}…</code> : <span className="muted">{t('profile.keys.none')}</span>),
              },
              { label: t('profile.keys.access'), cell: (k) => t(ACCESS_KEYS[k.apiAccess]) },
              {
                label: t('profile.keys.lastUsed'),
                cell: (k) => (k.apiKeyLastUsedAt ? formatDateTime(k.apiKeyLastUsedAt, lang) : <span className="muted">{t('profile.keys.neverUsed')}</span>),
              },
              {
                label: t('common.actions'),
                actions: true,
                cell: (k) => (
                  <Link to={`/t/${k.teamId}/me`} className="button button--small" aria-label={t('profile.keys.manageFor', { owner: k.ownerName })}>
                    {t('profile.keys.manage')}
                  </Link>
                ),
              },
            ]}
          />
        ))}
    </section>
  );
}
