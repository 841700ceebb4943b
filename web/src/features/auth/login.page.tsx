// MA-4: login with e-mail and password; from an unknown device (or after repeated failures)
// the server asks a second step, shown in place: one security question with its hint,
// and the PIN. `?next=` brings the reader back where they were: a path of this site that is
// a page of theirs (lib/safe-next.ts). Someone already signed in goes there at once.
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { apiFetch } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { landingPath } from '../../lib/safe-next.ts';
import { type Me, useSession } from '../../lib/session.tsx';
import { checkEmail, FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { TABS } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi } from './auth.api.ts';
import { AuthCard, checkPin, digitsOnly, safeNextPath, useSecurityQuestions } from './auth.form.tsx';

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
  const form = useMutation();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [pin, setPin] = useState('');
  const [answer, setAnswer] = useState('');

  useDocumentTitle(challenge ? t('auth.login.secondStepTitle') : t('auth.login.title'));

  async function onLogin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.check({ email: checkEmail(t, email), password: requireText(t, password) })) return;
    const result = await form.run(() => authApi.login({ email: email.trim(), password }), {
      onError: (error) => {
        setPassword('');
        if (!error.field) form.focus('password');
      },
    });
    if (!result) return;
    if (result.status === 'ok') {
      form.leave(await landing(next));
      return;
    }
    setPin('');
    setAnswer('');
    setChallenge({ challengeId: result.challengeId, questionId: result.questionId, hint: result.hint });
    form.focus('pin');
  }

  async function onSecondStep(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge) return;
    if (form.check({ pin: checkPin(t, pin), answer: requireText(t, answer) })) return;
    const done = await form.run(() => authApi.secondStep({ challengeId: challenge.challengeId, pin, answer }), {
      onError: (error) => {
        if (error.code === 'challenge_expired') {
          // Too many tries or too late: start again from the password, with the message on top.
          setChallenge(null);
          setPassword('');
          form.setFormError(error.message);
          form.focus('password');
        } else {
          setPin('');
          form.focus('pin');
        }
      },
    });
    if (done) form.leave(await landing(next));
  }

  function startAgain() {
    setChallenge(null);
    setPassword('');
    form.clear();
    form.focus('password');
  }

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
        <form className="form" onSubmit={onSecondStep} noValidate>
          <FormAlert message={form.formError} />
          <TextField
            {...form.field('pin')}
            label={t('auth.field.pin')}
            hint={t('auth.login.pinHint')}
            type="password"
            name="pin"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]{4,6}"
            maxLength={6}
            value={pin}
            onChange={(e) => setPin(digitsOnly(e.target.value))}
            required
          />
          <TextField
            {...form.field('answer')}
            label={question}
            hint={t('auth.login.hint', { hint: challenge.hint })}
            type="text"
            name="answer"
            autoComplete="off"
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            required
          />
          <button type="submit" className="button button--primary button--block" disabled={form.pending} aria-busy={form.pending || undefined}>
            {t('auth.login.verify')}
          </button>
          <button type="button" className="link-button" onClick={startAgain}>
            {t('auth.login.startAgain')}
          </button>
        </form>
        <p className="auth__links">
          <Link to="/password/forgot">{t('auth.login.forgot')}</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.login.title')} intro={t('auth.login.intro')} focusKey="credentials">
      <form className="form" onSubmit={onLogin} noValidate>
        <FormAlert message={form.formError} />
        <TextField
          {...form.field('email')}
          label={t('auth.field.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <TextField
          {...form.field('password')}
          label={t('auth.field.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={form.pending} aria-busy={form.pending || undefined}>
          {t('auth.login.submit')}
        </button>
      </form>
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
