// Demo data: a rich, realistic starting point for `npm start` and for scripts.
// Idempotent: a second run creates nothing and prints the same logins. API keys
// and the invitation's link are derived from the session secret, so they can be
// printed again without ever being stored in clear. Members, profiles and the
// invitation are made by the team's services, as the owner would make them.
//
// The demo has a past: its clock (a manual one, given to every service it calls) starts
// 130 days ago, when Lucía's team opened and linked its accounts; the catalogs come two days
// later; four months of sales follow through the real purchase service (demo-sales.ts), and
// the last weeks' support tickets through the tickets service (demo-tickets.ts); the team's
// members, profiles and invitation are today's.
import { createHmac } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { ownerGrant } from '../kernel/access/access.rules.ts';
import type { Permission } from '../kernel/access/permissions.ts';
import { type AuditActor, type AuditEntry, cliActor, createAudit } from '../kernel/audit/index.ts';
import { type ManualClock, manualClock } from '../kernel/clock.ts';
import type { AppDeps } from '../kernel/deps.ts';
import { CATALOGS, seedDemoProducts } from './demo-products.ts';
import { type DemoSalesSummary, seedDemoSales, summarizeDemoSales } from './demo-sales.ts';
import { type DemoStaff, seedDemoStaff } from './demo-staff.ts';
import { type DemoTicketsSummary, seedDemoTickets, summarizeDemoTickets } from './demo-tickets.ts';
import { newId } from '../kernel/ids.ts';
import { createLinks } from '../kernel/links/index.ts';
import type { Mailer } from '../kernel/mail/index.ts';
import { hashSecret } from '../kernel/secrets.ts';
import { normalizeAnswer } from '../modules/auth/index.ts';
import {
  apiKeyOf,
  type Caller,
  type CreateMemberInput,
  createInvitationsService,
  createMembersService,
  createProfilesService,
  type TeamSecrets,
} from '../modules/team/index.ts';
import { createSeedRepository } from './seed.repository.ts';

export const DEMO_PASSWORD = 'MOstrador!!2026';
export const DEMO_ACCOUNT_PASSWORD = 'Vendedor!!2026';
export const DEMO_PIN = '2468';
export const DEMO_ANSWERS = { first_pet: 'Luna', birth_city: 'Sevilla' } as const;
export const DEMO_DOMAIN = 'demo.mostrador.test';
const DOMAIN = DEMO_DOMAIN;

const ACCOUNTS = [
  { username: 'cursosbrasil', nickname: 'Cursos Brasil', timeZone: 'America/Sao_Paulo', locale: 'es' as const, linked: true },
  { username: 'librosmadrid', nickname: 'Libros Madrid', timeZone: 'Europe/Madrid', locale: 'es' as const, linked: true },
  { username: 'eventosmx', nickname: 'Eventos MX', timeZone: 'America/Mexico_City', locale: 'es' as const, linked: true },
  // Not linked: there to try "link an account" in the demo.
  { username: 'softwareus', nickname: 'Software US', timeZone: 'America/New_York', locale: 'en' as const, linked: false },
];

/**
 * TEAM-9: a second seller's team where John (Lucía's analyst) also collaborates, so "Accounts
 * where I collaborate" lists two teams for him.
 */
const SECOND_TEAM = {
  owner: { email: `diego@${DOMAIN}`, firstName: 'Diego', lastName: 'Herrera', locale: 'es' as const },
  account: { username: 'musicaar', nickname: 'Música AR', timeZone: 'America/Argentina/Buenos_Aires', locale: 'es' as const },
  collaborator: { email: `john@${DOMAIN}`, description: 'Freelance analyst', permissions: ['reports.view', 'sales.search', 'api.read'] as Permission[] },
};

const PROFILES: Array<{ name: string; permissions: Permission[] }> = [
  { name: 'Soporte', permissions: ['sales.tickets', 'receipts.send', 'sales.resend_purchase_email', 'sales.change_buyer_email'] },
  { name: 'Analista', permissions: ['reports.view', 'sales.search', 'sales.search_by_period', 'products.view', 'api.read'] },
];

