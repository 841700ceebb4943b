// The team in the URL (`/t/:teamId/...`, MA-6): which of the person's teams it is, what
// the person may do there (role, permissions, tabs, accounts), and the gates that show a
// localized "not available" page for what they may not use (MA-8; the server refuses anyway).
import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';
import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import { seenTeamOwner } from '../../lib/seen-teams.ts';
import { type SessionTeam, useMe, useSession } from '../../lib/session.tsx';
import { NotAvailablePage } from '../../ui/not-available-page.tsx';
import { rememberActiveTeam } from '../../ui/active-team.ts';
import { type Tab, teamHomePath } from '../../ui/tabs.ts';

const TeamContext = createContext<SessionTeam | null>(null);

/** The team of the current URL; only below <TeamScope>. */
export function useTeam(): SessionTeam {
  const team = useContext(TeamContext);
  if (!team) throw new Error('useTeam() needs <TeamScope> above it');
  return team;
}

export function isOwner(team: SessionTeam): boolean {
  return team.role === 'owner';
}

/**
 * Route element for `/t/:teamId`: a team the person does not belong to is not available,
 * and one they were seen in (in this browser tab) says their access there ended. Moving to
 * another page of the team reads /me again, so a person disabled meanwhile stops at once.
 */
export function TeamScope() {
  const { teamId = '' } = useParams();
  const { pathname } = useLocation();
  const { refresh } = useSession();
  const me = useMe();
  const team = me.teams.find((t) => t.teamId === teamId);
  useEffect(() => {
    if (team) rememberActiveTeam(team.teamId);
  }, [team]);
  const firstPage = useRef(true);
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false; // /me was just read to get here
      return;
    }
    void refresh();
  }, [pathname, refresh]);
  if (!team) {
    const owner = seenTeamOwner(me.user.id, teamId);
    return owner ? <NotAvailablePage reason="disabled" owner={owner} /> : <NotAvailablePage reason="team" />;
  }
  return (
    <TeamContext.Provider value={team}>
      <Outlet />
    </TeamContext.Provider>
  );
}

export function TeamHome() {
  return <Navigate to={teamHomePath(useTeam())} replace />;
}

/** A tab the person's role and permissions do not show (MA-8) is not available. */
export function TabGate({ tab, children }: { tab: Tab; children: ReactNode }) {
  const team = useTeam();
  if (!team.tabs.includes(tab)) return <NotAvailablePage reason="permission" />;
  return children;
}

/** Owner-only pages (the audit log). */
export function OwnerGate({ children }: { children: ReactNode }) {
  const team = useTeam();
  if (!isOwner(team)) return <NotAvailablePage reason="permission" />;
  return children;
}
