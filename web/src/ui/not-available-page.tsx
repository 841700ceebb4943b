import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../lib/i18n.ts';
import { useSession } from '../lib/session.tsx';
import { useDocumentTitle } from './use-document-title.ts';

/**
 * What a person sees at an address they may not use: a tab or page their permissions in
 * this team do not include (MA-8), a team or account they do not belong to, or a team
 * where their access just ended (`disabled`: a team this browser tab saw them in). The
 * server refuses the data anyway; this says so plainly instead of showing a broken page.
 */
export function NotAvailablePage({ reason, owner = '' }: { reason: 'permission' | 'team' | 'account' | 'disabled'; owner?: string }) {
  const t = useT();
  const title = reason === 'disabled' ? t('notAvailable.disabledTitle') : t('notAvailable.title');
  useDocumentTitle(title);
  const body =
    reason === 'disabled'
      ? t('notAvailable.disabled', { owner })
      : reason === 'team'
        ? t('notAvailable.team')
        : reason === 'account'
          ? t('notAvailable.account')
          : t('notAvailable.permission');
  return (
    <section className="page page--center" aria-labelledby="page-title">
      <h1 id="page-title" className="page__title">
        {title}
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

/** Signed in, but disabled in every team they belong to: the server's message, and a way out. */
export function AccessDisabledPage({ message }: { message: string }) {
  const t = useT();
  const { logout } = useSession();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);
  useDocumentTitle(t('notAvailable.disabledTitle'));
  return (
    <section className="page page--center" aria-labelledby="page-title">
      <h1 id="page-title" className="page__title">
        {t('notAvailable.disabledTitle')}
      </h1>
      <p role="alert">{message}</p>
      <p>{t('notAvailable.disabledEverywhere')}</p>
      <p>
        <button
          type="button"
          className="button button--primary"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            void logout()
              .then(() => navigate('/login', { replace: true }))
              .catch(() => setLeaving(false));
          }}
        >
          {t('header.logout')}
        </button>
      </p>
    </section>
  );
}
