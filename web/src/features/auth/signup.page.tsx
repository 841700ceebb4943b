// MA-1: sign-up for a master account, in the SPEC's order: (1) e-mail and name, (2) two
// security questions with answers and hints, (3) a PIN, (4) the first seller account: a new
// one to open (ACC-2: username, time zone, language, currency; the default) or the username and
// password of one the person already has. Each step is checked before the next; a server error
// takes the reader back to the step that holds the field. MA-2: the answer is "check your e-mail".
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LANGUAGE_NAMES, LANGUAGES, type Language, useLanguage } from '../../lib/i18n.ts';
import { findZone, timeZoneOptions } from '../../lib/time-zones.ts';
import { checkEmail, type FieldErrors, FormAlert, requireText, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { TimeZoneField } from '../../ui/time-zone-field.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type AccountCurrency, browserZone, currencyForZone, currencyOptions } from '../accounts/currencies.ts';
import { authApi } from './auth.api.ts';
import { AuthCard, StatusMessage, useSecurityQuestions } from './auth.form.tsx';
import {
  checkNewPin,
  checkQuestionAnswers,
  emptyQuestionAnswers,
  NewPinFields,
  type QuestionAnswers,
  questionAnswersBody,
  SecurityQuestionsFields,
} from './security-fields.tsx';

const STEPS = [1, 2, 3, 4] as const;
type Step = (typeof STEPS)[number];

interface Values {
  email: string;
  firstName: string;
  lastName: string;
  locale: Language;
  questions: QuestionAnswers;
  pin: string;
  pinRepeat: string;
  /** ACC-2: open a new seller account (the default) or bring an existing one. */
  accountChoice: 'new' | 'existing';
  newUsername: string;
  newTimeZone: string;
  /** Null: the person's own language, until another is chosen. */
  newLocale: Language | null;
  /** Null: the time zone's guess, until one is chosen. */
  newCurrency: AccountCurrency | null;
  accountUsername: string;
  accountPassword: string;
}

/** ACC-2: the server's rule (accounts.rules.ts), checked here before sending; the server decides. */
const USERNAME_RE = /^[a-z0-9._-]{3,30}$/;

/** The step that holds a field named as the server names it (email, questions.1.hint, pin…). */
export function stepOfField(field: string | undefined): Step | null {
  if (!field) return null;
  if (['email', 'firstName', 'lastName', 'locale'].includes(field)) return 1;
  if (field === 'questions' || field.startsWith('questions.')) return 2;
  if (field === 'pin' || field === 'pinRepeat') return 3;
  if (field === 'accountUsername' || field === 'accountPassword' || field === 'newAccount' || field.startsWith('newAccount.')) return 4;
  return null;
}

const STEP_TITLE_KEYS = {
  1: 'auth.signup.step1',
  2: 'auth.signup.step2',
  3: 'auth.signup.step3',
  4: 'auth.signup.step4',
} as const;

export function SignupPage() {
  const { lang, t } = useLanguage();
  const questions = useSecurityQuestions();
  const form = useMutation();
  const choiceId = useId();
  // A link may ask for the existing-account path with its username (the set-password page does).
  const [search] = useSearchParams();
  const zones = useMemo(() => timeZoneOptions(new Date()), []);
  const [step, setStep] = useState<Step>(1);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [values, setValues] = useState<Values>(() => ({
    email: '',
    firstName: '',
    lastName: '',
    locale: lang,
    questions: emptyQuestionAnswers(),
    pin: '',
    pinRepeat: '',
    accountChoice: search.get('account') === 'existing' ? 'existing' : 'new',
    newUsername: '',
    newTimeZone: findZone(zones, browserZone())?.id ?? 'UTC',
    newLocale: null,
    newCurrency: null,
    accountUsername: search.get('username')?.slice(0, 100) ?? '',
    accountPassword: '',
  }));
  const newLocale = values.newLocale ?? values.locale;
  const newCurrency = values.newCurrency ?? currencyForZone(values.newTimeZone);

  useDocumentTitle(sentTo ? t('auth.signup.sentTitle') : t('auth.signup.title'));

  // Next and Back move the focus to the new step's heading; a server error moves it to its field instead.
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const [headingFocus, setHeadingFocus] = useState(0);
  useEffect(() => {
    if (headingFocus > 0) stepHeading.current?.focus();
  }, [headingFocus]);

  function goTo(next: Step) {
    form.clear();
    setStep(next);
    setHeadingFocus((n) => n + 1);
  }

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function checkStep(s: Step): FieldErrors {
    const v = values;
    switch (s) {
      case 1:
        return { email: checkEmail(t, v.email), firstName: requireText(t, v.firstName) };
      case 2:
        return checkQuestionAnswers(t, v.questions);
      case 3:
        return checkNewPin(t, v.pin, v.pinRepeat);
      case 4: {
        if (v.accountChoice === 'existing') {
          return { accountUsername: requireText(t, v.accountUsername), accountPassword: requireText(t, v.accountPassword) };
        }
        const username = v.newUsername.trim().toLowerCase();
        const zone = v.newTimeZone.trim();
        return {
          'newAccount.username': !username ? t('error.required') : USERNAME_RE.test(username) ? undefined : t('auth.error.username'),
          'newAccount.timeZone': !zone ? t('error.required') : findZone(zones, zone) ? undefined : t('auth.error.timeZone'),
        };
      }
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.check(checkStep(step))) return;
    if (step < 4) {
      goTo((step + 1) as Step);
      return;
    }
    const result = await form.run(
      () =>
        authApi.signup({
          email: values.email.trim(),
          firstName: values.firstName.trim(),
          lastName: values.lastName.trim(),
          locale: values.locale,
          questions: questionAnswersBody(values.questions),
          pin: values.pin,
          ...(values.accountChoice === 'new'
            ? {
                newAccount: {
                  username: values.newUsername.trim().toLowerCase(),
                  timeZone: findZone(zones, values.newTimeZone)?.id ?? values.newTimeZone.trim(),
                  locale: newLocale,
                  currency: newCurrency,
                },
              }
            : { accountUsername: values.accountUsername.trim(), accountPassword: values.accountPassword }),
        }),
      {
        // Fields live on their own steps; errors without one (wrong account credentials) stay on step 4.
        fields: (field) => stepOfField(field) !== null,
        onError: (error) => {
          const target = stepOfField(error.field);
          if (target) setStep(target);
        },
      },
    );
    if (result) setSentTo(result.pendingEmail ?? values.email.trim());
  }

  if (sentTo) {
    return (
      <AuthCard title={t('auth.signup.sentTitle')} focusKey="sent">
        <StatusMessage tone="success">
          <p>{t('auth.signup.sentBody', { email: sentTo })}</p>
          <p className="muted">{t('auth.signup.sentDetail')}</p>
        </StatusMessage>
        <p className="auth__links">
          <Link to="/login">{t('auth.common.goToLogin')}</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.signup.title')} intro={t('auth.signup.intro')}>
      <ol className="steps" aria-label={t('auth.signup.progress')}>
        {STEPS.map((s) => (
          <li
            key={s}
            className={s === step ? 'steps__item is-current' : s < step ? 'steps__item is-done' : 'steps__item'}
            aria-current={s === step ? 'step' : undefined}
          >
            <span className="steps__number" aria-hidden="true">
              {s < step ? '✓' : s}
            </span>
            <span className="steps__label">{t(STEP_TITLE_KEYS[s])}</span>
            {s < step ? <span className="visually-hidden"> {t('auth.signup.stepDone')}</span> : null}
          </li>
        ))}
      </ol>

      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="signup-step-title">
        <h2 id="signup-step-title" className="step-title" tabIndex={-1} ref={stepHeading}>
          {t('auth.signup.stepOf', { step, total: STEPS.length, title: t(STEP_TITLE_KEYS[step]) })}
        </h2>
        <FormAlert message={form.formError} />

        {step === 1 ? (
          <>
            <TextField
              {...form.field('email')}
              label={t('auth.field.email')}
              type="email"
              name="email"
              autoComplete="email"
              inputMode="email"
              value={values.email}
              onChange={(e) => set('email', e.target.value)}
              required
            />
            <TextField
              {...form.field('firstName')}
              label={t('auth.field.firstName')}
              name="firstName"
              autoComplete="given-name"
              maxLength={100}
              value={values.firstName}
              onChange={(e) => set('firstName', e.target.value)}
              required
            />
            <TextField
              {...form.field('lastName')}
              label={t('auth.field.lastName')}
              name="lastName"
              autoComplete="family-name"
              maxLength={100}
              value={values.lastName}
              onChange={(e) => set('lastName', e.target.value)}
            />
            <SelectField
              {...form.field('locale')}
              label={t('auth.field.language')}
              hint={t('auth.signup.languageHint')}
              name="locale"
              value={values.locale}
              onChange={(e) => set('locale', e.target.value as Language)}
              options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
            />
          </>
        ) : null}

        {step === 2 ? (
          <>
            <p className="muted">{t('auth.signup.questionsIntro')}</p>
            <SecurityQuestionsFields form={form} questions={questions} value={values.questions} onChange={(next) => set('questions', next)} />
          </>
        ) : null}

        {step === 3 ? (
          <>
            <p className="muted">{t('auth.signup.pinIntro')}</p>
            <NewPinFields
              form={form}
              pinLabel={t('auth.field.pin')}
              pinHint={t('auth.signup.pinHint')}
              names={{ pin: 'pin', repeat: 'pinRepeat' }}
              pin={values.pin}
              pinRepeat={values.pinRepeat}
              onPinChange={(pin) => set('pin', pin)}
              onPinRepeatChange={(pinRepeat) => set('pinRepeat', pinRepeat)}
            />
          </>
        ) : null}

        {step === 4 ? (
          <>
            <fieldset className="picker">
              <legend className="picker__legend">{t('auth.signup.accountChoice')}</legend>
              <label className="check">
                <input
                  type="radio"
                  name={`${choiceId}-account`}
                  value="new"
                  checked={values.accountChoice === 'new'}
                  onChange={() => {
                    form.clear();
                    set('accountChoice', 'new');
                  }}
                />
                <span>
                  {t('auth.signup.openNew')} <span className="muted small">— {t('auth.signup.openNewHint')}</span>
                </span>
              </label>
              <label className="check">
                <input
                  type="radio"
                  name={`${choiceId}-account`}
                  value="existing"
                  checked={values.accountChoice === 'existing'}
                  onChange={() => {
                    form.clear();
                    set('accountChoice', 'existing');
                  }}
                />
                <span>
                  {t('auth.signup.haveAccount')} <span className="muted small">— {t('auth.signup.haveAccountHint')}</span>
                </span>
              </label>
            </fieldset>

            {values.accountChoice === 'new' ? (
              <>
                <TextField
                  {...form.field('newAccount.username')}
                  label={t('auth.field.newUsername')}
                  hint={t('auth.signup.usernameHint')}
                  name="newUsername"
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  maxLength={30}
                  value={values.newUsername}
                  onChange={(e) => set('newUsername', e.target.value.toLowerCase())}
                  required
                />
                <TimeZoneField
                  {...form.field('newAccount.timeZone')}
                  label={t('auth.field.timeZone')}
                  hint={t('auth.signup.timeZoneHint')}
                  name="newTimeZone"
                  value={values.newTimeZone}
                  onChange={(zone) => set('newTimeZone', zone)}
                />
                <SelectField
                  {...form.field('newAccount.locale')}
                  label={t('auth.field.accountLanguage')}
                  hint={t('auth.signup.accountLanguageHint')}
                  name="newLocale"
                  value={newLocale}
                  onChange={(e) => set('newLocale', e.target.value as Language)}
                  options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
                />
                <SelectField
                  {...form.field('newAccount.currency')}
                  label={t('auth.field.currency')}
                  hint={t('auth.signup.currencyHint')}
                  name="newCurrency"
                  value={newCurrency}
                  onChange={(e) => set('newCurrency', e.target.value as AccountCurrency)}
                  options={currencyOptions(lang)}
                />
              </>
            ) : (
              <>
                <p className="muted">{t('auth.signup.accountIntro')}</p>
                <TextField
                  {...form.field('accountUsername')}
                  label={t('auth.field.accountUsername')}
                  name="accountUsername"
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  maxLength={100}
                  value={values.accountUsername}
                  onChange={(e) => set('accountUsername', e.target.value)}
                  required
                />
                <TextField
                  {...form.field('accountPassword')}
                  label={t('auth.field.accountPassword')}
                  type="password"
                  name="accountPassword"
                  autoComplete="off"
                  maxLength={200}
                  value={values.accountPassword}
                  onChange={(e) => set('accountPassword', e.target.value)}
                  required
                />
              </>
            )}
          </>
        ) : null}

        <div className="form__actions">
          {step > 1 ? (
            <button type="button" className="button" onClick={() => goTo((step - 1) as Step)} disabled={form.pending}>
              {t('auth.signup.back')}
            </button>
          ) : (
            <span />
          )}
          <button type="submit" className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined}>
            {step < 4 ? t('auth.signup.next') : values.accountChoice === 'new' ? t('auth.signup.submitOpen') : t('auth.signup.submit')}
          </button>
        </div>
      </form>
      <p className="auth__links">
        {t('auth.signup.haveLogin')} <Link to="/login">{t('auth.common.goToLogin')}</Link>
      </p>
    </AuthCard>
  );
}
