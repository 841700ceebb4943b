// The Transactions tab (SALES-4): the orders of the seller accounts the viewer sees, newest
// first, searched by receipt, e-mail or part of a name and filtered by status, product,
// account, days and total; pages go forward and back by the server's keyset cursors. The
// whole search, the page's cursor included, lives in the address, so reload, back and a
// shared link show the same page. Dates read in the viewer's own time zone.
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CURRENCY_EXPONENTS, type Currency, formatMoney, fromDecimalString } from '@server/kernel/money/money.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLanguage } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors, useResource } from '../app/use-resource.ts';
import type { ProductPage } from '../products/products.api.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { SelectField, TextField } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { ORDER_STATUSES, type OrderListItem, type OrderPage, type OrderSearch, type OrderStatus, orderPagePath, searchOrders } from './transactions.api.ts';
import { StatusBadge } from './status-badge.tsx';
import './transactions.css';

/** The search as the address holds it: days as YYYY-MM-DD of the viewer's calendar, amounts as typed. */
interface SearchForm {
  q: string;
  status: string;
  product: string;
  account: string;
  from: string;
  to: string;
  min: string;
  max: string;
}
const FIELDS: ReadonlyArray<keyof SearchForm> = ['q', 'status', 'product', 'account', 'from', 'to', 'min', 'max'];
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

function formFrom(params: URLSearchParams): SearchForm {
  return Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as unknown as SearchForm;
}

type Problems = Partial<Record<keyof SearchForm, string>>;

