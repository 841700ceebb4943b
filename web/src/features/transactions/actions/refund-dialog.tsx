// SALES-6: refund an order, with a live preview and a confirmation step. The seller chooses
// everything left, an amount (typed in the currency's units, sent in minor units) or a
// percentage (sent as the decimal text typed); the server's previewRefund says what the buyer
// gets back, split into subtotal and tax, and what is left, with its own message beside the
// field when something is wrong. Nothing is refunded until the second step is confirmed.
import { CURRENCY_EXPONENTS, type Currency, formatMoney, fromDecimalString } from '@server/kernel/money/money.ts';
import type { OrderView } from '@server/modules/sales/sales.schemas.ts';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ApiError } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useLanguage } from '../../../lib/i18n.ts';
import { Dialog } from '../../../ui/dialog.tsx';
import { FormAlert, TextField, useMutation } from '../../../ui/form.tsx';
import { previewRefund, type RefundPreview, type RefundRequest, type RefundResult, refundOrder } from './actions.api.ts';

type Mode = 'whole' | 'amount' | 'percentage';
type Preview = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; data: RefundPreview } | { kind: 'error'; field: string | undefined; message: string };

/** "59,90" or "59.90" → the text the money kernel reads (a dot, no grouping). */
function decimalText(text: string): string {
  const trimmed = text.trim().replace(/\s/g, '');
  return trimmed.includes(',') && !trimmed.includes('.') ? trimmed.replace(',', '.') : trimmed;
}

