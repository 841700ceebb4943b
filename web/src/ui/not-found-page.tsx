import { Link } from 'react-router';
import { useT } from '../lib/i18n.ts';
import { useDocumentTitle } from './use-document-title.ts';

export function NotFoundPage() {
  const t = useT();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="page page--center" aria-labelledby="page-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 id="page-title" className="page__title">
        {t('notFound.title')}
      </h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/" className="button button--primary">
          {t('notFound.back')}
        </Link>
      </p>
    </section>
  );
}
