// The shell around every page: header (brand, language, the person and their team), tabs,
// main, footer. AppLayout is the back office: it knows the signed-in person (SessionProvider)
// and shows the tabs of the team in use; PlainLayout (login, sign-up, links from e-mails)
// knows nobody and shows no tabs.
import { type ReactNode, useId, useState } from 'react';
import { Link, NavLink, Outlet, useMatch, useNavigate } from 'react-router';
import { useT } from '../lib/i18n.ts';
import { fullName, type SessionTeam, SessionProvider, useSession } from '../lib/session.tsx';
import { pickTeam } from './active-team.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { shownTabs, TAB_LABELS, tabPath, teamHomePath } from './tabs.ts';

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

function SessionTools() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const [failed, setFailed] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const { state } = session;
  const teams = state.kind === 'ready' ? state.me.teams : [];
  const active = useActiveTeam(teams);

  if (state.kind === 'loading') return <LanguageSwitch />;
  if (state.kind !== 'ready') {
    return (
      <>
        <LanguageSwitch />
        <LoginLink />
      </>
    );
  }

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

  const name = fullName(state.me.user) || state.me.user.email;
  return (
    <>
      {active && <TeamSwitcher teams={teams} active={active} />}
      <LanguageSwitch />
      <div className="session-menu">
        {active ? (
          <Link to={`/t/${active.teamId}/me`} className="session-menu__person" title={t('header.myPage')}>
            {name}
          </Link>
        ) : (
          <span className="session-menu__person">{name}</span>
        )}
        <Link to="/profile" className="button button--small session-menu__profile">{t('profile.nav')}</Link>
        <button type="button" className="button button--small" onClick={() => void logout()} disabled={leaving}>
          {t('header.logout')}
        </button>
      </div>
      {failed && (
        <p className="alert alert--error header__alert" role="alert">
          {failed}
        </p>
      )}
    </>
  );
}

function SessionTabNav() {
  const t = useT();
  const { state } = useSession();
  const teams = state.kind === 'ready' ? state.me.teams : [];
  const active = useActiveTeam(teams);
  if (!active) return null;
  return (
    <nav className="tabs" aria-label={t('nav.main')}>
      <ul className="tabs__list">
        {shownTabs(active.tabs).map((tab) => (
          <li key={tab}>
            {/* NavLink sets aria-current="page" on the active tab. */}
            <NavLink to={tabPath(active.teamId, tab)} className="tabs__link">
              {t(TAB_LABELS[tab])}
            </NavLink>
          </li>
        ))}
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

/** Pages outside the back office (login, sign-up, e-mailed links), without tabs. */
export function PlainLayout() {
  return (
    <Shell
      tools={
        <>
          <LanguageSwitch />
          <LoginLink />
        </>
      }
    >
      <Outlet />
    </Shell>
  );
}