export function RefundDialog({ order, teamId, onDone, onCancel }: { order: OrderView; teamId: string; onDone: (result: RefundResult) => void; onCancel: () => void }) {
  const { t, lang } = useLanguage();
  const id = useId();
  const currency = order.total.currency as Currency;
  const money = (m: { amount: number; currency: string }) => formatMoney({ amount: m.amount, currency: m.currency as Currency }, lang);
  const [mode, setMode] = useState<Mode>('whole');
  const [amountText, setAmountText] = useState('');
  const [percentText, setPercentText] = useState('');
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<'choose' | 'confirm'>('choose');
  const [preview, setPreview] = useState<Preview>({ kind: 'idle' });
  const send = useMutation();

  // What the inputs ask for, or the local reason they cannot be sent yet.
  let request: Pick<RefundRequest, 'amount' | 'percentage'> | null = null;
  let localError: string | undefined;
  if (mode === 'whole') request = {};
  else if (mode === 'amount' && amountText.trim()) {
    try {
      request = { amount: fromDecimalString(decimalText(amountText), currency).amount };
    } catch {
      localError = t('orderActions.refund.amountInvalid', { digits: CURRENCY_EXPONENTS[currency] });
    }
  } else if (mode === 'percentage' && percentText.trim()) request = { percentage: decimalText(percentText) };
  const requestKey = JSON.stringify(request);

  // The live preview: asked again a moment after the inputs settle, and in the reader's language.
  useEffect(() => {
    const asked: Pick<RefundRequest, 'amount' | 'percentage'> | null = JSON.parse(requestKey);
    if (!asked) {
      setPreview({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    setPreview((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    const timer = setTimeout(() => {
      previewRefund(teamId, order.id, asked, controller.signal).then(
        (data) => !controller.signal.aborted && setPreview({ kind: 'ready', data }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const e = error instanceof ApiError ? error : new ApiError(0, 'unexpected', t('error.unknown'));
          setPreview({ kind: 'error', field: e.field, message: e.message });
        },
      );
    }, 250);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [requestKey, teamId, order.id, lang, t]);

  const fieldError = (field: 'amount' | 'percentage') => {
    if (field === 'amount' && localError) return localError;
    return preview.kind === 'error' && preview.field === field ? preview.message : undefined;
  };
  const ready = preview.kind === 'ready' && request !== null && !localError ? preview.data : null;

  const onContinue = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (ready) {
      send.clear();
      setStep('confirm');
    }
  };

  const confirm = async () => {
    if (!request) return;
    const body: RefundRequest = { ...request, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    const result = await send.run(() => refundOrder(teamId, order.id, body), {
      fields: () => false,
      onError: (error) => {
        // A figure that no longer holds (someone refunded meanwhile): back to the figures, the message beside them.
        if (error.field === 'amount' || error.field === 'percentage' || error.code === 'nothing_to_refund') {
          setPreview({ kind: 'error', field: error.field, message: error.message });
          setStep('choose');
        }
      },
    });
    if (result) onDone(result);
  };

  if (step === 'confirm' && ready) {
    return (
      <Dialog
        title={t('orderActions.refund.confirmTitle', { amount: money(ready.amount), buyer: order.buyer.name })}
        onClose={onCancel}
        role="alertdialog"
        footer={
          <>
            <button type="button" className="button" onClick={() => setStep('choose')} autoFocus>
              {t('orderActions.refund.back')}
            </button>
            <button type="button" className="button button--danger" disabled={send.pending} onClick={() => void confirm()}>
              {t('orderActions.refund.confirm', { amount: money(ready.amount) })}
            </button>
          </>
        }
      >
        <PreviewFacts preview={ready} kind={order.productKind} />
        <p>{t('orderActions.refund.confirmBody', { method: order.paymentMethod })}</p>
        <FormAlert message={send.formError} />
      </Dialog>
    );
  }

  return (
    <Dialog
      title={t('orderActions.refund.title', { receipt: order.receipt })}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={`${id}-form`} className="button button--primary" disabled={!ready}>
            {t('orderActions.refund.continue')}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="form" onSubmit={onContinue} noValidate>
        <fieldset className="picker">
          <legend className="picker__legend">{t('orderActions.refund.how')}</legend>
          {(['whole', 'amount', 'percentage'] as const).map((m) => (
            <label key={m} className="check">
              <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
              <span>{t(`orderActions.refund.${m}`)}</span>
            </label>
          ))}
        </fieldset>
        {mode === 'amount' && (
          <TextField
            label={t('orderActions.refund.amountLabel', { currency })}
            hint={t('orderActions.refund.amountHint')}
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            error={fieldError('amount')}
            autoFocus
          />
        )}
        {mode === 'percentage' && (
          <TextField
            label={t('orderActions.refund.percentageLabel')}
            hint={t('orderActions.refund.percentageHint')}
            inputMode="decimal"
            autoComplete="off"
            value={percentText}
            onChange={(e) => setPercentText(e.target.value)}
            error={fieldError('percentage')}
            autoFocus
          />
        )}
        <TextField label={t('orderActions.refund.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />

        <section className="refund-preview" aria-live="polite" aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`} className="refund-preview__title">
            {t('orderActions.refund.previewTitle')}
          </h3>
          {preview.kind === 'loading' && <p className="muted">{t('orderActions.refund.calculating')}</p>}
          {preview.kind === 'ready' && request !== null && !localError && <PreviewFacts preview={preview.data} kind={order.productKind} />}
          {preview.kind === 'error' && preview.field !== 'amount' && preview.field !== 'percentage' && <FormAlert message={preview.message} />}
        </section>
      </form>
    </Dialog>
  );
}

function PreviewFacts({ preview, kind }: { preview: RefundPreview; kind: OrderView['productKind'] }) {
  const { t, lang } = useLanguage();
  const money = (m: { amount: number; currency: string }) => formatMoney({ amount: m.amount, currency: m.currency as Currency }, lang);
  return (
    <>
      <dl className="refund-preview__facts">
        <div>
          <dt>{t('orderActions.refund.getsBack')}</dt>
          <dd>
            <strong data-testid="refund-amount">{money(preview.amount)}</strong>
            <span className="refund-preview__detail">{t('orderActions.refund.split', { subtotal: money(preview.subtotal), tax: money(preview.tax) })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('orderActions.refund.leftAfter')}</dt>
          <dd data-testid="refund-left">{money(preview.remainingAfter)}</dd>
        </div>
        <div>
          <dt>{t('orderActions.refund.until')}</dt>
          <dd>
            <time dateTime={preview.deadline}>{formatDateTime(preview.deadline, lang)}</time>
          </dd>
        </div>
      </dl>
      {preview.invoiceNumber !== null && <p className="muted">{t('orderActions.refund.invoice', { number: preview.invoiceNumber })}</p>}
      {preview.full && <p>{t(kind === 'recurring' ? 'orderActions.refund.endsSubscription' : 'orderActions.refund.endsAccess')}</p>}
    </>
  );
}
