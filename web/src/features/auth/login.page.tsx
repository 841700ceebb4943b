// MA-4: login with e-mail and password; from an unknown device (or after repeated failures)
// the server asks a second step, shown in place: one security question with its hint,
// and the PIN. `?next=` brings the reader back where they were: a path of this site that is
// a page of theirs (lib/safe-next.ts). Someone already signed in goes there at once.
import { Link, Navigate, useSearchParams } from 'react-router';
import { apiFetch } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { landingPath } from '../../lib/safe-next.ts';
import { type Me, useSession } from '../../lib/session.tsx';
import { Loading } from '../../ui/status.tsx';
import { TABS } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi } from './auth.api.ts';
import { AuthCard, safeNextPath, useSecurityQuestions } from './auth.form.tsx';
import { CredentialsForm, SecondStepForm, useTwoStepLogin } from './two-step-login.tsx';

interface Challenge {
  challengeId: string;
  questionId: string;
  hint: string;
}

/** Where to go once signed in: `next` if it is a page of this person, else their home. */
async function landing(next: string | null): Promise<string> {
  if (!next) return '/';
  try {
    const me = await apiFetch<Me>('/me');
    return landingPath(next, me.teams, TABS);
  } catch {
    return '/';
  }
}

export function LoginPage() {
  const t = useT();
  const { state: session } = useSession();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const questions = useSecurityQuestions();
  const login = useTwoStepLogin<Challenge>({
    logIn: async (credentials) => {
      const result = await authApi.login(credentials);
      return result.status === 'ok' ? null : { challengeId: result.challengeId, questionId: result.questionId, hint: result.hint };
    },
    secondStep: (challenge, pin, answer) => authApi.secondStep({ challengeId: challenge.challengeId, pin, answer }),
    asksAnswer: true,
    onDone: async (form) => form.leave(await landing(next)),
  });
  const { challenge } = login;

  useDocumentTitle(challenge ? t('auth.login.secondStepTitle') : t('auth.login.title'));

  if (session.kind === 'ready') return <Navigate to={landingPath(next, session.me.teams, TABS)} replace />;
  if (session.kind === 'loading') {
    return (
      <AuthCard title={t('auth.login.title')}>
        <Loading />
      </AuthCard>
    );
  }

  if (challenge) {
    const question = questions.find((q) => q.id === challenge.questionId)?.label ?? challenge.questionId;
    return (
      <AuthCard title={t('auth.login.secondStepTitle')} intro={t('auth.login.secondStepIntro')} focusKey="second">
        <SecondStepForm
          login={login}
          pinHint={t('auth.login.pinHint')}
          question={{ label: question, hint: challenge.hint }}
          verifyLabel={t('auth.login.verify')}
          startAgainLabel={t('auth.login.startAgain')}
        />
        <p className="auth__links">
          <Link to="/password/forgot">{t('auth.login.forgot')}</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.login.title')} intro={t('auth.login.intro')} focusKey="credentials">
      <CredentialsForm login={login} submitLabel={t('auth.login.submit')} />
      <ul className="auth__links">
        <li>
          <Link to="/password/forgot">{t('auth.login.forgot')}</Link>
        </li>
        <li>
          <Link to="/signup">{t('auth.login.signup')}</Link>
        </li>
      </ul>
    </AuthCard>
  );
}
