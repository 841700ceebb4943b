// Forgotten password: an e-mailed link first. The answer is the same whether or not the
// address has a login, so nobody can find out who has one (docs/decisions.md).
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { checkEmail, FormAlert, useMutation } from '../../ui/form.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi } from './auth.api.ts';
import { EmailField } from './auth-fields.tsx';
import { AuthCard, StatusMessage } from './auth.form.tsx';

export function PasswordForgotPage() {
  const t = useT();
  const form = useMutation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);

  useDocumentTitle(t('auth.forgot.title'));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.check({ email: checkEmail(t, email) })) return;
    const accepted = await form.run(() => authApi.forgotPassword({ email: email.trim() }));
    if (accepted) setSent(true);
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
        <EmailField binding={form.field('email')} value={email} onChange={setEmail} />
        <button type="submit" className="button button--primary button--block" disabled={form.pending} aria-busy={form.pending || undefined}>
          {t('auth.forgot.submit')}
        </button>
      </form>
      <p className="auth__links">
        <Link to="/login">{t('auth.forgot.back')}</Link>
      </p>
    </AuthCard>
  );
}
