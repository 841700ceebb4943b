// One ticket as every reader sees it (TKT-1, TKT-3, TKT-9): what is due and when in plain words,
// the reason, the actions this reader may take now (exactly those the server lists: the rules
// decide, the page only offers), the order, and the whole history oldest first. The team's page,
// each party's link page and the staff console render it with their own order tools and verbs.
import { type Currency, formatMoney } from '@server/kernel/money/money.ts';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import { hasMessage, type MessageKey, useLanguage } from '../../lib/i18n.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { FieldShell, FormAlert, useMutation } from '../../ui/form.tsx';
import { dueSentences, type Reader, viewerZone } from './due.ts';
import { usePlatformNow } from './platform-time.ts';
import type { TicketAction, TicketActions, TicketDetail, TicketHistoryEntry, TicketType } from './tickets.api.ts';
import './tickets.css';

const COMMENT_MAX = 10_000;

/** The type as a badge: amber while money is at stake, plain for support. */
export function TypeBadge({ type }: { type: TicketType }) {
  const { t } = useLanguage();
  return <span className={`badge ticket-type ticket-type--${type}`}>{t(`tickets.type.${type}`)}</span>;
}

export function StatusBadge({ status }: { status: TicketDetail['status'] }) {
  const { t } = useLanguage();
  return <span className={status === 'closed' ? 'badge' : 'badge badge--sent'}>{t(`tickets.status.${status}`)}</span>;
}

/** A multi-line field with its label, hint and error (ui/form.tsx's shell). */
export function TextAreaField(props: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  binding: { ref: (element: HTMLElement | null) => void; error: string | undefined; onInput: () => void };
  required?: boolean;
  rows?: number;
  name?: string;
}) {
  const id = useId();
  const { label, hint, value, onChange, binding, required, rows = 4, name } = props;
  return (
    <FieldShell id={id} label={label} hint={hint} error={binding.error}>
      {(aria) => (
        <textarea
          id={id}
          ref={binding.ref}
          className="ticket__textarea"
          name={name}
          rows={rows}
          maxLength={COMMENT_MAX}
          required={required}
          value={value}
          onInput={binding.onInput}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      )}
    </FieldShell>
  );
}

/** What happens next, in the reader's words and time zone, counted from the platform's time. */
export function DuePanel({ detail, reader }: { detail: TicketDetail; reader: Reader }) {
  const { t, lang } = useLanguage();
  const now = usePlatformNow(`${detail.number}:${detail.updatedAt}`);
  const sentences = dueSentences(detail, reader, now, lang, t);
  const open = detail.status !== 'closed';
  return (
    <section className="card ticket__due" aria-labelledby="ticket-due-title">
      <h2 id="ticket-due-title" className="section__title">
        {t('tickets.due.title')}
      </h2>
      {sentences.length === 0 && <p>{t(open ? 'tickets.due.nothing' : 'tickets.due.closedPlain')}</p>}
      {sentences.map((s) => (
        <p key={s.key} className={s.overdue ? 'ticket__due-line ticket__due-line--now' : 'ticket__due-line'} data-due={s.key}>
          {t(s.key, s.params)}
        </p>
      ))}
      {open && <p className="ticket__turn">{t(`tickets.turn.${detail.turn}.${reader}`)}</p>}
      {detail.escalation === 'pending' && <p className="note">{t(`tickets.escalation.pending.${reader}`)}</p>}
      {detail.escalation === 'upheld' && <p className="muted">{t('tickets.escalation.upheld')}</p>}
      {detail.escalation === 'reopened' && <p className="muted">{t('tickets.escalation.reopened')}</p>}
      <p className="muted small">
        {viewerZone() === detail.account.timeZone ? t('tickets.due.zoneSame', { zone: viewerZone() }) : t('tickets.due.zone', { zone: viewerZone(), sellerZone: detail.account.timeZone })}
      </p>
    </section>
  );
}

/** The page's heading: whose ticket, its number, type and status, about which product and buyer. */
export function TicketHead({ detail, kicker }: { detail: TicketDetail; kicker?: string }) {
  const { t } = useLanguage();
  return (
    <div className="page__head">
      <div>
        <p className="page__kicker">{kicker ?? `${t('tickets.ticket.kicker')} · ${detail.account.nickname}`}</p>
        <h1 id="page-title" className="page__title">
          {t('tickets.ticket.title', { number: detail.number })}
        </h1>
        <p className="ticket__badges">
          <TypeBadge type={detail.type} /> <StatusBadge status={detail.status} />{' '}
          <span className="muted">
            {detail.order.productName} · {detail.order.buyer.name}
          </span>
        </p>
      </div>
    </div>
  );
}

