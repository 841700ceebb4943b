// A seller account's Products page (SALES-1): the catalog with each product's kind, price in
// the reader's language (the money kernel's formatMoney), tax and status; creating and editing
// products; archiving (with a confirmation) and restoring.
//
// Not a tab: MA-8 fixes the back office's six tabs, and products belong to one seller account
// so the page lives under the account in the URL (`/t/:teamId/a/:accountId/products`,
// MA-6: several accounts open side by side), reached from the account's page. Whoever holds
// View products (owner included) sees it; Manage products adds the changes. The server checks
// both anyway.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatMoney } from '@server/kernel/money/money.ts';
import { useLanguage } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { useTeam } from '../app/team-scope.tsx';
import { useApiErrors } from '../app/use-resource.ts';
import type { ApiError } from '../../lib/api.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { SelectField, useMutation } from '../../ui/form.tsx';
import { NotAvailablePage } from '../../ui/not-available-page.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { formatEventStart, formatRate } from './product-input.ts';
import { type ProductAccount, ProductFormDialog } from './product-form.tsx';
import { checkoutPagePath } from '../checkout/checkout.api.ts';
import { CURRENCIES, listProducts, type Product, productsPagePath, type SaleCurrency, updateProduct } from './products.api.ts';
import { ProductMembersDialog } from '../transactions/actions/product-members.tsx';
import './products.css';

type Show = 'active' | 'archived' | 'all';
type DialogState = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; product: Product } | { kind: 'archive'; product: Product } | { kind: 'members'; product: Product };
type ListState = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; items: Product[]; nextCursor: string | null; more: boolean };

function holds(team: SessionTeam, permission: 'products.view' | 'products.manage' | 'sales.resend_purchase_email'): boolean {
  return team.role === 'owner' || team.permissions.includes(permission);
}

/**
 * The currency a new product starts with: the account's default currency (its settings, ACC-2);
 * the seller picks another in the form.
 */
function defaultCurrency(account: { currency?: string }): SaleCurrency {
  return account.currency && (CURRENCIES as readonly string[]).includes(account.currency) ? (account.currency as SaleCurrency) : 'BRL';
}

export function ProductsPage() {
  const { t } = useLanguage();
  const team = useTeam();
  const { accountId = '' } = useParams();
  const account = team.accounts.find((a) => a.id === accountId);
  useDocumentTitle(account ? `${t('products.title')} · ${account.nickname}` : t('products.title'));
  if (!holds(team, 'products.view')) return <NotAvailablePage reason="permission" />;
  if (!account) return <NotAvailablePage reason="account" />;
  return <Catalog key={account.id} team={team} account={account} />;
}

