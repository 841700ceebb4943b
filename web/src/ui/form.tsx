// The one way forms work in the web app. `useMutation()` sends a change and keeps its
// state: pending, and the errors to show. Errors sit beside their field: the form's own
// checks before sending, and the server's `{ error: { code, message, field } }` (API-3,
// already in the reader's language) when the form has that field; anything else shows on
// top of the form (FormAlert). The focus moves to the first field in error. Forms carry
// `noValidate`: the browser's own bubbles never show, these messages do.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError } from '../lib/api.ts';
import { type Translate, useLanguage } from '../lib/i18n.ts';
import { useSessionCheck } from '../lib/session.tsx';

export type FieldErrors = Partial<Record<string, string>>;

export interface RunOptions {
  /** Server field names this form shows beside a field; by default, the fields bound with `field()`. */
  fields?: (field: string) => boolean;
  /** Called once the error is shown, for flows that react to particular codes. */
  onError?: (error: ApiError) => void;
}

/** What `field(name)` gives a TextField or SelectField: its ref (for the focus), its error, and clearing it on input. */
export interface FieldBinding {
  ref: (element: HTMLElement | null) => void;
  error: string | undefined;
  onInput: () => void;
}

/**
 * A change sent to the server (POST/PATCH/DELETE) from a form or a button.
 *
 * `run(send)` sends it once at a time and answers the result, or undefined when it failed
 * (the error is then shown). A 401 ends the session, a 403 or 404 re-reads it (lib/session.tsx). `check(errors)`
 * shows the form's own findings before sending. Switching language clears the messages
 * rather than leave them in the other language.
 */
export function useMutation() {
  const { lang, t } = useLanguage();
  const checkSession = useSessionCheck();
  const [pending, setPending] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const elements = useRef(new Map<string, HTMLElement>());
  const refCallbacks = useRef(new Map<string, (element: HTMLElement | null) => void>());
  const [focusRequest, setFocusRequest] = useState<{ field: string; seq: number } | null>(null);

  // After the render that shows the field (a field on another step of a wizard, say).
  useEffect(() => {
    if (focusRequest) elements.current.get(focusRequest.field)?.focus();
  }, [focusRequest]);

  useEffect(() => {
    setFieldErrors({});
    setFormError(null);
  }, [lang]);

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

  /** The form's own findings: each message beside its field, the focus on the first. True when there is any. */
  const check = useCallback(
    (errors: FieldErrors): boolean => {
      const fields = Object.keys(errors).filter((k) => errors[k]);
      setFieldErrors(errors);
      setFormError(null);
      if (fields.length > 0) focus(fields[0]!);
      return fields.length > 0;
    },
    [focus],
  );

  const run = useCallback(
    async <R,>(send: () => Promise<R>, options: RunOptions = {}): Promise<R | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setPending(true);
      setFieldErrors({});
      setFormError(null);
      try {
        return await send();
      } catch (caught) {
        let error: ApiError;
        if (caught instanceof ApiError) error = caught;
        else {
          console.error(caught);
          error = new ApiError(0, 'unexpected', t('error.unknown'));
        }
        checkSession(error.status);
        const beside = options.fields ?? ((field: string) => elements.current.has(field));
        if (error.field && beside(error.field)) {
          setFieldErrors({ [error.field]: error.message });
          focus(error.field);
        } else {
          setFormError(error.message);
        }
        options.onError?.(error);
        return undefined;
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [t, checkSession, focus],
  );

  const field = useCallback(
    (name: string): FieldBinding => {
      let ref = refCallbacks.current.get(name);
      if (!ref) {
        ref = (element: HTMLElement | null) => {
          if (element) elements.current.set(name, element);
          else elements.current.delete(name);
        };
        refCallbacks.current.set(name, ref);
      }
      return { ref, error: fieldErrors[name], onInput: () => clearField(name) };
    },
    [fieldErrors, clearField],
  );

  /** Leaves for another page load (after logging in, say): the form stays busy until it is gone. */
  const leave = useCallback((url: string) => {
    setLeaving(true);
    window.location.assign(url);
  }, []);

  return useMemo(
    () => ({ pending: pending || leaving, fieldErrors, formError, setFormError, run, check, field, focus, clear, leave }),
    [pending, leaving, fieldErrors, formError, run, check, field, focus, clear, leave],
  );
}

export type Mutation = ReturnType<typeof useMutation>;

/** Checks most forms make before sending. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireText(t: Translate, value: string): string | undefined {
  return value.trim() ? undefined : t('error.required');
}

export function checkEmail(t: Translate, value: string): string | undefined {
  if (!value.trim()) return t('error.required');
  return EMAIL_RE.test(value.trim()) ? undefined : t('error.email');
}

/** An e-mail that may be left empty. */
export function checkOptionalEmail(t: Translate, value: string): string | undefined {
  return value.trim() ? checkEmail(t, value) : undefined;
}

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

export interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (aria: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactNode;
  extraDescribedBy?: string | undefined;
}

/** A field's label, hint and error around any input (TextField, SelectField, the time-zone picker). */
export function FieldShell({ id, label, hint, error, children, extraDescribedBy }: FieldShellProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <div className="field">
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

/** A labelled input with its hint and its error; spread `form.field(name)` into it. */
export function TextField({ label, hint, error, id, describedById, ref, ...input }: TextFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell id={inputId} label={label} hint={hint} error={error} extraDescribedBy={describedById}>
      {(aria) => <input id={inputId} ref={ref} {...aria} {...input} />}
    </FieldShell>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: ReadonlyArray<{ value: string; label: string; lang?: string }>;
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
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A problem that belongs to no field (a refusal, wrong credentials, the network). */
export function FormAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}
