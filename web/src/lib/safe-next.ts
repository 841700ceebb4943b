// Where `?next=` may send someone after logging in (issue 7). Two pure rules, unit-tested in
// safe-next.unit.test.ts: the address must be a path of this site once the browser has
// normalised it, and it must be a page of the person who logged in (a `next` left behind by
// someone else's expired session sends the next person home, not to "not available").

/**
 * `raw` as a same-origin path (pathname, query, hash), or null. Judged after the URL parser's
 * normalisation, the same the browser applies on navigation: `/.//evil.example`,
 * `/..//evil.example` and `/%2e%2e//evil.example` all normalise to `//evil.example`, which a
 * browser reads as another host.
 */
export function sameOriginPath(raw: string | null | undefined, origin: string): string | null {
  if (!raw || raw.length > 2048 || !raw.startsWith('/')) return null;
  // Browsers read `\` as `/` and drop tabs and newlines from URLs: refuse them outright.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.pathname.startsWith('//')) return null;
  return url.pathname + url.search + url.hash;
}

/** What the landing rule needs of each team of the person (GET /api/v1/me `teams`). */
export interface LandingTeam {
  teamId: string;
  tabs: readonly string[];
  accounts: ReadonlyArray<{ id: string }>;
}

/**
 * Where a person lands after logging in: `next` (already a same-origin path) when it is a
 * page of theirs; '/' (their home) when it names a team or an account they do not have, or
 * the login page;
 * the team's home when it names a tab of the back office (`allTabs`) the team does not show them.
 */
export function landingPath(next: string | null, teams: readonly LandingTeam[], allTabs: readonly string[]): string {
  const path = next?.split(/[?#]/, 1)[0];
  // The login page itself would send a signed-in person back to itself.
  if (!next || !path || path === '/login') return '/';
  const inTeam = /^\/t\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?/.exec(path);
  if (inTeam) {
    const [, teamId, page, id] = inTeam;
    const team = teams.find((t) => t.teamId === teamId);
    if (!team) return '/';
    if (page && allTabs.includes(page) && !team.tabs.includes(page)) return `/t/${team.teamId}`;
    if (page === 'a' && id && !team.accounts.some((a) => a.id === id)) return `/t/${team.teamId}`;
    return next;
  }
  const account = /^\/accounts\/([^/]+)$/.exec(path);
  if (account && !teams.some((t) => t.accounts.some((a) => a.id === account[1]))) return '/';
  return next;
}
