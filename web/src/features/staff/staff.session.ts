// What the staff pages share about the staff session: where to go when it is missing or
// ended (a 401), and whose language the page follows.
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import type { ApiError } from '../../lib/api.ts';
import { readCookie } from '../../lib/cookies.ts';
import { isLanguage, LANG_COOKIE, LANG_STORAGE_KEY } from '../../lib/i18n.ts';

/** The staff login, coming back to the staff home afterwards. */
export const STAFF_LOGIN_AGAIN = `/staff/login?next=${encodeURIComponent('/staff')}`;

/** Sends a staff person whose session ended (a 401 on a change) back to the staff login. */
export function useStaffSignedOut(): (error: ApiError) => void {
  const navigate = useNavigate();
  return useCallback(
    (error: ApiError) => {
      if (error.status === 401) navigate(STAFF_LOGIN_AGAIN, { replace: true });
    },
    [navigate],
  );
}

/** Whether this browser holds an explicit language choice (the switch), as lib/session.tsx asks for sellers. */
export function hasChosenLanguage(): boolean {
  try {
    if (isLanguage(localStorage.getItem(LANG_STORAGE_KEY))) return true;
  } catch {
    // Storage can be off; the cookie still remembers.
  }
  return isLanguage(readCookie(LANG_COOKIE));
}
