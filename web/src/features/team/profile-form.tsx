// Create or change a permission profile (TEAM-5): a name and permissions grouped like the
// catalog. Editing one changes at once what every member holding it may do.
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { FormAlert, requireText, TextField, useMutation } from '../../ui/form.tsx';
import { PermissionPicker } from './grant-pickers.tsx';
import type { Grant, Permission } from './grant.ts';
import { type Profile, teamApi } from './team.api.ts';

export function ProfileFormDialog(props: { teamId: string; profile?: Profile | undefined; actor: Grant; onSaved: (profile: Profile) => void; onCancel: () => void }) {
  const { t } = useLanguage();
  const { teamId, profile, actor, onSaved, onCancel } = props;
  const id = useId();
  const [name, setName] = useState(profile?.name ?? '');
  const [permissions, setPermissions] = useState<Set<Permission>>(() => new Set(profile?.permissions ?? []));
  const form = useMutation();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // A profile gives permissions: one without any would give nothing (issue 7).
    if (form.check({ name: requireText(t, name), permissions: permissions.size === 0 ? t('team.profiles.choosePermission') : undefined })) return;
    const body = { name: name.trim(), permissions: [...permissions] };
    const saved = await form.run(() => (profile ? teamApi.updateProfile(teamId, profile.id, body) : teamApi.createProfile(teamId, body)));
    if (saved) onSaved(saved);
  };

  const formId = `${id}-form`;
  return (
    <Dialog
      title={profile ? t('team.profiles.editTitle', { name: profile.name }) : t('team.profiles.addTitle')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={form.pending || !name.trim()}>
            {profile ? t('common.saveChanges') : t('team.profiles.addSubmit')}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField {...form.field('name')} label={t('team.profiles.name')} required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        {profile && profile.members > 0 && (
          <p className="note" role="note">
            {t('team.profiles.editNote', { count: profile.members })}
          </p>
        )}
        <PermissionPicker
          value={permissions}
          onChange={setPermissions}
          actor={actor}
          legend={t('team.profiles.permissions')}
          field={form.field('permissions')}
        />
        <FormAlert message={form.formError} />
      </form>
    </Dialog>
  );
}
