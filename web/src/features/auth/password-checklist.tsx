// MA-3: the password checklist. The rules are the server's own definition
// (src/modules/auth/password.rules.ts), so the page and the server can never disagree.
// Each rule ticks as the person types; the list is a polite live region whose text
// changes only when a rule flips, so a screen reader hears "met" once per rule, not
// once per keystroke.
import { useId } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { checkPassword, PASSWORD_MAX, PASSWORD_RULES } from '@server/modules/auth/password.rules.ts';
import { type FieldBinding, TextField } from '../../ui/form.tsx';

/** Every rule holds and the repetition matches: the only state in which Save is enabled. */
export function passwordReady(password: string, repeat: string): boolean {
  return checkPassword(password).ok && password === repeat;
}

interface ChecklistProps {
  id?: string;
  password: string;
  /** Omit to leave out the "passwords match" line. */
  repeat?: string;
}

export function PasswordChecklist({ id, password, repeat }: ChecklistProps) {
  const { lang, t } = useLanguage();
  const items: Array<{ key: string; label: string; met: boolean }> = PASSWORD_RULES.map((rule) => ({
    key: rule.id,
    label: rule[lang],
    met: rule.test(password),
  }));
  if (repeat !== undefined) {
    items.push({ key: 'match', label: t('auth.password.match'), met: password.length > 0 && password === repeat });
  }
  const metCount = items.filter((i) => i.met).length;
  return (
    <div className="checklist" id={id}>
      <p className="checklist__title">{t('auth.password.rulesTitle')}</p>
      <ul className="checklist__list" aria-live="polite">
        {items.map((item) => (
          <li key={item.key} className={item.met ? 'checklist__item is-met' : 'checklist__item'} data-rule={item.key}>
            <span className="checklist__mark" aria-hidden="true">
              {item.met ? '✓' : '○'}
            </span>
            <span className="checklist__label">{item.label}</span>
            <span className="visually-hidden">{item.met ? t('auth.password.met') : t('auth.password.notMet')}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden">{t('auth.password.progress', { met: metCount, total: items.length })}</p>
    </div>
  );
}

interface PasswordFieldsProps {
  password: string;
  repeat: string;
  onPasswordChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  /** The form's binding of the password field (its ref, error and clearing), from `form.field('password')`. */
  passwordField?: FieldBinding;
  repeatError?: string | undefined;
  label?: string;
}

/** The new password, its repetition, and the live checklist between them. */
export function PasswordFields({ password, repeat, onPasswordChange, onRepeatChange, passwordField, repeatError, label }: PasswordFieldsProps) {
  const { t } = useLanguage();
  const id = useId();
  const checklistId = `${id}-checklist`;
  return (
    <div className="password-fields">
      <TextField
        {...passwordField}
        id={`${id}-password`}
        label={label ?? t('auth.password.new')}
        type="password"
        name="new-password"
        autoComplete="new-password"
        maxLength={PASSWORD_MAX}
        value={password}
        onChange={(e) => onPasswordChange(e.target.value)}
        describedById={checklistId}
        required
      />
      <TextField
        id={`${id}-repeat`}
        label={t('auth.password.repeat')}
        type="password"
        name="new-password-repeat"
        autoComplete="new-password"
        maxLength={PASSWORD_MAX}
        value={repeat}
        onChange={(e) => onRepeatChange(e.target.value)}
        error={repeatError}
        describedById={checklistId}
        required
      />
      <PasswordChecklist id={checklistId} password={password} repeat={repeat} />
    </div>
  );
}
