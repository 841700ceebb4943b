// The shell around every page: header (brand, language, the person and their team), tabs,
// main, footer. AppLayout is the back office: it knows the signed-in person (SessionProvider)
// and shows the tabs of the team in use; PlainLayout (login, sign-up, links from e-mails)
// shows no tabs, and greets someone already signed in instead of offering "Log in".
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link, matchPath, NavLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { fullName, type SessionTeam, SessionProvider, useSession } from '../lib/session.tsx';
import { pickTeam } from './active-team.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { shownTabs, type Tab, TAB_LABELS, tabPath, teamHomePath } from './tabs.ts';

function SkipLink() {
  const t = useT();
  return (
    <a className="skip-link" href="#main">
      {t('nav.skipToContent')}
    </a>
  );
}

function Brand() {
  const t = useT();
  return (
    <Link to="/" className="brand">
      <img className="brand__logo" src="/favicon.svg" alt="" width="28" height="28" />
      <span className="brand__name">{t('app.name')}</span>
      <span className="brand__tagline">{t('app.tagline')}</span>
    </Link>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="footer">
      <NavLink to="/dev/mailbox" className="footer__link">
        {t('footer.mailbox')}
      </NavLink>
      <a href="/docs" className="footer__link">
        {t('footer.apiDocs')}
      </a>
    </footer>
  );
}

function Shell({ nav, tools, children }: { nav?: ReactNode; tools: ReactNode; children: ReactNode }) {
  return (
    <div className="shell">
      <SkipLink />
      <header className="header">
        <div className="header__bar">
          <Brand />
          <div className="header__tools">{tools}</div>
        </div>
        {nav}
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </div>
  );
}

function LoginLink() {
  const t = useT();
  return (
    <Link to="/login" className="header__login">
      {t('header.login')}
    </Link>
  );
}

/** The team of the URL (`/t/:teamId/...`), else the last one used in this browser tab. */
function useActiveTeam(teams: readonly SessionTeam[]): SessionTeam | undefined {
  const match = useMatch('/t/:teamId/*');
  return pickTeam(teams, match?.params.teamId);
}

function teamLabel(t: ReturnType<typeof useT>, team: SessionTeam): string {
  return t(team.role === 'owner' ? 'header.teamOwner' : 'header.teamMember', { owner: team.ownerName });
}

