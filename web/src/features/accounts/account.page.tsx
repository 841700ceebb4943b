// One seller account, opened from the Accounts tab in its own browser tab (MA-6): its
// details (ACC-1); the owner edits nickname, e-mails, time zone and language (TEAM-8).
// An account out of the viewer's scope answers 404 like a missing one.
import { type FormEvent, useId, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { LANGUAGE_NAMES, LANGUAGES, useLanguage } from '../../lib/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import { formatDate } from '../../lib/format.ts';
import { isOwner, useTeam } from '../app/team-scope.tsx';
import { useResource } from '../app/use-resource.ts';
import { findZone, timeZoneOptions, zoneOffset } from '../../lib/time-zones.ts';
import { checkEmail, checkOptionalEmail, FormAlert, requireText, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { NotAvailablePage } from '../../ui/not-available-page.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { tabPath } from '../../ui/tabs.ts';
import { TimeZoneField } from '../../ui/time-zone-field.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { ProductsLink } from '../products/products-link.tsx';
import { WebhooksLink } from '../webhooks/webhooks-link.tsx';
import { type Account, accountPath, type AccountUpdate, updateAccount } from './accounts.api.ts';

export function AccountPage() {
  const { t } = useLanguage();
  const { accountId = '' } = useParams();
  const team = useTeam();
  const [account, reload, setAccount] = useResource<Account>(accountPath(accountId));
  useDocumentTitle(account.kind === 'ready' ? account.data.nickname : t('accounts.account.title'));

  if (account.kind === 'loading') return <Loading />;
  if (account.kind === 'error') {
    if (account.error.status === 404 || account.error.status === 400) return <NotAvailablePage reason="account" />;
    return <LoadError message={account.error.message} onRetry={reload} />;
  }
  const data = account.data;
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <p className="page__kicker">{t('accounts.account.kicker')}</p>
          <h1 id="page-title" className="page__title">
            {data.nickname}
          </h1>
          <p className="muted">
            {t('accounts.account.usernameLine', { username: data.username })}
          </p>
        </div>
        {team.tabs.includes('accounts') && (
          <Link to={tabPath(team.teamId, 'accounts')} className="button">
            {t('accounts.account.back')}
          </Link>
        )}
      </div>
      <AccountDetails account={data} />
      <ProductsLink team={team} accountId={data.id} />
      <WebhooksLink team={team} accountId={data.id} />
      {isOwner(team) && <AccountForm key={data.id} account={data} onSaved={(next) => setAccount(() => next)} />}
    </section>
  );
}

function AccountDetails({ account }: { account: Account }) {
  const { t, lang } = useLanguage();
  return (
    <dl className="details card">
      <dt>{t('accounts.col.username')}</dt>
      <dd>{account.username}</dd>
      <dt>{t('accounts.account.email')}</dt>
      <dd>{account.email}</dd>
      <dt>{t('accounts.account.customerServiceEmail')}</dt>
      <dd>{account.customerServiceEmail ?? <span className="muted">{t('accounts.account.none')}</span>}</dd>
      <dt>{t('accounts.col.timeZone')}</dt>
      <dd>
        {account.timeZone ?? 'UTC'} <span className="muted">({zoneOffset(account.timeZone ?? 'UTC', new Date())})</span>
      </dd>
      <dt>{t('accounts.col.locale')}</dt>
      <dd>{LANGUAGE_NAMES[account.locale] ?? account.locale}</dd>
      <dt>{t('accounts.col.linkedAt')}</dt>
      <dd>{account.linkedAt ? <time dateTime={account.linkedAt}>{formatDate(account.linkedAt, lang)}</time> : '—'}</dd>
    </dl>
  );
}

/** TEAM-8: only the owner changes the seller's data; only changed fields are sent. */
function AccountForm({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const { t } = useLanguage();
  const { refresh } = useSession();
  const id = useId();
  const zones = useMemo(() => timeZoneOptions(new Date()), []);
  const [nickname, setNickname] = useState(account.nickname);
  const [email, setEmail] = useState(account.email);
  const [csEmail, setCsEmail] = useState(account.customerServiceEmail ?? '');
  const [timeZone, setTimeZone] = useState(account.timeZone ?? '');
  const [locale, setLocale] = useState(account.locale);
  const [saved, setSaved] = useState(false);
  const form = useMutation();

  const changes: AccountUpdate = {};
  if (nickname.trim() !== account.nickname) changes.nickname = nickname.trim();
  if (email.trim() !== account.email) changes.email = email.trim();
  if ((csEmail.trim() || null) !== account.customerServiceEmail) changes.customerServiceEmail = csEmail.trim() || null;
  // The zone as the list names it (`europe/madrid` typed is Europe/Madrid).
  const zone = timeZone.trim() ? (findZone(zones, timeZone)?.id ?? timeZone.trim()) : null;
  if (zone !== account.timeZone) changes.timeZone = zone;
  if (locale !== account.locale) changes.locale = locale;
  const dirty = Object.keys(changes).length > 0;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const unknownZone = zone !== null && zone !== account.timeZone && !findZone(zones, zone);
    if (
      form.check({
        nickname: requireText(t, nickname),
        email: checkEmail(t, email),
        customerServiceEmail: checkOptionalEmail(t, csEmail),
        timeZone: unknownZone ? t('timeZone.unknown') : undefined,
      })
    )
      return;
    const next = await form.run(() => updateAccount(account.id, changes));
    if (next) {
      setSaved(true);
      onSaved(next);
      if (changes.nickname) void refresh();
    }
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('accounts.account.editTitle')}
      </h2>
      <form className="form form--grid" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField {...form.field('nickname')} label={t('accounts.col.nickname')} required maxLength={80} value={nickname} onChange={(e) => setNickname(e.target.value)} />
        <TextField
          {...form.field('email')}
          label={t('accounts.account.email')}
          type="email"
          required
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          {...form.field('customerServiceEmail')}
          label={t('accounts.account.customerServiceEmail')}
          hint={t('accounts.account.customerServiceHint')}
          type="email"
          maxLength={254}
          value={csEmail}
          onChange={(e) => setCsEmail(e.target.value)}
        />
        <TimeZoneField
          {...form.field('timeZone')}
          label={t('accounts.col.timeZone')}
          hint={t('accounts.account.timeZoneHint')}
          name="timeZone"
          value={timeZone}
          placeholder="UTC"
          onChange={setTimeZone}
        />
        <SelectField
          {...form.field('locale')}
          label={t('accounts.col.locale')}
          value={locale}
          onChange={(e) => setLocale(e.target.value as Account['locale'])}
          options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={!dirty || form.pending}>
            {t('common.save')}
          </button>
        </div>
      </form>
      <FormAlert message={form.formError} />
      {saved && !dirty && (
        <p className="alert alert--success" role="status">
          {t('common.saved')}
        </p>
      )}
    </section>
  );
}
