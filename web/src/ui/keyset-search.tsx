// A list searched and paged in the address (the Tickets and Transactions tabs): the query `q`
// and each filter, the page's keyset cursor and number, and a page size asked for with
// `?limit=` (1 to 100; the server's 50 otherwise) all live in the URL, so reload, back and a
// shared link show the same page. The form shows the address's search until the person edits
// it and presses Search; the list is fetched again when the search, its scope (the team) or
// the language changes, the last rows staying on screen meanwhile. Each page keeps its own
// filters, texts and look (`classPrefix`: its own `<prefix>__search`, `__query`, `__filters`,
// `__clear` and `__pages` rules).
import { type ChangeEvent, type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useLanguage } from '../lib/i18n.ts';
import { TextField } from './form.tsx';

/** What a keyset page of the API carries besides its rows. */
export interface KeysetPage {
  nextCursor: string | null;
  prevCursor: string | null;
}

export type KeysetState<P> = { kind: 'loading' } | { kind: 'error'; message: string; field?: string } | { kind: 'ready'; page: P };

type Problems<F extends string> = Partial<Record<F, string>>;

export interface KeysetSearchOptions<F extends string, S, P> {
  /** The filters' names in the address, after `q`. */
  filters: readonly F[];
  /** The API's terms from the address's (what the page does not know is left out); cursor and limit are added. */
  toSearch: (applied: Record<'q' | F, string>) => S;
  /** What else the list depends on (the team's id): a change fetches again. */
  scope: string;
  load: (search: S & { cursor?: string; limit?: number }, signal: AbortSignal) => Promise<P>;
  /** The app's handling of a failed call (a 401 ends the session); answers what to show. */
  report: (error: unknown) => { message: string; field?: string | undefined };
  /** The form's own findings before searching (an amount that is not one), beside their fields. */
  check?: (form: Record<'q' | F, string>) => Problems<'q' | F>;
}

export function useKeysetSearch<F extends string, S extends object, P extends KeysetPage>(options: KeysetSearchOptions<F, S, P>) {
  type Field = 'q' | F;
  type Form = Record<Field, string>;
  const fields: readonly Field[] = ['q', ...options.filters];
  const { lang } = useLanguage();
  const formId = useId();
  const [params, setParams] = useSearchParams();
  const formFrom = (from: URLSearchParams) => Object.fromEntries(fields.map((f) => [f, from.get(f) ?? ''])) as Form;
  const applied = formFrom(params);
  const cursor = params.get('cursor') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const asked = Number(params.get('limit'));
  const limit = Number.isInteger(asked) && asked >= 1 && asked <= 100 ? asked : undefined;
  const [form, setForm] = useState<Form>(applied);
  const [problems, setProblems] = useState<Problems<Field>>({});

  // Back, forward or a link changes the address: the form shows what is searched.
  const appliedKey = fields.map((f) => applied[f]).join('\u0000');
  useEffect(() => {
    setForm(formFrom(params));
    setProblems({});
  }, [appliedKey]);

  // A text key: the list is fetched again when what the API is asked changes, not on every render.
  const searchKey = JSON.stringify({ ...options.toSearch(applied), cursor, limit });
  const latest = useRef(options);
  latest.current = options;
  const [state, setState] = useState<KeysetState<P>>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    latest.current.load(JSON.parse(searchKey) as S & { cursor?: string; limit?: number }, controller.signal).then(
      (result) => !controller.signal.aborted && setState({ kind: 'ready', page: result }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const e = latest.current.report(error);
        setState({ kind: 'error', message: e.message, ...(e.field ? { field: e.field } : {}) });
      },
    );
    return () => controller.abort();
  }, [options.scope, searchKey, lang, tick]);

  // A new search starts on its first page; a page size asked for in the address stays.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = options.check?.(form) ?? {};
    setProblems(found);
    if (Object.keys(found).length) return;
    const next = new URLSearchParams();
    for (const f of fields) if (form[f].trim()) next.set(f, form[f].trim());
    if (limit) next.set('limit', String(limit));
    setParams(next);
  };
  const clear = () => {
    setProblems({});
    setParams(limit ? new URLSearchParams({ limit: String(limit) }) : new URLSearchParams());
  };
  /** Another page by its cursor; the first page is the address without one. */
  const goTo = (to: string, pageNumber: number) => {
    const next = new URLSearchParams(params);
    next.set('cursor', to);
    if (pageNumber > 1) next.set('page', String(pageNumber));
    else {
      next.delete('page');
      next.delete('cursor');
    }
    setParams(next);
  };

  /** A field of the form, spread into a TextField or SelectField. */
  const field = (name: Field) => ({
    id: `${formId}-${name}`,
    value: form[name],
    error: problems[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((prev) => ({ ...prev, [name]: e.target.value })),
  });
  // The server's word on the query shows beside it; any other failure in place of the list.
  const apiError = state.kind === 'error' ? state : null;
  const queryError = problems.q ?? (apiError?.field === 'q' ? apiError.message : undefined);
  const listError = apiError && apiError.field !== 'q' ? apiError.message : null;

  return {
    applied,
    searched: fields.some((f) => applied[f]),
    page,
    searchKey,
    state,
    field,
    queryError,
    listError,
    submit,
    clear,
    goTo,
    retry: () => setTick((n) => n + 1),
  };
}

/** Any page's search, as the form and the pager below use it (they only touch `q`). */
export type KeysetSearch = ReturnType<typeof useKeysetSearch<never, object, KeysetPage>>;

/** The search form: the query with its Search button, the page's filters, and Clear once anything is searched. */
export function KeysetSearchForm(props: {
  search: KeysetSearch;
  classPrefix: string;
  queryLabel: string;
  queryHint: string;
  submitLabel: string;
  filtersLegend: string;
  clearLabel: string;
  children: ReactNode;
}) {
  const { search, classPrefix: prefix } = props;
  return (
    <form className={`${prefix}__search card`} role="search" noValidate onSubmit={search.submit}>
      <div className={`${prefix}__query`}>
        <TextField
          {...search.field('q')}
          error={search.queryError}
          label={props.queryLabel}
          hint={props.queryHint}
          type="search"
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button button--primary">
          {props.submitLabel}
        </button>
      </div>
      <fieldset className={`${prefix}__filters`}>
        <legend className="visually-hidden">{props.filtersLegend}</legend>
        {props.children}
      </fieldset>
      {search.searched && (
        <div className={`${prefix}__clear`}>
          <button type="button" className="button button--small" onClick={search.clear}>
            {props.clearLabel}
          </button>
        </div>
      )}
    </form>
  );
}

/** Older and newer pages, when the loaded page has any. */
export function KeysetPager(props: { search: KeysetSearch; className: string; label: string; prevLabel: string; nextLabel: string }) {
  const { search } = props;
  if (search.state.kind !== 'ready') return null;
  const { prevCursor, nextCursor } = search.state.page;
  if (!prevCursor && !nextCursor) return null;
  return (
    <nav className={props.className} aria-label={props.label}>
      {prevCursor && (
        <button type="button" className="button" onClick={() => search.goTo(prevCursor, search.page - 1)}>
          {props.prevLabel}
        </button>
      )}
      {nextCursor && (
        <button type="button" className="button" onClick={() => search.goTo(nextCursor, search.page + 1)}>
          {props.nextLabel}
        </button>
      )}
    </nav>
  );
}
