// My profile: the PIN and the two security questions (MA-1), replaced together after the
// current password. The page checks what sign-up checks (two different questions, a hint
// that does not hold its answer, a PIN of 4 to 6 digits typed twice); the server again.
import { type FormEvent, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { useResource } from '../app/use-resource.ts';
import { type FieldErrors, FormAlert, requireText, useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useSecurityQuestions } from '../auth/auth.form.tsx';
import {
  checkNewPin,
  checkQuestionAnswers,
  emptyQuestionAnswers,
  NewPinFields,
  questionAnswersBody,
  SecurityQuestionsFields,
} from '../auth/security-fields.tsx';
import { CurrentPasswordField } from './password.section.tsx';
import { type MySecurity, profileApi, profilePaths } from './profile.api.ts';

export function SecuritySection() {
  const { t } = useLanguage();
  const questions = useSecurityQuestions();
  const [security, reload] = useResource<MySecurity>(profilePaths.security);
  const form = useMutation();
  const [current, setCurrent] = useState('');
  const [answers, setAnswers] = useState(emptyQuestionAnswers);
  const [pin, setPin] = useState('');
  const [pinRepeat, setPinRepeat] = useState('');
  const [saved, setSaved] = useState(false);

  const labelOf = (id: string) => questions.find((q) => q.id === id)?.label ?? id;

  function check(): FieldErrors {
    return { currentPassword: requireText(t, current), ...checkQuestionAnswers(t, answers), ...checkNewPin(t, pin, pinRepeat) };
  }

  /** Any edit hides the last "saved". */
  const edit =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setSaved(false);
    };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (form.check(check())) return;
    const done = await form.run(() =>
      profileApi.changeSecurity({
        currentPassword: current,
        pin,
        questions: questionAnswersBody(answers),
      }),
    );
    if (!done) return;
    setCurrent('');
    setAnswers(emptyQuestionAnswers());
    setPin('');
    setPinRepeat('');
    setSaved(true);
    reload();
  }

  return (
    // `auth`: the fieldsets' look of sign-up, where these were chosen first.
    <section className="card section auth" aria-labelledby="profile-security-title">
      <h2 id="profile-security-title" className="section__title">
        {t('profile.security.title')}
      </h2>
      <p className="muted">{t('profile.security.intro')}</p>
      {security.kind === 'loading' && <Loading />}
      {security.kind === 'error' && <LoadError message={security.error.message} onRetry={reload} />}
      {security.kind === 'ready' && (
        <p className="profile__on-record">
          {security.data.questionIds.length > 0
            ? t('profile.security.current', { questions: security.data.questionIds.map(labelOf).join(' · ') })
            : t('profile.security.none')}
        </p>
      )}
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="profile-security-title">
        <FormAlert message={form.formError} />
        <CurrentPasswordField
          binding={form.field('currentPassword')}
          name="security-current-password"
          value={current}
          onChange={edit(setCurrent)}
        />
        <SecurityQuestionsFields form={form} questions={questions} value={answers} onChange={edit(setAnswers)} />
        <fieldset className="fieldset">
          <legend>{t('auth.field.pin')}</legend>
          <p className="field__hint">{t('auth.signup.pinIntro')}</p>
          <div className="form__row">
            <NewPinFields
              form={form}
              pinLabel={t('profile.security.newPin')}
              names={{ pin: 'new-pin', repeat: 'new-pin-repeat' }}
              pin={pin}
              pinRepeat={pinRepeat}
              onPinChange={edit(setPin)}
              onPinRepeatChange={edit(setPinRepeat)}
            />
          </div>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.pending} aria-busy={form.pending || undefined}>
            {t('profile.security.save')}
          </button>
        </div>
      </form>
      {saved && (
        <p className="alert alert--success profile__saved" role="status">
          {t('profile.security.saved')}
        </p>
      )}
    </section>
  );
}
