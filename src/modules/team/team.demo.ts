// The team's demo step (src/kernel/module.ts, DemoStep): the demo's sellers, their teams, their
// seller accounts and Lucía's members, made as the product makes them, following the e-mailed
// links as the people would (the demo's inbox keeps the e-mail; none is queued):
//   - 130 days ago, platform staff open the seller accounts (ACC-2) and each account's own
//     address sets its password from its link; Lucía signs up with the first account's
//     credentials (MA-1), confirms from her e-mail (MA-2), creates her API key (TEAM-4) and
//     links two more accounts, each confirmed from the account's mailbox (MA-5). The fourth
//     stays free, to try "link an account". Diego's team opens a day later, the same way.
//   - Today, Lucía's profiles and members (each web member sets the password from the link the
//     team e-mailed, TEAM-1), her invitation to Sofía (TEAM-7), and John, who already exists,
//     joining Diego's team by accepting its e-mail (issue 7).
// Every row and audit entry is the product's; what the owner does on the demo's behalf is named
// 'demo data' (ctx.actor) where a service takes the actor. Keys and the invitation's link are
// derived from the session secret (ctx.derive), so a second run prints them again.
import type { Permission } from '../../kernel/access/permissions.ts';
import type { DemoContext, DemoReading, DemoStep, DemoSummaryContext } from '../../kernel/module.ts';
import { DEMO_ACCOUNT_PASSWORD, DEMO_ANSWERS, DEMO_DOMAIN, DEMO_HINTS, DEMO_PASSWORD, DEMO_PIN } from '../../seed/demo-logins.ts';
import { type AccessContext, liveMemberships, type MemberPrincipal } from '../access/index.ts';
import { type AccountCurrency, createAccountOpening, createAccountsService, findAccountsForTeam } from '../accounts/index.ts';
import { createAuthService } from '../auth/index.ts';
import { createAcceptanceService } from './team.acceptance.service.ts';
import type { Caller, TeamDeps, TeamSecrets } from './team.context.ts';
import { createTeamDemoRepository } from './team.demo.repository.ts';
import { createInvitationsService } from './team.invitations.service.ts';
import { createMembersService } from './team.members.service.ts';
import { createProfilesService } from './team.profiles.service.ts';
import { createTeamRepository } from './team.repository.ts';
import type { CreateMemberInput } from './team.schemas.ts';

const DOMAIN = DEMO_DOMAIN;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A seller account the demo opens; `email` defaults to username@the demo's domain. */
export interface DemoAccountSpec {
  username: string;
  nickname: string;
  timeZone: string;
  locale: 'es' | 'en';
  currency: AccountCurrency;
  email?: string;
  customerServiceEmail?: string;
}

export interface DemoOwnerSpec {
  email: string;
  firstName: string;
  lastName: string;
  locale: 'es' | 'en';
}

/** A demo seller account as later steps see it (linked to its team). */
export interface DemoAccount {
  id: string;
  username: string;
  nickname: string;
  timeZone: string;
  currency: string;
}

/** A demo team: its owner, as the access check resolves them (acting as the demo), and its linked accounts. */
export interface DemoTeam {
  owner: Caller;
  ownerEmail: string;
  accounts: DemoAccount[];
}

declare module '../../kernel/module.ts' {
  interface DemoFacts {
    /** The demo's teams, Lucía's first (the one with members and tickets). */
    teams: DemoTeam[];
  }
  interface DemoSummaryParts {
    owner: { email: string; password: string; pin: string; securityAnswers: Record<string, string>; apiKey: string; teamId: string };
    accounts: Array<{ id: string; username: string; password: string; timeZone: string; nickname: string; linked: boolean }>;
    members: Array<{
      email: string;
      password: string | null;
      apiOnly: boolean;
      permissions: Permission[];
      profile: string | null;
      /** The accounts the member sees (every linked one when allAccounts). */
      accountIds: string[];
      allAccounts: boolean;
      apiKey: string;
      description: string;
    }>;
    invitations: Array<{ email: string; profile: string; token: string }>;
    /** TEAM-9: other teams of the demo, where some of the members above also collaborate. */
    otherTeams: Array<{
      owner: { email: string; password: string; pin: string; apiKey: string; teamId: string };
      accounts: Array<{ id: string; username: string; password: string; timeZone: string; nickname: string }>;
      collaborators: Array<{ email: string; permissions: Permission[]; apiKey: string }>;
    }>;
  }
}

