// The seller's actions on one order (issue 8 items 9 and 11): refund (SALES-6, with a live
// preview and a confirmation step), accept refund on a claimed sale, change the buyer's e-mail
// (SALES-9) and resend access (SALES-5). Rendered by the order page (order.page.tsx) under the
// order's headline; it shows only the buttons the viewer's permissions allow, and nothing when
// none. The server checks everything again.
import { type Currency, formatMoney } from '@server/kernel/money/money.ts';
import type { OrderView } from '@server/modules/sales/sales.schemas.ts';
import { useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { acceptRefund, previewRefund, resendAccess } from './actions/actions.api.ts';
import { BuyerEmailDialog } from './actions/buyer-email-dialog.tsx';
import { RefundDialog } from './actions/refund-dialog.tsx';
import './actions/order-actions.css';

export interface OrderActionsProps {
  order: OrderView;
  team: SessionTeam;
  /** Called after a change, so the page reads the order again. */
  onChanged: () => void;
}

type Open = { kind: 'none' } | { kind: 'refund' } | { kind: 'accept'; amount: string | null } | { kind: 'email' };

function holds(team: SessionTeam, permission: string): boolean {
  return team.role === 'owner' || (team.permissions as readonly string[]).includes(permission);
}

export function OrderActions({ order, team, onChanged }: OrderActionsProps) {
  const { t, lang } = useLanguage();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const action = useMutation();
  const money = (m: { amount: number; currency: string }) => formatMoney({ amount: m.amount, currency: m.currency as Currency }, lang);

  const mayRefund = holds(team, 'sales.refund');
  const mayResend = holds(team, 'sales.resend_purchase_email');
  const mayChangeEmail = holds(team, 'sales.change_buyer_email');
  const claimed = order.status === 'claimed';
  // What the server would refuse outright is not offered (a subscription's last invoice is the server's to judge).
  const refundable = order.status !== 'chargeback' && order.status !== 'refunded' && (order.productKind === 'recurring' || order.paid.amount > order.refunded.amount);
  const accessLive = order.status !== 'chargeback' && order.status !== 'refunded';
  if (!(mayRefund && refundable) && !(mayResend && accessLive) && !mayChangeEmail) return null;

  const accountName = team.accounts.find((a) => a.id === order.accountId)?.nickname ?? '';
  const close = () => setOpen({ kind: 'none' });
  const start = (next: Open) => {
    action.clear();
    setNotice(null);
    setOpen(next);
  };

  const openAccept = async () => {
    start({ kind: 'accept', amount: null });
    try {
      const preview = await previewRefund(team.teamId, order.id, {});
      setOpen({ kind: 'accept', amount: money(preview.amount) });
    } catch (error) {
      setOpen({ kind: 'none' });
      action.setFormError(error instanceof Error ? error.message : String(error));
    }
  };

  const resend = async () => {
    setNotice(null);
    const sent = await action.run(() => resendAccess(team.teamId, order.id));
    if (sent) {
      setNotice(t('orderActions.accessSent', { email: sent.to }));
      onChanged();
    }
  };

  return (
    <section className="section card order-actions" aria-labelledby="order-actions-title">
      <h2 id="order-actions-title" className="section__title">
        {t('orderActions.title')}
      </h2>
      {claimed && mayRefund && <p className="order-actions__claim">{t('orderActions.claimed')}</p>}
      <div className="order-actions__buttons">
        {claimed && mayRefund && (
          <button type="button" className="button button--primary" onClick={() => void openAccept()}>
            {t('orderActions.acceptRefund')}
          </button>
        )}
        {mayRefund && refundable && (
          <button type="button" className="button" onClick={() => start({ kind: 'refund' })}>
            {t('orderActions.refund')}
          </button>
        )}
        {mayResend && accessLive && (
          <button type="button" className="button" disabled={action.pending} onClick={() => void resend()}>
            {t('orderActions.resendAccess')}
          </button>
        )}
        {mayChangeEmail && (
          <button type="button" className="button" onClick={() => start({ kind: 'email' })}>
            {t('orderActions.changeEmail')}
          </button>
        )}
      </div>
      {notice && (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      )}
      {open.kind === 'none' && <FormAlert message={action.formError} />}

      {open.kind === 'refund' && (
        <RefundDialog
          order={order}
          teamId={team.teamId}
          onCancel={close}
          onDone={(result) => {
            close();
            setNotice(t('orderActions.refunded', { amount: money(result.refund.amount) }));
            onChanged();
          }}
        />
      )}
      {open.kind === 'accept' && open.amount !== null && (
        <ConfirmDialog
          title={t('orderActions.accept.title')}
          body={t('orderActions.accept.body', { amount: open.amount })}
          confirmLabel={t('orderActions.accept.confirm')}
          danger
          pending={action.pending}
          error={action.formError}
          onCancel={close}
          onConfirm={() =>
            void action.run(() => acceptRefund(team.teamId, order.id)).then((result) => {
              if (!result) return;
              close();
              setNotice(t('orderActions.refunded', { amount: money(result.refund.amount) }));
              onChanged();
            })
          }
        />
      )}
      {open.kind === 'email' && (
        <BuyerEmailDialog
          order={order}
          accountName={accountName}
          onCancel={close}
          onDone={(result) => {
            close();
            setNotice(t('orderActions.emailChanged', { email: result.email, count: result.orders.length }));
            onChanged();
          }}
        />
      )}
    </section>
  );
}
