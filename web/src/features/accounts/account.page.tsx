// One seller account, opened from the Accounts tab in its own browser tab (MA-6): its
// details (ACC-1); the owner edits nickname, e-mails, time zone and language (TEAM-8).
// An account out of the viewer's scope answers 404 like a missing one.
import { type FormEvent, useId, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { LANGUAGE_NAMES, LANGUAGES, useLanguage } from '../../lib/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import { formatDate } from '../app/format.ts';
import { isOwner, useTeam } from '../app/team-scope.tsx';
import { useMutation, useResource } from '../app/use-resource.ts';
import { NotAvailablePage } from '../../ui/not-available-page.tsx';
import { FormError, LoadError, Loading } from '../../ui/status.tsx';
import { tabPath } from '../../ui/tabs.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type Account, accountPath, type AccountUpdate, updateAccount } from './accounts.api.ts';

export function AccountPage() {
  const { t } = useLanguage();
  const { accountId = '' } = useParams();
  const team = useTeam();
  const [account, reload, setAccount] = useResource<Account>(accountPath(accountId));
  useDocumentTitle(account.kind === 'ready' ? account.data.nickname : t('app.account.title'));

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
          <p className="page__kicker">{t('app.account.kicker')}</p>
          <h1 id="page-title" className="page__title">
            {data.nickname}
          </h1>
          <p className="muted">
            {t('app.account.usernameLine', { username: data.username })}
          </p>
        </div>
        {team.tabs.includes('accounts') && (
          <Link to={tabPath(team.teamId, 'accounts')} className="button">
            {t('app.account.back')}
          </Link>
        )}
      </div>
      <AccountDetails account={data} />
      {isOwner(team) && <AccountForm key={data.id} account={data} onSaved={(next) => setAccount(() => next)} />}
    </section>
  );
}

function AccountDetails({ account }: { account: Account }) {
  const { t, lang } = useLanguage();
  return (
    <dl className="details card">
      <dt>{t('app.accounts.col.username')}</dt>
      <dd>{account.username}</dd>
      <dt>{t('app.account.email')}</dt>
      <dd>{account.email}</dd>
      <dt>{t('app.account.customerServiceEmail')}</dt>
      <dd>{account.customerServiceEmail ?? <span className="muted">{t('app.account.none')}</span>}</dd>
      <dt>{t('app.accounts.col.timeZone')}</dt>
      <dd>{account.timeZone ?? 'UTC'}</dd>
      <dt>{t('app.accounts.col.locale')}</dt>
      <dd>{LANGUAGE_NAMES[account.locale] ?? account.locale}</dd>
      <dt>{t('app.accounts.col.linkedAt')}</dt>
      <dd>{account.linkedAt ? <time dateTime={account.linkedAt}>{formatDate(account.linkedAt, lang)}</time> : '—'}</dd>
    </dl>
  );
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** TEAM-8: only the owner changes the seller's data; only changed fields are sent. */
function AccountForm({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const { t } = useLanguage();
  const { refresh } = useSession();
  const id = useId();
  const zones = useMemo(timeZones, []);
  const [nickname, setNickname] = useState(account.nickname);
  const [email, setEmail] = useState(account.email);
  const [csEmail, setCsEmail] = useState(account.customerServiceEmail ?? '');
  const [timeZone, setTimeZone] = useState(account.timeZone ?? '');
  const [locale, setLocale] = useState(account.locale);
  const [saved, setSaved] = useState(false);
  const save = useMutation();

  const changes: AccountUpdate = {};
  if (nickname.trim() !== account.nickname) changes.nickname = nickname.trim();
  if (email.trim() !== account.email) changes.email = email.trim();
  if ((csEmail.trim() || null) !== account.customerServiceEmail) changes.customerServiceEmail = csEmail.trim() || null;
  if ((timeZone.trim() || null) !== account.timeZone) changes.timeZone = timeZone.trim() || null;
  if (locale !== account.locale) changes.locale = locale;
  const dirty = Object.keys(changes).length > 0;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const next = await save.run(() => updateAccount(account.id, changes));
    if (next) {
      setSaved(true);
      onSaved(next);
      if (changes.nickname) void refresh();
    }
  };

  const invalid = (field: string) => (save.error?.field === field ? true : undefined);

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {t('app.account.editTitle')}
      </h2>
      <form className="form form--grid" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor={`${id}-nickname`}>{t('app.accounts.col.nickname')}</label>
          <input id={`${id}-nickname`} required maxLength={80} value={nickname} onChange={(e) => setNickname(e.target.value)} aria-invalid={invalid('nickname')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('app.account.email')}</label>
          <input id={`${id}-email`} type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={invalid('email')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-cs`}>{t('app.account.customerServiceEmail')}</label>
          <input
            id={`${id}-cs`}
            type="email"
            maxLength={254}
            value={csEmail}
            onChange={(e) => setCsEmail(e.target.value)}
            aria-invalid={invalid('customerServiceEmail')}
            aria-describedby={`${id}-cs-hint`}
          />
          <p id={`${id}-cs-hint`} className="field__hint">
            {t('app.account.customerServiceHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tz`}>{t('app.accounts.col.timeZone')}</label>
          <input
            id={`${id}-tz`}
            list={`${id}-zones`}
            maxLength={64}
            value={timeZone}
            placeholder="UTC"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTimeZone(e.target.value)}
            aria-invalid={invalid('timeZone')}
            aria-describedby={`${id}-tz-hint`}
          />
          <datalist id={`${id}-zones`}>
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <p id={`${id}-tz-hint`} className="field__hint">
            {t('app.account.timeZoneHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-locale`}>{t('app.accounts.col.locale')}</label>
          <select id={`${id}-locale`} value={locale} onChange={(e) => setLocale(e.target.value as Account['locale'])}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={!dirty || save.pending}>
            {t('app.common.save')}
          </button>
        </div>
      </form>
      <FormError message={save.error?.message} />
      {saved && !dirty && (
        <p className="alert alert--success" role="status">
          {t('app.common.saved')}
        </p>
      )}
    </section>
  );
}
