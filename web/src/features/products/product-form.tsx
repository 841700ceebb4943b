// Create or change a product (SALES-1): its kind (fixed once created), name, description,
// price in the account's currency and tax rate, and the kind's own fields (a subscription's
// period and free trial; an event's date, place and capacity). The form checks what it can
// before sending and shows the server's answer beside the field it names.
import { type FormEvent, useId, useState } from 'react';
import { type Language, useLanguage } from '../../lib/i18n.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { FieldShell, FormAlert, requireText, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { fromLocalInput, parsePrice, parseRate, priceInputText, rateInputText, toLocalInput } from './product-input.ts';
import {
  createProduct,
  CURRENCIES,
  type NewProduct,
  type Period,
  PERIODS,
  type Product,
  type ProductChange,
  PRODUCT_KINDS,
  type ProductKind,
  type SaleCurrency,
  updateProduct,
} from './products.api.ts';

/** The account the product belongs to, as the session knows it. */
export interface ProductAccount {
  id: string;
  nickname: string;
  /** Null means UTC (TKT-13). */
  timeZone: string | null;
  /** The account's default currency (ACC-2): what a new product starts in. */
  currency?: string;
}

interface Draft {
  kind: ProductKind;
  name: string;
  description: string;
  accessUrl: string;
  price: string;
  currency: SaleCurrency;
  tax: string;
  period: Period;
  trialDays: string;
  startsAt: string;
  place: string;
  capacity: string;
}

function draftOf(product: Product | undefined, currency: SaleCurrency, zone: string, lang: Language): Draft {
  if (!product) {
    return { kind: 'standard', name: '', description: '', accessUrl: '', price: '', currency, tax: '0', period: 'month', trialDays: '', startsAt: '', place: '', capacity: '' };
  }
  const sold = (CURRENCIES as readonly string[]).includes(product.price.currency) ? (product.price.currency as SaleCurrency) : currency;
  return {
    kind: product.kind,
    name: product.name,
    description: product.description ?? '',
    accessUrl: product.accessUrl ?? '',
    price: priceInputText({ amount: product.price.amount, currency: sold }, lang),
    currency: sold,
    tax: rateInputText(product.taxRateBasisPoints, lang),
    period: product.kind === 'recurring' ? product.period : 'month',
    trialDays: product.kind === 'recurring' && product.trialDays !== null ? String(product.trialDays) : '',
    startsAt: product.kind === 'event' ? toLocalInput(product.startsAt, zone) : '',
    place: product.kind === 'event' ? product.place : '',
    capacity: product.kind === 'event' ? String(product.capacity) : '',
  };
}

const WHOLE = /^\d{1,7}$/;

/** The server's rule (products.rules.ts checkAccessUrl): empty, or a full http(s) address. */
function badAccessUrl(text: string): boolean {
  if (!text) return false;
  try {
    const url = new URL(text);
    return !(url.protocol === 'https:' || url.protocol === 'http:') || !url.hostname;
  } catch {
    return true;
  }
}

