// The two e-mailed password links: a reset (forgotten password; people with a PIN also
// answer one security question, MA-4) and a member's first password (TEAM-1). Both show the
// MA-3 checklist. Afterwards the server has either logged the person in or, for someone
// with no web access, only saved the password.
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi, type PasswordLinkKind, type PasswordTokenInfo } from './auth.api.ts';
import {
  AuthCard,
  checkPin,
  digitsOnly,
  FormAlert,
  Loading,
  requireText,
  StatusMessage,
  TextField,
  tokenStatusOf,
  useFormErrors,
  useLoad,
  useSecurityQuestions,
} from './auth.form.tsx';
import { LinkProblem, type LinkProblemStatus, LoadProblem } from './link-problem.tsx';
import { PasswordFields, passwordReady } from './password-checklist.tsx';

export function PasswordResetPage() {
  return <PasswordLinkPage kind="reset" />;
}

export function PasswordSetPage() {
  return <PasswordLinkPage kind="set" />;
}

function PasswordLinkPage({ kind }: { kind: PasswordLinkKind }) {
  const t = useT();
  const token = useParams().token ?? '';
  const { result, reload } = useLoad<PasswordTokenInfo>((signal) => authApi.passwordToken(kind, token, signal), `${kind}:${token}`);
  const questions = useSecurityQuestions();
  const form = useFormErrors();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pin, setPin] = useState('');
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LinkProblemStatus | null>(null);
  const [saved, setSaved] = useState(false);

  const title = kind === 'reset' ? t('auth.reset.title') : t('auth.set.title');
  useDocumentTitle(saved ? t('auth.passwordSaved.title') : title);

  const info = result.state === 'ready' ? result.data : null;
  const question = info?.status === 'valid' ? info.question : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !passwordReady(password, repeat)) return;
    if (question && form.showFieldErrors({ pin: checkPin(t, pin), answer: requireText(t, answer) })) return;
    setBusy(true);
    try {
      const done = await authApi.setPassword(kind, { token, password, ...(question ? { pin, answer } : {}) });
      if (done.loggedIn) {
        window.location.assign('/');
        return;
      }
      setSaved(true);
    } catch (error) {
      const apiError = form.showApiError(error);
      const status = tokenStatusOf(apiError);
      if (status && apiError.field === undefined) setProblem(status);
      else if (apiError.code === 'second_step_failed') {
        setPin('');
        form.focus('pin');
      }
    }
    setBusy(false);
  }

  if (saved) {
    return (
      <AuthCard title={t('auth.passwordSaved.title')} focusKey="saved">
        <StatusMessage tone="success">
          <p>{t('auth.passwordSaved.body')}</p>
        </StatusMessage>
        <p className="auth__links">
          <Link to="/login" className="button button--primary">
            {t('auth.common.goToLogin')}
          </Link>
        </p>
      </AuthCard>
    );
  }
  if (problem) return <LinkProblem kind={kind} status={problem} />;
  if (result.state === 'loading') {
    return (
      <AuthCard title={title}>
        <Loading />
      </AuthCard>
    );
  }
  if (result.state === 'failed') {
    const status = tokenStatusOf(result.error);
    if (status) return <LinkProblem kind={kind} status={status} />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const data = result.data;
  if (data.status !== 'valid') return <LinkProblem kind={kind} status={data.status} />;

  const intro = kind === 'reset' ? t('auth.reset.intro') : t('auth.set.intro');
  const questionLabel = question ? (questions.find((q) => q.id === question.questionId)?.label ?? question.questionId) : '';

  return (
    <AuthCard title={title} intro={data.firstName ? `${t('auth.common.hello', { name: data.firstName })} ${intro}` : intro}>
      {data.email ? (
        <p>
          {t('auth.confirm.forEmail')} <strong>{data.email}</strong>
        </p>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        {data.email ? <input type="text" name="username" autoComplete="username" value={data.email} readOnly hidden /> : null}
        <FormAlert message={form.formError} />
        {question ? (
          <fieldset className="fieldset">
            <legend>{t('auth.reset.verifyLegend')}</legend>
            <TextField
              ref={form.register('pin')}
              label={t('auth.field.pin')}
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
              label={questionLabel}
              hint={t('auth.login.hint', { hint: question.hint })}
              name="answer"
              autoComplete="off"
              maxLength={200}
              value={answer}
              onChange={(e) => {
                setAnswer(e.target.value);
                form.clearField('answer');
              }}
              error={form.fieldErrors.answer}
              required
            />
          </fieldset>
        ) : null}
        <PasswordFields
          password={password}
          repeat={repeat}
          onPasswordChange={(v) => {
            setPassword(v);
            form.clearField('password');
          }}
          onRepeatChange={setRepeat}
          passwordRef={form.register('password')}
          error={form.fieldErrors.password}
        />
        <button type="submit" className="button button--primary button--block" disabled={busy || !passwordReady(password, repeat)} aria-busy={busy || undefined}>
          {t('auth.password.save')}
        </button>
      </form>
    </AuthCard>
  );
}
