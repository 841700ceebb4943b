// The order page's check-in panel (SALES-10): mark the attendee checked in, or back to pending
// (whoever may search the orders: the door staff), and send the check-in link again for a
// pending one (whoever may resend purchase e-mails; the earlier links stop working). The order
// page (order.page.tsx) shows the status; this adds what to do about it.
import type { OrderView } from '@server/modules/sales/sales.schemas.ts';
import { useState } from 'react';
import { apiFetch } from '../../lib/api.ts';
import { type MessageKey, useLanguage } from '../../lib/i18n.ts';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { FormAlert, useMutation } from '../../ui/form.tsx';
import { useTeam } from '../app/team-scope.tsx';

export interface CheckInPanelProps {
  order: OrderView;
  /** Called after a change, so the page reads the order again. */
  onChanged: () => void;
}

/** An order whose money went back, or that was cancelled, no longer admits (the server refuses `done`). */
const ADMITS = (status: OrderView['status']) => status !== 'refunded' && status !== 'cancelled' && status !== 'chargeback';

export function CheckInPanel({ order, onChanged }: CheckInPanelProps) {
  const { t } = useLanguage();
  const team = useTeam();
  const mutation = useMutation();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const checkIn = order.checkIn;
  if (!checkIn) return null;

  const holds = (permission: string) => team.role === 'owner' || (team.permissions as readonly string[]).includes(permission);
  const path = `/teams/${team.teamId}/orders/${order.id}/check-in`;
  const pending = checkIn.status === 'pending';
  const admits = ADMITS(order.status);

  async function mark(status: 'pending' | 'done', done: MessageKey) {
    setMessage(null);
    if (await mutation.run(() => apiFetch<OrderView>(path, { method: 'PUT', body: { status } }))) {
      setMessage(t(done));
      onChanged();
    }
  }
  async function resend() {
    const sent = await mutation.run(() => apiFetch<{ status: 'sent'; to: string }>(`${path}/resend`, { method: 'POST' }));
    if (sent) {
      setAsking(false);
      setMessage(t('checkIn.panel.sent', { email: sent.to }));
      onChanged(); // the history shows the new link
    }
  }

  return (
    <div className="check-in-panel">
      {!admits && <p className="note">{t('checkIn.panel.notValid')}</p>}
      <div role="status">{message && <p className="alert alert--success">{message}</p>}</div>
      {!asking && <FormAlert message={mutation.formError} />}
      <p className="order__buttons">
        {holds('sales.search') &&
          (pending ? (
            admits && (
              <button type="button" className="button button--primary" disabled={mutation.pending} onClick={() => void mark('done', 'checkIn.panel.markedDone')}>
                {t('checkIn.panel.markDone')}
              </button>
            )
          ) : (
            <button type="button" className="button" disabled={mutation.pending} onClick={() => void mark('pending', 'checkIn.panel.markedPending')}>
              {t('checkIn.panel.markPending')}
            </button>
          ))}{' '}
        {holds('sales.resend_purchase_email') && pending && admits && (
          <button
            type="button"
            className="button"
            onClick={() => {
              mutation.clear();
              setMessage(null);
              setAsking(true);
            }}
          >
            {t('checkIn.panel.resend')}
          </button>
        )}
      </p>
      {asking && (
        <ConfirmDialog
          title={t('checkIn.panel.resendTitle')}
          body={<p>{t('checkIn.panel.resendBody')}</p>}
          confirmLabel={t('checkIn.panel.resendConfirm')}
          pending={mutation.pending}
          error={mutation.formError}
          onConfirm={() => void resend()}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
}
