// What the public pages share besides the app's forms (ui/form.tsx): where a link may send
// the reader after login, the security questions, the loader for the state a token link is
// in, the page card and the PIN's checks.
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { SECURITY_QUESTIONS } from '@server/modules/auth/password.rules.ts';
import { ApiError } from '../../lib/api.ts';
import { currentLanguage, type Language, translate, type Translate, useLanguage } from '../../lib/i18n.ts';
import { sameOriginPath } from '../../lib/safe-next.ts';
import { authApi, type SecurityQuestionOption } from './auth.api.ts';

/** Where a link or form may send the reader after login: paths of this site only (lib/safe-next.ts). */
export function safeNextPath(next: string | null): string | null {
  return sameOriginPath(next, window.location.origin);
}

/**
 * The security questions in the reader's language: the shared list (bundled, so the page
 * never waits for it) refreshed from GET /api/v1/auth/security-questions, which stays the
 * source of truth.
 */
export function useSecurityQuestions(): SecurityQuestionOption[] {
  const { lang } = useLanguage();
  const [fetched, setFetched] = useState<{ lang: Language; questions: SecurityQuestionOption[] } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    authApi
      .securityQuestions(controller.signal)
      .then((r) => setFetched({ lang, questions: r.questions }))
      .catch(() => {
        // The bundled list stands in; nothing to tell the reader.
      });
    return () => controller.abort();
  }, [lang]);
  if (fetched && fetched.lang === lang) return fetched.questions;
  return SECURITY_QUESTIONS.map((q) => ({ id: q.id, label: q[lang] }));
}

export type Load<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: ApiError };

/** GETs what a page is about (a token's state); aborted if the page goes away first. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    loadRef.current(controller.signal).then(
      (data) => setResult({ state: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({
          state: 'failed',
          error: error instanceof ApiError ? error : new ApiError(0, 'unexpected', translate(currentLanguage(), 'error.unknown')),
        });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { result, setResult, reload };
}

/** A link's state from an error answer (token_expired, invitation_revoked…); 404 and bad input mean "not a link we know". */
export function tokenStatusOf(error: ApiError): 'expired' | 'used' | 'revoked' | 'invalid' | null {
  const m = /^(?:token|invitation)_(expired|used|revoked|invalid)$/.exec(error.code);
  if (m) return m[1] as 'expired' | 'used' | 'revoked' | 'invalid';
  if (error.status === 404 || (error.code === 'validation_failed' && error.field === 'token')) return 'invalid';
  return null;
}

/** The page card with its h1; the heading takes the focus when `focusKey` changes (a new state). */
export function AuthCard({ title, intro, focusKey, children }: { title: string; intro?: ReactNode; focusKey?: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // The first render keeps the browser's focus; later state changes move it to the new heading.
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [focusKey]);
  return (
    <section className="page page--narrow auth" aria-labelledby="page-title">
      <div className="card">
        <h1 id="page-title" className="page__title" tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {intro ? <p className="muted">{intro}</p> : null}
        {children}
      </div>
    </section>
  );
}

/** A state that ends the page's flow (link expired, done): a message and where to go next. */
export function StatusMessage({ tone, children }: { tone: 'success' | 'error' | 'info'; children: ReactNode }) {
  return (
    <div className={`auth-status auth-status--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export const PIN_RE = /^[0-9]{4,6}$/;

export function checkPin(t: Translate, value: string): string | undefined {
  if (!value) return t('error.required');
  return PIN_RE.test(value) ? undefined : t('auth.error.pin');
}

/** Keeps a PIN field to digits only, at most 6. */
export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6);
}
