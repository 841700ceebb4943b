// The buyer's requests on the order page (SALES-3, TKT-2): support, a refund, or (subscriptions
// only) a cancellation, each opening a ticket with a reason and a first message. What happens next
// is said before sending (the seller's day to help, TKT-4; the 60 days, TKT-11); a refusal says
// which rule refused it. On success the buyer lands on the ticket's own page (also e-mailed).
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { FormAlert, TextField, useMutation } from '../../ui/form.tsx';
import type { BuyerOrderPage, TicketEntryPoint } from '../order/order.api.ts';
import { TextAreaField } from './ticket-view.tsx';
import { openFromOrder, type TicketType } from './tickets.api.ts';
import './tickets.css';

const TYPE_OF: Record<TicketEntryPoint, TicketType> = { support: 'support', refund: 'refund', cancellation: 'cancel' };

/** The ticket page's path from the URL the server answers (same site; the path is what matters). */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

export function AskSellerCard({ page, token }: { page: BuyerOrderPage; token: string }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const form = useMutation();
  const id = useId();
  const [kind, setKind] = useState<TicketEntryPoint | null>(null);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const entries = page.comingWithTickets;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!kind) return;
    if (form.check({ comment: comment.trim() ? undefined : t('error.required') })) return;
    const opened = await form.run(() => openFromOrder(token, { type: TYPE_OF[kind], comment: comment.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) }), {
      fields: (f) => f === 'comment' || f === 'reason',
    });
    if (opened) navigate(pathOf(opened.url));
  };

  return (
    <section className="card buyer-order__card buyer-order__tickets" aria-labelledby="order-tickets">
      <h2 id="order-tickets" className="buyer-order__card-title">
        {t('tickets.ask.title')}
      </h2>
      <p>{t('tickets.ask.intro', { seller: page.seller.name })}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="picker ticket-ask__choices">
          <legend className="picker__legend">{t('tickets.ask.what')}</legend>
          {entries.map((entry) => (
            <label key={entry} className="check ticket-ask__choice">
              <input
                type="radio"
                name={`${id}-kind`}
                value={entry}
                checked={kind === entry}
                onChange={() => {
                  setKind(entry);
                  form.clear();
                }}
              />
              <span>
                {t(`tickets.ask.kind.${entry}`)}
                <span className="ticket__detail">{t(`tickets.ask.kindHint.${entry}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {kind && (
          <>
            <p className="note" id={`${id}-next`}>
              {t(`tickets.ask.next.${kind}`)}
            </p>
            <FormAlert message={form.formError} />
            <TextField
              {...form.field('reason')}
              label={t('tickets.ask.reason')}
              hint={t(`tickets.ask.reasonHint.${kind}`)}
              name="reason"
              autoComplete="off"
              maxLength={200}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <TextAreaField
              label={t('tickets.ask.comment')}
              hint={t('tickets.ask.commentHint', { seller: page.seller.name })}
              name="comment"
              value={comment}
              onChange={setComment}
              binding={form.field('comment')}
              required
            />
            <p className="buyer-order__buttons">
              <button type="submit" className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined} aria-describedby={`${id}-next`}>
                {t(`tickets.ask.submit.${kind}`)}
              </button>
            </p>
          </>
        )}
      </form>
      <p className="muted small">
        {t('tickets.ask.contact')} <a href={`mailto:${page.seller.email}`}>{page.seller.email}</a>
      </p>
    </section>
  );
}
