// The Tickets tab (TKT-9): every ticket of the seller accounts the viewer sees, newest change
// first, filtered by type, product type and status and searched by a buyer's e-mail, a ticket
// number or a receipt; pages go forward and back by the server's keyset cursors. The whole
// search, the page's cursor included, lives in the address, so reload, back and a shared link
// show the same page. Each row says whose turn it is and what is due when, in the viewer's own
// time zone and counted from the platform's time.
import { Link } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors } from '../app/use-resource.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { SelectField } from '../../ui/form.tsx';
import { KeysetPager, KeysetSearchForm, useKeysetSearch } from '../../ui/keyset-search.tsx';
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
  type TicketSearch,
  type TicketStatus,
  type TicketType,
  ticketPagePath,
  ticketsApi,
} from './tickets.api.ts';
import './tickets.css';

/** The filters as the address holds them, after the query `q`. */
const FILTERS = ['type', 'kind', 'status', 'account'] as const;

export function TicketsPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  useDocumentTitle(t('tickets.title'));
  const report = useApiErrors();
  const search = useKeysetSearch({
    filters: FILTERS,
    toSearch: (applied) => {
      const s: TicketSearch = {};
      if (applied.q) s.q = applied.q;
      if ((TICKET_TYPES as readonly string[]).includes(applied.type)) s.type = applied.type as TicketType;
      if ((PRODUCT_KINDS as readonly string[]).includes(applied.kind)) s.productKind = applied.kind as ProductKindFilter;
      if ((TICKET_STATUSES as readonly string[]).includes(applied.status)) s.status = applied.status as TicketStatus;
      if (applied.account && team.accounts.some((a) => a.id === applied.account)) s.accountId = applied.account;
      return s;
    },
    scope: team.teamId,
    load: (s, signal) => ticketsApi.list(team.teamId, s, signal),
    report,
  });
  const { state, page, searched, field } = search;
  const now = usePlatformNow(state.kind === 'ready' ? search.searchKey : undefined);

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

      <KeysetSearchForm
        search={search}
        classPrefix="tickets"
        queryLabel={t('tickets.searchLabel')}
        queryHint={t('tickets.searchHint')}
        submitLabel={t('tickets.search')}
        filtersLegend={t('tickets.filters')}
        clearLabel={t('tickets.clear')}
      >
        <SelectField
          {...field('type')}
          label={t('tickets.filter.type')}
          options={[{ value: '', label: t('tickets.filter.anyType') }, ...TICKET_TYPES.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))]}
        />
        <SelectField
          {...field('kind')}
          label={t('tickets.filter.kind')}
          options={[{ value: '', label: t('tickets.filter.anyKind') }, ...PRODUCT_KINDS.map((v) => ({ value: v, label: t(`tickets.filter.kind.${v}`) }))]}
        />
        <SelectField
          {...field('status')}
          label={t('tickets.filter.status')}
          options={[{ value: '', label: t('tickets.filter.anyStatus') }, ...TICKET_STATUSES.map((v) => ({ value: v, label: t(`tickets.status.${v}`) }))]}
        />
        {several && (
          <SelectField
            {...field('account')}
            label={t('tickets.filter.account')}
            options={[{ value: '', label: t('tickets.filter.anyAccount') }, ...team.accounts.map((a) => ({ value: a.id, label: a.nickname }))]}
          />
        )}
      </KeysetSearchForm>

      {state.kind === 'loading' && <Loading />}
      {search.listError && <LoadError message={search.listError} onRetry={search.retry} />}
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
          <KeysetPager search={search} className="tickets__pages" label={t('tickets.pages')} prevLabel={t('tickets.prev')} nextLabel={t('tickets.next')} />
        </>
      )}
    </section>
  );
}
