// Issue 7: the page of the link a team e-mails to someone who already used Mostrador when it
// adds them. It shows whose team it is and the kind of access; accepting makes the place live.
// A web place of someone without a password creates one here (MA-3 checklist). The page shows
// nothing the team typed (no description, no name as typed). Expired, used and withdrawn
// links say what to do.
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiError } from '../../lib/api.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { AuthCard, StatusMessage, useLoad } from '../auth/auth.form.tsx';
import { LoadProblem } from '../auth/link-problem.tsx';
import { PasswordFields, passwordReady } from '../auth/password-checklist.tsx';
import { type MembershipAccepted, type PublicMembershipLink, teamApi } from './team.api.ts';

type Problem = 'expired' | 'used' | 'revoked' | 'invalid';

const PROBLEM_TITLES: Record<Problem, MessageKey> = {
  expired: 'auth.link.expiredTitle',
  used: 'auth.link.usedTitle',
  revoked: 'auth.link.revokedTitle',
  invalid: 'auth.link.invalidTitle',
};

/** The server's acceptance_* codes (team.errors.ts); any other 404 is an unknown link. */
function problemOf(error: ApiError): Problem | null {
  const m = /^acceptance_(expired|used|revoked|invalid)$/.exec(error.code);
  if (m) return m[1] as Problem;
  if (error.status === 404 || (error.code === 'validation_failed' && error.field === 'token')) return 'invalid';
  return null;
}

function JoinProblem({ problem }: { problem: Problem }) {
  const t = useT();
  return (
    <AuthCard title={t(PROBLEM_TITLES[problem])} focusKey={`problem-${problem}`}>
      <StatusMessage tone="error">
        <p>{t(`team.join.problem.${problem}`)}</p>
      </StatusMessage>
      {problem === 'used' && (
        <p className="auth__links">
          <Link to="/login" className="button button--primary">
            {t('auth.common.goToLogin')}
          </Link>
        </p>
      )}
    </AuthCard>
  );
}

export function JoinPage() {
  const t = useT();
  const token = useParams().token ?? '';
  const { result, reload } = useLoad<PublicMembershipLink>((signal) => teamApi.membershipLink(token, signal), token);
  const form = useMutation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [accepted, setAccepted] = useState<MembershipAccepted | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useDocumentTitle(t('team.join.title'));

  async function onSubmit(event: FormEvent<HTMLFormElement>, link: PublicMembershipLink) {
    event.preventDefault();
    if (link.needsPassword && !passwordReady(password, repeat)) return;
    const done = await form.run(() => teamApi.acceptMembership(token, link.needsPassword ? { password } : {}), {
      onError: (error) => {
        const found = problemOf(error);
        if (found && !error.field) setProblem(found);
      },
    });
    if (done) setAccepted(done);
  }

  if (accepted) {
    return (
      <AuthCard title={t('team.join.acceptedTitle')} focusKey="accepted">
        <StatusMessage tone="success">
          <p>{t('team.join.acceptedBody', { owner: accepted.teamOwnerName })}</p>
          <p>{accepted.apiOnly ? t('team.join.acceptedApiOnly') : t('team.join.acceptedLogin')}</p>
        </StatusMessage>
        {!accepted.apiOnly && (
          <p className="auth__links">
            <Link to="/login" className="button button--primary">
              {t('auth.common.goToLogin')}
            </Link>
          </p>
        )}
      </AuthCard>
    );
  }
  if (problem) return <JoinProblem problem={problem} />;
  if (result.state === 'loading') {
    return (
      <AuthCard title={t('team.join.title')}>
        <Loading />
      </AuthCard>
    );
  }
  if (result.state === 'failed') {
    const found = problemOf(result.error);
    if (found) return <JoinProblem problem={found} />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const link = result.data;
  const canSubmit = !form.pending && (!link.needsPassword || passwordReady(password, repeat));

  return (
    <AuthCard title={t('team.join.title')}>
      <div className="invitation">
        <p className="invitation__lead">{t('team.join.lead', { owner: link.teamOwnerName })}</p>
        <dl className="details">
          <dt>{t('team.join.team')}</dt>
          <dd>{link.teamOwnerName}</dd>
          <dt>{t('team.join.access')}</dt>
          <dd>{link.apiOnly ? t('team.join.accessApi') : t('team.join.accessWeb')}</dd>
          <dt>{t('auth.field.email')}</dt>
          <dd>{link.email}</dd>
        </dl>
      </div>
      <form className="form" onSubmit={(e) => void onSubmit(e, link)} noValidate>
        <input type="text" name="username" autoComplete="username" value={link.email} readOnly hidden />
        <FormAlert message={form.formError} />
        {link.needsPassword ? (
          <>
            <p className="muted">{t('team.join.newPassword', { email: link.email })}</p>
            <PasswordFields password={password} repeat={repeat} onPasswordChange={setPassword} onRepeatChange={setRepeat} passwordField={form.field('password')} />
          </>
        ) : (
          <p className="muted">{link.apiOnly ? t('team.join.apiOnlyIntro') : t('team.join.existingLogin', { email: link.email })}</p>
        )}
        <button type="submit" className="button button--primary button--block" disabled={!canSubmit} aria-busy={form.pending || undefined}>
          {t('team.join.accept')}
        </button>
      </form>
    </AuthCard>
  );
}