function Catalog({ team, account }: { team: SessionTeam; account: ProductAccount }) {
  const { t, lang } = useLanguage();
  const navigate = useNavigate();
  const report = useApiErrors();
  const manage = holds(team, 'products.manage');
  const [show, setShow] = useState<Show>('active');
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const archive = useMutation();
  const abortRef = useRef<AbortController | null>(null);
  const zone = account.timeZone ?? 'UTC';
  const status = show === 'all' ? undefined : show;

  const reload = useCallback(() => setTick((n) => n + 1), []);

  // The first page, again whenever the filter, the language (server texts) or the data change.
  useEffect(() => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setList((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    listProducts(account.id, { status }, controller.signal).then(
      (page) => !controller.signal.aborted && setList({ kind: 'ready', items: page.items, nextCursor: page.nextCursor, more: false }),
      (error: unknown) => !controller.signal.aborted && setList({ kind: 'error', error: report(error) }),
    );
    return () => controller.abort();
  }, [account.id, status, lang, tick, report]);

  const loadMore = async () => {
    if (list.kind !== 'ready' || !list.nextCursor) return;
    setList({ ...list, more: true });
    try {
      const page = await listProducts(account.id, { status, cursor: list.nextCursor });
      setList({ kind: 'ready', items: [...list.items, ...page.items], nextCursor: page.nextCursor, more: false });
    } catch (error) {
      setList({ kind: 'error', error: report(error) });
    }
  };

  const open = (next: DialogState) => {
    archive.clear();
    setNotice(null);
    setDialog(next);
  };
  const close = () => setDialog({ kind: 'none' });

  const restore = async (product: Product) => {
    setNotice(null);
    const saved = await archive.run(() => updateProduct(account.id, product.id, { status: 'active' }));
    if (saved) {
      setNotice(t('products.restored', { name: saved.name }));
      reload();
    }
  };

  const kindCell = (p: Product) => {
    switch (p.kind) {
      case 'standard':
        return <span className="tag">{t('products.kind.standard')}</span>;
      case 'recurring':
        return (
          <>
            <span className="tag">{t('products.kind.recurring')}</span>
            <span className="products__detail">
              {t(`products.period.${p.period}`)} · {p.trialDays ? t('products.trial', { days: p.trialDays }) : t('products.noTrial')}
            </span>
          </>
        );
      case 'event':
        return (
          <>
            <span className="tag">{t('products.kind.event')}</span>
            <span className="products__detail">
              <time dateTime={p.startsAt}>{formatEventStart(p.startsAt, lang, zone)}</time> · {p.place} · {t('products.capacity', { count: p.capacity })}
            </span>
          </>
        );
    }
  };

  const columns: Array<Column<Product> | false> = [
    {
      label: t('products.col.name'),
      rowHeader: true,
      cell: (p) => (
        <>
          <span className="products__name">{p.name}</span>
          {p.description && <span className="products__detail">{p.description}</span>}
          {p.status === 'active' && <CheckoutLink product={p} onCopied={() => setNotice(t('products.checkoutCopied', { name: p.name }))} />}
        </>
      ),
    },
    { label: t('products.col.kind'), cell: kindCell },
    {
      label: t('products.col.price'),
      className: 'products__price',
      cell: (p) => (
        <>
          {formatMoney({ amount: p.price.amount, currency: p.price.currency as SaleCurrency }, lang)}
          {p.kind === 'recurring' && <span className="muted"> {t(`products.per.${p.period}`)}</span>}
        </>
      ),
    },
    { label: t('products.col.tax'), cell: (p) => (p.taxRateBasisPoints ? formatRate(p.taxRateBasisPoints, lang) : <span className="muted">{t('products.noTax')}</span>) },
    {
      label: t('products.col.status'),
      cell: (p) => <span className={p.status === 'active' ? 'badge badge--sent' : 'badge'}>{t(`products.status.${p.status}`)}</span>,
    },
    {
      label: t('common.actions'),
      actions: true,
      cell: (p) => (
        <>
          {/* SALES-5: who has access, with "resend access" (transactions/actions/product-members.tsx). */}
          <button type="button" className="button button--small" onClick={() => open({ kind: 'members', product: p })}>
            {t('orderActions.members.open')}
            <span className="visually-hidden"> {p.name}</span>
          </button>
          {manage && (
            <>
              <button type="button" className="button button--small" onClick={() => open({ kind: 'edit', product: p })}>
                {t('products.edit')}
                <span className="visually-hidden"> {p.name}</span>
              </button>
              {p.status === 'active' ? (
                <button type="button" className="button button--small button--danger-quiet" onClick={() => open({ kind: 'archive', product: p })}>
                  {t('products.archive')}
                  <span className="visually-hidden"> {p.name}</span>
                </button>
              ) : (
                <button type="button" className="button button--small" disabled={archive.pending} onClick={() => void restore(p)}>
                  {t('products.restore')}
                  <span className="visually-hidden"> {p.name}</span>
                </button>
              )}
            </>
          )}
        </>
      ),
    },
  ];

  const items = list.kind === 'ready' ? list.items : [];
  return (
    <section className="page products" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <p className="page__kicker">{account.nickname}</p>
          <h1 id="page-title" className="page__title">
            {t('products.title')}
          </h1>
          <p className="muted">{t('products.intro')}</p>
        </div>
        <div className="products__tools">
          <Link to={`/t/${team.teamId}/a/${account.id}`} className="button">
            {t('products.accountPage')}
          </Link>
          {manage && (
            <button type="button" className="button button--primary" disabled={list.kind !== 'ready'} onClick={() => open({ kind: 'add' })}>
              {t('products.new')}
            </button>
          )}
        </div>
      </div>

      <div className="products__filters">
        {team.accounts.length > 1 && (
          <SelectField
            label={t('products.account')}
            value={account.id}
            onChange={(e) => navigate(productsPagePath(team.teamId, e.target.value))}
            options={team.accounts.map((a) => ({ value: a.id, label: a.nickname }))}
          />
        )}
        <SelectField
          label={t('products.show')}
          value={show}
          onChange={(e) => setShow(e.target.value as Show)}
          options={(['active', 'archived', 'all'] as const).map((s) => ({ value: s, label: t(`products.show.${s}`) }))}
        />
      </div>

      {notice && (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      )}
      {dialog.kind === 'none' && archive.formError && (
        <p className="alert alert--error" role="alert">
          {archive.formError}
        </p>
      )}

      {list.kind === 'loading' && <Loading />}
      {list.kind === 'error' && <LoadError message={list.error.message} onRetry={reload} />}
      {list.kind === 'ready' && items.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t(`products.empty.${show}`)}</p>
          {manage && show !== 'archived' && <p className="muted">{t('products.emptyHint')}</p>}
        </div>
      )}
      {list.kind === 'ready' && items.length > 0 && (
        <>
          <DataTable caption={t('products.caption', { account: account.nickname })} columns={columns} rows={items} rowKey={(p) => p.id} rowClassName={(p) => (p.status === 'archived' ? 'products__row--archived' : undefined)} />
          {list.nextCursor && (
            <div className="load-more">
              <button type="button" className="button" disabled={list.more} onClick={() => void loadMore()}>
                {t('products.loadMore')}
              </button>
            </div>
          )}
        </>
      )}

      {(dialog.kind === 'add' || dialog.kind === 'edit') && (
        <ProductFormDialog
          account={account}
          product={dialog.kind === 'edit' ? dialog.product : undefined}
          defaultCurrency={defaultCurrency(account)}
          onCancel={close}
          onSaved={(saved, created) => {
            close();
            setNotice(t(created ? 'products.created' : 'products.saved', { name: saved.name }));
            if (created && show === 'archived') setShow('active');
            reload();
          }}
        />
      )}
      {dialog.kind === 'members' && (
        <ProductMembersDialog accountId={account.id} product={dialog.product} mayResend={holds(team, 'sales.resend_purchase_email')} onClose={close} />
      )}
      {dialog.kind === 'archive' && (
        <ConfirmDialog
          title={t('products.archiveTitle', { name: dialog.product.name })}
          body={t('products.archiveBody')}
          confirmLabel={t('products.archive')}
          danger
          pending={archive.pending}
          error={archive.formError}
          onCancel={close}
          onConfirm={() =>
            void archive.run(() => updateProduct(account.id, dialog.product.id, { status: 'archived' })).then((saved) => {
              if (!saved) return;
              close();
              setNotice(t('products.archived', { name: saved.name }));
              reload();
            })
          }
        />
      )}
    </section>
  );
}

/**
 * SALES-11: each active product's public checkout page, the link a seller shares: opened here,
 * or copied (the full address) to paste elsewhere.
 */
function CheckoutLink({ product, onCopied }: { product: Product; onCopied: () => void }) {
  const { t } = useLanguage();
  const path = checkoutPagePath(product.id);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${window.location.origin}${path}`);
      onCopied();
    } catch {
      // No clipboard (an insecure origin, a refusal): the link itself is still there to copy.
    }
  };
  return (
    <span className="products__detail products__checkout">
      <a href={path} target="_blank" rel="noopener">
        {t('products.checkoutPage')}
        <span className="visually-hidden">
          {' '}
          {product.name} ({t('products.newTab')})
        </span>
      </a>
      {typeof navigator !== 'undefined' && navigator.clipboard && (
        <button type="button" className="link-button" onClick={() => void copy()}>
          {t('products.copyCheckout')}
          <span className="visually-hidden"> {product.name}</span>
        </button>
      )}
    </span>
  );
}