const OWNER: DemoOwnerSpec = { email: `lucia@${DOMAIN}`, firstName: 'Lucía', lastName: 'Fernández', locale: 'es' };

/** Lucía's accounts: the first is the one she signs up with; the last is left free. */
const ACCOUNTS: Array<DemoAccountSpec & { linked: boolean }> = [
  { username: 'cursosbrasil', nickname: 'Cursos Brasil', timeZone: 'America/Sao_Paulo', locale: 'es', currency: 'BRL', linked: true },
  { username: 'librosmadrid', nickname: 'Libros Madrid', timeZone: 'Europe/Madrid', locale: 'es', currency: 'EUR', linked: true, customerServiceEmail: `soporte.libros@${DOMAIN}` },
  { username: 'eventosmx', nickname: 'Eventos MX', timeZone: 'America/Mexico_City', locale: 'es', currency: 'MXN', linked: true },
  // Not linked: there to try "link an account" in the demo.
  { username: 'softwareus', nickname: 'Software US', timeZone: 'America/New_York', locale: 'en', currency: 'USD', linked: false },
];

/**
 * TEAM-9: a second seller's team where John (Lucía's analyst) also collaborates, so "Accounts
 * where I collaborate" lists two teams for him.
 */
const SECOND_TEAM = {
  owner: { email: `diego@${DOMAIN}`, firstName: 'Diego', lastName: 'Herrera', locale: 'es' } satisfies DemoOwnerSpec,
  account: { username: 'musicaar', nickname: 'Música AR', timeZone: 'America/Argentina/Buenos_Aires', locale: 'es', currency: 'ARS' } satisfies DemoAccountSpec,
  collaborator: { email: `john@${DOMAIN}`, description: 'Freelance analyst', permissions: ['reports.view', 'sales.search', 'api.read'] as Permission[] },
};

const PROFILES: Array<{ name: string; permissions: Permission[] }> = [
  { name: 'Soporte', permissions: ['sales.tickets', 'receipts.send', 'sales.resend_purchase_email', 'sales.change_buyer_email'] },
  { name: 'Analista', permissions: ['reports.view', 'sales.search', 'sales.search_by_period', 'products.view', 'api.read'] },
];

interface MemberSpec {
  email: string;
  firstName: string;
  lastName: string;
  description: string;
  apiOnly: boolean;
  permissions?: Permission[];
  profile?: string;
  accounts: 'all' | string[];
  locale: 'es' | 'en';
}

const MEMBERS: MemberSpec[] = [
  {
    email: `marta@${DOMAIN}`,
    firstName: 'Marta',
    lastName: 'Gómez',
    description: 'Jefa de equipo: gestiona usuarios',
    apiOnly: false,
    permissions: ['team.manage', 'sales.search', 'sales.tickets', 'sales.refund', 'reports.view', 'api.write'],
    accounts: 'all',
    locale: 'es',
  },
  { email: `pablo@${DOMAIN}`, firstName: 'Pablo', lastName: 'Ruiz', description: 'Soporte de Libros Madrid (sin API)', apiOnly: false, profile: 'Soporte', accounts: ['librosmadrid'], locale: 'es' },
  { email: `john@${DOMAIN}`, firstName: 'John', lastName: 'Miller', description: 'Sales analyst', apiOnly: false, profile: 'Analista', accounts: 'all', locale: 'en' },
  {
    email: `integracion@${DOMAIN}`,
    firstName: 'Integración',
    lastName: 'ERP',
    description: 'Sincronización con el ERP (solo API)',
    apiOnly: true,
    permissions: ['api.write', 'sales.search', 'reports.view'],
    accounts: 'all',
    locale: 'es',
  },
];

const INVITED = { email: `sofia@${DOMAIN}`, name: 'Sofía Castro', profile: 'Analista' };

/** A demo member's API key, derived from who it is for (`seed --demo --json` prints it again). */
const demoApiKey = (reading: Pick<DemoReading, 'derive'>, who: string) => `mst_${reading.derive(`demo-api-key:${who}`).slice(0, 32)}`;
const invitationToken = (reading: Pick<DemoReading, 'derive'>) => reading.derive('demo-invitation');

