// The Users tab (MA-8, TEAM-1..TEAM-9), for the owner and members with Manage Users:
// members (permissions, accounts, enabled, API keys), permission profiles and invitations,
// each a section of its own. Named after the server's `team` module, which serves it. The
// server decides what the viewer may change (`canEdit`, the grant bounds of TEAM-3); the
// page hides what it may not and shows the server's own message when it refuses.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { type AccountList, teamAccountsPath } from '../accounts/accounts.api.ts';
import { isOwner, useTeam } from '../app/team-scope.tsx';
import { useResource } from '../app/use-resource.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { viewerGrant } from './grant.ts';
import { InvitationsSection } from './invitations.section.tsx';
import { MembersSection } from './members.section.tsx';
import { ProfilesSection } from './profiles.section.tsx';
import { type InvitationList, type MemberList, type MyMembership, paths, type ProfileList } from './team.api.ts';
import type { Notice, UsersTab } from './users-tab.tsx';

export function TeamPage() {
  const { t } = useLanguage();
  const team = useTeam();
  useDocumentTitle(t('tab.users'));

  const [members, reloadMembers, updateMembers] = useResource<MemberList>(paths.members(team.teamId));
  const [profiles, reloadProfiles] = useResource<ProfileList>(paths.profiles(team.teamId));
  const [invitations, reloadInvitations] = useResource<InvitationList>(paths.invitations(team.teamId));
  const [accounts] = useResource<AccountList>(teamAccountsPath(team.teamId));
  // A member grants only what it holds (TEAM-3): its own grant; the owner's is everything.
  const [mine] = useResource<MyMembership>(isOwner(team) ? null : paths.me(team.teamId));
  const [notice, setNotice] = useState<Notice | null>(null);

  const actor = useMemo(() => viewerGrant(team, mine.kind === 'ready' ? mine.data : null), [team, mine]);
  const accountList = useMemo(() => (accounts.kind === 'ready' ? accounts.data.accounts : []), [accounts]);
  const accountNames = useMemo(() => new Map(accountList.map((a) => [a.id, a.nickname])), [accountList]);

  const tab: UsersTab = {
    teamId: team.teamId,
    membershipId: team.membershipId,
    actor,
    accounts: accountList,
    accountNames,
    profiles: profiles.kind === 'ready' ? profiles.data.profiles : [],
    formsReady: accounts.kind === 'ready' && profiles.kind === 'ready' && actor !== null,
    notify: setNotice,
    reload: { members: reloadMembers, profiles: reloadProfiles, invitations: reloadInvitations },
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('tab.users')}
          </h1>
          <p className="muted">{t('team.intro')}</p>
        </div>
        {isOwner(team) && (
          <Link to={`/t/${team.teamId}/audit`} className="button">
            {t('audit.link')}
          </Link>
        )}
      </div>

      {notice && (
        <p className={`alert ${notice.tone === 'error' ? 'alert--error' : 'alert--success'}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}

      <MembersSection tab={tab} members={members} update={updateMembers} />
      <ProfilesSection tab={tab} profiles={profiles} />
      <InvitationsSection tab={tab} invitations={invitations} />
    </section>
  );
}
