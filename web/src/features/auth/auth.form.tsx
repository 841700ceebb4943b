// Form pieces shared by the public pages: labelled fields whose error sits beside them,
// a form-level alert, the error state of a form (client checks and server errors
// `{ error: { code, message, field } }`, API-3) with focus moved to the offending field,
// and a small loader for the state a token link is in.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { ApiError } from '../../lib/api.ts';
import { currentLanguage, type Language, translate, type Translate, useLanguage, useT } from '../../lib/i18n.ts';
import { SECURITY_QUESTIONS } from '../../../../src/modules/auth/password.rules.ts';
import { authApi, type SecurityQuestionOption } from './auth.api.ts';

function describedBy(...ids: Array<string | undefined | false>): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

/** The error text under a field; role="alert" so it is announced as it appears. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field__error" role="alert">
      {message}
    </p>
  );
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (aria: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactNode;
  extraDescribedBy?: string;
}

function FieldShell({ id, label, hint, error, children, extraDescribedBy }: FieldShellProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(hintId, error && errorId, extraDescribedBy),
      })}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Ids of other elements that describe the input (a checklist). */
  describedById?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, id, describedById, ref, ...input }: TextFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell id={inputId} label={label} hint={hint} error={error} {...(describedById ? { extraDescribedBy: describedById } : {})}>
      {(aria) => <input id={inputId} ref={ref} {...aria} {...input} />}
    </FieldShell>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** A first, empty option ("Choose…"). */
  placeholder?: string;
  ref?: Ref<HTMLSelectElement>;
}

export function SelectField({ label, hint, error, id, options, placeholder, ref, ...select }: SelectFieldProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <FieldShell id={selectId} label={label} hint={hint} error={error}>
      {(aria) => (
        <select id={selectId} ref={ref} {...aria} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A problem that belongs to no field (wrong credentials, rate limit, network). */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}

export type FieldErrors = Partial<Record<string, string>>;

/**
 * The error state of one form. Errors of a field show beside it and move the focus there
 * (after the next render, so a field on another step of a wizard is focused once shown).
 * Server messages arrive in the reader's language; switching language clears them rather
 * than leave a message in the other one.
 */
export function useFormErrors() {
  const { lang } = useLanguage();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const elements = useRef(new Map<string, HTMLElement>());
  const refCallbacks = useRef(new Map<string, (el: HTMLElement | null) => void>());
  const [focusRequest, setFocusRequest] = useState<{ field: string; seq: number } | null>(null);

  useEffect(() => {
    if (focusRequest) elements.current.get(focusRequest.field)?.focus();
  }, [focusRequest]);

  useEffect(() => {
    setFieldErrors({});
    setFormError(null);
  }, [lang]);

  /** A stable ref for a field, so its error can move the focus to it. */
  const register = useCallback((field: string) => {
    let cb = refCallbacks.current.get(field);
    if (!cb) {
      cb = (el: HTMLElement | null) => {
        if (el) elements.current.set(field, el);
        else elements.current.delete(field);
      };
      refCallbacks.current.set(field, cb);
    }
    return cb;
  }, []);

  const focus = useCallback((field: string) => setFocusRequest((prev) => ({ field, seq: (prev?.seq ?? 0) + 1 })), []);

  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  const clearField = useCallback((field: string) => {
    setFieldErrors((prev) => {
      if (!prev[field]) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }, []);

  /** Client-side findings: every message beside its field, focus on the first. */
  const showFieldErrors = useCallback(
    (errors: FieldErrors): boolean => {
      const fields = Object.keys(errors).filter((k) => errors[k]);
      setFieldErrors(errors);
      setFormError(null);
      if (fields.length > 0) focus(fields[0]!);
      return fields.length > 0;
    },
    [focus],
  );

  /**
   * A failed request: beside its field when the form has that field, else on top.
   * Returns it as an ApiError (anything else becomes a generic one, and is logged) so
   * callers can react to particular codes.
   */
  const showApiError = useCallback(
    (thrown: unknown, knownFields: (field: string) => boolean = (f) => elements.current.has(f)): ApiError => {
      let error: ApiError;
      if (thrown instanceof ApiError) error = thrown;
      else {
        console.error(thrown);
        error = new ApiError(0, 'unexpected', translate(currentLanguage(), 'auth.error.unexpected'));
      }
      if (error.field && knownFields(error.field)) {
        setFieldErrors({ [error.field]: error.message });
        setFormError(null);
        focus(error.field);
      } else {
        setFieldErrors({});
        setFormError(error.message);
      }
      return error;
    },
    [focus],
  );

  return { fieldErrors, formError, setFormError, register, focus, clear, clearField, showFieldErrors, showApiError };
}

/** Where a link or form may send the reader after login: same-origin paths only. */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
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
          error: error instanceof ApiError ? error : new ApiError(0, 'unexpected', translate(currentLanguage(), 'auth.error.unexpected')),
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

/** Loading placeholder, announced politely. */
export function Loading() {
  const t = useT();
  return (
    <p className="muted" role="status">
      {t('auth.loading')}
    </p>
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

/** Client checks shared by the forms. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PIN_RE = /^[0-9]{4,6}$/;

export function requireText(t: Translate, value: string): string | undefined {
  return value.trim() ? undefined : t('auth.error.required');
}

export function checkEmail(t: Translate, value: string): string | undefined {
  if (!value.trim()) return t('auth.error.required');
  return EMAIL_RE.test(value.trim()) ? undefined : t('auth.error.email');
}

export function checkPin(t: Translate, value: string): string | undefined {
  if (!value) return t('auth.error.required');
  return PIN_RE.test(value) ? undefined : t('auth.error.pin');
}

/** Keeps a PIN field to digits only, at most 6. */
export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6);
}
