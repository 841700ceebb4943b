// Add a member (TEAM-1) or change one (TEAM-2): who they are, whether they work only by
// API, where their permissions come from (a profile, TEAM-5, or a custom set grouped like
// the catalog, TEAM-6) and which accounts they see. Shown in a dialog.
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import type { Account } from '../accounts/accounts.api.ts';
import { useMutation } from '../app/use-resource.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { FormError } from '../../ui/status.tsx';
import { AccountScopePicker, type GrantBounds, mayGrantAll, PermissionPicker, type ScopeValue } from './grant-pickers.tsx';
import { type GrantInput, type Member, type MemberCreated, type PermissionCatalog, type Profile, teamApi } from './team.api.ts';

type Source = 'profile' | 'custom';

export interface MemberFormProps {
  teamId: string;
  /** Absent: a new member. */
  member?: Member;
  catalog: PermissionCatalog;
  profiles: readonly Profile[];
  accounts: readonly Account[];
  bounds: GrantBounds;
  onCreated?: (result: MemberCreated) => void;
  onSaved?: (member: Member) => void;
  onCancel: () => void;
}

export function MemberFormDialog(props: MemberFormProps) {
  const { t } = useLanguage();
  const { teamId, member, catalog, profiles, accounts, bounds, onCreated, onSaved, onCancel } = props;
  const id = useId();
  const editing = member !== undefined;
  const [email, setEmail] = useState(member?.email ?? '');
  const [firstName, setFirstName] = useState(member?.firstName ?? '');
  const [lastName, setLastName] = useState(member?.lastName ?? '');
  const [description, setDescription] = useState(member?.description ?? '');
  const [apiOnly, setApiOnly] = useState(member?.apiOnly ?? false);
  const grantableProfiles = profiles.filter((p) => mayGrantAll(bounds, p.permissions) || p.id === member?.profileId);
  const [source, setSource] = useState<Source>(member ? (member.profileId ? 'profile' : 'custom') : grantableProfiles.length > 0 ? 'profile' : 'custom');
  const [profileId, setProfileId] = useState(member?.profileId ?? grantableProfiles[0]?.id ?? '');
  const [permissions, setPermissions] = useState<Set<string>>(() => new Set(member?.permissions ?? []));
  const [scope, setScope] = useState<ScopeValue>(() =>
    member ? (member.allAccounts ? { all: true } : { all: false, ids: new Set(member.accountIds) }) : bounds.isOwner || bounds.allAccounts ? { all: true } : { all: false, ids: new Set() },
  );
  const save = useMutation();

  const grant = (): GrantInput => {
    const out: GrantInput = {};
    if (source === 'profile') out.profileId = profileId;
    else {
      if (editing && member.profileId) out.profileId = null; // detach, then the custom set
      out.permissions = [...permissions];
    }
    if (scope.all) out.allAccounts = true;
    else out.accountIds = [...scope.ids];
    return out;
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (editing) {
      const body = { ...grant(), description: description.trim(), apiOnly } as Parameters<typeof teamApi.updateMember>[2];
      // Names are sent only when changed: a person with their own login manages theirs.
      if (firstName.trim() !== member.firstName) body.firstName = firstName.trim();
      if (lastName.trim() !== member.lastName) body.lastName = lastName.trim();
      const saved = await save.run(() => teamApi.updateMember(teamId, member.id, body));
      if (saved) onSaved?.(saved);
    } else {
      const created = await save.run(() =>
        teamApi.createMember(teamId, {
          ...grant(),
          email: email.trim(),
          firstName: firstName.trim(),
          lastName: lastName.trim(),
          description: description.trim(),
          apiOnly,
        }),
      );
      if (created) onCreated?.(created);
    }
  };

  const invalid = (field: string) => (save.error?.field === field ? true : undefined);
  const title = editing ? t('app.members.editTitle', { name: `${member.firstName} ${member.lastName}`.trim() || member.email }) : t('app.members.addTitle');
  const formId = `${id}-form`;

  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('app.common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={save.pending || (source === 'profile' && !profileId)}>
            {editing ? t('app.common.saveChanges') : t('app.members.addSubmit')}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void onSubmit(e)}>
        {editing ? (
          <p className="muted">{t('app.members.editingEmail', { email: member.email })}</p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('app.members.email')}</label>
            <input
              id={`${id}-email`}
              type="email"
              required
              maxLength={254}
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={invalid('email')}
            />
          </div>
        )}
        <div className="form__row">
          <div className="field">
            <label htmlFor={`${id}-first`}>{t('app.members.firstName')}</label>
            <input id={`${id}-first`} required maxLength={100} value={firstName} onChange={(e) => setFirstName(e.target.value)} aria-invalid={invalid('firstName')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-last`}>{t('app.members.lastName')}</label>
            <input id={`${id}-last`} maxLength={100} value={lastName} onChange={(e) => setLastName(e.target.value)} aria-invalid={invalid('lastName')} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>{t('app.members.description')}</label>
          <input
            id={`${id}-description`}
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder={t('app.members.descriptionPlaceholder')}
            aria-invalid={invalid('description')}
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={apiOnly} onChange={(e) => setApiOnly(e.target.checked)} aria-describedby={`${id}-api-hint`} />
          <span>{t('app.members.apiOnly')}</span>
        </label>
        <p id={`${id}-api-hint`} className="field__hint">
          {t('app.members.apiOnlyHint')}
        </p>

        <fieldset className="picker">
          <legend className="picker__legend">{t('app.members.permissionsFrom')}</legend>
          <label className="check">
            <input type="radio" name={`${id}-source`} checked={source === 'profile'} disabled={grantableProfiles.length === 0} onChange={() => setSource('profile')} />
            <span>{t('app.members.fromProfile')}</span>
          </label>
          {source === 'profile' && (
            <div className="picker__nested field">
              <label htmlFor={`${id}-profile`}>{t('app.members.profile')}</label>
              <select id={`${id}-profile`} value={profileId} onChange={(e) => setProfileId(e.target.value)} aria-invalid={invalid('profileId')}>
                {grantableProfiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <label className="check">
            <input type="radio" name={`${id}-source`} checked={source === 'custom'} onChange={() => setSource('custom')} />
            <span>{t('app.members.fromCustom')}</span>
          </label>
          {source === 'custom' && (
            <div className="picker__nested">
              <PermissionPicker catalog={catalog} value={permissions} onChange={setPermissions} bounds={bounds} legend={t('app.members.customPermissions')} />
            </div>
          )}
        </fieldset>

        <AccountScopePicker accounts={accounts} value={scope} onChange={setScope} bounds={bounds} legend={t('app.members.accounts')} />
        <FormError message={save.error?.message} />
      </form>
    </Dialog>
  );
}
