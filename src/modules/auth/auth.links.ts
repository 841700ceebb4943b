// The e-mailed links of logins (MA-2, MA-4, TEAM-1): each is about a person, used once,
// and a new one voids the earlier ones of the same kind.
import { defineLinkPurpose } from '../../kernel/links/index.ts';

/**
 * What a sign-up holds until its link is followed (MA-1, MA-2, ACC-2): nothing of it touches the
 * person or a seller account before then. Either the existing account that was verified
 * (`accountId`) or the account to open (`new*`); the PIN and the questions, hashed (`questions`
 * is JSON: [{ questionId, answerHash, hint }]); the name and language typed. Links issued before
 * the secrets moved here carry only `masterAccountId` and `accountId`.
 */
export type SignupPayload = {
  masterAccountId: string;
  accountId?: string;
  newUsername?: string;
  newNickname?: string;
  newTimeZone?: string;
  newLocale?: string;
  newCurrency?: string;
  pinHash?: string;
  questions?: string;
  firstName?: string;
  lastName?: string;
  locale?: string;
};

export const signupConfirmLink = defineLinkPurpose<SignupPayload>({
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
