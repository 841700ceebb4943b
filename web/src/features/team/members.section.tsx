// The members of the team (TEAM-1, TEAM-2, TEAM-4, TEAM-8): who they are, where their
// permissions come from, which accounts they see, whether they are enabled, their API key;
// and adding, editing, disabling, deleting them, resetting their password, renewing keys.
// Disabling and resetting a password ask first (issue 7); enabling again does not.
import { useMemo, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { Resource } from '../app/use-resource.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { ApiKeyDialog } from './api-key-dialog.tsx';
import { scopeText } from './grant-pickers.tsx';
import { permissionLabels } from './grant.ts';
import { MemberFormDialog } from './member-form.tsx';
import { type Member, type MemberList, teamApi } from './team.api.ts';
import { personName, type UsersTab, UsersSection } from './users-tab.tsx';

type Dialog =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'edit'; member: Member }
  | { kind: 'delete'; member: Member }
  | { kind: 'disable'; member: Member }
  | { kind: 'resetPassword'; member: Member }
  | { kind: 'renewKey'; member: Member }
  | { kind: 'showKey'; title: string; intro: string; apiKey: string };

export function MembersSection(props: { tab: UsersTab; members: Resource<MemberList>; update: (fn: (data: MemberList) => MemberList) => void }) {
  const { tab, members, update } = props;
  const { t, lang } = useLanguage();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const confirm = useMutation();
  const toggle = useMutation();
  const labels = useMemo(() => permissionLabels(lang), [lang]);
  const refused = (error: { message: string }) => tab.notify({ tone: 'error', text: error.message });

  const open = (next: Dialog) => {
    confirm.clear();
    setDialog(next);
  };
  const close = () => open({ kind: 'none' });
  const replaceMember = (next: Member) => update((data) => ({ members: data.members.map((m) => (m.id === next.id ? next : m)) }));

  /** Enabling again takes effect at once; disabling asks first (the dialog below). */
  const enable = async (member: Member) => {
    tab.notify(null);
    replaceMember({ ...member, enabled: true });
    const saved = await toggle.run(() => teamApi.updateMember(tab.teamId, member.id, { enabled: true }), { onError: refused });
    replaceMember(saved ?? member);
    if (saved) tab.notify({ tone: 'success', text: t('team.members.enabledNow', { name: personName(member) }) });
  };

  const disable = async (member: Member) => {
    const saved = await confirm.run(() => teamApi.updateMember(tab.teamId, member.id, { enabled: false }));
    if (!saved) return;
    replaceMember(saved);
    tab.notify({ tone: 'success', text: t('team.members.disabledNow', { name: personName(member) }) });
    close();
  };

  const resetPassword = async (member: Member) => {
    const sent = await confirm.run(() => teamApi.resetPassword(tab.teamId, member.id));
    if (!sent) return;
    tab.notify({ tone: 'success', text: t('team.members.resetSent', { email: sent.sentTo }) });
    close();
  };

  /** Issue 7: the link to accept, again; harmless, so it asks nothing first. */
  const resendAcceptance = async (member: Member) => {
    tab.notify(null);
    const sent = await toggle.run(() => teamApi.resendAcceptance(tab.teamId, member.id), { onError: refused });
    if (sent) tab.notify({ tone: 'success', text: t('team.members.acceptanceResent', { email: sent.sentTo }) });
  };

  const columns: Array<Column<Member>> = [
    {
      label: t('team.members.col.name'),
      rowHeader: true,
      cell: (m) => (
        <>
          <span className="member-name">{personName(m)}</span>
          {m.role === 'owner' && <span className="badge badge--owner">{t('team.role.owner')}</span>}
          {m.id === tab.membershipId && <span className="badge">{t('team.members.you')}</span>}
          {m.apiOnly && <span className="badge">{t('team.members.col.apiOnly')}</span>}
          {m.status === 'awaiting_acceptance' && (
            <span className="badge badge--pending" title={t('team.members.awaitingHint')}>
              {t('team.members.awaiting')}
            </span>
          )}
          {!m.apiOnly && m.passwordSet === false && <span className="badge badge--pending">{t('team.members.noPasswordYet')}</span>}
          <span className="member-email">{m.email}</span>
          {m.description && <span className="member-description">{m.description}</span>}
        </>
      ),
    },
    {
      label: t('team.members.col.profile'),
      cell: (m) =>
        m.role === 'owner' ? (
          <span className="muted">{t('team.members.everything')}</span>
        ) : m.profileName ? (
          m.profileName
        ) : (
          <span title={m.permissions.map((p) => labels.get(p) ?? p).join(', ')}>{t('team.members.custom')}</span>
        ),
    },
    { label: t('team.members.col.accounts'), cell: (m) => scopeText(t, m.allAccounts, m.accountIds, tab.accountNames) },
    {
      label: t('team.members.col.enabled'),
      cell: (m) =>
        m.role === 'owner' ? (
          t('common.yes')
        ) : (
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={m.enabled}
              disabled={!m.canEdit || toggle.pending}
              aria-label={t('team.members.enabledLabel', { name: personName(m) })}
              onChange={(e) => {
                if (e.target.checked) void enable(m);
                else {
                  tab.notify(null);
                  open({ kind: 'disable', member: m });
                }
              }}
            />
            <span aria-hidden="true">{m.enabled ? t('common.yes') : t('common.no')}</span>
          </label>
        ),
    },
    {
      label: t('team.members.col.apiKey'),
      cell: (m) =>
        m.apiKeyPrefix ? (
          <>
            <code className="key-prefix">{m.apiKeyPrefix}…</code>
            <br />
            <span className="muted small">
              {m.apiKeyLastUsedAt ? t('team.apiKey.lastUsed', { when: formatDateTime(m.apiKeyLastUsedAt, lang) }) : t('team.apiKey.neverUsed')}
            </span>
          </>
        ) : (
          <span className="muted">{t('team.apiKey.none')}</span>
        ),
    },
    {
      label: t('common.actions'),
      actions: true,
      // The server's `canEdit` is the kernel's grant rule (TEAM-3, TEAM-8): never the
      // owner, never oneself, never someone who holds more than the viewer.
      cell: (m) => m.canEdit && <MemberActions member={m} formsReady={tab.formsReady} open={open} resend={resendAcceptance} busy={toggle.pending} />,
    },
  ];

  return (
    <UsersSection
      id="members-title"
      title={t('team.members.title')}
      action={
        <button type="button" className="button button--primary" disabled={!tab.formsReady} onClick={() => open({ kind: 'add' })}>
          {t('team.members.add')}
        </button>
      }
    >
      {members.kind === 'loading' && <Loading />}
      {members.kind === 'error' && <LoadError message={members.error.message} onRetry={tab.reload.members} />}
      {members.kind === 'ready' && (
        <DataTable columns={columns} rows={members.data.members} rowKey={(m) => m.id} rowClassName={(m) => (m.enabled ? undefined : 'is-disabled')} />
      )}

      {tab.formsReady && tab.actor && dialog.kind === 'add' && (
        <MemberFormDialog
          teamId={tab.teamId}
          profiles={tab.profiles}
          accounts={tab.accounts}
          actor={tab.actor}
          onCancel={close}
          onCreated={(result) => {
            tab.reload.members();
            tab.reload.profiles();
            const name = personName(result.member);
            const sent =
              result.emailSent === 'password_setup'
                ? t('team.members.sentPasswordSetup', { email: result.member.email })
                : result.emailSent === 'acceptance_requested'
                  ? t('team.members.sentAcceptance', { email: result.member.email })
                  : t('team.members.sentNothing');
            tab.notify({ tone: 'success', text: t('team.members.added', { name }) + ' ' + sent });
            open({ kind: 'showKey', title: t('team.members.addedKeyTitle', { name }), intro: sent, apiKey: result.apiKey });
          }}
        />
      )}
      {tab.formsReady && tab.actor && dialog.kind === 'edit' && (
        <MemberFormDialog
          teamId={tab.teamId}
          member={dialog.member}
          profiles={tab.profiles}
          accounts={tab.accounts}
          actor={tab.actor}
          onCancel={close}
          onSaved={(saved) => {
            replaceMember(saved);
            tab.reload.profiles();
            tab.notify({ tone: 'success', text: t('team.members.saved', { name: personName(saved) }) });
            close();
          }}
        />
      )}
      {dialog.kind === 'delete' && (
        <ConfirmDialog
          title={t(awaiting(dialog.member) ? 'team.members.cancelTitle' : 'team.members.deleteTitle', { name: personName(dialog.member) })}
          body={t(awaiting(dialog.member) ? 'team.members.cancelBody' : 'team.members.deleteBody')}
          confirmLabel={awaiting(dialog.member) ? t('team.members.cancelRequest') : t('common.delete')}
          danger
          pending={confirm.pending}
          error={confirm.formError}
          onCancel={close}
          onConfirm={() =>
            void confirm.run(() => teamApi.deleteMember(tab.teamId, dialog.member.id)).then((done) => {
              if (!done) return;
              update((data) => ({ members: data.members.filter((m) => m.id !== dialog.member.id) }));
              tab.reload.profiles();
              tab.notify({ tone: 'success', text: t(awaiting(dialog.member) ? 'team.members.cancelled' : 'team.members.deleted', { name: personName(dialog.member) }) });
              close();
            })
          }
        />
      )}
      {dialog.kind === 'disable' && (
        <ConfirmDialog
          title={t('team.members.disableTitle', { name: personName(dialog.member) })}
          body={t('team.members.disableBody', { name: personName(dialog.member) })}
          confirmLabel={t('team.members.disableConfirm')}
          danger
          pending={confirm.pending}
          error={confirm.formError}
          onCancel={close}
          onConfirm={() => void disable(dialog.member)}
        />
      )}
      {dialog.kind === 'resetPassword' && (
        <ConfirmDialog
          title={t(dialog.member.passwordSet ? 'team.members.resetTitle' : 'team.members.setupTitle', { name: personName(dialog.member) })}
          body={t(dialog.member.passwordSet ? 'team.members.resetBody' : 'team.members.setupBody', { email: dialog.member.email })}
          confirmLabel={t('team.members.resetConfirm')}
          pending={confirm.pending}
          error={confirm.formError}
          onCancel={close}
          onConfirm={() => void resetPassword(dialog.member)}
        />
      )}
      {dialog.kind === 'renewKey' && (
        <ConfirmDialog
          title={t('team.apiKey.renewTitleFor', { name: personName(dialog.member) })}
          body={t('team.apiKey.renewBody')}
          confirmLabel={t('team.apiKey.renew')}
          pending={confirm.pending}
          error={confirm.formError}
          onCancel={close}
          onConfirm={() =>
            void confirm.run(() => teamApi.renewMemberKey(tab.teamId, dialog.member.id)).then((issued) => {
              if (!issued) return;
              const name = personName(dialog.member);
              replaceMember({ ...dialog.member, apiKeyPrefix: issued.apiKeyPrefix, apiKeyCreatedAt: issued.apiKeyCreatedAt, apiKeyLastUsedAt: null });
              open({ kind: 'showKey', title: t('team.apiKey.newTitleFor', { name }), intro: t('team.apiKey.renewedIntro', { name }), apiKey: issued.apiKey });
            })
          }
        />
      )}
      {dialog.kind === 'showKey' && <ApiKeyDialog apiKey={dialog.apiKey} title={dialog.title} intro={dialog.intro} onClose={close} />}
    </UsersSection>
  );
}

