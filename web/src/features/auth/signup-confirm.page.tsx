// MA-2, MA-3: the e-mailed confirmation link. The page first asks the server what state the
// link is in; a valid link lets the person create the password (with the live checklist),
// which confirms the master account, links its first seller account (or opens it, ACC-2: then
// the person lands on that account's page) and logs in.
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi, type SignupTokenInfo } from './auth.api.ts';
import { AuthCard, tokenStatusOf, useLoad } from './auth.form.tsx';
import { LinkProblem, type LinkProblemStatus, LoadProblem } from './link-problem.tsx';
import { PasswordFields, passwordReady } from './password-checklist.tsx';
import { currencyLabel } from '../accounts/currencies.ts';

export function SignupConfirmPage() {
  const { t, lang } = useLanguage();
  const token = useParams().token ?? '';
  const { result, reload } = useLoad<SignupTokenInfo>((signal) => authApi.signupToken(token, signal), token);
  const form = useMutation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<LinkProblemStatus | null>(null);

  useDocumentTitle(t('auth.confirm.title'));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!passwordReady(password, repeat)) return;
    const done = await form.run(() => authApi.confirmSignup({ token, password }), {
      onError: (error) => {
        const status = tokenStatusOf(error);
        if (status && error.field === undefined) setProblem(status);
      },
    });
    // A new account's own page (its settings, its products); the home tab for a linked one.
    if (done) form.leave(done.accountOpened ? `/accounts/${encodeURIComponent(done.accountId)}` : '/');
  }

  if (problem) return <LinkProblem kind="signup" status={problem} />;
  if (result.state === 'loading') {
    return (
      <AuthCard title={t('auth.confirm.title')}>
        <Loading />
      </AuthCard>
    );
  }
  if (result.state === 'failed') {
    const status = tokenStatusOf(result.error);
    if (status) return <LinkProblem kind="signup" status={status} />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const info = result.data;
  if (info.status !== 'valid') return <LinkProblem kind="signup" status={info.status} />;

  return (
    <AuthCard
      title={t('auth.confirm.title')}
      intro={info.firstName ? t('auth.confirm.introNamed', { name: info.firstName }) : t('auth.confirm.intro')}
    >
      {info.email ? (
        <p>
          {t('auth.confirm.forEmail')} <strong>{info.email}</strong>
        </p>
      ) : null}
      {info.newAccount ? (
        <p className="note" role="note">
          {t('auth.confirm.opens', {
            username: info.newAccount.username,
            currency: currencyLabel(info.newAccount.currency, lang),
            timeZone: info.newAccount.timeZone.replaceAll('_', ' '),
          })}
        </p>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        {info.email ? <input type="text" name="username" autoComplete="username" value={info.email} readOnly hidden /> : null}
        <FormAlert message={form.formError} />
        <PasswordFields
          password={password}
          repeat={repeat}
          onPasswordChange={setPassword}
          onRepeatChange={setRepeat}
          passwordField={form.field('password')}
        />
        <button type="submit" className="button button--primary button--block" disabled={form.pending || !passwordReady(password, repeat)} aria-busy={form.pending || undefined}>
          {t('auth.password.save')}
        </button>
      </form>
    </AuthCard>
  );
}
