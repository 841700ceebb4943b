// Invite a collaborator (TEAM-7): name, e-mail and profile, and which accounts they will see.
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import type { Account } from '../accounts/accounts.api.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { checkEmail, FormAlert, requireText, SelectField, TextField, useMutation } from '../../ui/form.tsx';
import { AccountScopePicker, checkScope, initialScope, type ScopeValue } from './grant-pickers.tsx';
import { type Grant, mayGrant } from './grant.ts';
import { type Invitation, type Profile, teamApi } from './team.api.ts';

export function InvitationFormDialog(props: {
  teamId: string;
  profiles: readonly Profile[];
  accounts: readonly Account[];
  actor: Grant;
  onSent: (invitation: Invitation) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const { teamId, profiles, accounts, actor, onSent, onCancel } = props;
  const id = useId();
  const grantable = profiles.filter((p) => mayGrant(actor, { permissions: p.permissions }));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [profileId, setProfileId] = useState(grantable[0]?.id ?? '');
  const [scope, setScope] = useState<ScopeValue>(() => initialScope(actor));
  const form = useMutation();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.check({ name: requireText(t, name), email: checkEmail(t, email), accountIds: checkScope(t, scope, accounts) })) return;
    const sent = await form.run(() =>
      teamApi.createInvitation(teamId, { name: name.trim(), email: email.trim(), profileId, accountIds: scope.all ? null : [...scope.ids] }),
    );
    if (sent) onSent(sent);
  };

  const formId = `${id}-form`;
  return (
    <Dialog
      title={t('team.invitations.addTitle')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={form.pending || !profileId}>
            {t('team.invitations.addSubmit')}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {grantable.length === 0 && (
          <p className="note" role="note">
            {t('team.invitations.needsProfile')}
          </p>
        )}
        <TextField {...form.field('name')} label={t('team.invitations.name')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
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
        <SelectField
          {...form.field('profileId')}
          label={t('team.members.profile')}
          required
          value={profileId}
          onChange={(e) => setProfileId(e.target.value)}
          options={grantable.map((p) => ({ value: p.id, label: p.name }))}
        />
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
