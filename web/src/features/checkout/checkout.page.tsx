// A product's public checkout page (SALES-11), at /buy/:productId: the link a seller shares.
// No login. In the buyer's language (the browser's, or the switch in the header), which is
// also the language of their e-mails. It shows what the product is and costs (the money
// kernel's formatMoney), takes the buyer's name, e-mail, optional CPF or CNPJ and the card, and
// on approval goes to the buyer's order page; a decline or a wrong field shows the server's
// localized message beside the field. With the built-in test provider it lists the test cards.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { formatMoney, type Money } from '@server/kernel/money/money.ts';
import { ApiError } from '../../lib/api.ts';
import { type Language, type Translate, useLanguage } from '../../lib/i18n.ts';
import { checkEmail, FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { useLoad } from '../auth/auth.form.tsx';
import { buy, type Checkout, getCheckout } from './checkout.api.ts';
import { cardDigits, formatCardNumber, formatExpiry, isExpired, pageFieldOf, parseExpiry, taxIdShapeOk } from './checkout-input.ts';
import './checkout.css';

const money = (m: { amount: number; currency: string }, lang: Language) => formatMoney(m as Money, lang);
const rate = (bp: number, lang: Language) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);

export function CheckoutPage() {
  const { productId = '' } = useParams();
  const { t, lang } = useLanguage();
  const { result, reload } = useLoad((signal) => getCheckout(productId, signal), productId);
  // A refusal's message is the server's: read it again in the other language. (A page that
  // loaded is not read again: the buyer's typing stays.)
  const failed = result.state === 'failed';
  const shownIn = useRef(lang);
  useEffect(() => {
    if (shownIn.current === lang) return;
    shownIn.current = lang;
    if (failed) reload();
  }, [lang, failed, reload]);
  const title = result.state === 'ready' ? result.data.product.name : t('checkout.title');
  useDocumentTitle(title);

  if (result.state === 'loading') {
    return (
      <section className="page checkout">
        <Loading />
      </section>
    );
  }
  if (result.state === 'failed') {
    const notForSale = result.error.status === 404 || result.error.code === 'validation_failed';
    return (
      <section className="page page--narrow checkout" aria-labelledby="page-title">
        <h1 id="page-title" className="page__title">
          {notForSale ? t('checkout.notForSaleTitle') : t('checkout.title')}
        </h1>
        <LoadError message={result.error.message} onRetry={notForSale ? undefined : reload} />
      </section>
    );
  }
  return <CheckoutView key={productId} checkout={result.data} />;
}

