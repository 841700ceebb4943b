// PLAT-*: the platform staff's login. E-mail and password, then always the PIN (there is no
// trusted device for staff), shown in place. `?next=` brings them back to a staff page.
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { AuthCard, safeNextPath } from '../auth/auth.form.tsx';
import { CredentialsForm, SecondStepForm, useTwoStepLogin } from '../auth/two-step-login.tsx';
import { staffApi } from './staff.api.ts';
import { useStaffT } from './staff.i18n.ts';

/** Only staff pages: a staff login never sends anyone into the sellers' back office. */
export function staffNextPath(next: string | null): string {
  const safe = safeNextPath(next);
  return safe && /^\/staff(?:[/?#]|$)/.test(safe) && !safe.startsWith('/staff/login') ? safe : '/staff';
}

export function StaffLoginPage() {
  const t = useStaffT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = staffNextPath(params.get('next'));
  // Every staff login has a second step: the PIN alone.
  const login = useTwoStepLogin({
    logIn: (credentials) => staffApi.login(credentials),
    secondStep: (challenge, pin) => staffApi.secondStep({ challengeId: challenge.challengeId, pin }),
    asksAnswer: false,
    onDone: () => navigate(next, { replace: true }),
  });

  useDocumentTitle(login.challenge ? t('staff.login.pinTitle') : t('staff.login.title'));

  if (login.challenge) {
    return (
      <AuthCard title={t('staff.login.pinTitle')} intro={t('staff.login.pinIntro')} focusKey="pin">
        <SecondStepForm
          login={login}
          pinHint={t('staff.login.pinHint')}
          verifyLabel={t('staff.login.verify')}
          startAgainLabel={t('staff.login.startAgain')}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('staff.login.title')} intro={t('staff.login.intro')} focusKey="credentials">
      <CredentialsForm login={login} submitLabel={t('staff.login.submit')} />
      <p className="auth__links">
        <Link to="/login">{t('staff.login.sellerLogin')}</Link>
      </p>
    </AuthCard>
  );
}
