// PLAT-3, TKT-12: staff set or clear a seller account's save-window abuse flag, with the
// reason the audit log keeps. There is no staff account search yet, so the account is named
// by its id (the hint says where to find one); the answer names the account that changed.
import { type FormEvent, useId, useState } from 'react';
import { FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { type SellerAccount, staffApi } from './staff.api.ts';
import { useStaffT } from './staff.i18n.ts';
import { useStaffSignedOut } from './staff.session.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REASON_MAX = 500;

export function AbuseFlagForm() {
  const t = useStaffT();
  const id = useId();
  const form = useMutation();
  const signedOut = useStaffSignedOut();
  const [accountId, setAccountId] = useState('');
  const [value, setValue] = useState(true);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<SellerAccount | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const target = accountId.trim();
    const accountError = !target ? t('error.required') : UUID_RE.test(target) ? undefined : t('staff.abuse.accountIdFormat');
    if (form.check({ accountId: accountError, reason: requireText(t, reason) })) return;
    const account = await form.run(() => staffApi.setAbuseFlag(target, { value, reason: reason.trim() }), {
      onError: (error) => {
        signedOut(error);
        // The id is in the path, so the server names no field: these belong beside the id. Its
        // not-found text speaks of "this team", which means nothing to staff.
        if (error.code === 'account_not_found') form.check({ accountId: t('staff.abuse.notFound') });
        else if (error.code === 'validation_failed' && (!error.field || error.field === 'accountId')) form.check({ accountId: error.message });
      },
    });
    if (!account) return;
    setDone(account);
    setReason('');
  }

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('staff.abuse.title')}
      </h2>
      <p className="muted">{t('staff.abuse.intro')}</p>
      {done && (
        <div className="alert alert--success" role="status" data-abuse-flag={String(done.abusesSaveWindow)}>
          {t(done.abusesSaveWindow ? 'staff.abuse.doneSet' : 'staff.abuse.doneClear', { nickname: done.nickname, username: done.username })}
        </div>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert message={form.formError} />
        <TextField
          {...form.field('accountId')}
          label={t('staff.abuse.accountId')}
          hint={t('staff.abuse.accountIdHint')}
          name="accountId"
          autoComplete="off"
          spellCheck={false}
          maxLength={36}
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
          required
        />
        <fieldset className="picker">
          <legend className="picker__legend">{t('staff.abuse.action')}</legend>
          <label className="check">
            <input type="radio" name={`${id}-value`} value="set" checked={value} onChange={() => setValue(true)} />
            <span>{t('staff.abuse.set')}</span>
          </label>
          <label className="check">
            <input type="radio" name={`${id}-value`} value="clear" checked={!value} onChange={() => setValue(false)} />
            <span>{t('staff.abuse.clear')}</span>
          </label>
        </fieldset>
        <TextField
          {...form.field('reason')}
          label={t('staff.abuse.reason')}
          hint={t('staff.abuse.reasonHint')}
          name="reason"
          autoComplete="off"
          maxLength={REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
        <div className="form__actions">
          <button
            type="submit"
            className={value ? 'button button--danger' : 'button button--primary'}
            disabled={form.pending}
            aria-busy={form.pending || undefined}
          >
            {t(value ? 'staff.abuse.submitSet' : 'staff.abuse.submitClear')}
          </button>
        </div>
      </form>
    </section>
  );
}
