// The Tickets tab (TKT-9): every ticket of the seller accounts the viewer sees, newest change
// first, filtered by type, product type and status and searched by a buyer's e-mail, a ticket
// number or a receipt; pages go forward and back by the server's keyset cursors. The whole
// search, the page's cursor included, lives in the address, so reload, back and a shared link
// show the same page. Each row says whose turn it is and what is due when, in the viewer's own
// time zone and counted from the platform's time.
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors } from '../app/use-resource.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { SelectField, TextField } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { dueShort } from './due.ts';
import { usePlatformNow } from './platform-time.ts';
import { StatusBadge, TypeBadge } from './ticket-view.tsx';
import {
  PRODUCT_KINDS,
  type ProductKindFilter,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketListItem,
  type TicketPage,
  type TicketSearch,
  type TicketStatus,
  type TicketType,
  ticketPagePath,
  ticketsApi,
} from './tickets.api.ts';
import './tickets.css';

/** The search as the address holds it. */
interface SearchForm {
  q: string;
  type: string;
  kind: string;
  status: string;
  account: string;
}
const FIELDS: ReadonlyArray<keyof SearchForm> = ['q', 'type', 'kind', 'status', 'account'];

function formFrom(params: URLSearchParams): SearchForm {
  return Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as unknown as SearchForm;
}

