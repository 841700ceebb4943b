// My profile: change the password (MA-3). The current password first, then the new one
// with the live checklist; Save is enabled only once every rule holds and both match.
// The server logs out the other sessions and e-mails the person.
import { type FormEvent, useState } from 'react';
import { PASSWORD_MAX } from '@server/modules/auth/password.rules.ts';
import { useLanguage } from '../../lib/i18n.ts';
import { type FieldBinding, FormAlert, TextField, useMutation } from '../../ui/form.tsx';
import { PasswordFields, passwordReady } from '../auth/password-checklist.tsx';
import { profileApi } from './profile.api.ts';

/** The current password, which every change of a secret asks for. */
export function CurrentPasswordField(props: { binding: FieldBinding; value: string; onChange: (value: string) => void; name: string }) {
  const { t } = useLanguage();
  return (
    <TextField
      {...props.binding}
      label={t('profile.field.currentPassword')}
      hint={t('profile.field.currentPasswordHint')}
      type="password"
      name={props.name}
      autoComplete="current-password"
      maxLength={PASSWORD_MAX}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required
    />
  );
}

export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useLanguage();
  const form = useMutation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [saved, setSaved] = useState(false);
  const ready = current.length > 0 && passwordReady(password, repeat);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready) return;
    const done = await form.run(() => profileApi.changePassword({ currentPassword: current, newPassword: password }));
    if (!done) return;
    setCurrent('');
    setPassword('');
    setRepeat('');
    setSaved(true);
    onChanged();
  }

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setSaved(false);
  };

  return (
    // `auth`: the checklist's and fieldsets' look of the public password pages.
    <section className="card section auth" aria-labelledby="profile-password-title">
      <h2 id="profile-password-title" className="section__title">
        {t('profile.password.title')}
      </h2>
      <p className="muted">{t('profile.password.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="profile-password-title">
        <FormAlert message={form.formError} />
        <CurrentPasswordField binding={form.field('currentPassword')} name="current-password" value={current} onChange={edit(setCurrent)} />
        <PasswordFields
          password={password}
          repeat={repeat}
          onPasswordChange={edit(setPassword)}
          onRepeatChange={edit(setRepeat)}
          passwordField={form.field('newPassword')}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={!ready || form.pending} aria-busy={form.pending || undefined}>
            {t('profile.password.save')}
          </button>
        </div>
      </form>
      {saved && (
        <p className="alert alert--success profile__saved" role="status">
          {t('profile.password.saved')}
        </p>
      )}
    </section>
  );
}
