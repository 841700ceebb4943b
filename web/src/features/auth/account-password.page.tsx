// ACC-2: the link e-mailed with a seller account that platform staff opened. It sets the
// account's own password (MA-3's rules, with the live checklist); then the holder creates a
// master account with it, on the sign-up page's "I already have a seller account" path.
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type AccountPasswordLinkInfo, authApi } from './auth.api.ts';
import { AuthCard, StatusMessage, tokenStatusOf, useLoad } from './auth.form.tsx';
import { LinkProblem, type LinkProblemStatus, LoadProblem } from './link-problem.tsx';
import { PasswordFields, passwordReady } from './password-checklist.tsx';

export function AccountPasswordPage() {
  const t = useT();
  const token = useParams().token ?? '';
  const { result, reload } = useLoad<AccountPasswordLinkInfo>((signal) => authApi.accountPasswordLink(token, signal), token);
  const form = useMutation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<LinkProblemStatus | null>(null);

  useDocumentTitle(t('auth.accountPassword.title'));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!passwordReady(password, repeat)) return;
    const done = await form.run(() => authApi.setAccountPassword({ token, password }), {
      onError: (error) => {
        if (error.code === 'password_token_expired') setProblem('expired');
        else if (error.field === undefined) {
          const status = tokenStatusOf(error);
          if (status) setProblem(status);
        }
      },
    });
    if (done) setSaved(done.username);
  }

  if (saved) {
    return (
      <AuthCard title={t('auth.accountPassword.savedTitle')} focusKey="saved">
        <StatusMessage tone="success">
          <p>{t('auth.accountPassword.savedBody', { username: saved })}</p>
        </StatusMessage>
        <p className="auth__links">
          <Link to={`/signup?account=existing&username=${encodeURIComponent(saved)}`} className="button button--primary">
            {t('auth.accountPassword.toSignup')}
          </Link>
        </p>
      </AuthCard>
    );
  }
  if (problem) return <LinkProblem kind="accountPassword" status={problem} />;
  if (result.state === 'loading') {
    return (
      <AuthCard title={t('auth.accountPassword.title')}>
        <Loading />
      </AuthCard>
    );
  }
  if (result.state === 'failed') {
    const status = tokenStatusOf(result.error);
    if (status) return <LinkProblem kind="accountPassword" status={status} />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const info = result.data;
  if (info.status !== 'valid') return <LinkProblem kind="accountPassword" status={info.status} />;

  return (
    <AuthCard title={t('auth.accountPassword.title')} intro={t('auth.accountPassword.intro', { username: info.username ?? '' })}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <input type="text" name="username" autoComplete="username" value={info.username ?? ''} readOnly hidden />
        <FormAlert message={form.formError} />
        <PasswordFields password={password} repeat={repeat} onPasswordChange={setPassword} onRepeatChange={setRepeat} passwordField={form.field('password')} />
        <button type="submit" className="button button--primary button--block" disabled={form.pending || !passwordReady(password, repeat)} aria-busy={form.pending || undefined}>
          {t('auth.password.save')}
        </button>
      </form>
    </AuthCard>
  );
}
