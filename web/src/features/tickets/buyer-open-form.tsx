// The buyer's requests on the order page (SALES-3, TKT-2, TKT-11): the order's tickets (a buyer who
// comes back sees what they asked and what happens next; each ticket's own page is the link in its
// e-mails, not this one), then support, a refund or (subscriptions only) a cancellation, each
// opening a ticket with a reason and a first message. Only what the opening would accept now is
// offered (the server judges it by the opening's own rules); a kind it would refuse says why
// instead. What happens next is said before sending (the seller's day to help, TKT-4). On success
// the buyer lands on the ticket's own page (also e-mailed).
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { FormAlert, TextField, useMutation } from '../../ui/form.tsx';
import { LoadError } from '../../ui/status.tsx';
import { useLoad } from '../auth/auth.form.tsx';
import type { BuyerOrderPage } from '../order/order.api.ts';
import { dueSentences, formatWhen, viewerZone } from './due.ts';
import { usePlatformNow } from './platform-time.ts';
import { StatusBadge, TextAreaField, TypeBadge } from './ticket-view.tsx';
import { type OpeningRefusal, type OrderTicket, type OrderTicketOptions, openFromOrder, orderTicketOptions, type TicketType } from './tickets.api.ts';
import './tickets.css';

/** The page's words for each kind (the texts say "cancellation" where the API says `cancel`). */
type Entry = 'support' | 'refund' | 'cancellation';
const TYPE_OF: Record<Entry, TicketType> = { support: 'support', refund: 'refund', cancellation: 'cancel' };

/** The ticket page's path from the URL the server answers (same site; the path is what matters). */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/** The order's tickets and what may be asked now; the order page waits for it with its own data, so the card appears whole. */
export function useOrderTicketOptions(token: string) {
  return useLoad<OrderTicketOptions>((signal) => orderTicketOptions(token, signal), token);
}
export type OrderTicketOptionsLoad = ReturnType<typeof useOrderTicketOptions>;

export function AskSellerCard({ page, token, ask }: { page: BuyerOrderPage; token: string; ask: OrderTicketOptionsLoad }) {
  const { t } = useLanguage();
  const { result } = ask;
  return (
    <section className="card buyer-order__card buyer-order__tickets" aria-labelledby="order-tickets">
      <h2 id="order-tickets" className="buyer-order__card-title">
        {t('tickets.ask.title')}
      </h2>
      <p>{t('tickets.ask.intro', { seller: page.seller.name })}</p>
      {result.state === 'failed' && <LoadError message={result.error.message} onRetry={ask.reload} />}
      {result.state === 'ready' && (
        <>
          {result.data.tickets.length > 0 && <MyTickets tickets={result.data.tickets} page={page} />}
          <AskForm page={page} token={token} options={result.data.options} />
        </>
      )}
      <p className="muted small">
        {t('tickets.ask.contact')} <a href={`mailto:${page.seller.email}`}>{page.seller.email}</a>
      </p>
    </section>
  );
}

/** The buyer's tickets on this order, newest first: what each is and what happens next, in the buyer's words and clock. */
function MyTickets({ tickets, page }: { tickets: OrderTicket[]; page: BuyerOrderPage }) {
  const { t, lang } = useLanguage();
  const now = usePlatformNow(tickets.map((ticket) => `${ticket.number}:${ticket.status}`).join());
  const zone = viewerZone();
  const sellerZone = page.seller.timeZone ?? 'UTC';
  const live = tickets.some((ticket) => ticket.status !== 'closed');
  return (
    <div className="ticket-ask__mine">
      <h3 id="order-tickets-mine" className="ticket-ask__subtitle">
        {t('tickets.ask.mine')}
      </h3>
      <ul className="ticket-ask__list" aria-labelledby="order-tickets-mine">
        {tickets.map((ticket) => (
          <li key={ticket.number} className="ticket-ask__ticket">
            <p className="ticket__badges">
              <span className="ticket__number">#{ticket.number}</span> <TypeBadge type={ticket.type} /> <StatusBadge status={ticket.status} />
            </p>
            <p className="muted small">{t('tickets.ask.openedOn', { when: formatWhen(ticket.createdAt, lang) })}</p>
            {dueSentences(ticket, 'buyer', now, lang, t).map((s) => (
              <p key={s.key} className="ticket-ask__due" data-due={s.key}>
                {t(s.key, s.params)}
              </p>
            ))}
            {ticket.status !== 'closed' && <p className="ticket-ask__turn">{t(`tickets.turn.${ticket.turn}.buyer`)}</p>}
          </li>
        ))}
      </ul>
      <p className="note">{t('tickets.ask.followByEmail', { email: page.order.buyer.email })}</p>
      {live && <p className="muted small">{zone === sellerZone ? t('tickets.due.zoneSame', { zone }) : t('tickets.due.zone', { zone, sellerZone })}</p>}
    </div>
  );
}

function AskForm({ page, token, options }: { page: BuyerOrderPage; token: string; options: OrderTicketOptions['options'] }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const form = useMutation();
  const id = useId();
  const [kind, setKind] = useState<Entry | null>(null);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const judged: Array<[Entry, { allowed: boolean; reason?: OpeningRefusal }]> = [
    ['support', options.support],
    ['refund', options.refund],
  ];
  if (options.cancel) judged.push(['cancellation', options.cancel]);
  const entries = judged.filter(([, o]) => o.allowed).map(([entry]) => entry);
  const refused = judged.flatMap(([entry, o]) => (!o.allowed && o.reason ? [{ entry, reason: o.reason }] : []));

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
      {refused.length > 0 && (
        <ul className="ticket-ask__refused">
          {refused.map(({ entry, reason: why }) => (
            <li key={entry} data-refused={why}>
              {t(`tickets.ask.refused.${why}`)}
            </li>
          ))}
        </ul>
      )}
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
  );
}
