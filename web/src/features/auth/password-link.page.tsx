// The two e-mailed password links: a reset (forgotten password; people with a PIN also
// answer one security question, MA-4) and a member's first password (TEAM-1). Both show the
// MA-3 checklist. Afterwards the server has either logged the person in or, for someone
// with no web access, only saved the password.
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { FormAlert, requireText, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi, type PasswordLinkKind, type PasswordTokenInfo } from './auth.api.ts';
import { PinField, QuestionAnswerField } from './auth-fields.tsx';
import { AuthCard, checkPin, StatusMessage, tokenStatusOf, useLoad, useSecurityQuestions } from './auth.form.tsx';
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
  const form = useMutation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pin, setPin] = useState('');
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<LinkProblemStatus | null>(null);
  const [saved, setSaved] = useState(false);

  const title = kind === 'reset' ? t('auth.reset.title') : t('auth.set.title');
  useDocumentTitle(saved ? t('auth.passwordSaved.title') : title);

  const info = result.state === 'ready' ? result.data : null;
  const question = info?.status === 'valid' ? info.question : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!passwordReady(password, repeat)) return;
    if (question && form.check({ pin: checkPin(t, pin), answer: requireText(t, answer) })) return;
    const done = await form.run(() => authApi.setPassword(kind, { token, password, ...(question ? { pin, answer } : {}) }), {
      onError: (error) => {
        const status = tokenStatusOf(error);
        if (status && error.field === undefined) setProblem(status);
        else if (error.code === 'second_step_failed') {
          setPin('');
          form.focus('pin');
        }
      },
    });
    if (!done) return;
    if (done.loggedIn) form.leave('/');
    else setSaved(true);
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
            <PinField binding={form.field('pin')} label={t('auth.field.pin')} name="pin" value={pin} onChange={setPin} />
            <QuestionAnswerField binding={form.field('answer')} question={questionLabel} hint={question.hint} value={answer} onChange={setAnswer} />
          </fieldset>
        ) : null}
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
