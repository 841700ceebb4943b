// The signed-in person (GET /api/v1/me): who they are and every team they belong to, with
// each team's permissions, tabs and accounts (MA-8, TEAM-9). One SessionProvider wraps the
// back office (and the public pages, which greet someone signed in); pages read it with
// useSession(). A 401 anywhere (expired session) sets the state to "anonymous", and
// RequireSession turns that into /login?next=<where they were>. A 403 or 404 from the API
// may mean the person just lost access to the team (disabled, removed): /me is read again,
// and the team's pages give way to a message that says so (issue 7).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { MeResponse } from '@server/modules/auth/auth.schemas.ts';
import { ApiError, type ApiResponse, apiFetch } from './api.ts';
import { isLanguage, LANG_COOKIE, LANG_STORAGE_KEY, useLanguage } from './i18n.ts';
import { readCookie } from './cookies.ts';
import { rememberTeams } from './seen-teams.ts';

/** The person and every team they belong to, as GET /api/v1/me answers. */
export type Me = ApiResponse<typeof MeResponse>;
/** One team of the person: role, permissions, tabs and accounts there. */
export type SessionTeam = Me['teams'][number];

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'anonymous' }
  | { kind: 'error'; message: string }
  /** Signed in, but disabled in every team they belong to (403 no_live_membership on /me). */
  | { kind: 'disabled'; message: string }
  | { kind: 'ready'; me: Me };

interface SessionContextValue {
  state: SessionState;
  /** Reads /me again (after a change that alters teams, accounts or permissions). */
  refresh: () => Promise<void>;
  /** Ends the session on the server, then forgets it here. */
  logout: () => Promise<void>;
  /** An API call answered 401: the session is gone. */
  expire: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Whether this browser holds an explicit language choice (the switch), rather than a guess. */
function hasChosenLanguage(): boolean {
  try {
    if (isLanguage(localStorage.getItem(LANG_STORAGE_KEY))) return true;
  } catch {
    // Storage can be off; the cookie still remembers.
  }
  return isLanguage(readCookie(LANG_COOKIE));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const { setLang } = useLanguage();
  const generation = useRef(0);
  // The last /me answer as text: reading it again unchanged (a re-check) re-renders nothing.
  const lastAnswer = useRef('');

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const me = await apiFetch<Me>('/me');
      if (mine !== generation.current) return;
      const answer = JSON.stringify(me);
      if (answer === lastAnswer.current) return;
      lastAnswer.current = answer;
      // languages are chosen per person. A browser without an explicit choice of its
      // own starts in the person's e-mail language; the switch then changes only the screen
      // (the e-mail language is set on My profile, docs/decisions.md).
      if (!hasChosenLanguage() && isLanguage(me.user.locale)) setLang(me.user.locale);
      rememberTeams(me.user.id, me.teams);
      setState({ kind: 'ready', me });
    } catch (error) {
      if (mine !== generation.current) return;
      lastAnswer.current = '';
      if (error instanceof ApiError && error.status === 401) setState({ kind: 'anonymous' });
      else if (error instanceof ApiError && error.code === 'no_live_membership') setState({ kind: 'disabled', message: error.message });
      else setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, [setLang]);

  useEffect(() => {
    void load();
  }, [load]);

  const logout = useCallback(async () => {
    try {
      await apiFetch('/auth/logout', { method: 'POST' });
    } catch (error) {
      // Already logged out (401) is what we wanted; anything else is worth showing.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    generation.current++;
    lastAnswer.current = '';
    setState({ kind: 'anonymous' });
  }, []);

  const expire = useCallback(() => {
    generation.current++;
    lastAnswer.current = '';
    setState({ kind: 'anonymous' });
  }, []);

  const value = useMemo<SessionContextValue>(() => ({ state, refresh: load, logout, expire }), [state, load, logout, expire]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a <SessionProvider> above it');
  return value;
}

const noop = () => {};

/**
 * Ends the session here after an API call answered 401. Forms of the public pages live
 * outside the back office, where there is no session to end.
 */
export function useExpireSession(): () => void {
  return useContext(SessionContext)?.expire ?? noop;
}

/**
 * What a failed API call says about the session: a 401 ends it here; a 403 or 404 (how the
 * API answers a team the person no longer has a live membership in, or a permission just
 * taken away) reads /me again, so the pages follow at once instead of after a reload.
 */
export function useSessionCheck(): (status: number) => void {
  const session = useContext(SessionContext);
  // Both are stable: callers may list the answer among their effects' dependencies.
  const expire = session?.expire;
  const refresh = session?.refresh;
  return useCallback(
    (status: number) => {
      if (status === 401) expire?.();
      else if (status === 403 || status === 404) void refresh?.();
    },
    [expire, refresh],
  );
}

/** The signed-in person; only below <RequireSession>, which renders nothing until it is known. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.kind !== 'ready') throw new Error('useMe() needs <RequireSession> above it');
  return state.me;
}

/** Where the login page should send the person back to. */
export function loginPath(location: { pathname: string; search: string; hash?: string }): string {
  const here = location.pathname + location.search + (location.hash ?? '');
  return `/login?next=${encodeURIComponent(here)}`;
}

/**
 * Guards the back office: while /me loads, a quiet placeholder; without a session, the
 * login page with `next` set to this address; on a server error, the error and a retry.
 */
export function RequireSession(props: {
  loading: ReactNode;
  error: (message: string, retry: () => void) => ReactNode;
  /** Signed in, but disabled in every team: the server's message. */
  disabled: (message: string) => ReactNode;
  children?: ReactNode;
}) {
  const { loading, error, disabled, children } = props;
  const { state, refresh } = useSession();
  const location = useLocation();
  switch (state.kind) {
    case 'loading':
      return loading;
    case 'anonymous':
      return <Navigate to={loginPath(location)} replace />;
    case 'error':
      return error(state.message, () => void refresh());
    case 'disabled':
      return disabled(state.message);
    case 'ready':
      return children ?? <Outlet />;
    default: {
      const exhaustive: never = state;
      return exhaustive;
    }
  }
}

export function fullName(user: { firstName: string; lastName: string }): string {
  return `${user.firstName} ${user.lastName}`.trim();
}
