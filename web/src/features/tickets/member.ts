// What a team member may do with tickets, as the web shows it (TEAM-3, docs/permissions.md):
// the server refuses anyway; the page only leaves out what would be refused.
import type { SessionTeam } from '../../lib/session.tsx';
import type { TicketAction } from './tickets.api.ts';

export function holds(team: SessionTeam, permission: string): boolean {
  return team.role === 'owner' || (team.permissions as readonly string[]).includes(permission);
}

/** A member asks for money only with the permission the same money needs elsewhere: a refund needs "Request refunds", a cancellation "Manage subscriptions". */
export function memberMay(team: SessionTeam) {
  return (action: TicketAction) => {
    if (action.action !== 'change_type') return true;
    if (action.toType === 'refund') return holds(team, 'sales.refund');
    if (action.toType === 'cancel') return holds(team, 'subscriptions.manage');
    return true;
  };
}
