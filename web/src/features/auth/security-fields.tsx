// The two security questions and the PIN (MA-1) as a person chooses them: at sign-up, and
// again on My profile. One place for their fields, the checks made before sending (two
// different questions, a hint that does not hold its answer, a PIN of 4 to 6 digits typed
// twice) and the shape the API takes; the server checks again. Errors are keyed as the
// server names the fields (questions.1.hint, pin, pinRepeat).
import { normalizeAnswer, type SecurityQuestionId } from '@server/modules/auth/password.rules.ts';
import { type Translate, useT } from '../../lib/i18n.ts';
import { type FieldErrors, type Mutation, requireText, SelectField, TextField } from '../../ui/form.tsx';
import type { SecurityQuestionOption } from './auth.api.ts';
import { PinField } from './auth-fields.tsx';
import { checkPin } from './auth.form.tsx';

export interface QuestionAnswer {
  questionId: string;
  answer: string;
  hint: string;
}

export type QuestionAnswers = [QuestionAnswer, QuestionAnswer];

export function emptyQuestionAnswers(): QuestionAnswers {
  return [
    { questionId: '', answer: '', hint: '' },
    { questionId: '', answer: '', hint: '' },
  ];
}

export function checkQuestionAnswers(t: Translate, answers: QuestionAnswers): FieldErrors {
  const errors: FieldErrors = {};
  answers.forEach((q, i) => {
    if (!q.questionId) errors[`questions.${i}.questionId`] = t('auth.error.chooseQuestion');
    errors[`questions.${i}.answer`] = requireText(t, q.answer);
    const answer = normalizeAnswer(q.answer);
    if (!q.hint.trim()) errors[`questions.${i}.hint`] = t('error.required');
    else if (answer && normalizeAnswer(q.hint).includes(answer)) errors[`questions.${i}.hint`] = t('auth.error.hintRevealsAnswer');
  });
  return errors;
}

export function checkNewPin(t: Translate, pin: string, pinRepeat: string): FieldErrors {
  return {
    pin: checkPin(t, pin),
    pinRepeat: !pinRepeat ? t('error.required') : pinRepeat !== pin ? t('auth.error.pinMismatch') : undefined,
  };
}

/** The answers as the API takes them (sign-up, My profile). */
export function questionAnswersBody(answers: QuestionAnswers) {
  return answers.map((q) => ({ questionId: q.questionId as SecurityQuestionId, answer: q.answer.trim(), hint: q.hint.trim() }));
}

/** The two questions, each with its answer and hint, in a fieldset of its own. */
export function SecurityQuestionsFields(props: {
  form: Mutation;
  questions: SecurityQuestionOption[];
  value: QuestionAnswers;
  onChange: (next: QuestionAnswers) => void;
}) {
  const t = useT();
  const { form, value } = props;
  const options = props.questions.map((q) => ({ value: q.id, label: q.label }));

  function change(index: 0 | 1, patch: Partial<QuestionAnswer>) {
    const next: QuestionAnswers = [{ ...value[0] }, { ...value[1] }];
    next[index] = { ...next[index], ...patch };
    // The second list leaves out the first choice; a clash empties the second one.
    if (index === 0 && patch.questionId && next[1].questionId === patch.questionId) next[1].questionId = '';
    props.onChange(next);
  }

  return (
    <>
      {([0, 1] as const).map((i) => {
        const q = value[i];
        const choices = i === 1 ? options.filter((o) => o.value !== value[0].questionId) : options;
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
              onChange={(e) => change(i, { questionId: e.target.value })}
              required
            />
            <TextField
              {...form.field(`questions.${i}.answer`)}
              label={t('auth.field.answer')}
              name={`answer-${i}`}
              autoComplete="off"
              maxLength={200}
              value={q.answer}
              onChange={(e) => change(i, { answer: e.target.value })}
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
              onChange={(e) => change(i, { hint: e.target.value })}
              hint={t('auth.signup.hintHint')}
              required
            />
          </fieldset>
        );
      })}
    </>
  );
}

/** A new PIN typed twice; the page words the first label and lays the two out. */
export function NewPinFields(props: {
  form: Mutation;
  pinLabel: string;
  pinHint?: string;
  /** The inputs' names: sign-up's `pin`, My profile's `new-pin`. */
  names: { pin: string; repeat: string };
  pin: string;
  pinRepeat: string;
  onPinChange: (value: string) => void;
  onPinRepeatChange: (value: string) => void;
}) {
  const t = useT();
  return (
    <>
      <PinField
        binding={props.form.field('pin')}
        label={props.pinLabel}
        hint={props.pinHint}
        name={props.names.pin}
        value={props.pin}
        onChange={props.onPinChange}
      />
      <PinField
        binding={props.form.field('pinRepeat')}
        label={t('auth.field.pinRepeat')}
        name={props.names.repeat}
        value={props.pinRepeat}
        onChange={props.onPinRepeatChange}
      />
    </>
  );
}