function CheckoutView({ checkout }: { checkout: Checkout }) {
  const { t } = useLanguage();
  const { product, seller } = checkout;
  return (
    <section className="page checkout" aria-labelledby="page-title">
      <div className="checkout__grid">
        <div className="card checkout__summary">
          <p className="checkout__kicker">
            <span className="tag">{t(`checkout.kind.${product.kind}`)}</span> {t('checkout.soldBy', { seller: seller.nickname })}
          </p>
          <h1 id="page-title" className="page__title">
            {product.name}
          </h1>
          {product.description && <p className="checkout__description">{product.description}</p>}
          <Summary checkout={checkout} />
          <p className="muted checkout__contact">{t('checkout.contact', { email: seller.customerServiceEmail })}</p>
        </div>
        <div className="card checkout__pay">
          {checkout.onSale ? (
            <PurchaseForm checkout={checkout} />
          ) : (
            <p className="alert alert--error" role="status">
              {t(checkout.unavailable === 'event_started' ? 'checkout.started' : 'checkout.soldOut')}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

function Summary({ checkout }: { checkout: Checkout }) {
  const { t, lang } = useLanguage();
  const { product, seller } = checkout;
  const trial = product.kind === 'recurring' && (product.trialDays ?? 0) > 0;
  const zone = seller.timeZone ?? undefined;
  return (
    <>
      {product.kind === 'event' && product.startsAt && (
        <dl className="checkout__details">
          <dt>{t('checkout.when')}</dt>
          <dd>
            <time dateTime={product.startsAt}>
              {new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short', timeZone: zone, timeZoneName: 'short' }).format(new Date(product.startsAt))}
            </time>
          </dd>
          <dt>{t('checkout.where')}</dt>
          <dd>{product.place}</dd>
          <dt>{t('checkout.placesLeft')}</dt>
          <dd>{product.placesLeft}</dd>
        </dl>
      )}
      <h2 className="checkout__heading">{t('checkout.summary')}</h2>
      <dl className="checkout__amounts">
        <dt>{t('checkout.price')}</dt>
        <dd>
          {money(product.price, lang)}
          {product.period && <span className="muted"> {t(`checkout.per.${product.period}`)}</span>}
        </dd>
        <dt>{product.taxRateBasisPoints ? t('checkout.tax', { rate: rate(product.taxRateBasisPoints, lang) }) : t('checkout.noTax')}</dt>
        <dd>{money(product.tax, lang)}</dd>
        <dt className="checkout__total">{t('checkout.total')}</dt>
        <dd className="checkout__total">{money(product.total, lang)}</dd>
        {trial && (
          <>
            <dt className="checkout__total">{t('checkout.dueNow')}</dt>
            <dd className="checkout__total">{money(product.dueNow, lang)}</dd>
          </>
        )}
      </dl>
      {trial && <p className="checkout__note">{t('checkout.trial', { days: product.trialDays ?? 0 })}</p>}
      {product.period && <p className="muted">{t(`checkout.every.${product.period}`, { total: money(product.total, lang) })}</p>}
    </>
  );
}

interface Fields {
  name: string;
  email: string;
  taxId: string;
  number: string;
  expiry: string;
  cvc: string;
}

function checkFields(t: Translate, f: Fields, today: Date): Record<string, string | undefined> {
  const expiry = parseExpiry(f.expiry);
  const digits = cardDigits(f.number);
  return {
    'buyer.name': requireText(t, f.name),
    'buyer.email': checkEmail(t, f.email),
    'buyer.taxId': f.taxId.trim() && !taxIdShapeOk(f.taxId) ? t('checkout.error.taxId') : undefined,
    'payment.card.number': digits.length < 12 ? t('checkout.error.cardNumber') : undefined,
    'payment.card.expiry': !expiry ? t('checkout.error.expiry') : isExpired(expiry, today) ? t('checkout.error.expired') : undefined,
    'payment.card.cvc': /^\d{3,4}$/.test(f.cvc.trim()) ? undefined : t('checkout.error.cvc'),
  };
}

function PurchaseForm({ checkout }: { checkout: Checkout }) {
  const { t, lang } = useLanguage();
  const navigate = useNavigate();
  const form = useMutation();
  const [f, setF] = useState<Fields>({ name: '', email: '', taxId: '', number: '', expiry: '', cvc: '' });
  const [taxIdError, setTaxIdError] = useState<string | undefined>();
  const set = (key: keyof Fields, value: string) => setF((prev) => ({ ...prev, [key]: value }));
  const { product } = checkout;
  const trial = product.kind === 'recurring' && product.dueNow.amount === 0;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTaxIdError(undefined);
    if (form.check(checkFields(t, f, new Date()))) return;
    const expiry = parseExpiry(f.expiry)!;
    const body = {
      buyer: { name: f.name.trim(), email: f.email.trim(), ...(f.taxId.trim() ? { taxId: f.taxId.trim() } : {}), locale: lang },
      payment: { card: { number: cardDigits(f.number), expMonth: expiry.expMonth, expYear: expiry.expYear, cvc: f.cvc.trim() } },
    };
    const done = await form.run(async () => {
      try {
        return await buy(product.id, body);
      } catch (error) {
        // The server names the card's expiry month or year; the page has one expiry input.
        if (error instanceof ApiError && pageFieldOf(error.field) !== error.field) throw new ApiError(error.status, error.code, error.message, pageFieldOf(error.field));
        throw error;
      }
    });
    if (done) navigate(done.orderUrl, { replace: true });
  }

  const field = (name: string) => form.field(name);
  const taxIdBinding = field('buyer.taxId');
  return (
    <form className="form checkout__form" onSubmit={onSubmit} noValidate aria-labelledby="buyer-heading">
      <FormAlert message={form.formError} />
      <h2 id="buyer-heading" className="checkout__heading">
        {t('checkout.buyer')}
      </h2>
      <TextField {...field('buyer.name')} label={t('checkout.field.name')} name="name" autoComplete="name" value={f.name} onChange={(e) => set('name', e.target.value)} required />
      <TextField
        {...field('buyer.email')}
        label={t('checkout.field.email')}
        hint={t('checkout.field.emailHint')}
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        value={f.email}
        onChange={(e) => set('email', e.target.value)}
        required
      />
      <TextField
        {...taxIdBinding}
        error={taxIdBinding.error ?? taxIdError}
        label={t('checkout.field.taxId')}
        hint={t('checkout.field.taxIdHint')}
        name="taxId"
        autoComplete="off"
        value={f.taxId}
        onChange={(e) => {
          setTaxIdError(undefined);
          set('taxId', e.target.value);
        }}
        onBlur={() => setTaxIdError(f.taxId.trim() && !taxIdShapeOk(f.taxId) ? t('checkout.error.taxId') : undefined)}
      />

      <h2 className="checkout__heading">{t('checkout.payment')}</h2>
      {checkout.provider === 'test' && <TestCards />}
      <TextField
        {...field('payment.card.number')}
        label={t('checkout.field.cardNumber')}
        name="cardnumber"
        autoComplete="cc-number"
        inputMode="numeric"
        value={f.number}
        onChange={(e) => set('number', formatCardNumber(e.target.value))}
        required
      />
      <div className="checkout__row">
        <TextField
          {...field('payment.card.expiry')}
          label={t('checkout.field.expiry')}
          name="cc-exp"
          autoComplete="cc-exp"
          inputMode="numeric"
          placeholder="MM/YY"
          value={f.expiry}
          onChange={(e) => set('expiry', e.target.value.length < f.expiry.length ? e.target.value : formatExpiry(e.target.value))}
          required
        />
        <TextField
          {...field('payment.card.cvc')}
          label={t('checkout.field.cvc')}
          name="cvc"
          autoComplete="cc-csc"
          inputMode="numeric"
          maxLength={4}
          value={f.cvc}
          onChange={(e) => set('cvc', e.target.value.replace(/\D/g, ''))}
          required
        />
      </div>
      <button type="submit" className="button button--primary button--block checkout__submit" disabled={form.pending} aria-busy={form.pending || undefined}>
        {form.pending ? t('checkout.paying') : trial ? t('checkout.startTrial') : t('checkout.pay', { amount: money(product.dueNow, lang) })}
      </button>
      <p className="muted checkout__secure">{t('checkout.secure')}</p>
    </form>
  );
}

/** The built-in test provider's cards (docs/payments.md), for anyone trying the shop. */
function TestCards() {
  const { t } = useLanguage();
  const cards: Array<[string, string]> = [
    ['4242 4242 4242 4242', t('checkout.testOk')],
    ['4000 0000 0000 0002', t('checkout.testDeclined')],
    ['4000 0000 0000 0259', t('checkout.testChargeback')],
  ];
  return (
    <aside className="checkout__test" aria-labelledby="test-cards-title">
      <p id="test-cards-title" className="checkout__test-title">
        {t('checkout.testTitle')}
      </p>
      <p>{t('checkout.testIntro')}</p>
      <ul>
        {cards.map(([number, what]) => (
          <li key={number}>
            <code>{number}</code> {what}
          </li>
        ))}
      </ul>
    </aside>
  );
}
