// SALES-9: change a buyer's e-mail from their order. The seller types the current address (filled
// in from the order), the CPF/CNPJ on record (asked of the buyer, never filled in) and the new
// address; the server checks them and moves every order of that address in the seller account.
// A buyer without a CPF/CNPJ on record must have it recorded first: the server says so beside
// the field, and the dialog offers to record the one typed.
import type { OrderView } from '@server/modules/sales/sales.schemas.ts';
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../../lib/i18n.ts';
import { Dialog } from '../../../ui/dialog.tsx';
import { checkEmail, FormAlert, requireText, TextField, useMutation } from '../../../ui/form.tsx';
import { addBuyerTaxId, type BuyerEmailChanged, changeBuyerEmail } from './actions.api.ts';

export function BuyerEmailDialog(props: { order: OrderView; accountName: string; onDone: (result: BuyerEmailChanged) => void; onCancel: () => void }) {
  const { order, accountName, onDone, onCancel } = props;
  const { t } = useLanguage();
  const id = useId();
  const form = useMutation();
  const [currentEmail, setCurrentEmail] = useState(order.buyer.email);
  const [taxId, setTaxId] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [taxIdMissing, setTaxIdMissing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    if (form.check({ currentEmail: checkEmail(t, currentEmail), taxId: requireText(t, taxId), newEmail: checkEmail(t, newEmail) })) return;
    const result = await form.run(() => changeBuyerEmail(order.accountId, { currentEmail: currentEmail.trim(), taxId: taxId.trim(), newEmail: newEmail.trim() }), {
      onError: (error) => setTaxIdMissing(error.code === 'buyer_tax_id_missing'),
    });
    if (result) onDone(result);
  };

  const recordTaxId = async () => {
    setNotice(null);
    const added = await form.run(() => addBuyerTaxId(order.accountId, { email: currentEmail.trim(), taxId: taxId.trim() }));
    if (added) {
      setTaxIdMissing(false);
      setNotice(t('orderActions.email.taxIdAdded'));
    }
  };

  return (
    <Dialog
      title={t('orderActions.email.title')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={`${id}-form`} className="button button--primary" disabled={form.pending}>
            {t('orderActions.email.submit')}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p>{t('orderActions.email.intro', { account: accountName })}</p>
        <TextField {...form.field('currentEmail')} label={t('orderActions.email.current')} type="email" autoComplete="off" value={currentEmail} onChange={(e) => setCurrentEmail(e.target.value)} />
        <TextField
          {...form.field('taxId')}
          label={t('orderActions.email.taxId')}
          hint={t('orderActions.email.taxIdHint')}
          autoComplete="off"
          value={taxId}
          onChange={(e) => setTaxId(e.target.value)}
          autoFocus
        />
        {taxIdMissing && (
          <p>
            <button type="button" className="button button--small" disabled={form.pending || !taxId.trim()} onClick={() => void recordTaxId()}>
              {t('orderActions.email.addTaxId')}
            </button>
          </p>
        )}
        <TextField {...form.field('newEmail')} label={t('orderActions.email.new')} type="email" autoComplete="off" value={newEmail} onChange={(e) => setNewEmail(e.target.value)} />
        {notice && (
          <p className="alert alert--success" role="status">
            {notice}
          </p>
        )}
        <FormAlert message={form.formError} />
      </form>
    </Dialog>
  );
}
