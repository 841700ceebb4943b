// The order page's subscription panel (SALES-7): what the subscription's state means for the
// seller (the next charge, the next try after a decline, what a cancellation left), and, for
// whoever holds "Manage subscriptions", Cancel / Reactivate / Reactivate and charge now, each
// confirmed with its consequence spelled out. Dates are in the viewer's own time zone. The order
// page (order.page.tsx) shows the status, price and invoices; this adds what to do about them.
import { type Currency, formatMoney } from '@server/kernel/money/money.ts';
import type { OrderView } from '@server/modules/sales/sales.schemas.ts';
import type { InvoiceOut } from '@server/modules/sales/sales.transactions.schemas.ts';
import { useState } from 'react';
import { type ApiResponse, apiFetch } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type MessageKey, useLanguage } from '../../lib/i18n.ts';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { useTeam } from '../app/team-scope.tsx';

type Invoice = ApiResponse<typeof InvoiceOut>;
type Action = 'cancel' | 'reactivate' | 'chargeNow';

export interface SubscriptionPanelProps {
  /** The order as getOrder answers it; its invoices, when given, tell the next try and the amount. */
  order: OrderView & { invoices?: readonly Invoice[] };
  /** Called after a change, so the page reads the order again. */
  onChanged: () => void;
}

const DONE: Record<Action, MessageKey> = {
  cancel: 'subscriptions.cancelled.done',
  reactivate: 'subscriptions.reactivated',
  chargeNow: 'subscriptions.charged',
};

function send(teamId: string, orderId: string, action: Action): Promise<OrderView> {
  const path = `/teams/${teamId}/orders/${orderId}/subscription`;
  if (action === 'cancel') return apiFetch<OrderView>(`${path}/cancel`, { method: 'POST' });
  return apiFetch<OrderView>(`${path}/reactivate`, { method: 'POST', body: { chargeNow: action === 'chargeNow' } });
}

export function SubscriptionPanel({ order, onChanged }: SubscriptionPanelProps) {
  const { t, lang } = useLanguage();
  const team = useTeam();
  const mutation = useMutation();
  const [asking, setAsking] = useState<Action | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const sub = order.subscription;
  if (!sub) return null;

  const manages = team.role === 'owner' || (team.permissions as readonly string[]).includes('subscriptions.manage');
  const when = (iso: string) => formatDateTime(iso, lang);
  const money = (m: { amount: number; currency: string }) => formatMoney({ amount: m.amount, currency: m.currency as Currency }, lang);
  const invoices = order.invoices ?? [];
  // What an invoice charges (tax included): the last real invoice's total, else the price before tax.
  const lastCharged = [...invoices].sort((a, b) => b.number - a.number).find((i) => i.status !== 'trial' && i.total.amount > 0);
  const amount = lastCharged ? money(lastCharged.total) : t('subscriptions.amountBeforeTax', { amount: money(sub.price) });
  const nextTry = invoices.find((i) => i.status === 'failed' && i.nextAttemptAt)?.nextAttemptAt ?? null;
  const periodOver = Date.parse(sub.currentPeriodEnd) <= Date.now();
  const reactivatable = sub.status === 'cancelled' || sub.status === 'unpaid';

  async function confirm(action: Action) {
    const result = await mutation.run(() => send(team.teamId, order.id, action));
    if (result) {
      setAsking(null);
      setDone(action);
      onChanged();
    }
  }
  function ask(action: Action) {
    mutation.clear();
    setDone(null);
    setAsking(action);
  }

  const state =
    sub.status === 'past_due'
      ? t('subscriptions.pastDue', { when: nextTry ? when(nextTry) : '—' })
      : sub.status === 'unpaid'
        ? t('subscriptions.unpaid')
        : sub.status === 'cancelled'
          ? t('subscriptions.cancelled', { when: when(sub.currentPeriodEnd) })
          : sub.status === 'trialing'
            ? t('subscriptions.trialing', { when: when(sub.currentPeriodEnd) })
            : null; // active: the page shows the next invoice's date already

  return (
    <div className="subscription-panel">
      {state && <p className={sub.status === 'past_due' || sub.status === 'unpaid' ? 'note' : undefined}>{state}</p>}
      <div role="status">{done && <p className="alert alert--success">{t(DONE[done])}</p>}</div>
      {manages && (
        <p className="order__buttons">
          {reactivatable && (
            <>
              <button type="button" className="button button--primary" onClick={() => ask('chargeNow')}>
                {t('subscriptions.chargeNow')}
              </button>{' '}
              <button type="button" className="button" onClick={() => ask('reactivate')}>
                {t('subscriptions.reactivate')}
              </button>{' '}
            </>
          )}
          {sub.status !== 'cancelled' && (
            <button type="button" className="button button--danger" onClick={() => ask('cancel')}>
              {t('subscriptions.cancel')}
            </button>
          )}
        </p>
      )}
      {!asking && <FormAlert message={mutation.formError} />}
      {asking === 'cancel' && (
        <ConfirmDialog
          title={t('subscriptions.cancelTitle')}
          body={<p>{t('subscriptions.cancelBody', { when: when(sub.currentPeriodEnd) })}</p>}
          confirmLabel={t('subscriptions.cancelConfirm')}
          danger
          pending={mutation.pending}
          error={mutation.formError}
          onConfirm={() => void confirm('cancel')}
          onCancel={() => setAsking(null)}
        />
      )}
      {asking === 'reactivate' && (
        <ConfirmDialog
          title={t('subscriptions.reactivateTitle')}
          body={<p>{periodOver ? t('subscriptions.reactivateBodyNow') : t('subscriptions.reactivateBodyLater', { when: when(sub.currentPeriodEnd) })}</p>}
          confirmLabel={t('subscriptions.reactivateConfirm')}
          pending={mutation.pending}
          error={mutation.formError}
          onConfirm={() => void confirm('reactivate')}
          onCancel={() => setAsking(null)}
        />
      )}
      {asking === 'chargeNow' && (
        <ConfirmDialog
          title={t('subscriptions.chargeNowTitle')}
          body={<p>{t('subscriptions.chargeNowBody', { amount, method: order.paymentMethod })}</p>}
          confirmLabel={t('subscriptions.chargeNowConfirm')}
          pending={mutation.pending}
          error={mutation.formError}
          onConfirm={() => void confirm('chargeNow')}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
