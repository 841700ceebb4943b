// Loading one API resource for a page: loading / error / ready, a reload that keeps the
// old data on screen meanwhile, and a 401 that ends the session (RequireSession then
// sends the person to the login page). Changes go through useMutation (ui/form.tsx).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiFetch } from '../../lib/api.ts';
import { useLanguage } from '../../lib/i18n.ts';
import { useSessionCheck } from '../../lib/session.tsx';

export type Resource<T> =
  | { kind: 'loading' }
  | { kind: 'error'; error: ApiError }
  | { kind: 'ready'; data: T; reloading: boolean };

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client_error', error instanceof Error ? error.message : String(error));
}

/**
 * Reports a failed call: a 401 ends the session, a 403 or 404 re-reads it (the person may
 * have just lost access to the team); the error is the caller's to show.
 */
export function useApiErrors(): (error: unknown) => ApiError {
  const checkSession = useSessionCheck();
  return useCallback(
    (error: unknown) => {
      const apiError = asApiError(error);
      checkSession(apiError.status);
      return apiError;
    },
    [checkSession],
  );
}

/**
 * GET `path` now and whenever it (or the language, since the server localizes texts)
 * changes. `reload()` fetches again; `null` as the path waits.
 */
export function useResource<T>(path: string | null): [Resource<T>, () => void, (update: (data: T) => T) => void] {
  const [state, setState] = useState<Resource<T>>({ kind: 'loading' });
  const { lang } = useLanguage();
  const report = useApiErrors();
  const abortRef = useRef<AbortController | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path === null) return;
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setState((prev) => (prev.kind === 'ready' ? { ...prev, reloading: true } : { kind: 'loading' }));
    apiFetch<T>(path, { signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ kind: 'ready', data, reloading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: 'error', error: report(error) });
      },
    );
    return () => controller.abort();
  }, [path, lang, tick, report]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const update = useCallback((fn: (data: T) => T) => {
    setState((prev) => (prev.kind === 'ready' ? { ...prev, data: fn(prev.data) } : prev));
  }, []);
  return [state, reload, update];
}