/** No browser: the demo's people act from no address, and the sessions their links start are ended at once. */
const CLIENT = { ip: null, userAgent: null, deviceToken: undefined, sessionToken: undefined };

/**
 * The team's services in the demo's transaction. `keyName` maps a member's e-mail to what their
 * key is derived from (a person has one key per team).
 */
function demoTeamServices(ctx: DemoContext, keyName: (email: string) => string = (email) => email) {
  const secrets: TeamSecrets = { apiKey: ({ email }) => demoApiKey(ctx, keyName(email)), invitationToken: () => invitationToken(ctx) };
  const deps: TeamDeps = { ...ctx.deps, secrets };
  return {
    members: createMembersService(deps),
    profiles: createProfilesService(deps),
    invitations: createInvitationsService(deps),
    acceptance: createAcceptanceService(deps),
  };
}

/** The owner as a signed-in member (the services that take a request's access: linking an account, its settings). */
function ownerAccess(owner: Caller, spec: DemoOwnerSpec): AccessContext {
  const principal: MemberPrincipal = { kind: 'member', via: 'session', userId: owner.userId, email: spec.email, locale: spec.locale, sessionId: null, keyMembershipId: null, ip: null };
  return { principal, actor: principal, team: owner.team, accountId: null };
}

const addressOf = (account: DemoAccountSpec) => account.email ?? `${account.username}@${DOMAIN}`;

/** Platform staff open the account (ACC-2, as the CLI's account:create does); the link e-mailed to its address sets its password. */
async function openAccount(ctx: DemoContext, spec: DemoAccountSpec): Promise<void> {
  const opening = createAccountOpening(ctx.deps);
  const { username, nickname, timeZone, locale, currency } = spec;
  await opening.openByStaff({ username, nickname, timeZone, locale, currency, email: addressOf(spec) }, ctx.actor);
  ctx.clock.advance(MINUTE_MS);
  await opening.setPassword(ctx.inbox.token(addressOf(spec), '/accounts/password/'), DEMO_ACCOUNT_PASSWORD, { ip: null });
}

/**
 * A seller's team, as the product opens one: staff open the accounts, their passwords are set
 * from their links, the owner signs up with the first one's credentials and confirms from the
 * e-mail, creates an API key, and links the others (each confirmed from its own mailbox).
 * `free` accounts are opened and left unlinked. Starts at the demo clock's instant.
 */
async function openDemoTeam(
  ctx: DemoContext,
  spec: { owner: DemoOwnerSpec; accounts: DemoAccountSpec[]; free?: DemoAccountSpec[]; keyName?: (email: string) => string },
): Promise<DemoTeam> {
  const { owner, accounts } = spec;
  const [first, ...others] = accounts;
  if (!first) throw new Error('demo: a team opens with a seller account');
  for (const account of [...accounts, ...(spec.free ?? [])]) await openAccount(ctx, account);

  // MA-1, MA-2: the sign-up with the first account's credentials, confirmed from the e-mail.
  ctx.clock.advance(10 * MINUTE_MS);
  const auth = createAuthService(ctx.deps);
  const questions = (['first_pet', 'birth_city'] as const).map((questionId) => ({ questionId, answer: DEMO_ANSWERS[questionId], hint: DEMO_HINTS[questionId] }));
  await auth.signup({ ...owner, questions, pin: DEMO_PIN, accountUsername: first.username, accountPassword: DEMO_ACCOUNT_PASSWORD }, CLIENT);
  ctx.clock.advance(5 * MINUTE_MS);
  const confirmed = await auth.confirmSignup(ctx.inbox.token(owner.email, '/signup/confirm/'), DEMO_PASSWORD, CLIENT);
  await auth.logout(confirmed.session.token);

  // TEAM-4: the owner's own key; then MA-5: the other accounts, each confirmed from its mailbox.
  const team = await demoTeamOf(ctx, owner.email, [first.username]);
  const services = demoTeamServices(ctx, spec.keyName);
  await services.members.renewMyKey(team.owner);
  const linking = createAccountsService(ctx.deps);
  const access = ownerAccess(team.owner, owner);
  for (const account of others) {
    ctx.clock.advance(MINUTE_MS);
    await linking.requestLink(access, { username: account.username, password: DEMO_ACCOUNT_PASSWORD });
    ctx.clock.advance(MINUTE_MS);
    await linking.confirmLink(ctx.inbox.token(addressOf(account), '/accounts/link/'), { ip: null });
  }
  // ACC-1: where buyers write, when it is not the account's own address.
  const linked = await demoTeamOf(ctx, owner.email, accounts.map((a) => a.username));
  for (const account of accounts.filter((a) => a.customerServiceEmail)) {
    const id = linked.accounts.find((a) => a.username === account.username)!.id;
    await linking.updateSettings(access, id, { customerServiceEmail: account.customerServiceEmail });
  }
  return linked;
}

