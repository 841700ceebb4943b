// TEAM-9 "Accounts where I collaborate": every team the person belongs to, by its owner,
// with the person's role there; each opens that team's home.
import { Link } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { useMe } from '../../lib/session.tsx';
import { teamHomePath } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export function TeamsPage() {
  const { t } = useLanguage();
  const me = useMe();
  useDocumentTitle(t('team.teams.title'));
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" className="page__title">
        {t('team.teams.title')}
      </h1>
      <p className="muted">{t('team.teams.intro')}</p>
      {me.teams.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('team.teams.empty')}</p>
          <p className="muted">{t('team.teams.emptyDetail')}</p>
        </div>
      ) : (
        <ul className="team-list">
          {me.teams.map((team) => (
            <li key={team.teamId} className="card team-list__item">
              <div>
                <h2 className="team-list__name">{team.ownerName}</h2>
                <p className="muted">
                  {team.ownerEmail} · {t(team.role === 'owner' ? 'team.role.owner' : 'team.role.member')}
                </p>
                <p className="muted small">
                  {team.accounts.length === 1
                    ? t('team.teams.accountsOne')
                    : t('team.teams.accountsOther', { count: team.accounts.length })}
                  {team.accounts.length > 0 && `: ${team.accounts.map((a) => a.nickname).join(', ')}`}
                </p>
              </div>
              <Link to={teamHomePath(team)} className="button button--primary">
                {t('team.teams.open')}
                <span className="visually-hidden"> {team.ownerName}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