interface MemberSpec {
  key: string;
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
    key: 'manager',
    email: `marta@${DOMAIN}`,
    firstName: 'Marta',
    lastName: 'Gómez',
    description: 'Jefa de equipo: gestiona usuarios',
    apiOnly: false,
    permissions: ['team.manage', 'sales.search', 'sales.tickets', 'sales.refund', 'reports.view', 'api.write'],
    accounts: 'all',
    locale: 'es',
  },
  {
    key: 'support',
    email: `pablo@${DOMAIN}`,
    firstName: 'Pablo',
    lastName: 'Ruiz',
    description: 'Soporte de Libros Madrid (sin API)',
    apiOnly: false,
    profile: 'Soporte',
    accounts: ['librosmadrid'],
    locale: 'es',
  },
  {
    key: 'analyst',
    email: `john@${DOMAIN}`,
    firstName: 'John',
    lastName: 'Miller',
    description: 'Sales analyst',
    apiOnly: false,
    profile: 'Analista',
    accounts: 'all',
    locale: 'en',
  },
  {
    key: 'integration',
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

export interface DemoSummary {
  created: boolean;
  /** The platform staff login (`/staff/login`, PIN as second step) and its API key. */
  staff: DemoStaff;
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
  /** The demo's orders (issue 8 item 12), by account and status. */
  sales: DemoSalesSummary;
  /** The demo's support tickets (issue 9 item 12), by type, status and escalation, and what falls due within a day. */
  tickets: DemoTicketsSummary;
  /** TEAM-9: other teams of the demo, where some of the members above also collaborate. */
  otherTeams: Array<{
    owner: { email: string; password: string; pin: string; apiKey: string; teamId: string };
    accounts: Array<{ id: string; username: string; password: string; timeZone: string; nickname: string }>;
    collaborators: Array<{ email: string; permissions: Permission[]; apiKey: string }>;
  }>;
}

/** Who the demo's history names (X-2): the loader, through the command line. */
const demoActor: AuditActor = { ...cliActor, label: 'demo data' };

/** The demo's people are made up: what the product would e-mail them is not queued (nor was it ever). */
function withoutMail(mailer: Mailer): Mailer {
  // Neither door to the outbox: one message, nor a batch (`enqueueMany`, where the mailer has it).
  const none = { enqueue: async () => newId(), enqueueMany: async (_db: unknown, inputs: readonly unknown[]) => inputs.map(() => newId()) };
  return { ...mailer, ...none } as Mailer;
}

/** The demo's passwords, PIN and answers, hashed once per run (hashing is slow on purpose). */
export interface Hashes {
  passwordHash: string;
  accountPasswordHash: string;
  pinHash: string;
  petHash: string;
  cityHash: string;
}

/**
 * The demo's writes, in the seed's one transaction. Teams, members, profiles and the
 * invitation go through the team's own services, so their rows and audit entries are the
 * product's. What the product only does after an e-mailed proof (a sign-up confirmed, a
 * seller account linked, a person's first password) is written here, with the audit
 * entries those steps leave.
 */
export function demoWriter(deps: AppDeps, tx: Db, clock: ManualClock, hashes: Hashes, demoKey: (name: string) => string, inviteToken: string) {
  const repo = createSeedRepository();
  // Every service called below reads the demo's clock: its rows, audit entries and links are dated by it.
  const inTx: AppDeps = {
    ...deps,
    clock,
    audit: createAudit({ clock }),
    links: createLinks({ clock }),
    database: { ...deps.database, db: tx },
    mailer: withoutMail(deps.mailer),
  };
  const record = (teamId: string, entry: Omit<AuditEntry, 'actor' | 'masterAccountId'>) => inTx.audit.record(tx, { ...entry, actor: demoActor, masterAccountId: teamId });

  /** The team services acting in the transaction; `keyName` derives each member's key from its e-mail. */
  function teamServices(keyName: (email: string) => string) {
    const teamSecrets: TeamSecrets = { apiKey: ({ email }) => demoKey(keyName(email)), invitationToken: () => inviteToken };
    const teamDeps = { ...inTx, secrets: teamSecrets };
    return { members: createMembersService(teamDeps), profiles: createProfilesService(teamDeps), invitations: createInvitationsService(teamDeps) };
  }

  return {
    /** The services' dependencies: in the transaction, on the demo's clock, sending no e-mail. */
    deps: inTx,
    teamServices,

    /** A confirmed sign-up: the owner (the demo's password, PIN and answers), the team and the owner's key. */
    async openTeam(owner: { email: string; firstName: string; lastName: string; locale: 'es' | 'en' }): Promise<Caller> {
      const now = clock.now();
      const userId = newId();
      const teamId = newId();
      const membershipId = newId();
      const securityQuestions = [
        { questionId: 'first_pet' as const, answerHash: hashes.petHash, hint: 'Gata' },
        { questionId: 'birth_city' as const, answerHash: hashes.cityHash, hint: 'Andalucía' },
      ];
      await repo.insertUser(tx, { id: userId, ...owner, passwordHash: hashes.passwordHash, pinHash: hashes.pinHash, securityQuestions, createdAt: now });
      await repo.insertMaster(tx, { id: teamId, ownerUserId: userId, status: 'active', createdAt: now });
      await record(teamId, { action: 'master_account.confirmed', entityType: 'master_account', entityId: teamId });
      const key = apiKeyOf(demoKey(owner.email), now);
      await repo.insertMembership(tx, {
        id: membershipId,
        masterAccountId: teamId,
        userId,
        role: 'owner',
        allAccounts: true,
        apiKeyHash: key.hash,
        apiKeyPrefix: key.prefix,
        apiKeyCreatedAt: now,
        createdAt: now,
      });
      // The owner's own place in the team, as the access check would resolve it.
      return { team: { teamId, membershipId, role: 'owner', grant: ownerGrant() }, actor: demoActor, userId };
    },

    /** A seller account, linked to the team when one is given. */
    async addAccount(
      a: { username: string; nickname: string; timeZone: string; locale: 'es' | 'en'; customerServiceEmail?: string | null; currency?: string },
      teamId: string | null,
    ) {
      const now = clock.now();
      const id = newId();
      await repo.insertAccount(tx, {
        id,
        username: a.username,
        // ACC-2: the account's currency is its catalog's (USD for the one without a catalog).
        currency: a.currency ?? CATALOGS[a.username]?.currency ?? 'USD',
        passwordHash: hashes.accountPasswordHash,
        nickname: a.nickname,
        email: `${a.username}@${DOMAIN}`,
        customerServiceEmail: a.customerServiceEmail ?? null,
        timeZone: a.timeZone,
        locale: a.locale,
        masterAccountId: teamId,
        linkedAt: teamId ? now : null,
        createdAt: now,
      });
      if (teamId) await record(teamId, { action: 'account.linked', entityType: 'seller_account', entityId: id, accountId: id, details: { username: a.username } });
      return id;
    },

    /** The demo's password for a member the team created, as its set-password link would have left it. */
    async givePassword(userId: string) {
      await repo.setPassword(tx, userId, hashes.passwordHash);
    },

    /** A membership of someone who already existed, accepted as its e-mailed link would have (issue 7). */
    async accept(teamId: string, membershipId: string, email: string) {
      await repo.acceptMembership(tx, membershipId, clock.now());
      await deps.links.revoke(tx, { type: 'membership', id: membershipId });
      await record(teamId, { action: 'member.accepted', entityType: 'membership', entityId: membershipId, details: { email, passwordCreated: false } });
    },
  };
}

export async function hashSecrets(): Promise<Hashes> {
  const [passwordHash, accountPasswordHash, pinHash, petHash, cityHash] = await Promise.all([
    hashSecret(DEMO_PASSWORD),
    hashSecret(DEMO_ACCOUNT_PASSWORD),
    hashSecret(DEMO_PIN),
    hashSecret(normalizeAnswer(DEMO_ANSWERS.first_pet)),
    hashSecret(normalizeAnswer(DEMO_ANSWERS.birth_city)),
  ]);
  return { passwordHash, accountPasswordHash, pinHash, petHash, cityHash };
}

/** A demo member as the team API takes it: a profile or its own permissions, every account or a list. */
function memberInput(m: MemberSpec, profileIds: Map<string, string>, accountIds: Map<string, string>): CreateMemberInput {
  return {
    email: m.email,
    firstName: m.firstName,
    lastName: m.lastName,
    description: m.description,
    apiOnly: m.apiOnly,
    locale: m.locale,
    ...(m.profile ? { profileId: profileIds.get(m.profile)! } : { permissions: m.permissions ?? [] }),
    ...(m.accounts === 'all' ? { allAccounts: true } : { accountIds: m.accounts.map((u) => accountIds.get(u)!) }),
  };
}

/** The API keys and the invitation's token: derived from the session secret, so printed the same on every run. */
export function demoSecretsOf(deps: AppDeps) {
  const hmac = (what: string) => createHmac('sha256', deps.config.sessionSecret).update(what).digest('base64url');
  return { demoKey: (who: string) => `mst_${hmac(`demo-api-key:${who}`).slice(0, 32)}`, inviteToken: hmac('demo-invitation') };
}

const OWNER = { email: `lucia@${DOMAIN}`, firstName: 'Lucía', lastName: 'Fernández', locale: 'es' as const };

const DAY_MS = 86_400_000;

/** Both teams, in one transaction: a failed run leaves nothing behind, so the next one starts over. */
async function loadDemo(deps: AppDeps, { demoKey, inviteToken }: ReturnType<typeof demoSecretsOf>): Promise<void> {
  const hashes = await hashSecrets();
  const today = deps.clock.now();
  const clock = manualClock(new Date(today.getTime() - 130 * DAY_MS));
  await deps.database.db.transaction(async (tx) => {
    const demo = demoWriter(deps, tx, clock, hashes, demoKey, inviteToken);

    // 130 days ago: Lucía's team opens and links its accounts; Diego's a day later.
    const lucia = await demo.openTeam(OWNER);
    const accountIds = new Map<string, string>();
    for (const a of ACCOUNTS) {
      const customerServiceEmail = a.username === 'librosmadrid' ? `soporte.libros@${DOMAIN}` : null;
      accountIds.set(a.username, await demo.addAccount({ ...a, customerServiceEmail }, a.linked ? lucia.team.teamId : null));
    }
    clock.advance(DAY_MS);
    const diego = await demo.openTeam(SECOND_TEAM.owner);
    const musicaId = await demo.addAccount(SECOND_TEAM.account, diego.team.teamId);

    // 128 days ago: the catalogs; then four months of sales, up to today.
    clock.advance(DAY_MS);
    const luciaAccounts = ACCOUNTS.filter((a) => a.linked).map((a) => ({ ...a, id: accountIds.get(a.username)! }));
    const luciaProducts = await seedDemoProducts(demo.deps, tx, lucia, luciaAccounts, today);
    const diegoAccounts = [{ ...SECOND_TEAM.account, id: musicaId }];
    const diegoProducts = await seedDemoProducts(demo.deps, tx, diego, diegoAccounts, today);
    await seedDemoSales(demo.deps, clock, today, [
      { owner: lucia, accounts: luciaAccounts, products: luciaProducts },
      { owner: diego, accounts: diegoAccounts, products: diegoProducts },
    ]);
    // The last weeks' support tickets, some due minutes or hours from now (demo-tickets.ts).
    await seedDemoTickets(demo.deps, clock, today, { owner: lucia, ownerEmail: OWNER.email, accounts: luciaAccounts });

    // Today: Lucía's profiles, members and invitation; John joins Diego's team.
    clock.set(today);
    const team = demo.teamServices((email) => email);
    const profileIds = new Map<string, string>();
    for (const p of PROFILES) profileIds.set(p.name, (await team.profiles.createProfile(lucia, p)).id);
    for (const m of MEMBERS) {
      const { member } = await team.members.createMember(lucia, memberInput(m, profileIds, accountIds), m.locale);
      if (!m.apiOnly) await demo.givePassword(member.userId!);
    }
    await team.invitations.createInvitation(lucia, { email: `sofia@${DOMAIN}`, name: 'Sofía Castro', profileId: profileIds.get('Analista')!, accountIds: null }, 'es');

    // TEAM-9: Diego's team, with its own account, where John collaborates too.
    const { email, description, permissions } = SECOND_TEAM.collaborator;
    const john = MEMBERS.find((m) => m.email === email)!;
    const diegoTeam = demo.teamServices((e) => `${e}:${SECOND_TEAM.account.username}`);
    const input = { email, firstName: john.firstName, lastName: john.lastName, description, apiOnly: false, permissions, allAccounts: true };
    // John already exists: Diego's team adds him awaiting his acceptance, which the demo gives.
    const { member } = await diegoTeam.members.createMember(diego, input, john.locale);
    await demo.accept(diego.team.teamId, member.id, email);
  });
}

export async function seedDemo(deps: AppDeps): Promise<DemoSummary> {
  const secrets = demoSecretsOf(deps);
  const created = !(await createSeedRepository().findUser(deps.database.db, OWNER.email));
  if (created) await loadDemo(deps, secrets);
  // The platform's staff login (PLAT-*), ensured on every run (idempotent).
  const staff = await seedDemoStaff(deps);
  return { created, ...(await summaryOf(deps, secrets)), staff };
}

/** What the demo holds, logins included, read back from the database (the same on every run). */
async function summaryOf(deps: AppDeps, { demoKey, inviteToken }: ReturnType<typeof demoSecretsOf>): Promise<Omit<DemoSummary, 'created' | 'staff'>> {
  const db = deps.database.db;
  const repo = createSeedRepository();
  const ownerEmail = OWNER.email;
  const owner = (await repo.findUser(db, ownerEmail))!;
  const teamId = (await repo.findMembership(db, owner.id))!.masterAccountId;
  const accounts: DemoSummary['accounts'] = [];
  for (const a of ACCOUNTS) {
    const row = (await repo.findAccount(db, a.username))!;
    accounts.push({ id: row.id, username: a.username, password: DEMO_ACCOUNT_PASSWORD, timeZone: a.timeZone, nickname: a.nickname, linked: a.linked });
  }
  const idOf = (u: string) => accounts.find((a) => a.username === u)!.id;
  return {
    owner: { email: ownerEmail, password: DEMO_PASSWORD, pin: DEMO_PIN, securityAnswers: { ...DEMO_ANSWERS }, apiKey: demoKey(ownerEmail), teamId },
    accounts,
    members: MEMBERS.map((m) => ({
      email: m.email,
      password: m.apiOnly ? null : DEMO_PASSWORD,
      apiOnly: m.apiOnly,
      permissions: m.permissions ?? PROFILES.find((p) => p.name === m.profile)!.permissions,
      profile: m.profile ?? null,
      accountIds: m.accounts === 'all' ? accounts.filter((a) => a.linked).map((a) => a.id) : m.accounts.map(idOf),
      allAccounts: m.accounts === 'all',
      apiKey: demoKey(m.email),
      description: m.description,
    })),
    invitations: [{ email: `sofia@${DOMAIN}`, profile: 'Analista', token: inviteToken }],
    sales: await summarizeDemoSales(db, [...accounts.filter((a) => a.linked), ...(await secondTeamSummary()).accounts]),
    tickets: await summarizeDemoTickets(deps, accounts.filter((a) => a.linked).map((a) => a.id)),
    otherTeams: [await secondTeamSummary()],
  };

  async function secondTeamSummary(): Promise<DemoSummary['otherTeams'][number]> {
    const diego = (await repo.findUser(db, SECOND_TEAM.owner.email))!;
    const account = (await repo.findAccount(db, SECOND_TEAM.account.username))!;
    const { email, permissions } = SECOND_TEAM.collaborator;
    return {
      owner: { email: diego.email, password: DEMO_PASSWORD, pin: DEMO_PIN, apiKey: demoKey(diego.email), teamId: account.masterAccountId! },
      accounts: [{ id: account.id, username: account.username, password: DEMO_ACCOUNT_PASSWORD, timeZone: account.timeZone!, nickname: account.nickname }],
      collaborators: [{ email, permissions, apiKey: demoKey(`${email}:${account.username}`) }],
    };
  }
}

/** On first start only: loads the demo when the database holds no people yet. */
export async function seedDemoIfEmpty(deps: AppDeps): Promise<boolean> {
  if ((await createSeedRepository().userCount(deps.database.db)) > 0) return false;
  return (await seedDemo(deps)).created;
}

