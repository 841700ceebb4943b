// TEAM-7: an invitation to join a team. The page shows who invites and with which profile;
// someone without a login gives a name and creates a password (MA-3 checklist); someone
// with a login just accepts. Expired, withdrawn and used invitations say what to do.
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../lib/i18n.ts';
import { FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { authApi, type InvitationAccepted, type PublicInvitation } from './auth.api.ts';
import { AuthCard, StatusMessage, tokenStatusOf, useLoad } from './auth.form.tsx';
import { LinkProblem, type LinkProblemStatus, LoadProblem } from './link-problem.tsx';
import { PasswordFields, passwordReady } from './password-checklist.tsx';

const STATUS_PROBLEM: Record<Exclude<PublicInvitation['status'], 'pending'>, LinkProblemStatus> = {
  expired: 'expired',
  accepted: 'used',
  revoked: 'revoked',
};

function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
}

export function InvitationPage() {
  const t = useT();
  const token = useParams().token ?? '';
  const { result, reload } = useLoad<PublicInvitation>((signal) => authApi.invitation(token, signal), token);
  const form = useMutation();
  const [names, setNames] = useState<{ firstName: string; lastName: string } | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [accepted, setAccepted] = useState<InvitationAccepted | null>(null);
  const [problem, setProblem] = useState<LinkProblemStatus | null>(null);

  useDocumentTitle(t('auth.invitation.title'));

  const invitation = result.state === 'ready' ? result.data : null;
  // The invitation's name fills the form until the person changes it.
  const shownNames = names ?? splitName(invitation?.name ?? '');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!invitation) return;
    if (invitation.needsPassword) {
      if (form.check({ firstName: requireText(t, shownNames.firstName) })) return;
      if (!passwordReady(password, repeat)) return;
    }
    const body = invitation.needsPassword ? { password, firstName: shownNames.firstName.trim(), lastName: shownNames.lastName.trim() } : {};
    const done = await form.run(() => authApi.acceptInvitation(token, body), {
      onError: (error) => {
        const status = tokenStatusOf(error);
        if (status && !error.field) setProblem(status);
      },
    });
    if (done) setAccepted(done);
  }

  if (accepted) {
    return (
      <AuthCard title={t('auth.invitation.acceptedTitle')} focusKey="accepted">
        <StatusMessage tone="success">
          <p>{t('auth.invitation.acceptedBody', { owner: accepted.teamOwnerName })}</p>
          <p>
            {accepted.passwordCreated
              ? t('auth.invitation.acceptedNewLogin', { email: accepted.email })
              : t('auth.invitation.acceptedExistingLogin', { email: accepted.email })}
          </p>
        </StatusMessage>
        <p className="auth__links">
          <Link to="/login" className="button button--primary">
            {t('auth.common.goToLogin')}
          </Link>
        </p>
      </AuthCard>
    );
  }
  if (problem) return <LinkProblem kind="invitation" status={problem} />;
  if (result.state === 'loading') {
    return (
      <AuthCard title={t('auth.invitation.title')}>
        <Loading />
      </AuthCard>
    );
  }
  if (result.state === 'failed') {
    const status = tokenStatusOf(result.error);
    if (status) return <LinkProblem kind="invitation" status={status} />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const inv = result.data;
  if (inv.status !== 'pending') return <LinkProblem kind="invitation" status={STATUS_PROBLEM[inv.status]} />;

  const canSubmit = !form.pending && (!inv.needsPassword || passwordReady(password, repeat));

  return (
    <AuthCard title={t('auth.invitation.title')}>
      <div className="invitation">
        <p className="invitation__lead">{t('auth.invitation.lead', { owner: inv.teamOwnerName })}</p>
        <dl className="details">
          <dt>{t('auth.invitation.invitedBy')}</dt>
          <dd>{inv.teamOwnerName}</dd>
          <dt>{t('auth.invitation.profile')}</dt>
          <dd>{inv.profileName}</dd>
          <dt>{t('auth.field.email')}</dt>
          <dd>{inv.email}</dd>
        </dl>
      </div>
      <form className="form" onSubmit={onSubmit} noValidate>
        <input type="text" name="username" autoComplete="username" value={inv.email} readOnly hidden />
        <FormAlert message={form.formError} />
        {inv.needsPassword ? (
          <>
            <p className="muted">{t('auth.invitation.newLoginIntro')}</p>
            <TextField
              {...form.field('firstName')}
              label={t('auth.field.firstName')}
              name="firstName"
              autoComplete="given-name"
              maxLength={100}
              value={shownNames.firstName}
              onChange={(e) => setNames({ ...shownNames, firstName: e.target.value })}
              required
            />
            <TextField
              {...form.field('lastName')}
              label={t('auth.field.lastName')}
              name="lastName"
              autoComplete="family-name"
              maxLength={100}
              value={shownNames.lastName}
              onChange={(e) => setNames({ ...shownNames, lastName: e.target.value })}
            />
            <PasswordFields
              password={password}
              repeat={repeat}
              onPasswordChange={setPassword}
              onRepeatChange={setRepeat}
              passwordField={form.field('password')}
            />
          </>
        ) : (
          <p className="muted">{t('auth.invitation.existingLoginIntro', { email: inv.email })}</p>
        )}
        <button type="submit" className="button button--primary button--block" disabled={!canSubmit} aria-busy={form.pending || undefined}>
          {t('auth.invitation.accept')}
        </button>
      </form>
    </AuthCard>
  );
}
