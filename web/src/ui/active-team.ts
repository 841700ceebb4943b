// The team in use in this browser tab, for the pages that have none in their URL (/teams,
// the mailbox, the old tab addresses): the last one opened here. Kept per browser tab
// (sessionStorage), since each tab may work in a different team (MA-6).
const KEY = 'mostrador.team';

export function rememberActiveTeam(teamId: string): void {
  try {
    sessionStorage.setItem(KEY, teamId);
  } catch {
    // Storage can be off; the first team is used instead.
  }
}

export function recallActiveTeam(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The team to use: the one in the URL, else the last one used in this tab, else the first. */
export function pickTeam<T extends { teamId: string }>(teams: readonly T[], fromUrl?: string | null): T | undefined {
  const recalled = recallActiveTeam();
  return teams.find((t) => t.teamId === fromUrl) ?? teams.find((t) => t.teamId === recalled) ?? teams[0];
}
