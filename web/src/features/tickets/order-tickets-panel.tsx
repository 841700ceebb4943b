// An order's tickets on the Transactions order page (SALES-4, TKT-9, TKT-2, TKT-7): the tickets
// already open on it, each linked to its page, and "Open a ticket" for the seller: support, a
// refund (with "Request refunds") or, for an active subscription, a cancellation (with "Manage
// subscriptions"). A seller's refund or cancellation is processed 5 minutes after opening, and can
// be closed within them if it was a mistake; the dialog says so before sending.
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import type { SessionTeam } from '../../lib/session.tsx';
import { useResource } from '../app/use-resource.ts';
import type { OrderDetail } from '../transactions/transactions.api.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { FormAlert, TextField, useMutation } from '../../ui/form.tsx';
import { holds } from './member.ts';
import { StatusBadge, TextAreaField, TypeBadge } from './ticket-view.tsx';
import { type TicketPage, type TicketType, ticketPagePath, ticketsApi, ticketsPath } from './tickets.api.ts';
import './tickets.css';

const ACTIVE_SUBSCRIPTION = new Set(['active', 'trialing', 'past_due']);

export function OrderTicketsPanel({ order, team }: { order: OrderDetail; team: SessionTeam }) {
  const { t } = useLanguage();
  const [open, setOpen] = useState(false);
  const mayWork = holds(team, 'sales.tickets') || holds(team, 'sales.search');
  const [tickets] = useResource<TicketPage>(mayWork ? ticketsPath(team.teamId, { q: order.receipt, limit: 20 }) : null);
  if (!mayWork) return null;
  const types: TicketType[] = ['support'];
  if (holds(team, 'sales.refund')) types.push('refund');
  if (order.subscription && ACTIVE_SUBSCRIPTION.has(order.subscription.status) && holds(team, 'subscriptions.manage')) types.push('cancel');
  const items = tickets.kind === 'ready' ? tickets.data.items.filter((ticket) => ticket.orderId === order.id) : [];
  return (
    <section className="section card order-tickets" aria-labelledby="order-tickets-title">
      <div className="section__head">
        <h2 id="order-tickets-title" className="section__title">
          {t('tickets.orderPanel.title')}
        </h2>
        <button type="button" className="button button--primary" onClick={() => setOpen(true)}>
          {t('tickets.orderPanel.open')}
        </button>
      </div>
      {tickets.kind === 'ready' &&
        (items.length === 0 ? (
          <p className="muted">{t('tickets.orderPanel.none')}</p>
        ) : (
          <ul className="order-tickets__list">
            {items.map((ticket) => (
              <li key={ticket.id}>
                <Link to={ticketPagePath(team.teamId, ticket.number)} className="ticket__number">
                  #{ticket.number}
                </Link>{' '}
                <TypeBadge type={ticket.type} /> <StatusBadge status={ticket.status} />
              </li>
            ))}
          </ul>
        ))}
      {open && <OpenTicketDialog order={order} team={team} types={types} onClose={() => setOpen(false)} />}
    </section>
  );
}

function OpenTicketDialog({ order, team, types, onClose }: { order: OrderDetail; team: SessionTeam; types: TicketType[]; onClose: () => void }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const form = useMutation();
  const id = useId();
  const [type, setType] = useState<TicketType>('support');
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.check({ comment: comment.trim() ? undefined : t('error.required') })) return;
    const ticket = await form.run(() => ticketsApi.open(team.teamId, { receipt: order.receipt, type, comment: comment.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) }), {
      fields: (f) => f === 'comment' || f === 'reason',
    });
    if (ticket) navigate(ticketPagePath(team.teamId, ticket.number));
  };

  return (
    <Dialog
      title={t('tickets.orderPanel.dialogTitle', { receipt: order.receipt })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={id} className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined}>
            {t(`tickets.orderPanel.submit.${type}`)}
          </button>
        </>
      }
    >
      <form id={id} className="form" onSubmit={(e) => void submit(e)} noValidate>
        <FormAlert message={form.formError} />
        <fieldset className="picker">
          <legend className="picker__legend">{t('tickets.orderPanel.type')}</legend>
          {types.map((option) => (
            <label key={option} className="check">
              <input type="radio" name={`${id}-type`} value={option} checked={type === option} onChange={() => setType(option)} />
              <span>
                {t(`tickets.type.${option}`)}
                <span className="ticket__detail">{t(`tickets.orderPanel.hint.${option}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <TextField
          {...form.field('reason')}
          label={t('tickets.orderPanel.reason')}
          hint={t('tickets.orderPanel.reasonHint')}
          name="reason"
          autoComplete="off"
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <TextAreaField label={t('tickets.orderPanel.comment')} hint={t('tickets.orderPanel.commentHint')} name="comment" value={comment} onChange={setComment} binding={form.field('comment')} required />
      </form>
    </Dialog>
  );
}
