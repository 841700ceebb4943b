// Forgotten password: an e-mailed link first. The answer is the same whether or not the
// address has a login, so nobody can find out who has one (docs/decisions.md).
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi } from './auth.api.ts';
import { AuthCard, checkEmail, FormAlert, StatusMessage, TextField, useFormErrors } from './auth.form.tsx';

export function PasswordForgotPage() {
  const t = useT();
  const form = useFormErrors();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  useDocumentTitle(t('auth.forgot.title'));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (form.showFieldErrors({ email: checkEmail(t, email) })) return;
    setBusy(true);
    try {
      await authApi.forgotPassword({ email: email.trim() });
      setSent(true);
    } catch (error) {
      form.showApiError(error);
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <AuthCard title={t('auth.forgot.sentTitle')} focusKey="sent">
        <StatusMessage tone="success">
          <p>{t('auth.forgot.sentBody')}</p>
          <p className="muted">{t('auth.forgot.sentDetail')}</p>
        </StatusMessage>
        <p className="auth__links">
          <Link to="/login">{t('auth.common.goToLogin')}</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.forgot.title')} intro={t('auth.forgot.intro')} focusKey="form">
      <form className="form" onSubmit={onSubmit} noValidate>
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
        <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy || undefined}>
          {t('auth.forgot.submit')}
        </button>
      </form>
      <p className="auth__links">
        <Link to="/login">{t('auth.forgot.back')}</Link>
      </p>
    </AuthCard>
  );
}
