// PLAT-3, TKT-12: staff set or clear a seller account's save-window abuse flag, with the
// reason the audit log keeps. A caller names the seller by username or nickname (a phone
// call, a ticket), so the section starts with a search: the start of the username, part of
// the nickname, the e-mail or the id. Staff choose one of the accounts found, see its flag
// and the latest change with its reason, and change it; the section then shows the account
// as the server has it now.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import { useLanguage } from '../../lib/i18n.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { type SellerAccountMatch, staffApi } from './staff.api.ts';
import { useStaffT } from './staff.i18n.ts';
import { useStaffSignedOut } from './staff.session.ts';

/** The server's bounds on `q` (accounts.schemas.ts ListSellerAccountsQuery). */
const QUERY_MIN = 2;
const QUERY_MAX = 100;
const LIMIT = 20;
const REASON_MAX = 500;

export function AbuseFlagSection() {
  const t = useStaffT();
  const id = useId();
  const [results, setResults] = useState<{ q: string; items: SellerAccountMatch[] } | null>(null);
  const [chosen, setChosen] = useState<SellerAccountMatch | null>(null);

  /** The account as the server has it now, in the list and as the chosen one. */
  const replace = (account: SellerAccountMatch) => {
    setChosen(account);
    setResults((prev) => prev && { ...prev, items: prev.items.map((a) => (a.id === account.id ? account : a)) });
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`} id="abuse-flag">
      <h2 id={`${id}-title`} className="section__title">
        {t('staff.abuse.title')}
      </h2>
      <p className="muted">{t('staff.abuse.intro')}</p>
      <AccountSearch
        onFound={(found) => {
          setResults(found);
          setChosen(null);
        }}
      />
      {results && <Matches results={results} chosenId={chosen?.id ?? null} onChoose={setChosen} />}
      {chosen && <FlagChange key={chosen.id} account={chosen} onChanged={replace} onClose={() => setChosen(null)} />}
    </section>
  );
}

function AccountSearch({ onFound }: { onFound: (results: { q: string; items: SellerAccountMatch[] }) => void }) {
  const t = useStaffT();
  const form = useMutation();
  const signedOut = useStaffSignedOut();
  const [q, setQ] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = q.trim();
    if (form.check({ q: !text ? t('error.required') : text.length < QUERY_MIN ? t('staff.abuse.searchShort') : undefined })) return;
    const page = await form.run(() => staffApi.searchAccounts(text, LIMIT), { onError: signedOut });
    if (page) onFound({ q: text, items: page.items });
  };

  return (
    <>
      <FormAlert message={form.formError} />
      <form className="form form--inline" onSubmit={(e) => void submit(e)} noValidate role="search">
        <TextField
          {...form.field('q')}
          label={t('staff.abuse.search')}
          hint={t('staff.abuse.searchHint')}
          type="search"
          name="account-search"
          autoComplete="off"
          spellCheck={false}
          maxLength={QUERY_MAX}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined}>
            {t('staff.abuse.searchSubmit')}
          </button>
        </div>
      </form>
    </>
  );
}

function FlagBadge({ flagged }: { flagged: boolean }) {
  const t = useStaffT();
  return <span className={flagged ? 'badge badge--failed' : 'badge'}>{t(flagged ? 'staff.abuse.flagged' : 'staff.abuse.notFlagged')}</span>;
}

function Matches({ results, chosenId, onChoose }: { results: { q: string; items: SellerAccountMatch[] }; chosenId: string | null; onChoose: (a: SellerAccountMatch) => void }) {
  const t = useStaffT();
  const columns: Array<Column<SellerAccountMatch>> = [
    { label: t('staff.abuse.col.username'), rowHeader: true, cell: (a) => `@${a.username}` },
    { label: t('staff.abuse.col.nickname'), cell: (a) => a.nickname },
    { label: t('staff.abuse.col.timeZone'), cell: (a) => a.timeZone ?? t('staff.abuse.utc') },
    { label: t('staff.abuse.col.flag'), cell: (a) => <FlagBadge flagged={a.abuseFlag.flagged} /> },
    {
      label: t('staff.abuse.col.choose'),
      actions: true,
      cell: (a) => (
        <button
          type="button"
          className="button button--small"
          aria-pressed={a.id === chosenId}
          aria-label={t('staff.abuse.chooseOne', { username: a.username })}
          onClick={() => onChoose(a)}
        >
          {t('staff.abuse.choose')}
        </button>
      ),
    },
  ];
  const { q, items } = results;
  return (
    <>
      {/* Heard as the results arrive; seen, the table's caption says the same. */}
      <p className={items.length === 0 ? 'note' : 'visually-hidden'} role="status">
        {items.length === 0 ? t('staff.abuse.noMatch', { q }) : t('staff.abuse.found', { q, count: items.length })}
      </p>
      {items.length > 0 && (
        <DataTable
          caption={t('staff.abuse.caption', { q })}
          columns={columns}
          rows={items}
          rowKey={(a) => a.id}
          rowClassName={(a) => (a.id === chosenId ? 'is-selected' : undefined)}
        />
      )}
      {items.length >= LIMIT && <p className="note">{t('staff.abuse.more')}</p>}
    </>
  );
}

/** The chosen account: who it is, its flag with the latest change, and the change (set or clear) with a reason. */
function FlagChange({ account, onChanged, onClose }: { account: SellerAccountMatch; onChanged: (a: SellerAccountMatch) => void; onClose: () => void }) {
  const t = useStaffT();
  const { lang } = useLanguage();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useMutation();
  const signedOut = useStaffSignedOut();
  // The likely change first, now and after each change: clear a flagged account, flag one that is not.
  const [value, setValue] = useState(!account.abuseFlag.flagged);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const last = account.abuseFlag.lastChange;

  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (form.check({ reason: requireText(t, reason) })) return;
    const changed = await form.run(
      async () => {
        const updated = await staffApi.setAbuseFlag(account.id, { value, reason: reason.trim() });
        // The account as the server has it now, the change's time and reason included; the
        // change is made even if this read fails, so it falls back on the flag answered.
        const fresh = await staffApi.searchAccounts(account.id, 1).then(
          (page) => page.items.find((a) => a.id === account.id),
          () => undefined,
        );
        return fresh ?? { ...account, abuseFlag: { ...account.abuseFlag, flagged: updated.abusesSaveWindow } };
      },
      {
        onError: (error) => {
          signedOut(error);
          // Its not-found text speaks of "this team", which means nothing to staff.
          if (error.code === 'account_not_found') form.setFormError(t('staff.abuse.notFound'));
        },
      },
    );
    if (!changed) return;
    setReason('');
    setValue(!changed.abuseFlag.flagged);
    setDone(t(changed.abuseFlag.flagged ? 'staff.abuse.doneSet' : 'staff.abuse.doneClear', { nickname: changed.nickname, username: changed.username }));
    onChanged(changed);
  };

  return (
    <section className="staff-review" aria-labelledby={`${id}-title`}>
      <div className="section__head">
        <h3 id={`${id}-title`} className="staff-review__title" tabIndex={-1} ref={heading}>
          {t('staff.abuse.chosenTitle', { nickname: account.nickname, username: account.username })}
        </h3>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('staff.abuse.otherAccount')}
        </button>
      </div>
      <div role="status">
        {done && (
          <p className="alert alert--success" data-abuse-flag={String(account.abuseFlag.flagged)}>
            {done}
          </p>
        )}
      </div>
      <dl className="details">
        <dt>{t('staff.abuse.email')}</dt>
        <dd>{account.email}</dd>
        <dt>{t('staff.abuse.col.timeZone')}</dt>
        <dd>{account.timeZone ?? t('staff.abuse.utc')}</dd>
        <dt>{t('staff.abuse.linked')}</dt>
        <dd>{t(account.linked ? 'staff.abuse.linkedYes' : 'staff.abuse.linkedNo')}</dd>
        <dt>{t('staff.abuse.col.flag')}</dt>
        <dd data-abuse-flag={String(account.abuseFlag.flagged)}>
          <FlagBadge flagged={account.abuseFlag.flagged} />
          <span className="ticket__detail">
            {last
              ? t(last.action === 'set' ? 'staff.abuse.lastSet' : 'staff.abuse.lastCleared', {
                  date: formatDateTime(last.at, lang),
                  reason: last.reason ?? '—',
                })
              : t('staff.abuse.never')}
          </span>
        </dd>
      </dl>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
        <FormAlert message={form.formError} />
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
          <button type="submit" className={value ? 'button button--danger' : 'button button--primary'} disabled={form.pending} aria-busy={form.pending || undefined}>
            {t(value ? 'staff.abuse.submitSet' : 'staff.abuse.submitClear')}
          </button>
        </div>
      </form>
    </section>
  );
}
