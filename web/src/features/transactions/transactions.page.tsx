// The Transactions tab (SALES-4): the orders of the seller accounts the viewer sees, newest
// first, searched by receipt, e-mail or part of a name and filtered by status, product,
// account, days and total; pages go forward and back by the server's keyset cursors. The
// whole search, the page's cursor included, lives in the address, so reload, back and a
// shared link show the same page. Dates read in the viewer's own time zone.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { CURRENCY_EXPONENTS, type Currency, formatMoney, fromDecimalString } from '@server/kernel/money/money.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLanguage } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors, useResource } from '../app/use-resource.ts';
import type { ProductPage } from '../products/products.api.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { SelectField, TextField } from '../../ui/form.tsx';
import { KeysetPager, KeysetSearchForm, useKeysetSearch } from '../../ui/keyset-search.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { ORDER_STATUSES, type OrderListItem, type OrderSearch, type OrderStatus, orderPagePath, searchOrders } from './transactions.api.ts';
import { StatusBadge } from './status-badge.tsx';
import './transactions.css';

/** The filters as the address holds them, after the query `q`: days as YYYY-MM-DD of the viewer's calendar, amounts as typed. */
const FILTERS = ['status', 'product', 'account', 'from', 'to', 'min', 'max'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function holds(team: SessionTeam, permission: string): boolean {
  return team.role === 'owner' || (team.permissions as readonly string[]).includes(permission);
}

/** The viewer's local midnight starting `day`, plus `days`, as an instant. */
function dayStart(day: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}

/** "49,90", "49.90" or "49" in minor units of a currency; null when it is not an amount. */
export function parseAmount(text: string, currency: Currency): number | null {
  const plain = text.trim().replace(/\s/g, '');
  if (!/^\d+([.,]\d+)?$/.test(plain)) return null;
  try {
    return fromDecimalString(plain.replace(',', '.'), currency).amount;
  } catch {
    return null;
  }
}

export function TransactionsPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  useDocumentTitle(t('transactions.title'));
  const report = useApiErrors();
  const byPeriod = holds(team, 'sales.search_by_period');
  const ticketsOnly = !holds(team, 'sales.search') && holds(team, 'sales.tickets');
  const [products] = useResource<ProductPage>(holds(team, 'products.view') ? `/teams/${team.teamId}/products?limit=200` : null);
  const accountCurrency = (accountId: string): Currency => {
    const account = team.accounts.find((a) => a.id === accountId) ?? team.accounts[0];
    const code = account?.currency ?? 'BRL';
    return (code in CURRENCY_EXPONENTS ? code : 'BRL') as Currency;
  };

  const search = useKeysetSearch({
    filters: FILTERS,
    // What the API is asked: the address's search, days and amounts turned into its terms.
    toSearch: (applied) => {
      const s: OrderSearch = {};
      if (applied.q) s.q = applied.q;
      if ((ORDER_STATUSES as readonly string[]).includes(applied.status)) s.status = applied.status as OrderStatus;
      if (applied.product) s.productId = applied.product;
      if (applied.account) s.accountId = applied.account;
      if (byPeriod && DAY.test(applied.from)) s.from = dayStart(applied.from);
      if (byPeriod && DAY.test(applied.to)) s.to = dayStart(applied.to, 1);
      const currency = accountCurrency(applied.account);
      const min = applied.min ? parseAmount(applied.min, currency) : null;
      const max = applied.max ? parseAmount(applied.max, currency) : null;
      if (min !== null) s.minAmount = min;
      if (max !== null) s.maxAmount = max;
      return s;
    },
    scope: team.teamId,
    load: (s, signal) => searchOrders(team.teamId, s, signal),
    report,
    check: (f) => {
      const found: Partial<Record<(typeof FILTERS)[number], string>> = {};
      const currency = accountCurrency(f.account);
      if (f.min && parseAmount(f.min, currency) === null) found.min = t('transactions.badAmount');
      if (f.max && parseAmount(f.max, currency) === null) found.max = t('transactions.badAmount');
      if (DAY.test(f.from) && DAY.test(f.to) && f.to < f.from) found.to = t('transactions.badRange');
      return found;
    },
  });
  const { state, page, searched, field } = search;

  const productOptions = useMemo(() => {
    if (products.kind !== 'ready') return [];
    const several = team.accounts.length > 1;
    const nickname = (id: string) => team.accounts.find((a) => a.id === id)?.nickname ?? '';
    return products.data.items
      .map((p) => ({ value: p.id, label: several ? `${p.name} · ${nickname(p.accountId)}` : p.name }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
  }, [products, team.accounts, lang]);

  const accountName = (id: string) => team.accounts.find((a) => a.id === id)?.nickname ?? '';
  const columns: Array<Column<OrderListItem> | false> = [
    {
      label: t('transactions.col.receipt'),
      rowHeader: true,
      cell: (o) => (
        <Link to={orderPagePath(team.teamId, o.id)} className="transactions__receipt">
          {o.receipt}
        </Link>
      ),
    },
    { label: t('transactions.col.date'), cell: (o) => <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, lang)}</time> },
    {
      label: t('transactions.col.buyer'),
      cell: (o) => (
        <>
          <span className="transactions__name">{o.buyer.name}</span>
          <span className="transactions__detail">{o.buyer.email}</span>
        </>
      ),
    },
    {
      label: t('transactions.col.product'),
      cell: (o) => (
        <>
          {o.productName}
          {team.accounts.length > 1 && <span className="transactions__detail">{accountName(o.accountId)}</span>}
        </>
      ),
    },
    {
      label: t('transactions.col.total'),
      className: 'transactions__amount',
      cell: (o) => formatMoney({ amount: o.total.amount, currency: o.total.currency as Currency }, lang),
    },
    { label: t('transactions.col.status'), cell: (o) => <StatusBadge status={o.status} /> },
  ];

  return (
    <section className="page transactions" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('transactions.title')}
          </h1>
          <p className="muted">{t(ticketsOnly ? 'transactions.introTickets' : 'transactions.intro')}</p>
        </div>
      </div>

      <KeysetSearchForm
        search={search}
        classPrefix="transactions"
        queryLabel={t('transactions.searchLabel')}
        queryHint={t('transactions.searchHint')}
        submitLabel={t('transactions.search')}
        filtersLegend={t('transactions.filters')}
        clearLabel={t('transactions.clear')}
      >
        <SelectField
          {...field('status')}
          label={t('transactions.status')}
          options={[{ value: '', label: t('transactions.anyStatus') }, ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`transactions.status.${s}`) }))]}
        />
        {productOptions.length > 0 && (
          <SelectField
            {...field('product')}
            label={t('transactions.product')}
            options={[{ value: '', label: t('transactions.anyProduct') }, ...productOptions]}
          />
        )}
        {team.accounts.length > 1 && (
          <SelectField
            {...field('account')}
            label={t('transactions.account')}
            options={[{ value: '', label: t('transactions.anyAccount') }, ...team.accounts.map((a) => ({ value: a.id, label: a.nickname }))]}
          />
        )}
        {byPeriod && (
          <>
            <TextField {...field('from')} label={t('transactions.from')} type="date" />
            <TextField {...field('to')} label={t('transactions.to')} type="date" />
          </>
        )}
        <TextField {...field('min')} label={t('transactions.minAmount')} inputMode="decimal" autoComplete="off" />
        <TextField {...field('max')} label={t('transactions.maxAmount')} inputMode="decimal" autoComplete="off" />
      </KeysetSearchForm>

      {state.kind === 'loading' && <Loading />}
      {search.listError && <LoadError message={search.listError} onRetry={search.retry} />}
      {state.kind === 'ready' && state.page.items.length === 0 && (
        <div className="empty" role="status">
          <p className="empty__title">{t(searched ? 'transactions.empty' : ticketsOnly ? 'transactions.noneTickets' : 'transactions.none')}</p>
          {searched && <p className="muted">{t('transactions.emptyHint')}</p>}
        </div>
      )}
      {state.kind === 'ready' && state.page.items.length > 0 && (
        <>
          <DataTable
            caption={page > 1 ? t('transactions.captionPage', { page }) : t('transactions.caption')}
            columns={columns}
            rows={state.page.items}
            rowKey={(o) => o.id}
          />
          <KeysetPager
            search={search}
            className="transactions__pages"
            label={t('transactions.pages')}
            prevLabel={t('transactions.prev')}
            nextLabel={t('transactions.next')}
          />
        </>
      )}
    </section>
  );
}

