// The way into an account's Webhooks page from the account's own page (API-2): shown to whoever
// holds "API credentials and webhooks" there (the owner included).
import { Link } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { webhooksPagePath } from './webhooks.api.ts';

export function WebhooksLink({ team, accountId }: { team: SessionTeam; accountId: string }) {
  const { t } = useLanguage();
  if (team.role !== 'owner' && !team.permissions.includes('developers.webhooks')) return null;
  return (
    <section className="card section" aria-labelledby="webhooks-link-title">
      <h2 id="webhooks-link-title" className="section__title">
        {t('webhooks.title')}
      </h2>
      <p className="muted">{t('webhooks.linkIntro')}</p>
      <Link to={webhooksPagePath(team.teamId, accountId)} className="button">
        {t('webhooks.open')}
      </Link>
    </section>
  );
}