/**
 * A demo team read back: the owner's membership as the access check resolves it (named as the
 * demo in the audit log), and the given accounts (those linked to it, in that order). Null when
 * the owner has no team.
 */
async function findDemoTeam(reading: Pick<DemoSummaryContext, 'deps' | 'actor'>, ownerEmail: string, usernames: string[]): Promise<DemoTeam | null> {
  const db = reading.deps.database.db;
  const person = await createTeamRepository().findPersonByEmail(db, ownerEmail);
  if (!person) return null;
  const place = (await liveMemberships(db, person.id, { via: 'session' })).find((m) => m.membership.role === 'owner');
  if (!place) return null;
  const teamId = place.membership.masterAccountId;
  const linked = await findAccountsForTeam(db, teamId);
  const accounts = usernames.flatMap((u) => linked.filter((a) => a.username === u)).map((a) => ({ id: a.id, username: a.username, nickname: a.nickname, timeZone: a.timeZone ?? 'UTC', currency: a.currency }));
  const owner: Caller = {
    team: { teamId, membershipId: place.membership.id, role: 'owner', grant: place.grant },
    actor: reading.actor,
    userId: person.id,
  };
  return { owner, ownerEmail, accounts };
}

async function demoTeamOf(ctx: DemoContext, ownerEmail: string, usernames: string[]): Promise<DemoTeam> {
  const team = await findDemoTeam(ctx, ownerEmail, usernames);
  if (!team) throw new Error(`demo: ${ownerEmail} has no team`);
  return team;
}

/** A demo member as the team API takes it: a profile or its own permissions, every account or a list. */
function memberInput(m: MemberSpec, profileIds: Map<string, string>, accounts: DemoAccount[]): CreateMemberInput {
  return {
    email: m.email,
    firstName: m.firstName,
    lastName: m.lastName,
    description: m.description,
    apiOnly: m.apiOnly,
    locale: m.locale,
    ...(m.profile ? { profileId: profileIds.get(m.profile)! } : { permissions: m.permissions ?? [] }),
    ...(m.accounts === 'all' ? { allAccounts: true } : { accountIds: m.accounts.map((u) => accounts.find((a) => a.username === u)!.id) }),
  };
}

/** Today: Lucía's profiles, members (web members set their password from the team's e-mail) and invitation. */
async function fillLuciaTeam(ctx: DemoContext, lucia: DemoTeam): Promise<void> {
  const team = demoTeamServices(ctx);
  const auth = createAuthService(ctx.deps);
  const profileIds = new Map<string, string>();
  for (const p of PROFILES) profileIds.set(p.name, (await team.profiles.createProfile(lucia.owner, p)).id);
  for (const m of MEMBERS) {
    await team.members.createMember(lucia.owner, memberInput(m, profileIds, lucia.accounts), m.locale);
    if (m.apiOnly) continue;
    const session = await auth.setPasswordWithToken(ctx.inbox.token(m.email, '/password/set/'), 'password_set', { password: DEMO_PASSWORD }, CLIENT);
    if (session) await auth.logout(session.token);
  }
  await team.invitations.createInvitation(lucia.owner, { email: INVITED.email, name: INVITED.name, profileId: profileIds.get(INVITED.profile)!, accountIds: null }, 'es');
}