export function TicketsPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  useDocumentTitle(t('tickets.title'));
  const report = useApiErrors();
  const formId = useId();
  const [params, setParams] = useSearchParams();
  const applied = formFrom(params);
  const cursor = params.get('cursor') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  // Page size: the server's 50, unless the address asks for another (1 to 100).
  const asked = Number(params.get('limit'));
  const limit = Number.isInteger(asked) && asked >= 1 && asked <= 100 ? asked : undefined;
  const [form, setForm] = useState<SearchForm>(applied);

  const appliedKey = FIELDS.map((f) => applied[f]).join('\u0000');
  useEffect(() => setForm(formFrom(params)), [appliedKey]);

  const search = useMemo((): TicketSearch => {
    const s: TicketSearch = {};
    if (applied.q) s.q = applied.q;
    if ((TICKET_TYPES as readonly string[]).includes(applied.type)) s.type = applied.type as TicketType;
    if ((PRODUCT_KINDS as readonly string[]).includes(applied.kind)) s.productKind = applied.kind as ProductKindFilter;
    if ((TICKET_STATUSES as readonly string[]).includes(applied.status)) s.status = applied.status as TicketStatus;
    if (applied.account && team.accounts.some((a) => a.id === applied.account)) s.accountId = applied.account;
    if (cursor) s.cursor = cursor;
    if (limit) s.limit = limit;
    return s;
  }, [appliedKey, cursor, limit, team.accounts]);
  const searchKey = JSON.stringify(search);

  type State = { kind: 'loading' } | { kind: 'error'; message: string; field?: string } | { kind: 'ready'; page: TicketPage };
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    ticketsApi.list(team.teamId, JSON.parse(searchKey) as TicketSearch, controller.signal).then(
      (result) => !controller.signal.aborted && setState({ kind: 'ready', page: result }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const e = report(error);
        setState({ kind: 'error', message: e.message, ...(e.field ? { field: e.field } : {}) });
      },
    );
    return () => controller.abort();
  }, [team.teamId, searchKey, lang, tick, report]);
  const now = usePlatformNow(state.kind === 'ready' ? searchKey : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of FIELDS) if (form[f].trim()) next.set(f, form[f].trim());
    if (limit) next.set('limit', String(limit));
    setParams(next);
  };
  const clear = () => setParams(limit ? new URLSearchParams({ limit: String(limit) }) : new URLSearchParams());
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
  const set = (name: keyof SearchForm) => (value: string) => setForm((prev) => ({ ...prev, [name]: value }));
  const several = team.accounts.length > 1;

  const columns: Array<Column<TicketListItem>> = [
    {
      label: t('tickets.col.number'),
      rowHeader: true,
      cell: (ticket) => (
        <Link to={ticketPagePath(team.teamId, ticket.number)} className="ticket__number">
          #{ticket.number}
        </Link>
      ),
    },
    { label: t('tickets.col.type'), cell: (ticket) => <TypeBadge type={ticket.type} /> },
    {
      label: t('tickets.col.status'),
      cell: (ticket) => (
        <>
          <StatusBadge status={ticket.status} />
          {ticket.status !== 'closed' && <span className="ticket__detail">{t(`tickets.turn.short.${ticket.turn}`)}</span>}
          {ticket.escalation === 'pending' && <span className="ticket__detail">{t('tickets.escalation.short')}</span>}
        </>
      ),
    },
    {
      label: t('tickets.col.due'),
      cell: (ticket) => {
        const due = dueShort(ticket, now, lang, t);
        return due ? <time dateTime={due.at}>{due.text}</time> : <span className="muted">—</span>;
      },
    },
    {
      label: t('tickets.col.product'),
      cell: (ticket) => (
        <>
          {ticket.productName}
          <span className="ticket__detail">
            {t(`tickets.kind.${ticket.productKind}`)}
            {several ? ` · ${ticket.account.nickname}` : ''}
          </span>
        </>
      ),
    },
    {
      label: t('tickets.col.buyer'),
      cell: (ticket) => (
        <>
          <span className="ticket__name">{ticket.buyer.name}</span>
          <span className="ticket__detail">{ticket.buyer.email}</span>
          <span className="ticket__detail">{t('tickets.col.receiptOf', { receipt: ticket.receipt })}</span>
        </>
      ),
    },
  ];

  const searched = FIELDS.some((f) => applied[f]);
  const apiField = state.kind === 'error' ? state.field : undefined;
  const field = (name: keyof SearchForm) => ({ id: `${formId}-${name}`, value: form[name] });
  return (
    <section className="page tickets" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('tickets.title')}
          </h1>
          <p className="muted">{t('tickets.intro')}</p>
        </div>
      </div>

      <form className="tickets__search card" role="search" noValidate onSubmit={submit}>
        <div className="tickets__query">
          <TextField
            {...field('q')}
            label={t('tickets.searchLabel')}
            hint={t('tickets.searchHint')}
            type="search"
            autoComplete="off"
            spellCheck={false}
            error={apiField === 'q' && state.kind === 'error' ? state.message : undefined}
            onChange={(e) => set('q')(e.target.value)}
          />
          <button type="submit" className="button button--primary">
            {t('tickets.search')}
          </button>
        </div>
        <fieldset className="tickets__filters">
          <legend className="visually-hidden">{t('tickets.filters')}</legend>
          <SelectField
            {...field('type')}
            label={t('tickets.filter.type')}
            onChange={(e) => set('type')(e.target.value)}
            options={[{ value: '', label: t('tickets.filter.anyType') }, ...TICKET_TYPES.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))]}
          />
          <SelectField
            {...field('kind')}
            label={t('tickets.filter.kind')}
            onChange={(e) => set('kind')(e.target.value)}
            options={[{ value: '', label: t('tickets.filter.anyKind') }, ...PRODUCT_KINDS.map((v) => ({ value: v, label: t(`tickets.filter.kind.${v}`) }))]}
          />
          <SelectField
            {...field('status')}
            label={t('tickets.filter.status')}
            onChange={(e) => set('status')(e.target.value)}
            options={[{ value: '', label: t('tickets.filter.anyStatus') }, ...TICKET_STATUSES.map((v) => ({ value: v, label: t(`tickets.status.${v}`) }))]}
          />
          {several && (
            <SelectField
              {...field('account')}
              label={t('tickets.filter.account')}
              onChange={(e) => set('account')(e.target.value)}
              options={[{ value: '', label: t('tickets.filter.anyAccount') }, ...team.accounts.map((a) => ({ value: a.id, label: a.nickname }))]}
            />
          )}
        </fieldset>
        {searched && (
          <div className="tickets__clear">
            <button type="button" className="button button--small" onClick={clear}>
              {t('tickets.clear')}
            </button>
          </div>
        )}
      </form>

      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && apiField !== 'q' && <LoadError message={state.message} onRetry={() => setTick((n) => n + 1)} />}
      {state.kind === 'ready' && state.page.items.length === 0 && (
        <div className="empty" role="status">
          <p className="empty__title">{t(searched ? 'tickets.empty' : 'tickets.none')}</p>
          <p className="muted">{t(searched ? 'tickets.emptyHint' : 'tickets.noneHint')}</p>
        </div>
      )}
      {state.kind === 'ready' && state.page.items.length > 0 && (
        <>
          <DataTable
            caption={page > 1 ? t('tickets.captionPage', { page }) : t('tickets.caption')}
            columns={columns}
            rows={state.page.items}
            rowKey={(ticket) => ticket.id}
            rowClassName={(ticket) => (ticket.status !== 'closed' && ticket.turn === 'seller' ? 'tickets__row--ours' : undefined)}
          />
          {(state.page.nextCursor || state.page.prevCursor) && (
            <nav className="tickets__pages" aria-label={t('tickets.pages')}>
              {state.page.prevCursor && (
                <button type="button" className="button" onClick={() => goTo(state.page.prevCursor!, page - 1)}>
                  {t('tickets.prev')}
                </button>
              )}
              {state.page.nextCursor && (
                <button type="button" className="button" onClick={() => goTo(state.page.nextCursor!, page + 1)}>
                  {t('tickets.next')}
                </button>
              )}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
