// The login both sellers (MA-4) and platform staff (PLAT-*) go through: e-mail and password,
// then, when the server asks, a second step shown in place: the PIN, and for sellers the
// answer to one security question. A wrong password empties it; a wrong PIN empties the PIN;
// a challenge that ran out (too many tries, too late) starts again from the password with the
// server's message on top. Each page keeps its own card, texts and where to go once in.
import { type FormEvent, useState } from 'react';
import { useT } from '../../lib/i18n.ts';
import { checkEmail, FormAlert, type Mutation, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { EmailField, PinField, QuestionAnswerField } from './auth-fields.tsx';
import { checkPin } from './auth.form.tsx';

export interface TwoStepLoginOptions<C> {
  /** Sends the e-mail and password: the challenge of a second step, or null when the person is in. */
  logIn: (credentials: { email: string; password: string }) => Promise<C | null>;
  /** Sends the second step to the challenge (the answer is empty when none is asked). */
  secondStep: (challenge: C, pin: string, answer: string) => Promise<unknown>;
  /** Whether the second step asks a security question besides the PIN (it must then be answered). */
  asksAnswer: boolean;
  /** Once in: where the page goes next (the form, to stay busy while leaving: `form.leave(url)`). */
  onDone: (form: Mutation) => void | Promise<void>;
}

export function useTwoStepLogin<C>(options: TwoStepLoginOptions<C>) {
  const t = useT();
  const form = useMutation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<C | null>(null);
  const [pin, setPin] = useState('');
  const [answer, setAnswer] = useState('');

  function backToPassword() {
    setChallenge(null);
    setPassword('');
  }

  async function submitCredentials(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.check({ email: checkEmail(t, email), password: requireText(t, password) })) return;
    const result = await form.run(() => options.logIn({ email: email.trim(), password }), {
      onError: (error) => {
        setPassword('');
        if (!error.field) form.focus('password');
      },
    });
    if (result === undefined) return;
    if (result === null) {
      await options.onDone(form);
      return;
    }
    setPin('');
    setAnswer('');
    setChallenge(result);
    form.focus('pin');
  }

  async function submitSecondStep(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge) return;
    if (form.check({ pin: checkPin(t, pin), ...(options.asksAnswer ? { answer: requireText(t, answer) } : {}) })) return;
    const done = await form.run(() => options.secondStep(challenge, pin, answer), {
      onError: (error) => {
        if (error.code === 'challenge_expired') {
          backToPassword();
          form.setFormError(error.message);
          form.focus('password');
        } else {
          setPin('');
          form.focus('pin');
        }
      },
    });
    if (done) await options.onDone(form);
  }

  function startAgain() {
    backToPassword();
    form.clear();
    form.focus('password');
  }

  return { form, email, setEmail, password, setPassword, challenge, pin, setPin, answer, setAnswer, submitCredentials, submitSecondStep, startAgain };
}

export type TwoStepLogin = ReturnType<typeof useTwoStepLogin<unknown>>;

/** The first step: e-mail and password. */
export function CredentialsForm({ login, submitLabel }: { login: TwoStepLogin; submitLabel: string }) {
  const t = useT();
  const { form } = login;
  return (
    <form className="form" onSubmit={login.submitCredentials} noValidate>
      <FormAlert message={form.formError} />
      <EmailField binding={form.field('email')} value={login.email} onChange={login.setEmail} />
      <TextField
        {...form.field('password')}
        label={t('auth.field.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        value={login.password}
        onChange={(e) => login.setPassword(e.target.value)}
        required
      />
      <SubmitButton form={form} label={submitLabel} />
    </form>
  );
}

/** The second step: the PIN, the question when one is asked, and a way back to the password. */
export function SecondStepForm(props: {
  login: TwoStepLogin;
  pinHint: string;
  /** The question asked (its label in the reader's language) and the hint the person gave it. */
  question?: { label: string; hint: string };
  verifyLabel: string;
  startAgainLabel: string;
}) {
  const t = useT();
  const { login } = props;
  const { form } = login;
  return (
    <form className="form" onSubmit={login.submitSecondStep} noValidate>
      <FormAlert message={form.formError} />
      <PinField binding={form.field('pin')} label={t('auth.field.pin')} hint={props.pinHint} name="pin" value={login.pin} onChange={login.setPin} />
      {props.question ? (
        <QuestionAnswerField
          binding={form.field('answer')}
          question={props.question.label}
          hint={props.question.hint}
          value={login.answer}
          onChange={login.setAnswer}
        />
      ) : null}
      <SubmitButton form={form} label={props.verifyLabel} />
      <button type="button" className="link-button" onClick={login.startAgain}>
        {props.startAgainLabel}
      </button>
    </form>
  );
}

function SubmitButton({ form, label }: { form: Mutation; label: string }) {
  return (
    <button type="submit" className="button button--primary button--block" disabled={form.pending} aria-busy={form.pending || undefined}>
      {label}
    </button>
  );
}
