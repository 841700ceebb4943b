// The buyer's order page (SALES-3), opened from the receipt e-mail: no login, the link is the
// credential. The order's summary, the product (its access address, an event's date and
// check-in, a subscription and its invoices), the receipt and invoice as PDF, "send me the
// receipt again", "change my e-mail", and the requests that open support tickets (support, a
// refund, a subscription's cancellation: features/tickets/buyer-open-form.tsx). It opens in the language the buyer chose
// at checkout unless this browser already picked one. Phone width first.
import { formatMoney, type Currency } from '@server/kernel/money/money.ts';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { readCookie } from '../../lib/cookies.ts';
import { LANG_COOKIE, LANG_STORAGE_KEY, type Language, useLanguage } from '../../lib/i18n.ts';
import { checkEmail, FormAlert, TextField, useMutation } from '../../ui/form.tsx';
import { Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { useLoad } from '../auth/auth.form.tsx';
import { LoadProblem } from '../auth/link-problem.tsx';
import { AskSellerCard, useOrderTicketOptions } from '../tickets/buyer-open-form.tsx';
import { type BuyerOrderPage, orderApi, pdfUrls } from './order.api.ts';
import './order.css';

type Money = { amount: number; currency: string };
const money = (m: Money, lang: Language) => formatMoney({ amount: m.amount, currency: m.currency as Currency }, lang);

/** A date (and time) as the seller's place reads it: the e-mails and PDFs say the same. */
function when(iso: string, lang: Language, zone: string | null, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }
    : { dateStyle: 'long' };
  return new Intl.DateTimeFormat(lang, { ...options, timeZone: zone ?? 'UTC' }).format(new Date(iso));
}

/** Whether this browser has a language of its own (the switch, an earlier visit): then it wins over the order's. */
function browserChoseLanguage(): boolean {
  try {
    if (localStorage.getItem(LANG_STORAGE_KEY)) return true;
  } catch {
    // Storage off: the cookie still tells.
  }
  return Boolean(readCookie(LANG_COOKIE));
}

export function OrderPage() {
  const token = useParams().token ?? '';
  const { t, lang, setLang } = useLanguage();
  const { result, setResult, reload } = useLoad<BuyerOrderPage>((signal) => orderApi.page(token, signal), token);
  // The requests card's own data (the tickets module's), asked at the same time: the page appears whole.
  const ask = useOrderTicketOptions(token);
  const adopted = useRef(false);

  useDocumentTitle(result.state === 'ready' ? `${t('order.title')} ${result.data.order.receipt}` : t('order.title'));

  // The buyer's own language from checkout, once, unless this browser chose one.
  useEffect(() => {
    if (result.state !== 'ready' || adopted.current) return;
    adopted.current = true;
    if (!browserChoseLanguage() && result.data.buyerLocale !== lang) setLang(result.data.buyerLocale);
  }, [result, lang, setLang]);

  if (result.state === 'loading' || ask.result.state === 'loading') {
    return (
      <section className="page buyer-order" aria-busy="true">
        <Loading />
      </section>
    );
  }
  if (result.state === 'failed') {
    if (result.error.status === 404) return <DeadLink />;
    return <LoadProblem message={result.error.message} onRetry={reload} />;
  }
  const page = result.data;
  const update = (next: Partial<BuyerOrderPage>) => setResult({ state: 'ready', data: { ...page, ...next } });
  return (
    <section className="page buyer-order" aria-labelledby="page-title">
      <header className="buyer-order__head">
        <h1 id="page-title" className="page__title">
          {t('order.title')}
        </h1>
        <p className="buyer-order__lead">
          {t('order.intro', { receipt: page.order.receipt, date: when(page.order.createdAt, lang, page.seller.timeZone), seller: page.seller.name })}
        </p>
        <p className="muted small">
          {t('order.sellerContact')} <a href={`mailto:${page.seller.email}`}>{page.seller.email}</a>
        </p>
      </header>
      <Summary page={page} token={token} />
      <Product page={page} />
      {page.invoices.length > 0 && <Invoices page={page} token={token} />}
      <ResendReceipt page={page} token={token} onSent={(resendReceipt) => update({ resendReceipt })} />
      <ChangeEmail page={page} token={token} onRequested={(emailChange) => update({ emailChange })} />
      <AskSellerCard page={page} token={token} ask={ask} />
    </section>
  );
}

