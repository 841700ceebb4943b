import { Link } from 'react-router';
import { useT } from '../lib/i18n.ts';
import { useDocumentTitle } from './use-document-title.ts';

/**
 * What a person sees at an address they may not use: a tab or page their permissions in
 * this team do not include (MA-8), or a team or account they do not belong to. The server
 * refuses the data anyway; this says so plainly instead of showing a broken page.
 */
export function NotAvailablePage({ reason }: { reason: 'permission' | 'team' | 'account' }) {
  const t = useT();
  useDocumentTitle(t('notAvailable.title'));
  const body =
    reason === 'team' ? t('notAvailable.team') : reason === 'account' ? t('notAvailable.account') : t('notAvailable.permission');
  return (
    <section className="page page--center" aria-labelledby="page-title">
      <h1 id="page-title" className="page__title">
        {t('notAvailable.title')}
      </h1>
      <p>{body}</p>
      <p>
        <Link to="/" className="button button--primary">
          {t('notAvailable.home')}
        </Link>
      </p>
    </section>
  );
}
