// PLAT-*: the signed-in staff person's console: who they are and logging out, tickets for buyers
// who phoned (PLAT-1), the escalation queue (PLAT-2), the save-window abuse flag of a seller
// account (PLAT-3), the sandbox clock (PLAT-4), and their staff API key (renewed here only).
// Without a staff session (/staff/me answers 401) it sends them to the staff login.
import { useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LANGUAGE_NAMES, useLanguage } from '../../lib/i18n.ts';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { useLoad } from '../auth/auth.form.tsx';
import { ApiKeyDialog } from '../team/api-key-dialog.tsx';
import { AbuseFlagSection } from './abuse-flag.section.tsx';
import { EscalationsSection } from './escalations.section.tsx';
import { PhoneTicketForm } from './phone-ticket-form.tsx';
import { SandboxClockSection } from './sandbox-clock.section.tsx';
import { type StaffMe, staffApi } from './staff.api.ts';
import { useStaffT } from './staff.i18n.ts';
import { hasChosenLanguage, STAFF_LOGIN_AGAIN, useStaffSignedOut } from './staff.session.ts';

export function StaffHomePage() {
  const t = useStaffT();
  const { setLang } = useLanguage();
  const { result, setResult, reload } = useLoad<StaffMe>((signal) => staffApi.me(signal), 'me');
  useDocumentTitle(t('staff.home.title'));

  // X-1, as for sellers: a browser without an explicit choice follows the person's language.
  const locale = result.state === 'ready' ? result.data.locale : null;
  useEffect(() => {
    if (locale && !hasChosenLanguage()) setLang(locale);
  }, [locale, setLang]);

  if (result.state === 'loading') {
    return (
      <section className="page">
        <Loading />
      </section>
    );
  }
  if (result.state === 'failed') {
    if (result.error.status === 401) return <Navigate to={STAFF_LOGIN_AGAIN} replace />;
    return (
      <section className="page">
        <LoadError message={result.error.message} onRetry={reload} />
      </section>
    );
  }
  const me = result.data;
  const update = (change: Partial<StaffMe>) => setResult({ state: 'ready', data: { ...me, ...change } });
  return (
    <section className="page staff" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('staff.home.title')}
          </h1>
          <p className="muted">{t('staff.home.who', { name: me.name })}</p>
        </div>
        <LogoutButton />
      </div>
      <nav className="staff__nav" aria-label={t('staff.nav.label')}>
        <a href="#escalations">{t('staff.esc.title')}</a>
        <a href="#phone-ticket">{t('staff.phone.title')}</a>
        <a href="#sandbox-clock">{t('staff.clock.title')}</a>
        <a href="#abuse-flag">{t('staff.abuse.title')}</a>
      </nav>
      <EscalationsSection />
      <PhoneTicketForm />
      <SandboxClockSection />
      <AbuseFlagSection />
      <section className="card section" aria-labelledby="whoami-title">
        <h2 id="whoami-title" className="section__title">
          {t('staff.home.meTitle')}
        </h2>
        <dl className="details">
          <dt>{t('staff.home.name')}</dt>
          <dd>{me.name}</dd>
          <dt>{t('staff.home.email')}</dt>
          <dd>{me.email}</dd>
          <dt>{t('staff.home.language')}</dt>
          <dd>{LANGUAGE_NAMES[me.locale]}</dd>
        </dl>
      </section>
      <ApiKeySection me={me} onRenewed={update} />
    </section>
  );
}

function LogoutButton() {
  const t = useStaffT();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const logout = async () => {
    setPending(true);
    setFailed(null);
    try {
      await staffApi.logout();
    } catch (error) {
      // Already logged out (401) is what we wanted; anything else is worth showing.
      if (!(error instanceof ApiError && error.status === 401)) {
        setFailed(error instanceof Error ? error.message : String(error));
        setPending(false);
        return;
      }
    }
    navigate('/staff/login', { replace: true });
  };
  return (
    <div>
      <button type="button" className="button" onClick={() => void logout()} disabled={pending} aria-busy={pending || undefined}>
        {t('staff.home.logout')}
      </button>
      {failed && (
        <p className="alert alert--error" role="alert">
          {failed}
        </p>
      )}
    </div>
  );
}

function ApiKeySection({ me, onRenewed }: { me: StaffMe; onRenewed: (change: Partial<StaffMe>) => void }) {
  const t = useStaffT();
  const { lang } = useLanguage();
  const renew = useMutation();
  const signedOut = useStaffSignedOut();
  const [dialog, setDialog] = useState<'none' | 'confirm' | { apiKey: string }>('none');

  const onRenew = async () => {
    const issued = await renew.run(() => staffApi.renewApiKey(), { onError: signedOut });
    if (!issued) return;
    onRenewed({ apiKeyPrefix: issued.apiKeyPrefix, apiKeyCreatedAt: issued.apiKeyCreatedAt, apiKeyLastUsedAt: null });
    setDialog({ apiKey: issued.apiKey });
  };

  return (
    <section className="card section" aria-labelledby="key-title">
      <h2 id="key-title" className="section__title">
        {t('staff.key.title')}
      </h2>
      <p className="muted">{t('staff.key.intro')}</p>
      <dl className="details">
        <dt>{t('staff.key.prefix')}</dt>
        <dd>{me.apiKeyPrefix ? <code className="key-prefix">{me.apiKeyPrefix}…</code> : <span className="muted">{t('staff.key.none')}</span>}</dd>
        <dt>{t('staff.key.created')}</dt>
        <dd>{me.apiKeyCreatedAt ? formatDateTime(me.apiKeyCreatedAt, lang) : '—'}</dd>
        <dt>{t('staff.key.lastUsed')}</dt>
        <dd>{me.apiKeyLastUsedAt ? formatDateTime(me.apiKeyLastUsedAt, lang) : t('staff.key.neverUsed')}</dd>
      </dl>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          renew.clear();
          setDialog('confirm');
        }}
      >
        {t(me.apiKeyPrefix ? 'staff.key.renew' : 'staff.key.create')}
      </button>
      {dialog === 'confirm' && (
        <ConfirmDialog
          title={t('staff.key.renewTitle')}
          body={t('staff.key.renewBody')}
          confirmLabel={t(me.apiKeyPrefix ? 'staff.key.renew' : 'staff.key.create')}
          pending={renew.pending}
          error={renew.formError}
          onCancel={() => setDialog('none')}
          onConfirm={() => void onRenew()}
        />
      )}
      {typeof dialog === 'object' && <ApiKeyDialog apiKey={dialog.apiKey} title={t('staff.key.newTitle')} onClose={() => setDialog('none')} />}
    </section>
  );
}
