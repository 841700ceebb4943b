// The e-mailed links of logins (MA-2, MA-4, TEAM-1): each is about a person, used once,
// and a new one voids the earlier ones of the same kind.
import { defineLinkPurpose } from '../../kernel/links/index.ts';

export const signupConfirmLink = defineLinkPurpose<{ masterAccountId: string; accountId: string }>({
  name: 'auth.signup_confirm',
  ttlMs: 48 * 3_600_000, // MA-2
  singleUse: true,
  grants: 'none',
  about: 'user',
  replacesEarlier: true,
});

export const passwordSetLink = defineLinkPurpose({
  name: 'auth.password_set',
  ttlMs: 72 * 3_600_000,
  singleUse: true,
  grants: 'none',
  about: 'user',
  replacesEarlier: true,
});

export const passwordResetLink = defineLinkPurpose<{ questionId?: string }>({
  name: 'auth.password_reset',
  ttlMs: 2 * 3_600_000,
  singleUse: true,
  grants: 'none',
  about: 'user',
  replacesEarlier: true,
});

export const authLinks = [signupConfirmLink, passwordSetLink, passwordResetLink] as const;