function Summary({ page, token }: { page: BuyerOrderPage; token: string }) {
  const { t, lang } = useLanguage();
  const { order } = page;
  const zone = page.seller.timeZone;
  return (
    <section className="card buyer-order__card" aria-labelledby="order-summary">
      <h2 id="order-summary" className="buyer-order__card-title">
        {t('order.summary')}
      </h2>
      <dl className="buyer-order__facts">
        <Fact label={t('order.receipt')}>
          <span className="buyer-order__receipt">{order.receipt}</span>
        </Fact>
        <Fact label={t('order.product')}>
          {order.productName} <span className="muted">· {t(`order.kind.${order.productKind}`)}</span>
        </Fact>
        <Fact label={t('order.status')}>
          <span className={`badge buyer-order__status buyer-order__status--${order.status}`}>{t(`order.status.${order.status}`)}</span>
        </Fact>
        <Fact label={t('order.date')}>{when(order.createdAt, lang, zone, true)}</Fact>
        <Fact label={t('order.payment')}>{order.paymentMethod}</Fact>
        <Fact label={t('order.buyer')}>
          {order.buyer.name}
          <br />
          <span className="muted">{order.buyer.email}</span>
        </Fact>
      </dl>
      <table className="buyer-order__amounts">
        <tbody>
          <tr>
            <th scope="row">{t('order.subtotal')}</th>
            <td>{money(order.subtotal, lang)}</td>
          </tr>
          <tr>
            <th scope="row">{t('order.tax')}</th>
            <td>{money(order.tax, lang)}</td>
          </tr>
          <tr className="buyer-order__total">
            <th scope="row">{t('order.total')}</th>
            <td>{money(order.total, lang)}</td>
          </tr>
          {order.subscription && order.paid.amount !== order.total.amount && (
            <tr>
              <th scope="row">{t('order.paidAll')}</th>
              <td>{money(order.paid, lang)}</td>
            </tr>
          )}
          {order.refunded.amount > 0 && (
            <tr className="buyer-order__refunded">
              <th scope="row">{t('order.refunded')}</th>
              <td>− {money(order.refunded, lang)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="buyer-order__buttons">
        <a className="button button--primary" href={pdfUrls.invoice(token)} target="_blank" rel="noopener">
          {t('order.invoicePdf')}
        </a>
        <a className="button" href={pdfUrls.receipt(token)} target="_blank" rel="noopener">
          {t('order.receiptPdf')}
        </a>
      </p>
      <p className="muted small">{t('order.pdfHint')}</p>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="buyer-order__fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Product({ page }: { page: BuyerOrderPage }) {
  const { t, lang } = useLanguage();
  const { order, access, event } = page;
  const zone = page.seller.timeZone;
  const sub = order.subscription;
  return (
    <section className="card buyer-order__card" aria-labelledby="order-product">
      <h2 id="order-product" className="buyer-order__card-title">
        {t('order.access.title')}
      </h2>
      <p className="buyer-order__product-name">{order.productName}</p>
      {access.status === 'ended' ? (
        <p className="note">{t('order.access.ended')}</p>
      ) : access.url ? (
        <>
          <p className="buyer-order__buttons">
            <a className="button button--primary" href={access.url} target="_blank" rel="noopener noreferrer" aria-describedby="order-access-hint">
              {t('order.access.open')}
            </a>
          </p>
          <p id="order-access-hint" className="muted small">
            {t('order.access.openHint')}
          </p>
        </>
      ) : order.productKind !== 'event' ? (
        <p>{t('order.access.noUrl', { email: page.seller.email })}</p>
      ) : null}
      {event && (
        <dl className="buyer-order__facts">
          <Fact label={t('order.event.when')}>{when(event.startsAt, lang, zone, true)}</Fact>
          <Fact label={t('order.event.where')}>{event.place}</Fact>
          {order.checkIn && (
            <Fact label={t('order.event.checkIn')}>
              {order.checkIn.status === 'done' && order.checkIn.checkedInAt ? (
                <span className="badge badge--sent">{t('order.event.done', { date: when(order.checkIn.checkedInAt, lang, zone, true) })}</span>
              ) : (
                <>
                  <span className="badge badge--pending">{t('order.event.pending')}</span>
                  <span className="buyer-order__hint muted small">{t('order.event.pendingHint')}</span>
                </>
              )}
            </Fact>
          )}
        </dl>
      )}
      {sub && (
        <dl className="buyer-order__facts">
          <Fact label={t('order.sub.title')}>
            {t(`order.sub.period.${sub.period}`)} · <span className="badge">{t(`order.sub.status.${sub.status}`)}</span>
          </Fact>
          <Fact label={t('order.sub.price')}>{money(sub.price, lang)}</Fact>
          {sub.status === 'cancelled' && sub.cancelledAt ? (
            <Fact label={t('order.status')}>{t('order.sub.cancelledOn', { date: when(sub.cancelledAt, lang, zone) })}</Fact>
          ) : (
            <Fact label={t('order.sub.next')}>{when(sub.currentPeriodEnd, lang, zone)}</Fact>
          )}
        </dl>
      )}
    </section>
  );
}

function Invoices({ page, token }: { page: BuyerOrderPage; token: string }) {
  const { t, lang } = useLanguage();
  const zone = page.seller.timeZone;
  return (
    <section className="card buyer-order__card" aria-labelledby="order-invoices">
      <h2 id="order-invoices" className="buyer-order__card-title">
        {t('order.invoices.title')}
      </h2>
      <ul className="buyer-order__invoices">
        {page.invoices.map((invoice) => (
          <li key={invoice.number} className="buyer-order__invoice">
            <div>
              <strong>
                {t('order.invoices.number')} {invoice.number}
              </strong>{' '}
              <span className="muted">
                {when(invoice.periodStart, lang, zone)} – {when(invoice.periodEnd, lang, zone)}
              </span>
            </div>
            <div className="buyer-order__invoice-money">
              <span>{money(invoice.total, lang)}</span> <span className="badge">{t(`order.invoices.status.${invoice.status}`)}</span>
              {invoice.refunded.amount > 0 && <span className="muted small"> {t('order.invoices.refunded', { amount: money(invoice.refunded, lang) })}</span>}
            </div>
            <a href={pdfUrls.subscriptionInvoice(token, invoice.number)} target="_blank" rel="noopener">
              {t('order.invoices.pdfLabel', { number: invoice.number })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResendReceipt({ page, token, onSent }: { page: BuyerOrderPage; token: string; onSent: (state: BuyerOrderPage['resendReceipt']) => void }) {
  const { t, lang } = useLanguage();
  const action = useMutation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const availableAt = page.resendReceipt.availableAt;
  const [now, setNow] = useState(() => Date.now());
  const waiting = availableAt !== null && Date.parse(availableAt) > now;

  // Enable the button again when the wait is over.
  useEffect(() => {
    if (!availableAt) return;
    const ms = Date.parse(availableAt) - Date.now();
    if (ms <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(ms + 250, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [availableAt]);

  async function send() {
    const done = await action.run(() => orderApi.resendReceipt(token));
    if (done) {
      setSentTo(done.sentTo);
      setNow(Date.now());
      onSent({ to: done.sentTo, availableAt: done.availableAt, sentInLastDay: done.sentInLastDay, dailyLimit: done.dailyLimit });
    }
  }

  return (
    <section className="card buyer-order__card" aria-labelledby="order-resend">
      <h2 id="order-resend" className="buyer-order__card-title">
        {t('order.resend.title')}
      </h2>
      <p>{t('order.resend.intro', { email: page.resendReceipt.to })}</p>
      <FormAlert message={action.formError} />
      <p className="buyer-order__buttons">
        <button type="button" className="button" onClick={() => void send()} disabled={action.pending || waiting} aria-busy={action.pending || undefined}>
          {t('order.resend.button')}
        </button>
      </p>
      <div role="status">
        {sentTo && <p className="alert alert--success">{t('order.resend.sent', { email: sentTo })}</p>}
        {waiting && availableAt && (
          <p className="muted small">{t('order.resend.wait', { time: new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(new Date(availableAt)) })}</p>
        )}
      </div>
    </section>
  );
}

function ChangeEmail({ page, token, onRequested }: { page: BuyerOrderPage; token: string; onRequested: (pending: BuyerOrderPage['emailChange']) => void }) {
  const { t, lang } = useLanguage();
  const form = useMutation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.check({ newEmail: checkEmail(t, email) })) return;
    const done = await form.run(() => orderApi.requestEmailChange(token, { newEmail: email.trim() }), { fields: (f) => f === 'newEmail' });
    if (done) {
      setSent(done.sentTo);
      setEmail('');
      onRequested({ pendingTo: done.sentTo, expiresAt: done.expiresAt });
    }
  }

  const pending = page.emailChange;
  return (
    <section className="card buyer-order__card" aria-labelledby="order-email">
      <h2 id="order-email" className="buyer-order__card-title">
        {t('order.email.title')}
      </h2>
      <p>{t('order.email.intro', { seller: page.seller.name })}</p>
      <div role="status">
        {sent ? (
          <p className="alert alert--success">{t('order.email.sent', { email: sent })}</p>
        ) : pending ? (
          <p className="note">{t('order.email.pending', { email: pending.pendingTo, date: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(pending.expiresAt)) })}</p>
        ) : null}
      </div>
      <form className="form buyer-order__form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormAlert message={form.formError} />
        <TextField
          {...form.field('newEmail')}
          label={t('order.email.new')}
          type="email"
          inputMode="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <p className="buyer-order__buttons">
          <button type="submit" className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined}>
            {t('order.email.send')}
          </button>
        </p>
      </form>
    </section>
  );
}

/** A link that no longer opens an order (unknown, incomplete, or revoked by an e-mail change). */
function DeadLink() {
  const t = useLanguage().t;
  useDocumentTitle(t('order.dead.title'));
  return (
    <section className="page page--narrow buyer-order" aria-labelledby="page-title">
      <div className="card">
        <h1 id="page-title" className="page__title">
          {t('order.dead.title')}
        </h1>
        <div className="alert alert--error" role="alert">
          <p>{t('order.dead.body')}</p>
        </div>
        <p>{t('order.dead.next')}</p>
      </div>
    </section>
  );
}
