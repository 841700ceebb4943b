// One order (SALES-4) at `/t/:teamId/orders/:orderId`: what was bought (the product line,
// subtotal, tax, total), the money in and out, the subscription with its invoices, the
// check-in, the buyer's access and the history; the receipt printed (PDF) or e-mailed again.
// The actions of other parts render here from their own files, in this order (docs/sales.md,
// the order page contract): OrderActions (refund, buyer e-mail, resend access), then
// SubscriptionPanel (status changes: cancel, reactivate) and CheckInPanel (check-in changes);
// this page shows the subscription's facts and invoices and the check-in's status itself.
//
// `/orders/:orderId` (the link of the seller's sale e-mail) has no team: OrderRedirect opens
// the order in the first of the reader's teams that can see it.
import { useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { type Currency, formatMoney } from '@server/kernel/money/money.ts';
import { ApiError } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { hasMessage, useLanguage } from '../../lib/i18n.ts';
import { type SessionTeam, useMe } from '../../lib/session.tsx';
import { useTeam } from '../app/team-scope.tsx';
import { useResource } from '../app/use-resource.ts';
import { formatRate } from '../products/product-input.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { tabPath } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { CheckInPanel } from './check-in-panel.tsx';
import { OrderTicketsPanel } from '../tickets/order-tickets-panel.tsx';
import { OrderActions } from './order-actions.tsx';
import { StatusBadge } from './status-badge.tsx';
import { SubscriptionPanel } from './subscription-panel.tsx';
import { type OrderDetail, getOrder, orderPagePath, orderPath, receiptPdfUrl, sendReceipt } from './transactions.api.ts';
import './transactions.css';

type Payment = OrderDetail['payments'][number];
type Invoice = OrderDetail['invoices'][number];
type Item = OrderDetail['items'][number];

function holds(team: SessionTeam, permission: string): boolean {
  return team.role === 'owner' || (team.permissions as readonly string[]).includes(permission);
}

export function OrderPage() {
  const { t } = useLanguage();
  const team = useTeam();
  const { orderId = '' } = useParams();
  const [resource, reload] = useResource<OrderDetail>(orderPath(team.teamId, orderId));
  useDocumentTitle(resource.kind === 'ready' ? t('transactions.order.title', { receipt: resource.data.receipt }) : t('transactions.order.kicker'));
  if (resource.kind === 'loading') return <Loading />;
  if (resource.kind === 'error') {
    if (resource.error.status === 404) {
      return (
        <section className="page page--center" aria-labelledby="page-title">
          <h1 id="page-title" className="page__title">
            {t('transactions.order.kicker')}
          </h1>
          <p>{t('transactions.order.notFound')}</p>
          <p>
            <Link to={tabPath(team.teamId, 'transactions')} className="button button--primary">
              {t('transactions.order.back')}
            </Link>
          </p>
        </section>
      );
    }
    return (
      <section className="page">
        <LoadError message={resource.error.message} onRetry={reload} />
      </section>
    );
  }
  return <Order order={resource.data} team={team} reload={reload} />;
}

function Order({ order, team, reload }: { order: OrderDetail; team: SessionTeam; reload: () => void }) {
  const { t, lang } = useLanguage();
  const money = (m: { amount: number; currency: string }) => formatMoney({ amount: m.amount, currency: m.currency as Currency }, lang);
  const mail = useMutation();
  const [notice, setNotice] = useState<string | null>(null);
  const receipts = holds(team, 'receipts.send');
  const accountVisible = team.accounts.some((a) => a.id === order.account.id);

  const emailReceipt = async () => {
    setNotice(null);
    const sent = await mail.run(() => sendReceipt(team.teamId, order.id));
    if (sent) {
      setNotice(t('transactions.order.receiptSent', { email: sent.to }));
      reload();
    }
  };

  const itemColumns: Array<Column<Item>> = [
    {
      label: t('transactions.order.col.item'),
      rowHeader: true,
      cell: (i) => (
        <>
          {i.name}
          <span className="transactions__detail">{t(`transactions.kind.${i.kind}`)}</span>
        </>
      ),
    },
    { label: t('transactions.order.col.qty'), cell: (i) => i.quantity },
    { label: t('transactions.order.col.subtotal'), className: 'transactions__amount', cell: (i) => money(i.subtotal) },
    {
      label: t('transactions.order.col.tax'),
      className: 'transactions__amount',
      cell: (i) => (
        <>
          {money(i.tax)}
          <span className="transactions__detail">{formatRate(i.taxRateBasisPoints, lang)}</span>
        </>
      ),
    },
    { label: t('transactions.order.col.total'), className: 'transactions__amount', cell: (i) => money(i.total) },
  ];

  const movements = [...order.payments, ...order.refunds].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const paymentColumns: Array<Column<Payment>> = [
    { label: t('transactions.order.col.when'), cell: (p) => <time dateTime={p.createdAt}>{formatDateTime(p.createdAt, lang)}</time> },
    {
      label: t('transactions.order.col.what'),
      rowHeader: true,
      cell: (p) => (
        <>
          {t(`transactions.order.payment.${p.kind}`)}
          {p.status === 'failed' && <span className="badge badge--failed"> {t('transactions.order.payment.failed')}</span>}
        </>
      ),
    },
    {
      label: t('transactions.order.col.amount'),
      className: 'transactions__amount',
      cell: (p) => (
        <>
          {p.kind === 'charge' ? '' : '−'}
          {money(p.amount)}
          {p.tax.amount > 0 && <span className="transactions__detail">{t('transactions.order.ofTax', { amount: money(p.tax) })}</span>}
        </>
      ),
    },
    {
      label: t('transactions.order.col.detail'),
      cell: (p) => [p.failureCode, p.reason, p.providerRef && `${p.provider} ${p.providerRef}`].filter(Boolean).join(' · ') || '—',
    },
  ];

  const invoiceColumns: Array<Column<Invoice>> = [
    { label: t('transactions.order.inv.number'), rowHeader: true, cell: (i) => i.number },
    {
      label: t('transactions.order.inv.period'),
      cell: (i) => (
        <>
          <time dateTime={i.periodStart}>{formatDate(i.periodStart, lang)}</time> – <time dateTime={i.periodEnd}>{formatDate(i.periodEnd, lang)}</time>
        </>
      ),
    },
    {
      label: t('transactions.order.inv.total'),
      className: 'transactions__amount',
      cell: (i) => (
        <>
          {money(i.total)}
          {i.refunded.amount > 0 && <span className="transactions__detail">{t('transactions.order.inv.refunded', { amount: money(i.refunded) })}</span>}
        </>
      ),
    },
    {
      label: t('transactions.order.inv.status'),
      cell: (i) => (
        <>
          <span className={i.status === 'paid' ? 'badge badge--sent' : i.status === 'failed' ? 'badge badge--failed' : i.status === 'open' ? 'badge badge--pending' : 'badge'}>
            {t(`transactions.order.inv.status.${i.status}`)}
          </span>
          {i.nextAttemptAt && (
            <span className="transactions__detail">{t('transactions.order.inv.nextAttempt', { when: formatDateTime(i.nextAttemptAt, lang) })}</span>
          )}
        </>
      ),
    },
  ];

  const actorName = (actor: string) => {
    // Staff act as 'staff' or 'staff:<e-mail>'; a seller answering from a ticket's e-mail as 'link'.
    if (actor === 'staff' || actor.startsWith('staff:')) return t('transactions.order.actor.staff');
    const key = `transactions.order.actor.${actor}`;
    return hasMessage(key) ? t(key) : actor;
  };
  const eventName = (type: string) => {
    const key = `transactions.order.event.${type}`;
    return hasMessage(key) ? t(key) : type;
  };
  const accountLabel = order.account.nickname;

  return (
    <section className="page order" aria-labelledby="page-title">
      <p>
        <Link to={tabPath(team.teamId, 'transactions')}>← {t('transactions.order.back')}</Link>
      </p>
      <div className="page__head">
        <div>
          <p className="page__kicker">
            {t('transactions.order.kicker')} · {accountLabel}
          </p>
          <h1 id="page-title" className="page__title">
            {t('transactions.order.title', { receipt: order.receipt })}
          </h1>
          <p>
            <StatusBadge status={order.status} /> <time dateTime={order.createdAt}>{formatDateTime(order.createdAt, lang)}</time>
          </p>
        </div>
        {receipts && (
          <div className="order__tools">
            <a className="button" href={receiptPdfUrl(team.teamId, order.id)} target="_blank" rel="noopener">
              {t('transactions.order.printPdf')}
              <span className="visually-hidden"> ({t('transactions.order.newTab')})</span>
            </a>
            <button type="button" className="button" disabled={mail.pending} onClick={() => void emailReceipt()}>
              {t('transactions.order.emailReceipt')}
            </button>
          </div>
        )}
      </div>

      {notice && (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      )}
      {mail.formError && (
        <p className="alert alert--error" role="alert">
          {mail.formError}
        </p>
      )}

      <OrderActions order={order} team={team} onChanged={reload} />
      <OrderTicketsPanel order={order} team={team} />

      <section className="section card" aria-labelledby="order-summary">
        <h2 id="order-summary" className="section__title">
          {t('transactions.order.summary')}
        </h2>
        <dl className="order__facts">
          <div>
            <dt>{t('transactions.order.buyer')}</dt>
            <dd>{order.buyer.name}</dd>
          </div>
          <div>
            <dt>{t('transactions.order.email')}</dt>
            <dd>{order.buyer.email}</dd>
          </div>
          <div>
            <dt>{t('transactions.order.taxId')}</dt>
            <dd>{order.buyer.taxId ?? <span className="muted">{t('transactions.order.noTaxId')}</span>}</dd>
          </div>
          <div>
            <dt>{t('transactions.order.account')}</dt>
            <dd>{accountVisible ? <Link to={`/t/${team.teamId}/a/${order.account.id}`}>{accountLabel}</Link> : accountLabel}</dd>
          </div>
          <div>
            <dt>{t('transactions.order.channel')}</dt>
            <dd>{t(`transactions.order.channel.${order.channel}`)}</dd>
          </div>
          <div>
            <dt>{t('transactions.order.paymentMethod')}</dt>
            <dd>{order.paymentMethod}</dd>
          </div>
        </dl>
      </section>

      <section className="section card" aria-labelledby="order-items">
        <h2 id="order-items" className="section__title">
          {t('transactions.order.items')}
        </h2>
        <DataTable columns={itemColumns} rows={order.items} rowKey={(i) => i.productId} />
        <dl className="order__totals">
          <dt>{t('transactions.order.subtotal')}</dt>
          <dd>{money(order.subtotal)}</dd>
          <dt>{t('transactions.order.tax', { rate: formatRate(order.taxRateBasisPoints, lang) })}</dt>
          <dd>{money(order.tax)}</dd>
          <dt className="order__grand">{t('transactions.order.total')}</dt>
          <dd className="order__grand">{money(order.total)}</dd>
          <dt>{t('transactions.order.paid')}</dt>
          <dd>{money(order.paid)}</dd>
          {order.refunded.amount > 0 && (
            <>
              <dt>{t('transactions.order.refunded')}</dt>
              <dd>−{money(order.refunded)}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="section card" aria-labelledby="order-payments">
        <h2 id="order-payments" className="section__title">
          {t('transactions.order.payments')}
        </h2>
        {movements.length === 0 ? (
          <p className="muted">{t('transactions.order.noPayments')}</p>
        ) : (
          <DataTable columns={paymentColumns} rows={movements} rowKey={(p) => p.id} />
        )}
      </section>

      {order.subscription && (
        <section className="section card" aria-labelledby="order-subscription">
          <h2 id="order-subscription" className="section__title">
            {t('transactions.order.subscription')}
          </h2>
          <dl className="order__facts">
            <div>
              <dt>{t('transactions.order.sub.status')}</dt>
              <dd>{t(`transactions.order.sub.status.${order.subscription.status}`)}</dd>
            </div>
            <div>
              <dt>{t('transactions.order.sub.price')}</dt>
              <dd>
                {money(order.subscription.price)} · {t(`transactions.order.sub.period.${order.subscription.period}`)}
              </dd>
            </div>
            {order.subscription.cancelledAt ? (
              <div>
                <dt>{t('transactions.order.sub.cancelledAt')}</dt>
                <dd>
                  <time dateTime={order.subscription.cancelledAt}>{formatDateTime(order.subscription.cancelledAt, lang)}</time>
                </dd>
              </div>
            ) : (
              <div>
                <dt>{t('transactions.order.sub.next')}</dt>
                <dd>
                  <time dateTime={order.subscription.currentPeriodEnd}>{formatDateTime(order.subscription.currentPeriodEnd, lang)}</time>
                </dd>
              </div>
            )}
          </dl>
          <SubscriptionPanel order={order} onChanged={reload} />
          {order.invoices.length > 0 && (
            <>
              <h3 className="order__subtitle">{t('transactions.order.invoices')}</h3>
              <DataTable columns={invoiceColumns} rows={order.invoices} rowKey={(i) => i.id} />
            </>
          )}
        </section>
      )}

      {order.checkIn && (
        <section className="section card" aria-labelledby="order-check-in">
          <h2 id="order-check-in" className="section__title">
            {t('transactions.order.checkIn')}
          </h2>
          <p>
            {order.checkIn.status === 'done' && order.checkIn.checkedInAt ? (
              <span className="badge badge--sent">{t('transactions.order.checkIn.done', { when: formatDateTime(order.checkIn.checkedInAt, lang) })}</span>
            ) : (
              <span className="badge badge--pending">{t('transactions.order.checkIn.pending')}</span>
            )}
          </p>
          <CheckInPanel order={order} onChanged={reload} />
        </section>
      )}

      <section className="section card" aria-labelledby="order-access">
        <h2 id="order-access" className="section__title">
          {t('transactions.order.access')}
        </h2>
        {order.access.length === 0 ? (
          <p className="muted">{t('transactions.order.noAccess')}</p>
        ) : (
          <ul className="order__history">
            {order.access.map((a) => (
              <li key={a.id}>
                {a.buyer.name} · {a.buyer.email}{' '}
                {a.revokedAt ? (
                  <span className="badge">{t('transactions.order.access.revoked', { when: formatDate(a.revokedAt, lang) })}</span>
                ) : (
                  <span className="badge badge--sent">{t('transactions.order.access.active', { when: formatDate(a.grantedAt, lang) })}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section card" aria-labelledby="order-history">
        <h2 id="order-history" className="section__title">
          {t('transactions.order.history')}
        </h2>
        <ol className="order__history">
          {[...order.history].reverse().map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
              {eventName(e.type)} <span className="muted">{t('transactions.order.by', { actor: actorName(e.actor) })}</span>
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

/**
 * `/orders/:orderId`, the link of the seller's sale e-mail: the same order in the first of the
 * reader's teams that can see it (its Transactions tab shown), else a plain "not found".
 */
export function OrderRedirect() {
  const { t } = useLanguage();
  const { orderId = '' } = useParams();
  const me = useMe();
  const [found, setFound] = useState<{ kind: 'looking' } | { kind: 'found'; teamId: string } | { kind: 'none' }>({ kind: 'looking' });
  const teams = me.teams.filter((team) => team.tabs.includes('transactions')).map((team) => team.teamId);
  const teamsKey = teams.join(',');
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      for (const teamId of teamsKey ? teamsKey.split(',') : []) {
        try {
          await getOrder(teamId, orderId, controller.signal);
          if (!controller.signal.aborted) setFound({ kind: 'found', teamId });
          return;
        } catch (error) {
          if (controller.signal.aborted) return;
          if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 403)) break;
        }
      }
      if (!controller.signal.aborted) setFound({ kind: 'none' });
    })();
    return () => controller.abort();
  }, [orderId, teamsKey]);
  useDocumentTitle(t('transactions.order.kicker'));
  if (found.kind === 'found') return <Navigate to={orderPagePath(found.teamId, orderId)} replace />;
  if (found.kind === 'looking') return <Loading />;
  return (
    <section className="page page--center" aria-labelledby="page-title">
      <h1 id="page-title" className="page__title">
        {t('transactions.order.kicker')}
      </h1>
      <p>{t('transactions.redirect.notFound')}</p>
      <p>
        <Link to="/" className="button button--primary">
          {t('notAvailable.home')}
        </Link>
      </p>
    </section>
  );
}
