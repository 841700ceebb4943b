// The way into an account's Products page from the account's own page (SALES-1): shown to
// whoever holds View products there (the owner included).
import { Link } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { productsPagePath } from './products.api.ts';

export function ProductsLink({ team, accountId }: { team: SessionTeam; accountId: string }) {
  const { t } = useLanguage();
  if (team.role !== 'owner' && !team.permissions.includes('products.view')) return null;
  return (
    <section className="card section products-link" aria-labelledby="products-link-title">
      <h2 id="products-link-title" className="section__title">
        {t('products.title')}
      </h2>
      <p className="muted">{t('products.linkIntro')}</p>
      <Link to={productsPagePath(team.teamId, accountId)} className="button">
        {t('products.open')}
      </Link>
    </section>
  );
}
