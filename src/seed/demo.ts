// Demo data: a rich, realistic starting point for `npm start` and for scripts.
// Idempotent: a second run creates nothing and prints the same logins. API keys
// are derived from the session secret, so they can be printed again without
// ever being stored in clear.
import { createHmac } from 'node:crypto';
import type { AppDeps } from '../kernel/deps.ts';
import type { Permission } from '../kernel/access/permissions.ts';
import type { AuditActor, AuditEntry } from '../kernel/audit/index.ts';
import { newId, sha256 } from '../kernel/ids.ts';
import { hashSecret } from '../kernel/secrets.ts';
import { normalizeAnswer } from '../modules/auth/password.rules.ts';
import { createSeedRepository } from './seed.repository.ts';

export const DEMO_PASSWORD = 'MOstrador!!2026';
export const DEMO_ACCOUNT_PASSWORD = 'Vendedor!!2026';
export const DEMO_PIN = '2468';
export const DEMO_ANSWERS = { first_pet: 'Luna', birth_city: 'Sevilla' } as const;
const DOMAIN = 'demo.mostrador.test';

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

const demoActor: AuditActor = { userId: null, label: 'demo data', via: 'cli' };

export async function seedDemo(deps: AppDeps): Promise<DemoSummary> {
  const db = deps.database.db;
  const repo = createSeedRepository();
  const now = deps.clock.now();
  const demoKey = (who: string) => `mst_${createHmac('sha256', deps.config.sessionSecret).update(`demo-api-key:${who}`).digest('base64url').slice(0, 32)}`;
  const inviteToken = createHmac('sha256', deps.config.sessionSecret).update('demo-invitation').digest('base64url');
  const ownerEmail = `lucia@${DOMAIN}`;
  const created = !(await repo.findUser(db, ownerEmail));

  if (created) {
    const [passwordHash, accountPasswordHash, pinHash, petHash, cityHash] = await Promise.all([
      hashSecret(DEMO_PASSWORD),
      hashSecret(DEMO_ACCOUNT_PASSWORD),
      hashSecret(DEMO_PIN),
      hashSecret(normalizeAnswer(DEMO_ANSWERS.first_pet)),
      hashSecret(normalizeAnswer(DEMO_ANSWERS.birth_city)),
    ]);
    await db.transaction(async (tx) => {
      // Each helper writes a row and its audit entry (X-2), so the demo's history reads like the
      // team's own, attributed to the demo loader.
      type Recorder = (entry: Omit<AuditEntry, 'actor' | 'masterAccountId'>) => Promise<void>;

      /** A master-account owner (the demo's PIN and answers) with the team and its owner key. */
      async function createTeam(owner: { email: string; firstName: string; lastName: string; locale: 'es' | 'en' }) {
        const ownerId = newId();
        const teamId = newId();
        const record: Recorder = (entry) => deps.audit.record(tx, { ...entry, actor: demoActor, masterAccountId: teamId });
        await repo.insertUser(tx, {
          id: ownerId,
          ...owner,
          passwordHash,
          pinHash,
          securityQuestions: [
            { questionId: 'first_pet', answerHash: petHash, hint: 'Gata' },
            { questionId: 'birth_city', answerHash: cityHash, hint: 'Andalucía' },
          ],
          createdAt: now,
        });
        await repo.insertMaster(tx, { id: teamId, ownerUserId: ownerId, status: 'active', createdAt: now });
        await record({ action: 'master_account.confirmed', entityType: 'master_account', entityId: teamId });
        const key = demoKey(owner.email);
        await repo.insertMembership(tx, {
          id: newId(),
          masterAccountId: teamId,
          userId: ownerId,
          role: 'owner',
          allAccounts: true,
          apiKeyHash: sha256(key),
          apiKeyPrefix: key.slice(0, 8),
          apiKeyCreatedAt: now,
          createdAt: now,
        });
        return { ownerId, teamId, record };
      }

      /** A seller account, linked to the team when `teamId` is given. */
      async function createAccount(
        a: { username: string; nickname: string; timeZone: string; locale: 'es' | 'en'; customerServiceEmail?: string | null },
        teamId: string | null,
        record: Recorder,
      ): Promise<string> {
        const id = newId();
        await repo.insertAccount(tx, {
          id,
          username: a.username,
          passwordHash: accountPasswordHash,
          nickname: a.nickname,
          email: `${a.username}@${DOMAIN}`,
          customerServiceEmail: a.customerServiceEmail ?? null,
          timeZone: a.timeZone,
          locale: a.locale,
          masterAccountId: teamId,
          linkedAt: teamId ? now : null,
          createdAt: now,
        });
        if (teamId) await record({ action: 'account.linked', entityType: 'seller_account', entityId: id, accountId: id, details: { username: a.username } });
        return id;
      }

      /** A person's membership in a team, its scope and its API key (`keyName` derives the key). */
      async function addMember(
        m: { teamId: string; userId: string; email: string; keyName: string; description: string; apiOnly: boolean; profileId: string | null; permissions: Permission[]; accountIds: 'all' | string[] },
        record: Recorder,
      ): Promise<void> {
        const id = newId();
        const key = demoKey(m.keyName);
        await repo.insertMembership(tx, {
          id,
          masterAccountId: m.teamId,
          userId: m.userId,
          role: 'member',
          description: m.description,
          apiOnly: m.apiOnly,
          profileId: m.profileId,
          permissions: m.permissions,
          allAccounts: m.accountIds === 'all',
          apiKeyHash: sha256(key),
          apiKeyPrefix: key.slice(0, 8),
          apiKeyCreatedAt: now,
          createdAt: now,
        });
        if (m.accountIds !== 'all') for (const accountId of m.accountIds) await repo.insertScope(tx, id, accountId);
        await record({
          action: 'member.created',
          entityType: 'membership',
          entityId: id,
          details: {
            email: m.email,
            apiOnly: m.apiOnly,
            description: m.description,
            profileId: m.profileId,
            permissions: m.permissions,
            allAccounts: m.accountIds === 'all',
            accountIds: m.accountIds === 'all' ? [] : m.accountIds,
            apiKeyPrefix: key.slice(0, 8),
          },
        });
      }

      // Lucía's team.
      const { ownerId, teamId, record } = await createTeam({ email: ownerEmail, firstName: 'Lucía', lastName: 'Fernández', locale: 'es' });
      const accountIds = new Map<string, string>();
      for (const a of ACCOUNTS) {
        const customerServiceEmail = a.username === 'librosmadrid' ? `soporte.libros@${DOMAIN}` : null;
        accountIds.set(a.username, await createAccount({ ...a, customerServiceEmail }, a.linked ? teamId : null, record));
      }
      const profileIds = new Map<string, string>();
      for (const p of PROFILES) {
        const id = newId();
        profileIds.set(p.name, id);
        await repo.insertProfile(tx, { id, masterAccountId: teamId, name: p.name, permissions: p.permissions, createdAt: now });
        await record({ action: 'profile.created', entityType: 'profile', entityId: id, details: { name: p.name, permissions: p.permissions } });
      }
      for (const m of MEMBERS) {
        const userId = newId();
        await repo.insertUser(tx, {
          id: userId,
          email: m.email,
          firstName: m.firstName,
          lastName: m.lastName,
          locale: m.locale,
          passwordHash: m.apiOnly ? null : passwordHash,
          createdAt: now,
        });
        await addMember(
          {
            teamId,
            userId,
            email: m.email,
            keyName: m.email,
            description: m.description,
            apiOnly: m.apiOnly,
            profileId: m.profile ? profileIds.get(m.profile)! : null,
            permissions: m.permissions ?? [],
            accountIds: m.accounts === 'all' ? 'all' : m.accounts.map((u) => accountIds.get(u)!),
          },
          record,
        );
      }
      const invitationId = newId();
      await record({
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: invitationId,
        details: { email: `sofia@${DOMAIN}`, name: 'Sofía Castro', profileId: profileIds.get('Analista')!, profileName: 'Analista', allAccounts: true, accountIds: [] },
      });
      await repo.insertInvitation(tx, {
        id: invitationId,
        masterAccountId: teamId,
        email: `sofia@${DOMAIN}`,
        name: 'Sofía Castro',
        profileId: profileIds.get('Analista')!,
        accountIds: null,
        status: 'pending',
        tokenHash: sha256(inviteToken),
        expiresAt: new Date(now.getTime() + 7 * 86_400_000),
        invitedByUserId: ownerId,
        createdAt: now,
      });

      // TEAM-9: Diego's team, with its own account, where John collaborates too.
      const diego = await createTeam(SECOND_TEAM.owner);
      await createAccount(SECOND_TEAM.account, diego.teamId, diego.record);
      const { email, description, permissions } = SECOND_TEAM.collaborator;
      const john = (await repo.findUser(tx, email))!;
      await addMember(
        { teamId: diego.teamId, userId: john.id, email, keyName: `${email}:${SECOND_TEAM.account.username}`, description, apiOnly: false, profileId: null, permissions, accountIds: 'all' },
        diego.record,
      );
    });
  }

  const owner = (await repo.findUser(db, ownerEmail))!;
  const teamId = (await repo.findMembership(db, owner.id))!.masterAccountId;
  const accounts: DemoSummary['accounts'] = [];
  for (const a of ACCOUNTS) {
    const row = (await repo.findAccount(db, a.username))!;
    accounts.push({ id: row.id, username: a.username, password: DEMO_ACCOUNT_PASSWORD, timeZone: a.timeZone, nickname: a.nickname, linked: a.linked });
  }
  const idOf = (u: string) => accounts.find((a) => a.username === u)!.id;
  return {
    created,
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