/** TEAM-9: Diego's team adds John, who already exists, and John accepts from the e-mail (issue 7). */
async function johnJoinsDiego(ctx: DemoContext, diego: DemoTeam): Promise<void> {
  const { email, description, permissions } = SECOND_TEAM.collaborator;
  const john = MEMBERS.find((m) => m.email === email)!;
  const team = demoTeamServices(ctx, (e) => `${e}:${SECOND_TEAM.account.username}`);
  const input = { email, firstName: john.firstName, lastName: john.lastName, description, apiOnly: false, permissions, allAccounts: true };
  await team.members.createMember(diego.owner, input, john.locale);
  await team.acceptance.acceptMembership(ctx.inbox.token(email, '/join/'), {}, { ip: null });
}

const step: DemoStep = {
  async load(ctx) {
    // 130 days ago: Lucía's team opens with its accounts; Diego's a day later.
    ctx.clock.set(ctx.start);
    const lucia = await openDemoTeam(ctx, { owner: OWNER, accounts: ACCOUNTS.filter((a) => a.linked), free: ACCOUNTS.filter((a) => !a.linked) });
    ctx.clock.set(new Date(ctx.start.getTime() + DAY_MS));
    const diego = await openDemoTeam(ctx, { owner: SECOND_TEAM.owner, accounts: [SECOND_TEAM.account] });
    ctx.made.teams = [lucia, diego];
    // Today: Lucía's team's members and invitation; John joins Diego's team.
    ctx.clock.set(ctx.today);
    await fillLuciaTeam(ctx, lucia);
    await johnJoinsDiego(ctx, diego);
  },

  async read(ctx: DemoSummaryContext) {
    const lucia = await findDemoTeam(ctx, OWNER.email, ACCOUNTS.map((a) => a.username));
    const diego = await findDemoTeam(ctx, SECOND_TEAM.owner.email, [SECOND_TEAM.account.username]);
    if (!lucia || !diego) return null;
    ctx.made.teams = [lucia, diego];
    const free = await createTeamDemoRepository().accountIdsByUsername(ctx.deps.database.db, ACCOUNTS.filter((a) => !a.linked).map((a) => a.username));
    const idOf = (username: string) => (lucia.accounts.find((a) => a.username === username) ?? free.find((a) => a.username === username))!.id;
    const linkedIds = lucia.accounts.map((a) => a.id);
    const { email, permissions } = SECOND_TEAM.collaborator;
    const musica = diego.accounts[0]!;
    return {
      owner: { email: OWNER.email, password: DEMO_PASSWORD, pin: DEMO_PIN, securityAnswers: { ...DEMO_ANSWERS }, apiKey: demoApiKey(ctx, OWNER.email), teamId: lucia.owner.team.teamId },
      accounts: ACCOUNTS.map((a) => ({ id: idOf(a.username), username: a.username, password: DEMO_ACCOUNT_PASSWORD, timeZone: a.timeZone, nickname: a.nickname, linked: a.linked })),
      members: MEMBERS.map((m) => ({
        email: m.email,
        password: m.apiOnly ? null : DEMO_PASSWORD,
        apiOnly: m.apiOnly,
        permissions: m.permissions ?? PROFILES.find((p) => p.name === m.profile)!.permissions,
        profile: m.profile ?? null,
        accountIds: m.accounts === 'all' ? linkedIds : m.accounts.map(idOf),
        allAccounts: m.accounts === 'all',
        apiKey: demoApiKey(ctx, m.email),
        description: m.description,
      })),
      invitations: [{ email: INVITED.email, profile: INVITED.profile, token: invitationToken(ctx) }],
      otherTeams: [
        {
          owner: { email: diego.ownerEmail, password: DEMO_PASSWORD, pin: DEMO_PIN, apiKey: demoApiKey(ctx, diego.ownerEmail), teamId: diego.owner.team.teamId },
          accounts: [{ id: musica.id, username: musica.username, password: DEMO_ACCOUNT_PASSWORD, timeZone: musica.timeZone, nickname: musica.nickname }],
          collaborators: [{ email, permissions, apiKey: demoApiKey(ctx, `${email}:${musica.username}`) }],
        },
      ],
    };
  },
};

/** The step, and its building blocks for `seed --scale` (a team of its own, opened the same way). */
export const teamDemo = { ...step, openTeam: openDemoTeam, services: demoTeamServices, apiKey: demoApiKey };
