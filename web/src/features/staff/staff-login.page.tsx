// PLAT-*: the platform staff's login. E-mail and password, then always the PIN (there is no
// trusted device for staff), shown in place. `?next=` brings them back to a staff page.
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { checkEmail, FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { AuthCard, checkPin, digitsOnly, safeNextPath } from '../auth/auth.form.tsx';
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
  const form = useMutation();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [pin, setPin] = useState('');

  useDocumentTitle(challengeId ? t('staff.login.pinTitle') : t('staff.login.title'));

  async function onLogin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.check({ email: checkEmail(t, email), password: requireText(t, password) })) return;
    const result = await form.run(() => staffApi.login({ email: email.trim(), password }), {
      onError: (error) => {
        setPassword('');
        if (!error.field) form.focus('password');
      },
    });
    if (!result) return;
    setPin('');
    setChallengeId(result.challengeId);
    form.focus('pin');
  }

  async function onPin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challengeId) return;
    if (form.check({ pin: checkPin(t, pin) })) return;
    const done = await form.run(() => staffApi.secondStep({ challengeId, pin }), {
      onError: (error) => {
        if (error.code === 'challenge_expired') {
          // Too many tries or too late: back to the password, the message on top.
          setChallengeId(null);
          setPassword('');
          form.setFormError(error.message);
          form.focus('password');
        } else {
          setPin('');
          form.focus('pin');
        }
      },
    });
    if (done) navigate(next, { replace: true });
  }

  function startAgain() {
    setChallengeId(null);
    setPassword('');
    form.clear();
    form.focus('password');
  }

  if (challengeId) {
    return (
      <AuthCard title={t('staff.login.pinTitle')} intro={t('staff.login.pinIntro')} focusKey="pin">
        <form className="form" onSubmit={onPin} noValidate>
          <FormAlert message={form.formError} />
          <TextField
            {...form.field('pin')}
            label={t('auth.field.pin')}
            hint={t('staff.login.pinHint')}
            type="password"
            name="pin"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            value={pin}
            onChange={(e) => setPin(digitsOnly(e.target.value))}
            required
          />
          <button type="submit" className="button button--primary button--block" disabled={form.pending} aria-busy={form.pending || undefined}>
            {t('staff.login.verify')}
          </button>
          <button type="button" className="link-button" onClick={startAgain}>
            {t('staff.login.startAgain')}
          </button>
        </form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('staff.login.title')} intro={t('staff.login.intro')} focusKey="credentials">
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
          {t('staff.login.submit')}
        </button>
      </form>
      <p className="auth__links">
        <Link to="/login">{t('staff.login.sellerLogin')}</Link>
      </p>
    </AuthCard>
  );
}
