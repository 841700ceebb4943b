// Permission profiles (TEAM-5) and the permission catalog (TEAM-6). A profile's
// permissions are read by the access check at every request, so an edit reaches every
// holder at once; that is why it is bounded by what the caller holds (team.guards.ts).
import { GROUP_LABELS, PERMISSION_GROUPS, PERMISSION_LABELS, type Permission } from '../../kernel/access/permissions.ts';
import { newId } from '../../kernel/ids.ts';
import { type Caller, ordered, type TeamDeps } from './team.context.ts';
import { teamErrors } from './team.errors.ts';
import { refuseProfileChange } from './team.guards.ts';
import { createTeamRepository, isUniqueViolation, type ProfileRow } from './team.repository.ts';
import { knownPermissions, sameSet } from './team.rules.ts';
import type { ProfileView } from './team.schemas.ts';
import { profileView } from './team.views.ts';

export type ProfilesService = ReturnType<typeof createProfilesService>;

/** Two requests racing for one name: the unique index decides, and the loser hears why. */
async function asProfile<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e, 'profiles_master_name_idx')) throw teamErrors.profile_name_taken({ field: 'name' });
    throw e;
  }
}

export function createProfilesService(deps: TeamDeps) {
  const repo = createTeamRepository();
  const { clock, audit } = deps;
  const db = deps.database.db;
  const now = () => clock.now();

  return {
    /** TEAM-6: the catalog, grouped as Hotmart does, with both languages' labels. */
    permissionCatalog() {
      return {
        groups: (Object.keys(PERMISSION_GROUPS) as Array<keyof typeof PERMISSION_GROUPS>).map((group) => ({
          id: group,
          label: GROUP_LABELS[group],
          permissions: PERMISSION_GROUPS[group].map((id) => ({ id, label: PERMISSION_LABELS[id] })),
        })),
      };
    },

    async listProfiles({ team }: Caller): Promise<ProfileView[]> {
      return (await repo.listProfiles(db, team.teamId)).map((r) => profileView(r.profile, r));
    },

    async createProfile({ team, actor }: Caller, input: { name: string; permissions: Permission[] }): Promise<ProfileView> {
      const permissions = ordered(input.permissions);
      refuseProfileChange(team, null, permissions, []);
      return asProfile(() =>
        db.transaction(async (tx) => {
          if (await repo.findProfileByName(tx, team.teamId, input.name)) throw teamErrors.profile_name_taken({ field: 'name' });
          const row: ProfileRow = { id: newId(), masterAccountId: team.teamId, name: input.name, permissions, createdAt: now() };
          await repo.insertProfile(tx, row);
          await audit.record(tx, {
            actor,
            action: 'profile.created',
            entityType: 'profile',
            entityId: row.id,
            masterAccountId: team.teamId,
            details: { name: row.name, permissions },
          });
          return profileView(row, { members: 0, invitations: 0 });
        }),
      );
    },

    /** TEAM-5: every holder's access changes at once (the access check reads the profile). */
    async updateProfile({ team, actor }: Caller, profileId: string, input: { name?: string; permissions?: Permission[] }): Promise<ProfileView> {
      return asProfile(() =>
        db.transaction(async (tx) => {
          const profile = await repo.findProfile(tx, team.teamId, profileId);
          if (!profile) throw teamErrors.profile_not_found();
          const before = ordered(knownPermissions(profile.permissions));
          const after = input.permissions ? ordered(input.permissions) : before;
          const holders = await repo.profileHolders(tx, team.teamId, profileId);
          refuseProfileChange(team, before, after, holders);

          const changes: Record<string, { from: unknown; to: unknown }> = {};
          const patch: { name?: string; permissions?: Permission[] } = {};
          if (input.name !== undefined && input.name !== profile.name) {
            const clash = await repo.findProfileByName(tx, team.teamId, input.name);
            if (clash && clash.id !== profileId) throw teamErrors.profile_name_taken({ field: 'name' });
            patch.name = input.name;
            changes.name = { from: profile.name, to: input.name };
          }
          if (!sameSet(before, after)) {
            patch.permissions = after;
            changes.permissions = { from: before, to: after };
          }
          const updated = Object.keys(patch).length > 0 ? await repo.updateProfile(tx, profileId, patch) : profile;
          if (!updated) throw teamErrors.profile_not_found();
          if (Object.keys(changes).length > 0) {
            await audit.record(tx, {
              actor,
              action: 'profile.updated',
              entityType: 'profile',
              entityId: profileId,
              masterAccountId: team.teamId,
              details: { name: updated.name, fields: Object.keys(changes), changes, holders: holders.length },
            });
          }
          return profileView(updated, await repo.profileUsage(tx, profileId));
        }),
      );
    },

    /** Refused while a member or a pending invitation holds the profile: nobody is left without permissions by surprise. */
    async deleteProfile({ team, actor }: Caller, profileId: string): Promise<{ profileId: string }> {
      return db.transaction(async (tx) => {
        const profile = await repo.findProfile(tx, team.teamId, profileId);
        if (!profile) throw teamErrors.profile_not_found();
        refuseProfileChange(team, ordered(knownPermissions(profile.permissions)), [], []);
        const usage = await repo.profileUsage(tx, profileId);
        if (usage.members > 0 || usage.invitations > 0) throw teamErrors.profile_in_use({ params: { members: usage.members, invitations: usage.invitations } });
        await repo.deleteProfile(tx, profileId);
        await audit.record(tx, {
          actor,
          action: 'profile.deleted',
          entityType: 'profile',
          entityId: profileId,
          masterAccountId: team.teamId,
          details: { name: profile.name, permissions: ordered(knownPermissions(profile.permissions)) },
        });
        return { profileId };
      });
    },
  };
}
