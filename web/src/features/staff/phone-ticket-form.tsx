// PLAT-1, TKT-2: staff open a ticket for a buyer who phoned, with the buyer's rules (a refund
// within 60 days, processed 24 hours later unless the seller saves the sale). The receipt names
// the order; a refusal says which rule refused it. The answer says what is due and when.
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { FormAlert, requireText, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { dueSentences } from '../tickets/due.ts';
import { usePlatformNow } from '../tickets/platform-time.ts';
import { TextAreaField } from '../tickets/ticket-view.tsx';
import { TICKET_TYPES, type TicketType } from '../tickets/tickets.api.ts';
import { type StaffTicket, staffApi } from './staff.api.ts';
import { useStaffT } from './staff.i18n.ts';
import { useStaffSignedOut } from './staff.session.ts';

export function PhoneTicketForm({ onOpened }: { onOpened?: (ticket: StaffTicket) => void }) {
  const t = useStaffT();
  const { lang, t: appT } = useLanguage();
  const id = useId();
  const form = useMutation();
  const signedOut = useStaffSignedOut();
  const [receipt, setReceipt] = useState('');
  const [type, setType] = useState<TicketType>('refund');
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [opened, setOpened] = useState<StaffTicket | null>(null);
  const now = usePlatformNow(opened?.number);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOpened(null);
    if (form.check({ receipt: requireText(t, receipt), comment: requireText(t, comment) })) return;
    const ticket = await form.run(
      () => staffApi.openTicket({ receipt: receipt.trim(), type, comment: comment.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      { onError: signedOut },
    );
    if (!ticket) return;
    setOpened(ticket);
    onOpened?.(ticket);
    setReceipt('');
    setReason('');
    setComment('');
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`} id="phone-ticket">
      <h2 id={`${id}-title`} className="section__title">
        {t('staff.phone.title')}
      </h2>
      <p className="muted">{t('staff.phone.intro')}</p>
      <div role="status">
        {opened && (
          <div className="alert alert--success" data-ticket={opened.number}>
            <p>{t('staff.phone.done', { number: opened.number, receipt: opened.receipt })}</p>
            {dueSentences(opened, 'staff', now, lang, appT).map((s) => (
              <p key={s.key}>{appT(s.key, s.params)}</p>
            ))}
          </div>
        )}
      </div>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <FormAlert message={form.formError} />
        <TextField
          {...form.field('receipt')}
          label={t('staff.phone.receipt')}
          hint={t('staff.phone.receiptHint')}
          name="receipt"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          value={receipt}
          onChange={(e) => setReceipt(e.target.value)}
          required
        />
        <SelectField
          {...form.field('type')}
          label={t('staff.phone.type')}
          hint={t(`staff.phone.typeHint.${type}`)}
          name="type"
          value={type}
          onChange={(e) => setType(e.target.value as TicketType)}
          options={TICKET_TYPES.map((v) => ({ value: v, label: appT(`tickets.type.${v}`) }))}
        />
        <TextField
          {...form.field('reason')}
          label={t('staff.phone.reason')}
          hint={t('staff.phone.reasonHint')}
          name="reason"
          autoComplete="off"
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <TextAreaField label={t('staff.phone.comment')} hint={t('staff.phone.commentHint')} name="comment" value={comment} onChange={setComment} binding={form.field('comment')} required />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined}>
            {t('staff.phone.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
