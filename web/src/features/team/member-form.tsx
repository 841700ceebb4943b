// Add a member (TEAM-1) or change one (TEAM-2): who they are, whether they work only by
// API, where their permissions come from (a profile, TEAM-5, or a custom set grouped like
// the catalog, TEAM-6) and which accounts they see. Shown in a dialog.
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import type { Account } from '../accounts/accounts.api.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { checkEmail, FormAlert, requireText, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { AccountScopePicker, checkScope, initialScope, PermissionPicker, type ScopeValue } from './grant-pickers.tsx';
import { type Grant, mayGrant, type Permission } from './grant.ts';
import { type GrantBody, type Member, type MemberCreated, type Profile, teamApi, type UpdateMemberBody } from './team.api.ts';
import { personName } from './users-tab.tsx';

type Source = 'profile' | 'custom';

export interface MemberFormProps {
  teamId: string;
  /** Absent: a new member. */
  member?: Member;
  profiles: readonly Profile[];
  accounts: readonly Account[];
  actor: Grant;
  onCreated?: (result: MemberCreated) => void;
  onSaved?: (member: Member) => void;
  onCancel: () => void;
}

export function MemberFormDialog(props: MemberFormProps) {
  const { t } = useLanguage();
  const { teamId, member, profiles, accounts, actor, onCreated, onSaved, onCancel } = props;
  const id = useId();
  const editing = member !== undefined;
  const [email, setEmail] = useState(member?.email ?? '');
  const [firstName, setFirstName] = useState(member?.firstName ?? '');
  const [lastName, setLastName] = useState(member?.lastName ?? '');
  const [description, setDescription] = useState(member?.description ?? '');
  const [apiOnly, setApiOnly] = useState(member?.apiOnly ?? false);
  const grantableProfiles = profiles.filter((p) => mayGrant(actor, { permissions: p.permissions }) || p.id === member?.profileId);
  const [source, setSource] = useState<Source>(member ? (member.profileId ? 'profile' : 'custom') : grantableProfiles.length > 0 ? 'profile' : 'custom');
  const [profileId, setProfileId] = useState(member?.profileId ?? grantableProfiles[0]?.id ?? '');
  const [permissions, setPermissions] = useState<Set<Permission>>(() => new Set(member?.permissions ?? []));
  const [scope, setScope] = useState<ScopeValue>(() =>
    member ? (member.allAccounts ? { all: true } : { all: false, ids: new Set(member.accountIds) }) : initialScope(actor),
  );
  const form = useMutation();

  const grant = (): GrantBody => {
    const out: GrantBody = {};
    if (source === 'profile') out.profileId = profileId;
    else out.permissions = [...permissions];
    if (scope.all) out.allAccounts = true;
    else out.accountIds = [...scope.ids];
    return out;
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      form.check({
        ...(editing ? {} : { email: checkEmail(t, email) }),
        firstName: requireText(t, firstName),
        accountIds: checkScope(t, scope, accounts),
      })
    )
      return;
    if (editing) {
      const body: UpdateMemberBody = { ...grant(), description: description.trim(), apiOnly };
      if (source === 'custom' && member.profileId) body.profileId = null; // detach, then the custom set
      // Names are sent only when changed: a person with their own login manages theirs.
      if (firstName.trim() !== member.firstName) body.firstName = firstName.trim();
      if (lastName.trim() !== member.lastName) body.lastName = lastName.trim();
      const saved = await form.run(() => teamApi.updateMember(teamId, member.id, body));
      if (saved) onSaved?.(saved);
    } else {
      const created = await form.run(() =>
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

  const formId = `${id}-form`;

  return (
    <Dialog
      title={editing ? t('team.members.editTitle', { name: personName(member) }) : t('team.members.addTitle')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={form.pending || (source === 'profile' && !profileId)}>
            {editing ? t('common.saveChanges') : t('team.members.addSubmit')}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {editing ? (
          <p className="muted">{t('team.members.editingEmail', { email: member.email })}</p>
        ) : (
          <TextField
            {...form.field('email')}
            label={t('team.members.email')}
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
        <div className="form__row">
          <TextField {...form.field('firstName')} label={t('team.members.firstName')} required maxLength={100} value={firstName} onChange={(e) => setFirstName(e.target.value)} />
          <TextField {...form.field('lastName')} label={t('team.members.lastName')} maxLength={100} value={lastName} onChange={(e) => setLastName(e.target.value)} />
        </div>
        <TextField
          {...form.field('description')}
          label={t('team.members.description')}
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder={t('team.members.descriptionPlaceholder')}
        />
        <label className="check">
          <input type="checkbox" checked={apiOnly} onChange={(e) => setApiOnly(e.target.checked)} aria-describedby={`${id}-api-hint`} />
          <span>{t('team.members.apiOnly')}</span>
        </label>
        <p id={`${id}-api-hint`} className="field__hint">
          {t('team.members.apiOnlyHint')}
        </p>

        <fieldset className="picker">
          <legend className="picker__legend">{t('team.members.permissionsFrom')}</legend>
          <label className="check">
            <input type="radio" name={`${id}-source`} checked={source === 'profile'} disabled={grantableProfiles.length === 0} onChange={() => setSource('profile')} />
            <span>{t('team.members.fromProfile')}</span>
          </label>
          {source === 'profile' && (
            <div className="picker__nested">
              <SelectField
                {...form.field('profileId')}
                label={t('team.members.profile')}
                value={profileId}
                onChange={(e) => setProfileId(e.target.value)}
                options={grantableProfiles.map((p) => ({ value: p.id, label: p.name }))}
              />
            </div>
          )}
          <label className="check">
            <input type="radio" name={`${id}-source`} checked={source === 'custom'} onChange={() => setSource('custom')} />
            <span>{t('team.members.fromCustom')}</span>
          </label>
          {source === 'custom' && (
            <div className="picker__nested">
              <PermissionPicker
                value={permissions}
                onChange={setPermissions}
                actor={actor}
                legend={t('team.members.customPermissions')}
                field={form.field('permissions')}
              />
            </div>
          )}
        </fieldset>

        <AccountScopePicker
          accounts={accounts}
          value={scope}
          onChange={setScope}
          actor={actor}
          legend={t('team.members.accounts')}
          field={form.field('accountIds')}
        />
        <FormAlert message={form.formError} />
      </form>
    </Dialog>
  );
}
