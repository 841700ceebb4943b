// MA-4: login with e-mail and password; from an unknown device (or after repeated failures)
// the server asks a second step, shown in place: one security question with its hint,
// and the PIN. `?next=` brings the reader back where they were (same-origin paths only).
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi } from './auth.api.ts';
import {
  AuthCard,
  checkEmail,
  checkPin,
  digitsOnly,
  FormAlert,
  requireText,
  safeNextPath,
  TextField,
  useFormErrors,
  useSecurityQuestions,
} from './auth.form.tsx';

interface Challenge {
  challengeId: string;
  questionId: string;
  hint: string;
}

export function LoginPage() {
  const t = useT();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const questions = useSecurityQuestions();
  const form = useFormErrors();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [pin, setPin] = useState('');
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);

  useDocumentTitle(challenge ? t('auth.login.secondStepTitle') : t('auth.login.title'));

  const enter = () => window.location.assign(next ?? '/');

  async function onLogin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const emailError = checkEmail(t, email);
    if (form.showFieldErrors({ email: emailError, password: requireText(t, password) })) return;
    setBusy(true);
    try {
      const result = await authApi.login({ email: email.trim(), password });
      if (result.status === 'ok') {
        enter();
        return;
      }
      form.clear();
      setPin('');
      setAnswer('');
      setChallenge({ challengeId: result.challengeId, questionId: result.questionId, hint: result.hint });
      form.focus('pin');
    } catch (error) {
      const apiError = form.showApiError(error);
      setPassword('');
      if (!apiError.field) form.focus('password');
    } finally {
      setBusy(false);
    }
  }

  async function onSecondStep(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !challenge) return;
    if (form.showFieldErrors({ pin: checkPin(t, pin), answer: requireText(t, answer) })) return;
    setBusy(true);
    try {
      await authApi.secondStep({ challengeId: challenge.challengeId, pin, answer });
      enter();
    } catch (error) {
      const apiError = form.showApiError(error);
      if (apiError.code === 'challenge_expired') {
        // Too many tries or too late: start again from the password, with the message on top.
        setChallenge(null);
        setPassword('');
        form.setFormError(apiError.message);
        form.focus('password');
      } else {
        setPin('');
        form.focus('pin');
      }
    } finally {
      setBusy(false);
    }
  }

  function startAgain() {
    setChallenge(null);
    setPassword('');
    form.clear();
    form.focus('password');
  }

  if (challenge) {
    const question = questions.find((q) => q.id === challenge.questionId)?.label ?? challenge.questionId;
    return (
      <AuthCard title={t('auth.login.secondStepTitle')} intro={t('auth.login.secondStepIntro')} focusKey="second">
        <form className="form" onSubmit={onSecondStep} noValidate>
          <FormAlert message={form.formError} />
          <TextField
            ref={form.register('pin')}
            label={t('auth.field.pin')}
            hint={t('auth.login.pinHint')}
            type="password"
            name="pin"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]{4,6}"
            maxLength={6}
            value={pin}
            onChange={(e) => {
              setPin(digitsOnly(e.target.value));
              form.clearField('pin');
            }}
            error={form.fieldErrors.pin}
            required
          />
          <TextField
            ref={form.register('answer')}
            label={question}
            hint={t('auth.login.hint', { hint: challenge.hint })}
            type="text"
            name="answer"
            autoComplete="off"
            value={answer}
            onChange={(e) => {
              setAnswer(e.target.value);
              form.clearField('answer');
            }}
            error={form.fieldErrors.answer}
            required
          />
          <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy || undefined}>
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
          ref={form.register('email')}
          label={t('auth.field.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            form.clearField('email');
          }}
          error={form.fieldErrors.email}
          required
        />
        <TextField
          ref={form.register('password')}
          label={t('auth.field.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            form.clearField('password');
          }}
          error={form.fieldErrors.password}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy || undefined}>
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
