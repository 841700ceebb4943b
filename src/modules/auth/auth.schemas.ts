import { z } from 'zod';
import { EmailOut } from '../../kernel/http/contract.ts';
import { TABS } from '../../kernel/access/access.rules.ts';
import { PASSWORD_MAX, SECURITY_QUESTION_IDS } from './password.rules.ts';

const email = z.email().max(254);
const name = z.string().trim().min(1).max(100);
const locale = z.enum(['es', 'en']);
const password = z.string().min(1).max(PASSWORD_MAX);
const token = z.string().min(10).max(200);

/** ACC-2: the seller account a sign-up opens; checked by the accounts module (errors name `newAccount.<field>`). */
const NewAccount = z.strictObject({
  username: z.string().max(100).describe('The classic login of the new account: 3 to 30 of a-z, 0-9, ".", "_" and "-", stored lower-cased; unique'),
  timeZone: z.string().max(64).describe('An IANA name such as America/Sao_Paulo'),
  locale: locale.optional().describe("The account's language (its buyers' e-mails); the person's own by default"),
  currency: z.string().max(3).describe('ISO 4217: BRL, USD, EUR, MXN or ARS; new products start in it'),
});

/**
 * MA-1 with ACC-2: the first seller account is either opened (`newAccount`) or an existing one,
 * proved by its username and password (`accountUsername`, `accountPassword`). Exactly one.
 */
export const SignupBody = z
  .strictObject({
    email,
    firstName: name,
    lastName: z.string().trim().max(100).default(''),
    locale: locale.default('es'),
    questions: z
      .array(z.strictObject({ questionId: z.enum(SECURITY_QUESTION_IDS), answer: z.string().trim().min(1).max(200), hint: z.string().trim().min(1).max(200) }))
      .length(2),
    pin: z.string().max(6),
    newAccount: NewAccount.optional(),
    accountUsername: z.string().trim().min(1).max(100).optional(),
    accountPassword: z.string().min(1).max(200).optional(),
  })
  .superRefine((body, ctx) => {
    const linking = body.accountUsername !== undefined || body.accountPassword !== undefined;
    if (body.newAccount && linking) {
      ctx.addIssue({
        code: 'custom',
        path: ['newAccount'],
        params: { en: 'Either open a new seller account or give an existing one, not both', es: 'Abre una cuenta de vendedor nueva o indica una que ya tengas, no las dos cosas' },
      });
    } else if (!body.newAccount) {
      for (const field of ['accountUsername', 'accountPassword'] as const) {
        if (body[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], params: { en: 'Required', es: 'Obligatorio' } });
      }
    }
  })
  .meta({
    examples: [
      {
        email: 'ana@example.com',
        firstName: 'Ana',
        lastName: 'Souza',
        locale: 'es',
        questions: [
          { questionId: 'first_pet', answer: 'Pipoca', hint: 'A snack' },
          { questionId: 'birth_city', answer: 'Recife', hint: 'Northeast' },
        ],
        pin: '4821',
        newAccount: { username: 'ana_store', timeZone: 'America/Recife', locale: 'es', currency: 'BRL' },
      },
      {
        email: 'ana@example.com',
        firstName: 'Ana',
        lastName: 'Souza',
        locale: 'es',
        questions: [
          { questionId: 'first_pet', answer: 'Pipoca', hint: 'A snack' },
          { questionId: 'birth_city', answer: 'Recife', hint: 'Northeast' },
        ],
        pin: '4821',
        accountUsername: 'ana_store',
        accountPassword: 'the seller account password',
      },
    ],
  });

export const TokenParams = z.strictObject({ token });
export const TokenStatus = z.enum(['valid', 'expired', 'used', 'invalid']);

export const SignupTokenInfo = z.object({
  status: TokenStatus,
  email: EmailOut.nullable(),
  firstName: z.string().nullable(),
  /** ACC-2: while the link is valid, the seller account it opens (null: it links an existing one). */
  newAccount: z.object({ username: z.string(), currency: z.string(), timeZone: z.string() }).nullable(),
});
export const ConfirmSignupBody = z.strictObject({ token, password }).meta({ examples: [{ token: 'the token from the e-mailed link', password: 'Ventana-Azul-42' }] });

/** Any text is accepted as the e-mail here: a malformed one is just a wrong login (401), like an unknown one. */
export const LoginBody = z
  .strictObject({ email: z.string().trim().min(1).max(254).meta({ format: 'email' }), password: z.string().min(1).max(PASSWORD_MAX) })
  .meta({ examples: [{ email: 'ana@example.com', password: 'Ventana-Azul-42' }] });
export const LoginResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok') }),
  z.object({ status: z.literal('second_step'), challengeId: z.string(), questionId: z.string(), hint: z.string() }),
]);
export const SecondStepBody = z
  .strictObject({ challengeId: z.string().min(10).max(200), pin: z.string().max(6), answer: z.string().max(200) })
  .meta({ examples: [{ challengeId: 'the challengeId of the login answer', pin: '4821', answer: 'Pipoca' }] });

export const ForgotBody = z.strictObject({ email }).meta({ examples: [{ email: 'ana@example.com' }] });
export const PasswordTokenInfo = z.object({
  status: TokenStatus,
  email: EmailOut.nullable(),
  firstName: z.string().nullable(),
  question: z.object({ questionId: z.string(), hint: z.string() }).nullable(),
});
export const SetPasswordBody = z
  .strictObject({ token, password, pin: z.string().max(6).optional(), answer: z.string().max(200).optional() })
  .meta({ examples: [{ token: 'the token from the e-mailed link', password: 'Ventana-Azul-42', pin: '4821', answer: 'Pipoca' }] });
export const SessionResponse = z.object({ status: z.literal('ok'), loggedIn: z.boolean() });
/** MA-2, ACC-2: logged in, with the first seller account (`accountOpened`: opened by this sign-up, not linked). */
export const SignupConfirmed = SessionResponse.extend({ accountId: z.string(), accountOpened: z.boolean() });

export const ChangePasswordBody = z
  .strictObject({ currentPassword: password, newPassword: password })
  .meta({ examples: [{ currentPassword: 'Ventana-Azul-42', newPassword: 'Puerta-Verde-77' }] });
export const UpdateMeBody = z
  .strictObject({ firstName: name.optional(), lastName: z.string().trim().max(100).optional(), locale: locale.optional() })
  // Issue 7, finding 10: an empty change is a clear 400, not a silent success.
  .refine((body) => Object.keys(body).length > 0, { params: { en: 'Nothing to change: send at least one field', es: 'No hay nada que cambiar: envía al menos un campo' } })
  .meta({ examples: [{ firstName: 'Ana', lastName: 'Souza', locale: 'en' }] });

export const MeResponse = z.object({
  user: z.object({ id: z.string(), email: EmailOut, firstName: z.string(), lastName: z.string(), locale }),
  teams: z.array(
    z.object({
      teamId: z.string(),
      membershipId: z.string(),
      role: z.enum(['owner', 'member']),
      ownerName: z.string(),
      ownerEmail: EmailOut,
      permissions: z.array(z.string()),
      tabs: z.array(z.enum(TABS)),
      accounts: z.array(z.object({ id: z.string(), username: z.string(), nickname: z.string(), timeZone: z.string().nullable(), currency: z.string() })),
    }),
  ),
});

export const SecurityQuestionsResponse = z.object({ questions: z.array(z.object({ id: z.string(), label: z.string() })) });
export const Ok = z.object({ status: z.literal('ok') });
export const Accepted = z.object({ status: z.literal('accepted'), pendingEmail: z.string().optional() });