/** TEAM-9 "Accounts where I collaborate": every team of the person; choosing one opens its home. */
function TeamSwitcher({ teams, active }: { teams: readonly SessionTeam[]; active: SessionTeam }) {
  const t = useT();
  const navigate = useNavigate();
  const id = useId();
  return (
    <div className="team-switch">
      <label htmlFor={id} className="team-switch__label">
        {t('header.team')}
      </label>
      <select
        id={id}
        className="team-switch__select"
        title={teamLabel(t, active)}
        value={active.teamId}
        onChange={(event) => {
          const team = teams.find((x) => x.teamId === event.target.value);
          if (team) navigate(teamHomePath(team));
        }}
      >
        {teams.map((team) => (
          <option key={team.teamId} value={team.teamId}>
            {teamLabel(t, team)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The person's own page in the team (TEAM-4): the header's link to it shows it is the page open. */
const MY_PAGE = '/t/:teamId/me';

function SessionTools({ teamSwitch = true }: { teamSwitch?: boolean }) {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [failed, setFailed] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const { state } = session;
  const teams = state.kind === 'ready' ? state.me.teams : [];
  const active = useActiveTeam(teams);

  const logout = async () => {
    setLeaving(true);
    setFailed(null);
    try {
      await session.logout();
      navigate('/login', { replace: true });
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
      setLeaving(false);
    }
  };
  const logoutButton = (
    <button type="button" className="button button--small" onClick={() => void logout()} disabled={leaving}>
      {t('header.logout')}
    </button>
  );
  const failure = failed && (
    <p className="alert alert--error header__alert" role="alert">
      {failed}
    </p>
  );

  if (state.kind === 'loading') return <LanguageSwitch />;
  if (state.kind === 'disabled') {
    // Signed in, but disabled in every team: nothing to open, only a way out.
    return (
      <>
        <LanguageSwitch />
        <div className="session-menu">{logoutButton}</div>
        {failure}
      </>
    );
  }
  if (state.kind !== 'ready') {
    return (
      <>
        <LanguageSwitch />
        <LoginLink />
      </>
    );
  }

  const name = fullName(state.me.user) || state.me.user.email;
  const onMyPage = active !== undefined && matchPath(MY_PAGE, pathname)?.params.teamId === active.teamId;
  return (
    <>
      {teamSwitch && active && <TeamSwitcher teams={teams} active={active} />}
      <LanguageSwitch />
      <div className="session-menu">
        {active ? (
          <Link
            to={`/t/${active.teamId}/me`}
            className="session-menu__person"
            title={`${name} · ${t('header.myPage')}`}
            aria-current={onMyPage ? 'page' : undefined}
          >
            {name}
          </Link>
        ) : (
          <span className="session-menu__person" title={name}>
            {name}
          </span>
        )}
        <Link to="/profile" className="button button--small session-menu__profile" aria-current={pathname === '/profile' ? 'page' : undefined}>{t('profile.nav')}</Link>
        {logoutButton}
      </div>
      {failure}
    </>
  );
}

/**
 * Pages under a tab without being one: the audit log belongs to Users, a seller account
 * to Accounts. Their tab shows as the current section (aria-current="true").
 */
const SECTION_OF: ReadonlyArray<{ pattern: string; tab: Tab }> = [
  { pattern: '/t/:teamId/audit', tab: 'users' },
  { pattern: '/t/:teamId/a/:accountId', tab: 'accounts' },
];

/** Pages of the person, outside any tab: shown after the tabs, as the page open, while open. */
const PAGES_WITHOUT_TAB: ReadonlyArray<{ pattern: string; label: MessageKey }> = [
  { pattern: MY_PAGE, label: 'header.myPage' },
  { pattern: '/teams', label: 'nav.teams' },
  { pattern: '/profile', label: 'profile.nav' },
  { pattern: '/t/:teamId/a/:accountId/products', label: 'products.nav' },
];

/** Where the reader is among the tabs: a tab's own page, a page of its section, or a page of no tab. */
function placeAmongTabs(pathname: string, teamId: string, tabs: readonly Tab[]): { tab: Tab; own: boolean } | { label: MessageKey } | null {
  for (const tab of tabs) {
    const path = tabPath(teamId, tab);
    if (pathname === path || pathname.startsWith(`${path}/`)) return { tab, own: true };
  }
  for (const { pattern, tab } of SECTION_OF) {
    if (matchPath(pattern, pathname)?.params.teamId === teamId && tabs.includes(tab)) return { tab, own: false };
  }
  const page = PAGES_WITHOUT_TAB.find(({ pattern }) => matchPath(pattern, pathname));
  return page ? { label: page.label } : null;
}

function SessionTabNav() {
  const t = useT();
  const { state } = useSession();
  const { pathname } = useLocation();
  const navRef = useRef<HTMLElement>(null);
  const teams = state.kind === 'ready' ? state.me.teams : [];
  const active = useActiveTeam(teams);

  // Narrow screens scroll the tabs sideways: bring the current one into view.
  useEffect(() => {
    const nav = navRef.current;
    const current = nav?.querySelector<HTMLElement>('[aria-current]');
    if (!nav || !current) return;
    const box = nav.getBoundingClientRect();
    const link = current.getBoundingClientRect();
    if (link.left < box.left || link.right > box.right) nav.scrollLeft += link.left - box.left - (box.width - link.width) / 2;
  }, [pathname, active?.teamId]);

  if (!active) return null;
  const tabs = shownTabs(active.tabs);
  const place = placeAmongTabs(pathname, active.teamId, tabs);
  return (
    <nav className="tabs" aria-label={t('nav.main')} ref={navRef}>
      <ul className="tabs__list">
        {tabs.map((tab) => {
          const current = place && 'tab' in place && place.tab === tab ? (place.own ? 'page' : 'true') : undefined;
          return (
            <li key={tab}>
              <Link to={tabPath(active.teamId, tab)} className="tabs__link" aria-current={current}>
                {t(TAB_LABELS[tab])}
              </Link>
            </li>
          );
        })}
        {place && 'label' in place && (
          <li className="tabs__page">
            <Link to={pathname} className="tabs__link" aria-current="page">
              {t(place.label)}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/**
 * Pages of the back office, with the tabs of the team in use. Signed-out visitors reach
 * its public pages (the development mailbox, not-found) with a "Log in" link instead;
 * RequireSession guards the rest. `children` serves routes without an outlet (`/`).
 */
export function AppLayout({ children }: { children?: ReactNode }) {
  return (
    <SessionProvider>
      <Shell nav={<SessionTabNav />} tools={<SessionTools />}>
        {children ?? <Outlet />}
      </Shell>
    </SessionProvider>
  );
}

/**
 * Pages outside the back office, without tabs. With `session` (login, sign-up, e-mailed
 * links) the header knows whether someone is signed in and greets them instead of offering
 * "Log in"; without it (the staff pages, which have a session of their own) it knows nobody.
 */
/** `login={false}`: pages for buyers (order links), where the sellers' "Log in" would mislead. */
export function PlainLayout({ session = false, login = true }: { session?: boolean; login?: boolean }) {
  if (session) {
    return (
      <SessionProvider>
        <Shell tools={<SessionTools teamSwitch={false} />}>
          <Outlet />
        </Shell>
      </SessionProvider>
    );
  }
  return (
    <Shell
      tools={
        <>
          <LanguageSwitch />
          {login ? <LoginLink /> : null}
        </>
      }
    >
      <Outlet />
    </Shell>
  );
}