export function TransactionsPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  useDocumentTitle(t('transactions.title'));
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
  const [problems, setProblems] = useState<Problems>({});
  const byPeriod = holds(team, 'sales.search_by_period');
  const ticketsOnly = !holds(team, 'sales.search') && holds(team, 'sales.tickets');
  const [products] = useResource<ProductPage>(holds(team, 'products.view') ? `/teams/${team.teamId}/products?limit=200` : null);
  const accountCurrency = (accountId: string): Currency => {
    const account = team.accounts.find((a) => a.id === accountId) ?? team.accounts[0];
    const code = account?.currency ?? 'BRL';
    return (code in CURRENCY_EXPONENTS ? code : 'BRL') as Currency;
  };

  // Back, forward or a link changes the address: the form shows what is searched.
  const appliedKey = FIELDS.map((f) => applied[f]).join('\u0000');
  useEffect(() => {
    setForm(formFrom(params));
    setProblems({});
  }, [appliedKey]);

  // What the API is asked: the address's search, days and amounts turned into its terms.
  const search = useMemo((): OrderSearch | null => {
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
    if (cursor) s.cursor = cursor;
    if (limit) s.limit = limit;
    return s;
  }, [appliedKey, cursor, byPeriod, limit]);
  const searchKey = JSON.stringify(search);

  type State = { kind: 'loading' } | { kind: 'error'; message: string; field?: string } | { kind: 'ready'; page: OrderPage };
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    searchOrders(team.teamId, JSON.parse(searchKey) as OrderSearch, controller.signal).then(
      (result) => !controller.signal.aborted && setState({ kind: 'ready', page: result }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const e = report(error);
        setState({ kind: 'error', message: e.message, ...(e.field ? { field: e.field } : {}) });
      },
    );
    return () => controller.abort();
  }, [team.teamId, searchKey, lang, tick, report]);

  const check = (f: SearchForm): Problems => {
    const found: Problems = {};
    const currency = accountCurrency(f.account);
    if (f.min && parseAmount(f.min, currency) === null) found.min = t('transactions.badAmount');
    if (f.max && parseAmount(f.max, currency) === null) found.max = t('transactions.badAmount');
    if (DAY.test(f.from) && DAY.test(f.to) && f.to < f.from) found.to = t('transactions.badRange');
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check(form);
    setProblems(found);
    if (Object.keys(found).length) return;
    const next = new URLSearchParams();
    for (const f of FIELDS) if (form[f].trim()) next.set(f, form[f].trim());
    if (limit) next.set('limit', String(limit));
    setParams(next);
  };
  const clear = () => {
    setProblems({});
    setParams(new URLSearchParams());
  };
  const goTo = (to: string, pageNumber: number) => {
    const next = new URLSearchParams(params);
    next.set('cursor', to);
    if (pageNumber > 1) next.set('page', String(pageNumber));
    else next.delete('page');
    setParams(next);
  };
  const set = (name: keyof SearchForm) => (value: string) => setForm((prev) => ({ ...prev, [name]: value }));

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

  const searched = FIELDS.some((f) => applied[f]);
  const field = (name: keyof SearchForm) => ({ id: `${formId}-${name}`, value: form[name], error: problems[name] });
  const apiField = state.kind === 'error' ? state.field : undefined;
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

      <form className="transactions__search card" role="search" noValidate onSubmit={submit}>
        <div className="transactions__query">
          <TextField
            {...field('q')}
            label={t('transactions.searchLabel')}
            hint={t('transactions.searchHint')}
            type="search"
            autoComplete="off"
            spellCheck={false}
            error={problems.q ?? (apiField === 'q' && state.kind === 'error' ? state.message : undefined)}
            onChange={(e) => set('q')(e.target.value)}
          />
          <button type="submit" className="button button--primary">
            {t('transactions.search')}
          </button>
        </div>
        <fieldset className="transactions__filters">
          <legend className="visually-hidden">{t('transactions.filters')}</legend>
          <SelectField
            {...field('status')}
            label={t('transactions.status')}
            onChange={(e) => set('status')(e.target.value)}
            options={[{ value: '', label: t('transactions.anyStatus') }, ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`transactions.status.${s}`) }))]}
          />
          {productOptions.length > 0 && (
            <SelectField
              {...field('product')}
              label={t('transactions.product')}
              onChange={(e) => set('product')(e.target.value)}
              options={[{ value: '', label: t('transactions.anyProduct') }, ...productOptions]}
            />
          )}
          {team.accounts.length > 1 && (
            <SelectField
              {...field('account')}
              label={t('transactions.account')}
              onChange={(e) => set('account')(e.target.value)}
              options={[{ value: '', label: t('transactions.anyAccount') }, ...team.accounts.map((a) => ({ value: a.id, label: a.nickname }))]}
            />
          )}
          {byPeriod && (
            <>
              <TextField {...field('from')} label={t('transactions.from')} type="date" onChange={(e) => set('from')(e.target.value)} />
              <TextField {...field('to')} label={t('transactions.to')} type="date" onChange={(e) => set('to')(e.target.value)} />
            </>
          )}
          <TextField {...field('min')} label={t('transactions.minAmount')} inputMode="decimal" autoComplete="off" onChange={(e) => set('min')(e.target.value)} />
          <TextField {...field('max')} label={t('transactions.maxAmount')} inputMode="decimal" autoComplete="off" onChange={(e) => set('max')(e.target.value)} />
        </fieldset>
        {searched && (
          <div className="transactions__clear">
            <button type="button" className="button button--small" onClick={clear}>
              {t('transactions.clear')}
            </button>
          </div>
        )}
      </form>

      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && apiField !== 'q' && <LoadError message={state.message} onRetry={() => setTick((n) => n + 1)} />}
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
          {(state.page.nextCursor || state.page.prevCursor) && (
            <nav className="transactions__pages" aria-label={t('transactions.pages')}>
              {state.page.prevCursor && (
                <button type="button" className="button" onClick={() => goTo(state.page.prevCursor!, page - 1)}>
                  {t('transactions.prev')}
                </button>
              )}
              {state.page.nextCursor && (
                <button type="button" className="button" onClick={() => goTo(state.page.nextCursor!, page + 1)}>
                  {t('transactions.next')}
                </button>
              )}
            </nav>
          )}
        </>
      )}
    </section>
  );
}

