// Invitations (TEAM-7): who was invited with which profile and accounts, their state, and
// inviting, resending (a new link) and revoking.
import { useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { formatDate } from '../../lib/format.ts';
import type { Resource } from '../app/use-resource.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { scopeText } from './grant-pickers.tsx';
import { InvitationFormDialog } from './invitation-form.tsx';
import { type Invitation, type InvitationList, teamApi } from './team.api.ts';
import { type UsersTab, UsersSection } from './users-tab.tsx';

type Dialog = { kind: 'none' } | { kind: 'invite' } | { kind: 'revoke'; invitation: Invitation };

const BADGES: Record<Invitation['status'], string> = { accepted: 'badge--sent', pending: 'badge--pending', expired: 'badge--other', revoked: 'badge--other' };

export function InvitationsSection({ tab, invitations }: { tab: UsersTab; invitations: Resource<InvitationList> }) {
  const { t, lang } = useLanguage();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const confirm = useMutation();
  const resend = useMutation();

  const open = (next: Dialog) => {
    confirm.clear();
    setDialog(next);
  };
  const close = () => open({ kind: 'none' });

  const resendInvitation = async (invitation: Invitation) => {
    tab.notify(null);
    const sent = await resend.run(() => teamApi.resendInvitation(tab.teamId, invitation.id), {
      onError: (error) => tab.notify({ tone: 'error', text: error.message }),
    });
    if (!sent) return;
    tab.notify({ tone: 'success', text: t('team.invitations.resent', { email: invitation.email }) });
    tab.reload.invitations();
  };

  const columns: Array<Column<Invitation>> = [
    { label: t('team.invitations.name'), rowHeader: true, cell: (inv) => inv.name },
    { label: t('team.members.col.email'), className: 'cell-ellipsis', cell: (inv) => inv.email, title: (inv) => inv.email },
    { label: t('team.members.col.profile'), cell: (inv) => inv.profileName },
    { label: t('team.members.col.accounts'), cell: (inv) => scopeText(t, inv.allAccounts, inv.accountIds, tab.accountNames) },
    {
      label: t('team.invitations.col.status'),
      cell: (inv) => <span className={`badge ${BADGES[inv.status]}`}>{t(`team.invitations.status.${inv.status}`)}</span>,
    },
    {
      label: t('team.invitations.col.expires'),
      cell: (inv) =>
        inv.status === 'accepted' ? (
          <span className="muted">{t('team.invitations.acceptedOn', { when: formatDate(inv.acceptedAt, lang) })}</span>
        ) : (
          <time dateTime={inv.expiresAt}>{formatDate(inv.expiresAt, lang)}</time>
        ),
    },
    {
      label: t('common.actions'),
      actions: true,
      cell: (inv) =>
        (inv.status === 'pending' || inv.status === 'expired') && (
          <>
            <button type="button" className="button button--small" onClick={() => void resendInvitation(inv)}>
              {t('team.invitations.resend')}
              <span className="visually-hidden"> {inv.email}</span>
            </button>
            <button type="button" className="button button--small button--danger-quiet" onClick={() => open({ kind: 'revoke', invitation: inv })}>
              {t('team.invitations.revoke')}
              <span className="visually-hidden"> {inv.email}</span>
            </button>
          </>
        ),
    },
  ];

  return (
    <UsersSection
      id="invitations-title"
      title={t('team.invitations.title')}
      intro={t('team.invitations.intro')}
      action={
        <button type="button" className="button" disabled={!tab.formsReady} onClick={() => open({ kind: 'invite' })}>
          {t('team.invitations.add')}
        </button>
      }
    >
      {invitations.kind === 'loading' && <Loading />}
      {invitations.kind === 'error' && <LoadError message={invitations.error.message} onRetry={tab.reload.invitations} />}
      {invitations.kind === 'ready' && invitations.data.invitations.length === 0 && <p className="muted">{t('team.invitations.empty')}</p>}
      {invitations.kind === 'ready' && invitations.data.invitations.length > 0 && (
        <DataTable columns={columns} rows={invitations.data.invitations} rowKey={(inv) => inv.id} />
      )}

      {tab.formsReady && tab.actor && dialog.kind === 'invite' && (
        <InvitationFormDialog
          teamId={tab.teamId}
          profiles={tab.profiles}
          accounts={tab.accounts}
          actor={tab.actor}
          onCancel={close}
          onSent={(invitation) => {
            tab.reload.invitations();
            tab.reload.profiles();
            tab.notify({ tone: 'success', text: t('team.invitations.sent', { email: invitation.email }) });
            close();
          }}
        />
      )}
      {dialog.kind === 'revoke' && (
        <ConfirmDialog
          title={t('team.invitations.revokeTitle', { email: dialog.invitation.email })}
          body={t('team.invitations.revokeBody')}
          confirmLabel={t('team.invitations.revoke')}
          danger
          pending={confirm.pending}
          error={confirm.formError}
          onCancel={close}
          onConfirm={() =>
            void confirm.run(() => teamApi.revokeInvitation(tab.teamId, dialog.invitation.id)).then((done) => {
              if (!done) return;
              tab.reload.invitations();
              tab.reload.profiles();
              tab.notify({ tone: 'success', text: t('team.invitations.revoked', { email: dialog.invitation.email }) });
              close();
            })
          }
        />
      )}
    </UsersSection>
  );
}