/** The ticket's own facts: number, type, status, who opened it, why, when. */
export function TicketFacts({ detail }: { detail: TicketDetail }) {
  const { t, lang } = useLanguage();
  return (
    <section className="card ticket__facts-card" aria-labelledby="ticket-facts-title">
      <h2 id="ticket-facts-title" className="section__title">
        {t('tickets.facts.title')}
      </h2>
      {detail.reason && (
        <p className="ticket__reason">
          <span className="muted">{t('tickets.facts.reason')}</span> {detail.reason}
        </p>
      )}
      <dl className="ticket__facts">
        <div>
          <dt>{t('tickets.facts.number')}</dt>
          <dd>#{detail.number}</dd>
        </div>
        <div>
          <dt>{t('tickets.facts.type')}</dt>
          <dd>
            <TypeBadge type={detail.type} />
          </dd>
        </div>
        <div>
          <dt>{t('tickets.facts.status')}</dt>
          <dd>
            <StatusBadge status={detail.status} />
          </dd>
        </div>
        <div>
          <dt>{t('tickets.facts.openedBy')}</dt>
          <dd>{t(`tickets.openedBy.${detail.openedBy}`)}</dd>
        </div>
        <div>
          <dt>{t('tickets.facts.created')}</dt>
          <dd>
            <time dateTime={detail.createdAt}>{formatDateTime(detail.createdAt, lang)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('tickets.facts.lastActivity')}</dt>
          <dd>
            <time dateTime={detail.lastActivityAt}>{formatDateTime(detail.lastActivityAt, lang)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('tickets.facts.seller')}</dt>
          <dd>{detail.account.nickname}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The order the ticket is about; `tools` are the reader's links (order page, PDF, e-mail). */
export function OrderFacts({ detail, receipt, tools }: { detail: TicketDetail; receipt?: ReactNode; tools?: ReactNode }) {
  const { t, lang } = useLanguage();
  const { order } = detail;
  const money = (m: { amount: number; currency: string }) => formatMoney({ amount: m.amount, currency: m.currency as Currency }, lang);
  const statusKey = `transactions.status.${order.status}`;
  const subKey = order.subscriptionStatus ? `transactions.order.sub.status.${order.subscriptionStatus}` : '';
  return (
    <section className="card ticket__order" aria-labelledby="ticket-order-title">
      <h2 id="ticket-order-title" className="section__title">
        {t('tickets.order.title')}
      </h2>
      <dl className="ticket__facts">
        <div>
          <dt>{t('tickets.order.receipt')}</dt>
          <dd className="ticket__receipt">{receipt ?? order.receipt}</dd>
        </div>
        <div>
          <dt>{t('tickets.order.product')}</dt>
          <dd>
            {order.productName} <span className="muted">· {t(`tickets.kind.${order.productKind}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('tickets.order.status')}</dt>
          <dd>{hasMessage(statusKey) ? t(statusKey) : order.status}</dd>
        </div>
        {order.subscriptionStatus && (
          <div>
            <dt>{t('tickets.order.subscription')}</dt>
            <dd>{hasMessage(subKey) ? t(subKey) : order.subscriptionStatus}</dd>
          </div>
        )}
        <div>
          <dt>{t('tickets.order.total')}</dt>
          <dd>
            {money(order.total)}
            {order.refunded.amount > 0 && <span className="muted"> · {t('tickets.order.refunded', { amount: money(order.refunded) })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('tickets.order.date')}</dt>
          <dd>
            <time dateTime={order.createdAt}>{formatDateTime(order.createdAt, lang)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('tickets.order.buyer')}</dt>
          <dd>
            {order.buyer.name}
            <span className="ticket__detail">{order.buyer.email}</span>
          </dd>
        </div>
      </dl>
      {tools && <div className="ticket__tools">{tools}</div>}
    </section>
  );
}

function historyText(entry: TicketHistoryEntry, ticketType: TicketType, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const type = (x: TicketType | null) => (x ? t(`tickets.type.${x}`) : '');
  // A processed ticket never changes again: its type is what was processed.
  if (entry.kind === 'processed') return t(ticketType === 'cancel' ? 'tickets.history.processed.cancel' : 'tickets.history.processed.refund');
  const key = `tickets.history.${entry.kind}`;
  if (!hasMessage(key)) return entry.kind;
  return t(key, { from: type(entry.fromType), to: type(entry.toType) });
}

/** The whole history, oldest first (TKT-1): who, when, what, and the comment. */
export function TicketHistory({ detail }: { detail: TicketDetail }) {
  const { t, lang } = useLanguage();
  const actor = (entry: TicketHistoryEntry) => {
    const { kind, label } = entry.actor;
    if (kind === 'system') return t('tickets.actor.system');
    if (kind === 'staff') return label && label !== 'staff' ? `${t('tickets.actor.staff')} · ${label}` : t('tickets.actor.staff');
    // The seller's side acting through its e-mailed link has no member's name (the API says `link`).
    if (kind === 'seller' && label === 'link') return t('tickets.actor.sellerLink', { seller: detail.account.nickname });
    return label;
  };
  return (
    <section className="card ticket__history" aria-labelledby="ticket-history-title">
      <h2 id="ticket-history-title" className="section__title">
        {t('tickets.history.title')}
      </h2>
      <ol className="ticket__events">
        {detail.history.map((entry) => (
          <li key={entry.id} className={`ticket__event ticket__event--${entry.actor.kind}`} data-kind={entry.kind}>
            <p className="ticket__event-head">
              <strong>{actor(entry)}</strong> <span className="badge">{t(`tickets.actor.role.${entry.actor.kind}`)}</span>{' '}
              <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
            </p>
            <p className="ticket__event-what">
              {historyText(entry, detail.type, t)}
              {entry.buyerConsent && <span className="badge badge--pending ticket__consent">{t('tickets.history.consent')}</span>}
            </p>
            {entry.body && <p className="ticket__event-body">{entry.body}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

type Pending =
  | { kind: 'change_type'; action: TicketAction & { toType: TicketType } }
  | { kind: 'close'; action: TicketAction }
  | { kind: 'reopen'; action: TicketAction }
  | { kind: 'escalate'; action: TicketAction };

/** The explanation of an action before it is confirmed: what it does, in the reader's words. */
function explanation(p: Pending, detail: TicketDetail, reader: Reader): MessageKey {
  const money = detail.type !== 'support';
  switch (p.kind) {
    case 'change_type': {
      const to = p.action.toType;
      if (reader === 'buyer') return to === 'support' ? 'tickets.explain.buyerToSupport' : to === 'cancel' ? 'tickets.explain.buyerToCancel' : 'tickets.explain.buyerToRefund';
      if (p.action.needsBuyerConsent) return detail.type === 'cancel' ? 'tickets.explain.sellerSave.cancel' : 'tickets.explain.sellerSave.refund';
      return to === 'support' ? 'tickets.explain.sellerToSupport' : 'tickets.explain.sellerToMoney';
    }
    case 'close':
      if (reader === 'buyer') return money ? (detail.type === 'cancel' ? 'tickets.explain.buyerCloseMoney.cancel' : 'tickets.explain.buyerCloseMoney.refund') : 'tickets.explain.close';
      if (p.action.needsBuyerConsent) return detail.type === 'cancel' ? 'tickets.explain.sellerCloseSave.cancel' : 'tickets.explain.sellerCloseSave.refund';
      return money ? 'tickets.explain.sellerCloseOwn' : 'tickets.explain.close';
    case 'reopen':
      return 'tickets.explain.reopen';
    case 'escalate':
      return 'tickets.explain.escalate';
  }
}

function actionLabel(p: Pending | TicketAction, t: (key: MessageKey) => string): string {
  const kind = 'kind' in p ? p.kind : p.action;
  const action = 'kind' in p ? p.action : p;
  if (kind === 'change_type' && action.toType) return t(`tickets.action.changeTo.${action.toType}`);
  if (kind === 'close') return t('tickets.action.close');
  if (kind === 'reopen') return t('tickets.action.reopen');
  if (kind === 'escalate') return t('tickets.action.escalate');
  return kind;
}

/**
 * The actions open to this reader now (TKT-3, TKT-5, TKT-10): a reply box, and a button per
 * change, each confirmed in a dialog that says what it does; a seller's save (closing or changing
 * a refund or cancel ticket) asks to record that the buyer agreed.
 */
export function TicketActionsPanel(props: {
  detail: TicketDetail;
  reader: Reader;
  api: TicketActions;
  onChanged: (detail: TicketDetail) => void;
  /** Leaves out actions this member may not take (a refund without "Request refunds", say). */
  allow?: (action: TicketAction) => boolean;
}) {
  const { detail, reader, api, onChanged, allow = () => true } = props;
  const { t } = useLanguage();
  const reply = useMutation();
  const [body, setBody] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const actions = detail.actions.filter(allow);
  const canComment = actions.some((a) => a.action === 'comment');
  const buttons = actions.filter((a) => a.action !== 'comment' && a.action !== 'decide' && (a.action !== 'escalate' || api.escalate));

  const onReply = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    if (reply.check({ body: body.trim() ? undefined : t('error.required') })) return;
    const next = await reply.run(() => api.comment(body.trim()));
    if (!next) return;
    setBody('');
    setNotice(t('tickets.done.comment'));
    onChanged(next);
  };

  const open = (action: TicketAction) => {
    setNotice(null);
    if (action.action === 'change_type' && action.toType) setPending({ kind: 'change_type', action: { ...action, toType: action.toType } });
    else if (action.action === 'close' || action.action === 'reopen' || action.action === 'escalate') setPending({ kind: action.action, action });
  };

  if (!canComment && buttons.length === 0) {
    return (
      <section className="card ticket__actions" aria-labelledby="ticket-actions-title">
        <h2 id="ticket-actions-title" className="section__title">
          {t('tickets.actions.title')}
        </h2>
        <p className="muted">{t(detail.processedAt ? 'tickets.actions.noneProcessed' : 'tickets.actions.none')}</p>
        {notice && (
          <p className="alert alert--success" role="status">
            {notice}
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="card ticket__actions" aria-labelledby="ticket-actions-title">
      <h2 id="ticket-actions-title" className="section__title">
        {t('tickets.actions.title')}
      </h2>
      <div role="status">
        {notice && <p className="alert alert--success">{notice}</p>}
      </div>
      {canComment && (
        <form className="form ticket__reply" onSubmit={(e) => void onReply(e)} noValidate>
          <FormAlert message={reply.formError} />
          <TextAreaField
            label={t('tickets.reply.label')}
            hint={t(`tickets.reply.hint.${reader}`)}
            name="reply"
            value={body}
            onChange={setBody}
            binding={reply.field('body')}
            required
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={reply.pending} aria-busy={reply.pending || undefined}>
              {t('tickets.reply.send')}
            </button>
          </div>
        </form>
      )}
      {buttons.length > 0 && (
        <div className="ticket__buttons">
          {buttons.map((a) => (
            <button key={`${a.action}-${a.toType ?? ''}`} type="button" className={a.action === 'escalate' ? 'button' : 'button'} onClick={() => open(a)}>
              {actionLabel(a, t)}
            </button>
          ))}
        </div>
      )}
      {pending && (
        <ActionDialog
          pending={pending}
          detail={detail}
          reader={reader}
          api={api}
          onCancel={() => setPending(null)}
          onDone={(next, done) => {
            setPending(null);
            setNotice(done);
            onChanged(next);
          }}
        />
      )}
    </section>
  );
}

function ActionDialog(props: {
  pending: Pending;
  detail: TicketDetail;
  reader: Reader;
  api: TicketActions;
  onCancel: () => void;
  onDone: (detail: TicketDetail, notice: string) => void;
}) {
  const { pending, detail, reader, api, onCancel, onDone } = props;
  const { t } = useLanguage();
  const form = useMutation();
  const consentId = useId();
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState(false);
  const needsConsent = pending.action.needsBuyerConsent;
  const title = actionLabel(pending, t);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsConsent && !consent) {
      form.check({ consent: t('tickets.consent.required') });
      return;
    }
    const comment = note.trim() || undefined;
    const withNote = comment ? { comment } : {};
    const consentField = needsConsent ? { buyerConsent: true } : {};
    const next = await form.run(() => {
      switch (pending.kind) {
        case 'change_type':
          return api.changeType({ type: pending.action.toType, ...consentField, ...withNote });
        case 'close':
          return api.close({ ...consentField, ...withNote });
        case 'reopen':
          return api.reopen(withNote);
        case 'escalate':
          if (!api.escalate) throw new Error('escalate is not offered here');
          return api.escalate(withNote);
      }
    });
    if (!next) return;
    const done: MessageKey =
      pending.kind === 'change_type' ? 'tickets.done.changeType' : pending.kind === 'close' ? 'tickets.done.close' : pending.kind === 'reopen' ? 'tickets.done.reopen' : 'tickets.done.escalate';
    onDone(next, t(done, { type: pending.kind === 'change_type' ? t(`tickets.type.${pending.action.toType}`) : '' }));
  };

  const formId = useId();
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined}>
            {title}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p>{t(explanation(pending, detail, reader))}</p>
        <FormAlert message={form.formError} />
        {needsConsent && (
          <div className="field">
            <label className="check ticket__consent-check" htmlFor={consentId}>
              <input
                id={consentId}
                ref={form.field('consent').ref}
                type="checkbox"
                name="buyerConsent"
                checked={consent}
                aria-invalid={form.field('consent').error ? true : undefined}
                aria-describedby={form.field('consent').error ? `${consentId}-error` : `${consentId}-hint`}
                onChange={(e) => {
                  setConsent(e.target.checked);
                  form.field('consent').onInput();
                }}
              />
              <span>{t('tickets.consent.label')}</span>
            </label>
            <p id={`${consentId}-hint`} className="field__hint">
              {t('tickets.consent.hint')}
            </p>
            {form.field('consent').error && (
              <p id={`${consentId}-error`} className="field__error" role="alert">
                {form.field('consent').error}
              </p>
            )}
          </div>
        )}
        <TextAreaField label={t('tickets.note.label')} hint={t('tickets.note.hint')} name="note" rows={3} value={note} onChange={setNote} binding={form.field('comment')} />
      </form>
    </Dialog>
  );
}
