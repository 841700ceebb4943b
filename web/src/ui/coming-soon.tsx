import type { MessageKey } from '../lib/i18n.ts';
import { useT } from '../lib/i18n.ts';
import { useDocumentTitle } from './use-document-title.ts';

/** Placeholder for a tab whose feature is not built yet. */
export function ComingSoon({ titleKey }: { titleKey: MessageKey }) {
  const t = useT();
  const title = t(titleKey);
  useDocumentTitle(title);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" className="page__title">
        {title}
      </h1>
      <div className="placeholder">
        <p className="placeholder__lead">{t('page.comingSoon')}</p>
        <p className="placeholder__detail">{t('page.comingSoonDetail')}</p>
      </div>
    </section>
  );
}
