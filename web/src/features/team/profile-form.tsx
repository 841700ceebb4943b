// Create or change a permission profile (TEAM-5): a name and permissions grouped like the
// catalog. Editing one changes at once what every member holding it may do.
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { useMutation } from '../app/use-resource.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { FormError } from '../../ui/status.tsx';
import { type GrantBounds, PermissionPicker } from './grant-pickers.tsx';
import { type PermissionCatalog, type Profile, teamApi } from './team.api.ts';

export function ProfileFormDialog(props: {
  teamId: string;
  profile?: Profile;
  catalog: PermissionCatalog;
  bounds: GrantBounds;
  onSaved: (profile: Profile) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const { teamId, profile, catalog, bounds, onSaved, onCancel } = props;
  const id = useId();
  const [name, setName] = useState(profile?.name ?? '');
  const [permissions, setPermissions] = useState<Set<string>>(() => new Set(profile?.permissions ?? []));
  const save = useMutation();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = { name: name.trim(), permissions: [...permissions] };
    const saved = await save.run(() => (profile ? teamApi.updateProfile(teamId, profile.id, body) : teamApi.createProfile(teamId, body)));
    if (saved) onSaved(saved);
  };

  const formId = `${id}-form`;
  return (
    <Dialog
      title={profile ? t('app.profiles.editTitle', { name: profile.name }) : t('app.profiles.addTitle')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('app.common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={save.pending || !name.trim()}>
            {profile ? t('app.common.saveChanges') : t('app.profiles.addSubmit')}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('app.profiles.name')}</label>
          <input id={`${id}-name`} required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={save.error?.field === 'name' || undefined} />
        </div>
        {profile && profile.members > 0 && (
          <p className="note" role="note">
            {t('app.profiles.editNote', { count: profile.members })}
          </p>
        )}
        <PermissionPicker catalog={catalog} value={permissions} onChange={setPermissions} bounds={bounds} legend={t('app.profiles.permissions')} />
        <FormError message={save.error?.message} />
      </form>
    </Dialog>
  );
}
