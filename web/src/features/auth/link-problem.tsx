// What to tell someone who follows an e-mailed link that no longer works: what happened
// and what to do next, per kind of link (sign-up, password, invitation, account link).
import { Link } from 'react-router';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { AuthCard, StatusMessage } from './auth.form.tsx';

export type LinkKind = 'signup' | 'reset' | 'set' | 'invitation' | 'accountLink' | 'accountPassword';
export type LinkProblemStatus = 'expired' | 'used' | 'invalid' | 'revoked';

interface Problem {
  body: MessageKey;
  action?: { to: string; label: MessageKey };
}

const TITLES: Record<LinkProblemStatus, MessageKey> = {
  expired: 'auth.link.expiredTitle',
  used: 'auth.link.usedTitle',
  invalid: 'auth.link.invalidTitle',
  revoked: 'auth.link.revokedTitle',
};

const toLogin = { to: '/login', label: 'auth.common.goToLogin' } as const;
const toForgot = { to: '/password/forgot', label: 'auth.link.askNewReset' } as const;
const toSignup = { to: '/signup', label: 'auth.link.signupAgain' } as const;

const PROBLEMS: Record<LinkKind, Partial<Record<LinkProblemStatus, Problem>>> = {
  signup: {
    expired: { body: 'auth.link.signup.expired', action: toSignup },
    used: { body: 'auth.link.signup.used', action: toLogin },
    invalid: { body: 'auth.link.signup.invalid', action: toSignup },
  },
  reset: {
    expired: { body: 'auth.link.reset.expired', action: toForgot },
    used: { body: 'auth.link.reset.used', action: toForgot },
    invalid: { body: 'auth.link.reset.invalid', action: toForgot },
  },
  set: {
    expired: { body: 'auth.link.set.expired', action: toForgot },
    used: { body: 'auth.link.set.used', action: toLogin },
    invalid: { body: 'auth.link.set.invalid', action: toForgot },
  },
  invitation: {
    expired: { body: 'auth.link.invitation.expired' },
    used: { body: 'auth.link.invitation.used', action: toLogin },
    revoked: { body: 'auth.link.invitation.revoked' },
    invalid: { body: 'auth.link.invitation.invalid' },
  },
  accountLink: {
    expired: { body: 'auth.link.accountLink.expired', action: toLogin },
    used: { body: 'auth.link.accountLink.used', action: toLogin },
    invalid: { body: 'auth.link.accountLink.invalid', action: toLogin },
  },
  accountPassword: {
    expired: { body: 'auth.link.accountPassword.expired' },
    used: { body: 'auth.link.accountPassword.used', action: { to: '/signup?account=existing', label: 'auth.accountPassword.toSignup' } },
    invalid: { body: 'auth.link.accountPassword.invalid' },
  },
};

export function LinkProblem({ kind, status, detail }: { kind: LinkKind; status: LinkProblemStatus; detail?: string }) {
  const t = useT();
  const problem = PROBLEMS[kind][status] ?? PROBLEMS[kind].invalid!;
  const title = t(TITLES[status]);
  return (
    <AuthCard title={title} focusKey={`problem-${status}`}>
      <StatusMessage tone="error">
        <p>{t(problem.body)}</p>
        {detail ? <p>{detail}</p> : null}
      </StatusMessage>
      {problem.action ? (
        <p className="auth__links">
          <Link to={problem.action.to} className="button button--primary">
            {t(problem.action.label)}
          </Link>
        </p>
      ) : null}
    </AuthCard>
  );
}

/** A page that could not load for another reason (network, server): the message and a retry. */
export function LoadProblem({ message, onRetry }: { message: string; onRetry: () => void }) {
  const t = useT();
  return (
    <AuthCard title={t('auth.common.loadFailedTitle')} focusKey="load-failed">
      <StatusMessage tone="error">
        <p>{message}</p>
      </StatusMessage>
      <p>
        <button type="button" className="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      </p>
    </AuthCard>
  );
}
