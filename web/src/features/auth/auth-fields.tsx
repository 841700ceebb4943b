// Fields that several auth pages (and My profile, and the staff login) ask the same way, so
// each keeps one set of attributes: the browser's autofill hints, the keyboard a phone
// shows, the PIN kept to digits. Labels come from the caller where the pages word them apart.
import { useT } from '../../lib/i18n.ts';
import { type FieldBinding, TextField } from '../../ui/form.tsx';
import { digitsOnly } from './auth.form.tsx';

/** A PIN (4 to 6 digits, MA-1): typed hidden, a numeric keyboard, never autofilled, digits only. */
export function PinField(props: { binding: FieldBinding; label: string; hint?: string; name: string; value: string; onChange: (value: string) => void }) {
  return (
    <TextField
      {...props.binding}
      label={props.label}
      hint={props.hint}
      type="password"
      name={props.name}
      inputMode="numeric"
      autoComplete="off"
      pattern="[0-9]{4,6}"
      maxLength={6}
      value={props.value}
      onChange={(e) => props.onChange(digitsOnly(e.target.value))}
      required
    />
  );
}

/** The e-mail a person logs in with (login, staff login, forgotten password): autofilled as the username. */
export function EmailField(props: { binding: FieldBinding; value: string; onChange: (value: string) => void }) {
  const t = useT();
  return (
    <TextField
      {...props.binding}
      label={t('auth.field.email')}
      type="email"
      name="email"
      autoComplete="username"
      inputMode="email"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required
    />
  );
}

/** The answer to the security question a second step asks (MA-4): labelled by the question, its hint beneath. */
export function QuestionAnswerField(props: { binding: FieldBinding; question: string; hint: string; value: string; onChange: (value: string) => void }) {
  const t = useT();
  return (
    <TextField
      {...props.binding}
      label={props.question}
      hint={t('auth.login.hint', { hint: props.hint })}
      type="text"
      name="answer"
      autoComplete="off"
      maxLength={200}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required
    />
  );
}
