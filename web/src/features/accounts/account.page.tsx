// One seller account, opened from the Accounts tab in its own browser tab (MA-6): its
// details (ACC-1); the owner changes its settings (ACC-1, ACC-2, NOTIF-1: nickname,
// customer-service e-mail, default currency, tax display, time zone, language) and its own
// e-mail (TEAM-8). An account out of the viewer's scope answers 404 like a missing one.
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
import { type Account, accountPath, type AccountSettings, type AccountSettingsUpdate, updateAccount, updateAccountSettings } from './accounts.api.ts';
import { type AccountCurrency, currencyLabel, currencyOptions } from './currencies.ts';

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
      {isOwner(team) && (
        <>
          <SettingsForm key={`settings-${data.id}`} account={data} onSaved={(next) => setAccount((prev) => ({ ...prev, ...settingsOf(next) }))} />
          <AccountEmailForm key={`email-${data.id}`} account={data} onSaved={(next) => setAccount(() => next)} />
        </>
      )}
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
      <dt>{t('accounts.account.ticketEmailsTo')}</dt>
      <dd>{account.customerServiceEmail ?? account.email}</dd>
      <dt>{t('accounts.account.currency')}</dt>
      <dd>{currencyLabel(account.currency, lang)}</dd>
      <dt>{t('accounts.account.taxDisplay')}</dt>
      <dd>{account.taxDisplay === 'included' ? t('accounts.account.taxIncluded') : t('accounts.account.taxExcluded')}</dd>
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

/** The settings as the account view holds them. */
function settingsOf(s: AccountSettings): Partial<Account> {
  return {
    nickname: s.nickname,
    customerServiceEmail: s.customerServiceEmail,
    currency: s.currency,
    taxDisplay: s.taxDisplay,
    timeZone: s.timeZone,
    locale: s.locale,
  };
}

/** ACC-1, ACC-2, NOTIF-1: only the owner changes the settings; only changed fields are sent; checked inline first. */
function SettingsForm({ account, onSaved }: { account: Account; onSaved: (settings: AccountSettings) => void }) {
  const { t, lang } = useLanguage();
  const { refresh } = useSession();
  const id = useId();
  const zones = useMemo(() => timeZoneOptions(new Date()), []);
  const [nickname, setNickname] = useState(account.nickname);
  const [csEmail, setCsEmail] = useState(account.customerServiceEmail ?? '');
  const [currency, setCurrency] = useState<AccountCurrency>(account.currency);
  const [taxDisplay, setTaxDisplay] = useState(account.taxDisplay);
  const [timeZone, setTimeZone] = useState(account.timeZone ?? '');
  const [locale, setLocale] = useState(account.locale);
  const [saved, setSaved] = useState(false);
  const form = useMutation();

  const changes: AccountSettingsUpdate = {};
  if (nickname.trim() !== account.nickname) changes.nickname = nickname.trim();
  if ((csEmail.trim() || null) !== account.customerServiceEmail) changes.customerServiceEmail = csEmail.trim() || null;
  if (currency !== account.currency) changes.currency = currency;
  if (taxDisplay !== account.taxDisplay) changes.taxDisplay = taxDisplay;
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
        customerServiceEmail: checkOptionalEmail(t, csEmail),
        timeZone: unknownZone ? t('timeZone.unknown') : undefined,
      })
    )
      return;
    const next = await form.run(() => updateAccountSettings(account.id, changes));
    if (next) {
      setSaved(true);
      onSaved(next);
      // The session's copy of the account (nickname, zone, currency) feeds the menus and the product form.
      void refresh();
    }
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('accounts.settings.title')}
      </h2>
      <p className="muted">{t('accounts.settings.intro')}</p>
      <form className="form form--grid" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          {...form.field('nickname')}
          label={t('accounts.col.nickname')}
          required
          maxLength={80}
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
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
        <SelectField
          {...form.field('currency')}
          label={t('accounts.account.currency')}
          hint={t('accounts.account.currencyHint')}
          value={currency}
          onChange={(e) => setCurrency(e.target.value as AccountCurrency)}
          options={currencyOptions(lang)}
        />
        <fieldset className="picker" ref={form.field('taxDisplay').ref}>
          <legend className="picker__legend">{t('accounts.account.taxDisplay')}</legend>
          {(['included', 'excluded'] as const).map((value) => (
            <label key={value} className="check">
              <input type="radio" name={`${id}-tax`} value={value} checked={taxDisplay === value} onChange={() => setTaxDisplay(value)} />
              <span>{value === 'included' ? t('accounts.account.taxIncluded') : t('accounts.account.taxExcluded')}</span>
            </label>
          ))}
        </fieldset>
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

/** TEAM-8: the account's own e-mail, the owner's to change (not a setting: it is who the account is). */
function AccountEmailForm({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const { t } = useLanguage();
  const id = useId();
  const [email, setEmail] = useState(account.email);
  const [saved, setSaved] = useState(false);
  const form = useMutation();
  const dirty = email.trim().toLowerCase() !== account.email;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (form.check({ email: checkEmail(t, email) })) return;
    const next = await form.run(() => updateAccount(account.id, { email: email.trim() }));
    if (next) {
      setSaved(true);
      setEmail(next.email);
      onSaved(next);
    }
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('accounts.settings.emailTitle')}
      </h2>
      <p className="muted">{t('accounts.settings.emailIntro')}</p>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          {...form.field('email')}
          label={t('accounts.account.email')}
          type="email"
          required
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
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