export function ProductFormDialog(props: {
  account: ProductAccount;
  product?: Product | undefined;
  /** For a new product: the currency it starts with. */
  defaultCurrency: SaleCurrency;
  onSaved: (product: Product, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useLanguage();
  const { account, product, defaultCurrency, onSaved, onCancel } = props;
  const zone = account.timeZone ?? 'UTC';
  const id = useId();
  const [initial] = useState(() => draftOf(product, defaultCurrency, zone, lang));
  const [draft, setDraft] = useState(initial);
  const form = useMutation();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const dirty = (Object.keys(draft) as Array<keyof Draft>).some((k) => draft[k] !== initial[k]);

  /** The form's own checks; the body to send when they pass. */
  function read(): NewProduct | null {
    const price = parsePrice(draft.price, draft.currency);
    const tax = parseRate(draft.tax.trim() || '0');
    const trial = draft.trialDays.trim();
    const startsAt = fromLocalInput(draft.startsAt, zone);
    const errors: Record<string, string | undefined> = {
      name: requireText(t, draft.name),
      'price.amount': !draft.price.trim() ? t('error.required') : !price ? t('products.form.badPrice') : price.amount <= 0 ? t('products.form.pricePositive') : undefined,
      taxRateBasisPoints: tax === null ? t('products.form.badRate') : undefined,
      accessUrl: badAccessUrl(draft.accessUrl.trim()) ? t('products.form.badAccessUrl') : undefined,
    };
    if (draft.kind === 'recurring') errors.trialDays = trial && (!WHOLE.test(trial) || Number(trial) < 1 || Number(trial) > 365) ? t('products.form.badTrial') : undefined;
    if (draft.kind === 'event') {
      const moved = draft.startsAt !== initial.startsAt;
      errors.startsAt = !startsAt ? t('products.form.badDate') : moved && new Date(startsAt).getTime() <= Date.now() ? t('products.form.pastDate') : undefined;
      errors.place = requireText(t, draft.place);
      errors.capacity = !WHOLE.test(draft.capacity.trim()) || Number(draft.capacity) < 1 ? t('products.form.badCapacity') : undefined;
    }
    if (form.check(errors) || !price || tax === null) return null;
    const common = { name: draft.name.trim(), description: draft.description.trim() || null, accessUrl: draft.accessUrl.trim() || null, price: { amount: price.amount, currency: draft.currency }, taxRateBasisPoints: tax };
    switch (draft.kind) {
      case 'standard':
        return { kind: 'standard', ...common };
      case 'recurring':
        return { kind: 'recurring', ...common, period: draft.period, trialDays: trial ? Number(trial) : null };
      case 'event':
        return { kind: 'event', ...common, startsAt: startsAt!, place: draft.place.trim(), capacity: Number(draft.capacity) };
    }
  }

  /** An edit sends only what changed (the kind is never sent). */
  function changesOf(body: NewProduct, current: Product): ProductChange {
    const change: Record<string, unknown> = {};
    const now = body as Record<string, unknown>;
    const was = { ...current, description: current.description } as Record<string, unknown>;
    for (const key of Object.keys(now)) {
      if (key === 'kind') continue;
      if (key === 'startsAt' && draft.startsAt === initial.startsAt) continue; // shown to the minute: unchanged unless edited
      if (JSON.stringify(now[key]) !== JSON.stringify(was[key])) change[key] = now[key];
    }
    return change as ProductChange;
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = read();
    if (!body) return;
    if (product) {
      const change = changesOf(body, product);
      if (Object.keys(change).length === 0) {
        form.setFormError(t('products.form.nothingChanged'));
        return;
      }
      const saved = await form.run(() => updateProduct(account.id, product.id, change));
      if (saved) onSaved(saved, false);
    } else {
      const saved = await form.run(() => createProduct(account.id, body));
      if (saved) onSaved(saved, true);
    }
  };

  const formId = `${id}-form`;
  const descriptionId = `${id}-description`;
  // Fields side by side share one hint under their row, so their inputs line up.
  const priceHintId = `${id}-price-hint`;
  const kindHintId = `${id}-kind-hint`;
  const kindLabel = (k: ProductKind) => t(`products.kind.${k}`);
  return (
    <Dialog
      title={product ? t('products.form.editTitle', { name: product.name }) : t('products.form.addTitle')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={form.pending || (product !== undefined && !dirty)}>
            {product ? t('common.saveChanges') : t('products.form.create')}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {product ? (
          <p className="note" role="note">
            <strong>{kindLabel(product.kind)}</strong>. {t('products.form.kindFixed')}
          </p>
        ) : (
          <fieldset className="picker">
            <legend className="picker__legend">{t('products.form.kind')}</legend>
            {PRODUCT_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="radio" name={`${id}-kind`} value={k} checked={draft.kind === k} onChange={() => set('kind', k)} />
                <span>
                  {kindLabel(k)} <span className="muted small">— {t(`products.kindHint.${k}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}

        <TextField {...form.field('name')} label={t('products.form.name')} required maxLength={120} value={draft.name} onChange={(e) => set('name', e.target.value)} />
        <FieldShell id={descriptionId} label={t('products.form.description')} hint={t('products.form.descriptionHint')} error={form.field('description').error}>
          {(aria) => (
            <textarea
              id={descriptionId}
              ref={form.field('description').ref}
              className="products__description"
              rows={3}
              maxLength={2000}
              value={draft.description}
              onInput={form.field('description').onInput}
              onChange={(e) => set('description', e.target.value)}
              {...aria}
            />
          )}
        </FieldShell>

        <TextField
          {...form.field('accessUrl')}
          label={t('products.form.accessUrl')}
          hint={t('products.form.accessUrlHint')}
          type="url"
          inputMode="url"
          autoComplete="off"
          maxLength={2000}
          placeholder="https://"
          value={draft.accessUrl}
          onChange={(e) => set('accessUrl', e.target.value)}
        />

        <div className="form__row">
          <TextField
            {...form.field('price.amount')}
            label={t('products.form.price')}
            describedById={priceHintId}
            inputMode="decimal"
            autoComplete="off"
            required
            value={draft.price}
            onChange={(e) => set('price', e.target.value)}
          />
          <SelectField
            {...form.field('price.currency')}
            label={t('products.form.currency')}
            value={draft.currency}
            onChange={(e) => set('currency', e.target.value as SaleCurrency)}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
          <TextField
            {...form.field('taxRateBasisPoints')}
            label={t('products.form.tax')}
            describedById={priceHintId}
            inputMode="decimal"
            autoComplete="off"
            value={draft.tax}
            onChange={(e) => set('tax', e.target.value)}
          />
        </div>
        <p id={priceHintId} className="field__hint products__row-hint">
          {t(draft.kind === 'recurring' ? 'products.form.priceHintRecurring' : 'products.form.priceHint')} {t('products.form.taxHint')}
        </p>

        {draft.kind === 'recurring' && (
          <div className="form__row">
            <SelectField
              {...form.field('period')}
              label={t('products.form.period')}
              value={draft.period}
              onChange={(e) => set('period', e.target.value as Period)}
              options={PERIODS.map((p) => ({ value: p, label: t(`products.period.${p}`) }))}
            />
            <TextField
              {...form.field('trialDays')}
              label={t('products.form.trialDays')}
              describedById={kindHintId}
              inputMode="numeric"
              autoComplete="off"
              value={draft.trialDays}
              onChange={(e) => set('trialDays', e.target.value)}
            />
          </div>
        )}
        {draft.kind === 'recurring' && (
          <p id={kindHintId} className="field__hint products__row-hint">
            {t('products.form.trialHint')}
          </p>
        )}

        {draft.kind === 'event' && (
          <>
            <div className="form__row">
              <TextField
                {...form.field('startsAt')}
                label={t('products.form.startsAt')}
                describedById={kindHintId}
                type="datetime-local"
                required
                value={draft.startsAt}
                onChange={(e) => set('startsAt', e.target.value)}
              />
              <TextField
                {...form.field('capacity')}
                label={t('products.form.capacity')}
                describedById={kindHintId}
                inputMode="numeric"
                autoComplete="off"
                required
                value={draft.capacity}
                onChange={(e) => set('capacity', e.target.value)}
              />
            </div>
            <p id={kindHintId} className="field__hint products__row-hint">
              {t('products.form.startsAtHint', { zone })} {t('products.form.capacityHint')}
            </p>
            <TextField {...form.field('place')} label={t('products.form.place')} required maxLength={200} value={draft.place} onChange={(e) => set('place', e.target.value)} />
          </>
        )}
        <FormAlert message={form.formError} />
      </form>
    </Dialog>
  );
}