/** Someone who already used Mostrador and has not accepted yet (issue 7): not in the team. */
const awaiting = (m: Member) => m.status === 'awaiting_acceptance';

/**
 * Edit, reset the password (people with a web login), renew the key, delete. Someone who has
 * not accepted yet gets the link again instead of a password link, and deleting cancels the request.
 */
function MemberActions(props: { member: Member; formsReady: boolean; open: (dialog: Dialog) => void; resend: (member: Member) => Promise<void>; busy: boolean }) {
  const { t } = useLanguage();
  const { member, formsReady, open, resend, busy } = props;
  const name = personName(member);
  return (
    <div className="action-grid">
      <button type="button" className="button button--small" disabled={!formsReady} onClick={() => open({ kind: 'edit', member })}>
        {t('common.edit')}
        <span className="visually-hidden"> {name}</span>
      </button>
      {awaiting(member) && (
        <button type="button" className="button button--small" disabled={busy} onClick={() => void resend(member)}>
          {t('team.members.resendAcceptance')}
          <span className="visually-hidden"> {name}</span>
        </button>
      )}
      {!member.apiOnly && !awaiting(member) && (
        <button type="button" className="button button--small" onClick={() => open({ kind: 'resetPassword', member })}>
          {t('team.members.resetPassword')}
          <span className="visually-hidden"> {name}</span>
        </button>
      )}
      <button type="button" className="button button--small" onClick={() => open({ kind: 'renewKey', member })}>
        {t('team.members.renewKey')}
        <span className="visually-hidden"> {name}</span>
      </button>
      <button type="button" className="button button--small button--danger-quiet" onClick={() => open({ kind: 'delete', member })}>
        {awaiting(member) ? t('team.members.cancelRequest') : t('common.delete')}
        <span className="visually-hidden"> {name}</span>
      </button>
    </div>
  );
}
