// The teams this browser tab has seen the signed-in person in (sessionStorage, so a reload
// keeps it and another person or tab starts empty). GET /api/v1/me lists only the teams
// where the person's membership is live; a team seen before and missing now is one where
// their access was disabled or removed, which deserves its own message (issue 7) rather
// than "you are not a member of this team".
const KEY = 'mostrador.teamsSeen';

interface Seen {
  userId: string;
  /** teamId → owner's name, as last seen. */
  teams: Record<string, string>;
}

function read(): Seen | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Seen | null;
    return parsed && typeof parsed.userId === 'string' && typeof parsed.teams === 'object' ? parsed : null;
  } catch {
    return null;
  }
}

/** Adds the person's current teams to what this tab has seen (another person starts afresh). */
export function rememberTeams(userId: string, teams: ReadonlyArray<{ teamId: string; ownerName: string }>): void {
  const seen = read();
  const known = seen?.userId === userId ? seen.teams : {};
  for (const team of teams) known[team.teamId] = team.ownerName;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ userId, teams: known }));
  } catch {
    // Storage can be off: the plainer message is shown instead.
  }
}

/** The owner's name of a team this person was seen in, in this browser tab; null if never. */
export function seenTeamOwner(userId: string, teamId: string): string | null {
  const seen = read();
  return seen?.userId === userId ? (seen.teams[teamId] ?? null) : null;
}
