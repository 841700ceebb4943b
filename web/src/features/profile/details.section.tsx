// My profile: the name, and the language of the person's e-mails (its own setting; the
// header's ES/EN switch changes only the screen). Each saves on its own and the server
// e-mails the person about it.
import { type FormEvent, useState } from 'react';
import { LANGUAGE_NAMES, LANGUAGES, type Language, useLanguage } from '../../lib/i18n.ts';
import { useMe, useSession } from '../../lib/session.tsx';
import { FormAlert, requireText, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { profileApi } from './profile.api.ts';

export function NameSection() {
  const { t } = useLanguage();
  const me = useMe();
  const { refresh } = useSession();
  const form = useMutation();
  const [firstName, setFirstName] = useState(me.user.firstName);
  const [lastName, setLastName] = useState(me.user.lastName);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (form.check({ firstName: requireText(t, firstName) })) return;
    const done = await form.run(() => profileApi.updateMe({ firstName: firstName.trim(), lastName: lastName.trim() }));
    if (!done) return;
    setSaved(true);
    await refresh(); // the header shows the name
  }

  return (
    <section className="card section" aria-labelledby="profile-name-title">
      <h2 id="profile-name-title" className="section__title">
        {t('profile.name.title')}
      </h2>
      <form className="form form--grid" onSubmit={onSubmit} noValidate aria-labelledby="profile-name-title">
        <FormAlert message={form.formError} />
        <TextField
          {...form.field('firstName')}
          label={t('auth.field.firstName')}
          name="firstName"
          autoComplete="given-name"
          maxLength={100}
          value={firstName}
          onChange={(e) => {
            setFirstName(e.target.value);
            setSaved(false);
          }}
          required
        />
        <TextField
          {...form.field('lastName')}
          label={t('auth.field.lastName')}
          name="lastName"
          autoComplete="family-name"
          maxLength={100}
          value={lastName}
          onChange={(e) => {
            setLastName(e.target.value);
            setSaved(false);
          }}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined}>
            {t('common.save')}
          </button>
        </div>
      </form>
      {saved && (
        <p className="alert alert--success profile__saved" role="status">
          {t('profile.name.saved')}
        </p>
      )}
    </section>
  );
}

export function EmailLanguageSection() {
  const { t } = useLanguage();
  const me = useMe();
  const { refresh } = useSession();
  const form = useMutation();
  const [locale, setLocale] = useState<Language>(me.user.locale);
  const [saved, setSaved] = useState<Language | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const done = await form.run(() => profileApi.updateMe({ locale }));
    if (!done) return;
    setSaved(locale);
    await refresh();
  }

  return (
    <section className="card section" aria-labelledby="profile-language-title">
      <h2 id="profile-language-title" className="section__title">
        {t('profile.emailLanguage.title')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="profile-language-title">
        <FormAlert message={form.formError} />
        <SelectField
          {...form.field('locale')}
          label={t('profile.emailLanguage.label')}
          hint={t('profile.emailLanguage.hint')}
          name="emailLanguage"
          value={locale}
          onChange={(e) => {
            setLocale(e.target.value as Language);
            setSaved(null);
          }}
          options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.pending || locale === me.user.locale} aria-busy={form.pending || undefined}>
            {t('common.save')}
          </button>
        </div>
      </form>
      {saved && (
        <p className="alert alert--success profile__saved" role="status">
          {t('profile.emailLanguage.saved', { language: t(saved === 'es' ? 'profile.language.es' : 'profile.language.en') })}
        </p>
      )}
    </section>
  );
}
