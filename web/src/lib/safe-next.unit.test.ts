import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { landingPath, sameOriginPath } from './safe-next.ts';

const ORIGIN = 'https://mostrador.example';

describe('sameOriginPath (issue 7: open redirect after login)', () => {
  it('keeps paths of this site, normalised', () => {
    expect(sameOriginPath('/tickets', ORIGIN)).toBe('/tickets');
    expect(sameOriginPath('/t/abc/users?x=1#top', ORIGIN)).toBe('/t/abc/users?x=1#top');
    expect(sameOriginPath('/a/../tickets', ORIGIN)).toBe('/tickets');
    expect(sameOriginPath('/./tickets', ORIGIN)).toBe('/tickets');
    expect(sameOriginPath('/', ORIGIN)).toBe('/');
  });

  it.each([
    '/.//evil.example/phish',
    '/..//evil.example/phish',
    '/%2e%2e//evil.example/phish',
    '/%2E%2E//evil.example/phish',
    '/.%2e//evil.example/phish',
    '/a/../..//evil.example',
    '//evil.example/phish',
    '///evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'https://evil.example/',
    'http:/evil.example',
    'javascript:alert(1)',
    'evil.example',
    '',
  ])('refuses %j', (raw) => {
    expect(sameOriginPath(raw, ORIGIN)).toBeNull();
  });

  it('whatever it keeps stays on this origin when followed, and is already normalised', () => {
    const pieces = fc.constantFrom('/', '.', '..', '%2e', '%2E', '\\', '\t', 'evil.example', 'a', '?', '#', '@', ':', '%2f', '%5c', ' ');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 10 }), (parts) => {
        const raw = parts.join('');
        const safe = sameOriginPath(raw, ORIGIN);
        if (safe === null) return;
        expect(safe.startsWith('/')).toBe(true);
        expect(safe.startsWith('//')).toBe(false);
        // What location.assign(safe) would open: the same origin, and the same path again.
        const followed = new URL(safe, ORIGIN);
        expect(followed.origin).toBe(ORIGIN);
        expect(sameOriginPath(safe, ORIGIN)).toBe(safe);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('landingPath (issue 7: a `next` left by someone else)', () => {
  const TABS = ['dashboard', 'accounts', 'tickets', 'transactions', 'reports', 'users'];
  const mine = [
    { teamId: 'team-own', tabs: TABS, accounts: [{ id: 'acc-1' }] },
    { teamId: 'team-other', tabs: ['tickets', 'transactions'], accounts: [{ id: 'acc-2' }] },
  ];

  it('keeps a page of the person', () => {
    expect(landingPath('/t/team-own/users?x=1', mine, TABS)).toBe('/t/team-own/users?x=1');
    expect(landingPath('/t/team-other/tickets', mine, TABS)).toBe('/t/team-other/tickets');
    expect(landingPath('/t/team-other/me', mine, TABS)).toBe('/t/team-other/me');
    expect(landingPath('/t/team-own/a/acc-1', mine, TABS)).toBe('/t/team-own/a/acc-1');
    expect(landingPath('/accounts/acc-2', mine, TABS)).toBe('/accounts/acc-2');
    expect(landingPath('/teams', mine, TABS)).toBe('/teams');
  });

  it('sends home from a team or account that is not theirs', () => {
    expect(landingPath('/t/team-stranger/users', mine, TABS)).toBe('/');
    expect(landingPath('/t/team-stranger', mine, TABS)).toBe('/');
    expect(landingPath('/accounts/acc-9', mine, TABS)).toBe('/');
    expect(landingPath(null, mine, TABS)).toBe('/');
    expect(landingPath('/login?next=/login', mine, TABS)).toBe('/');
    expect(landingPath('/t/team-own/users', [], TABS)).toBe('/');
  });

  it("sends to the team's home from a tab or account the team does not show them", () => {
    expect(landingPath('/t/team-other/users', mine, TABS)).toBe('/t/team-other');
    expect(landingPath('/t/team-other/a/acc-1', mine, TABS)).toBe('/t/team-other');
  });
});
