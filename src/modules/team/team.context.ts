// What every team use case starts from: who calls (the team as the access check resolved
// it, and the name the audit log gives the caller), the dependencies, and where new
// secrets come from. Shared by the members, profiles and invitations services.
import { ALL_PERMISSIONS, type Permission } from '../../kernel/access/permissions.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { randomToken, sha256 } from '../../kernel/ids.ts';
import { type AccessContext, auditActorOf, type TeamContext } from '../access/index.ts';
import { API_KEY_PREFIX_LENGTH } from './team.rules.ts';

export type TeamDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'audit' | 'config' | 'links'> & {
  /** Random unless given: the demo seed derives its keys and links so it can print them again. */
  secrets?: TeamSecrets;
};

/**
 * Who calls a team use case. Routes build it from the request (callerOf); the demo seed
 * builds the owner's own (the owner's membership, the owner's grant) with the audit
 * log's "demo data" as the name of whoever acts.
 */
export interface Caller {
  team: TeamContext;
  actor: AuditActor;
  userId: string;
}

/** Routes declared with kind 'team' always carry a team and an actor; a missing one is a wiring bug. */
export function callerOf(access: AccessContext): Caller {
  if (!access.team || !access.actor) throw new Error('team: route declared without a team access rule');
  return { team: access.team, actor: auditActorOf(access), userId: access.actor.userId };
}

/** Where new API keys (TEAM-4) and invitation tokens (TEAM-7) come from. */
export interface TeamSecrets {
  apiKey(member: { teamId: string; email: string }): string;
  invitationToken(invitation: { teamId: string; email: string }): string;
}

export const randomSecrets: TeamSecrets = {
  apiKey: () => `mst_${randomToken(24)}`,
  invitationToken: () => randomToken(),
};

export interface ApiKey {
  key: string;
  hash: string;
  prefix: string;
  createdAt: Date;
}

/** A key as stored (TEAM-4): shown once, kept as SHA-256 with a visible prefix. */
export function apiKeyOf(key: string, now: Date): ApiKey {
  return { key, hash: sha256(key), prefix: key.slice(0, API_KEY_PREFIX_LENGTH), createdAt: now };
}

export const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Permissions in the catalog's order, each once: how views and audit entries list them. */
export function ordered(perms: Iterable<Permission>): Permission[] {
  const set = new Set(perms);
  return ALL_PERMISSIONS.filter((p) => set.has(p));
}
