// Invite a collaborator (TEAM-7): name, e-mail and profile, and which accounts they will see.
import { type FormEvent, useId, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import type { Account } from '../accounts/accounts.api.ts';
import { useMutation } from '../app/use-resource.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { FormError } from '../../ui/status.tsx';
import { AccountScopePicker, type GrantBounds, mayGrantAll, type ScopeValue } from './grant-pickers.tsx';
import { type Invitation, type Profile, teamApi } from './team.api.ts';

export function InvitationFormDialog(props: {
  teamId: string;
  profiles: readonly Profile[];
  accounts: readonly Account[];
  bounds: GrantBounds;
  onSent: (invitation: Invitation) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const { teamId, profiles, accounts, bounds, onSent, onCancel } = props;
  const id = useId();
  const grantable = profiles.filter((p) => mayGrantAll(bounds, p.permissions));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [profileId, setProfileId] = useState(grantable[0]?.id ?? '');
  const [scope, setScope] = useState<ScopeValue>(bounds.isOwner || bounds.allAccounts ? { all: true } : { all: false, ids: new Set() });
  const send = useMutation();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sent = await send.run(() =>
      teamApi.createInvitation(teamId, { name: name.trim(), email: email.trim(), profileId, accountIds: scope.all ? null : [...scope.ids] }),
    );
    if (sent) onSent(sent);
  };

  const invalid = (field: string) => (send.error?.field === field ? true : undefined);
  const formId = `${id}-form`;
  return (
    <Dialog
      title={t('app.invitations.addTitle')}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('app.common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={send.pending || !profileId}>
            {t('app.invitations.addSubmit')}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void onSubmit(e)}>
        {grantable.length === 0 && (
          <p className="note" role="note">
            {t('app.invitations.needsProfile')}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('app.invitations.name')}</label>
          <input id={`${id}-name`} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={invalid('name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('app.members.email')}</label>
          <input id={`${id}-email`} type="email" required maxLength={254} autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={invalid('email')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-profile`}>{t('app.members.profile')}</label>
          <select id={`${id}-profile`} required value={profileId} onChange={(e) => setProfileId(e.target.value)} aria-invalid={invalid('profileId')}>
            {grantable.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <AccountScopePicker accounts={accounts} value={scope} onChange={setScope} bounds={bounds} legend={t('app.members.accounts')} />
        <FormError message={send.error?.message} />
      </form>
    </Dialog>
  );
}
