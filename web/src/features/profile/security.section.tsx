// My profile: the PIN and the two security questions (MA-1), replaced together after the
// current password. The page checks what sign-up checks (two different questions, a hint
// that does not hold its answer, a PIN of 4 to 6 digits typed twice); the server again.
import { type FormEvent, useState } from 'react';
import { normalizeAnswer, type SecurityQuestionId } from '@server/modules/auth/password.rules.ts';
import { useLanguage } from '../../lib/i18n.ts';
import { useResource } from '../app/use-resource.ts';
import { type FieldErrors, FormAlert, requireText, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { checkPin, digitsOnly, useSecurityQuestions } from '../auth/auth.form.tsx';
import { CurrentPasswordField } from './password.section.tsx';
import { type MySecurity, profileApi, profilePaths } from './profile.api.ts';

interface QuestionAnswer {
  questionId: string;
  answer: string;
  hint: string;
}

const empty = (): [QuestionAnswer, QuestionAnswer] => [
  { questionId: '', answer: '', hint: '' },
  { questionId: '', answer: '', hint: '' },
];

export function SecuritySection() {
  const { t } = useLanguage();
  const questions = useSecurityQuestions();
  const [security, reload] = useResource<MySecurity>(profilePaths.security);
  const form = useMutation();
  const [current, setCurrent] = useState('');
  const [answers, setAnswers] = useState(empty);
  const [pin, setPin] = useState('');
  const [pinRepeat, setPinRepeat] = useState('');
  const [saved, setSaved] = useState(false);

  const labelOf = (id: string) => questions.find((q) => q.id === id)?.label ?? id;
  const options = questions.map((q) => ({ value: q.id, label: q.label }));

  function setQuestion(index: 0 | 1, patch: Partial<QuestionAnswer>) {
    setSaved(false);
    setAnswers((prev) => {
      const next: [QuestionAnswer, QuestionAnswer] = [{ ...prev[0] }, { ...prev[1] }];
      next[index] = { ...next[index], ...patch };
      // The second list leaves out the first choice; a clash empties the second one.
      if (index === 0 && patch.questionId && next[1].questionId === patch.questionId) next[1].questionId = '';
      return next;
    });
  }

  function check(): FieldErrors {
    const errors: FieldErrors = { currentPassword: requireText(t, current) };
    answers.forEach((q, i) => {
      if (!q.questionId) errors[`questions.${i}.questionId`] = t('auth.error.chooseQuestion');
      errors[`questions.${i}.answer`] = requireText(t, q.answer);
      const answer = normalizeAnswer(q.answer);
      if (!q.hint.trim()) errors[`questions.${i}.hint`] = t('error.required');
      else if (answer && normalizeAnswer(q.hint).includes(answer)) errors[`questions.${i}.hint`] = t('auth.error.hintRevealsAnswer');
    });
    errors.pin = checkPin(t, pin);
    errors.pinRepeat = !pinRepeat ? t('error.required') : pinRepeat !== pin ? t('auth.error.pinMismatch') : undefined;
    return errors;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (form.check(check())) return;
    const done = await form.run(() =>
      profileApi.changeSecurity({
        currentPassword: current,
        pin,
        questions: answers.map((q) => ({ questionId: q.questionId as SecurityQuestionId, answer: q.answer.trim(), hint: q.hint.trim() })),
      }),
    );
    if (!done) return;
    setCurrent('');
    setAnswers(empty());
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
          onChange={(value) => {
            setCurrent(value);
            setSaved(false);
          }}
        />
        {([0, 1] as const).map((i) => {
          const q = answers[i];
          const choices = i === 1 ? options.filter((o) => o.value !== answers[0].questionId) : options;
          return (
            <fieldset key={i} className="fieldset">
              <legend>{t('auth.signup.questionN', { n: i + 1 })}</legend>
              <SelectField
                {...form.field(`questions.${i}.questionId`)}
                label={t('auth.field.question')}
                name={`question-${i}`}
                value={q.questionId}
                placeholder={t('auth.signup.chooseQuestion')}
                options={choices}
                onChange={(e) => setQuestion(i, { questionId: e.target.value })}
                required
              />
              <TextField
                {...form.field(`questions.${i}.answer`)}
                label={t('auth.field.answer')}
                name={`answer-${i}`}
                autoComplete="off"
                maxLength={200}
                value={q.answer}
                onChange={(e) => setQuestion(i, { answer: e.target.value })}
                hint={t('auth.signup.answerHint')}
                required
              />
              <TextField
                {...form.field(`questions.${i}.hint`)}
                label={t('auth.field.hint')}
                name={`hint-${i}`}
                autoComplete="off"
                maxLength={200}
                value={q.hint}
                onChange={(e) => setQuestion(i, { hint: e.target.value })}
                hint={t('auth.signup.hintHint')}
                required
              />
            </fieldset>
          );
        })}
        <fieldset className="fieldset">
          <legend>{t('auth.field.pin')}</legend>
          <p className="field__hint">{t('auth.signup.pinIntro')}</p>
          <div className="form__row">
            <TextField
              {...form.field('pin')}
              label={t('profile.security.newPin')}
              type="password"
              name="new-pin"
              inputMode="numeric"
              autoComplete="off"
              pattern="[0-9]{4,6}"
              maxLength={6}
              value={pin}
              onChange={(e) => {
                setPin(digitsOnly(e.target.value));
                setSaved(false);
              }}
              required
            />
            <TextField
              {...form.field('pinRepeat')}
              label={t('auth.field.pinRepeat')}
              type="password"
              name="new-pin-repeat"
              inputMode="numeric"
              autoComplete="off"
              pattern="[0-9]{4,6}"
              maxLength={6}
              value={pinRepeat}
              onChange={(e) => {
                setPinRepeat(digitsOnly(e.target.value));
                setSaved(false);
              }}
              required
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
