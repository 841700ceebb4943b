// Permission profiles (TEAM-5): named sets of permissions, how many hold each, and
// creating, changing and deleting them. A profile the viewer could not grant in full is
// not theirs to change (TEAM-3).
import { useMemo, useState } from 'react';
import { useLanguage } from '../../lib/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import type { Resource } from '../app/use-resource.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { ConfirmDialog, Dialog } from '../../ui/dialog.tsx';
import { useMutation } from '../../ui/form.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { mayGrant, permissionLabels } from './grant.ts';
import { ProfileFormDialog } from './profile-form.tsx';
import { type Profile, type ProfileList, teamApi } from './team.api.ts';
import { type UsersTab, UsersSection } from './users-tab.tsx';

type Dialog = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; profile: Profile } | { kind: 'delete'; profile: Profile };

export function ProfilesSection({ tab, profiles }: { tab: UsersTab; profiles: Resource<ProfileList> }) {
  const { t, lang } = useLanguage();
  const { refresh } = useSession();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const confirm = useMutation();
  const labels = useMemo(() => permissionLabels(lang), [lang]);

  const open = (next: Dialog) => {
    confirm.clear();
    setDialog(next);
  };
  const close = () => open({ kind: 'none' });

  const columns: Array<Column<Profile>> = [
    { label: t('team.profiles.name'), rowHeader: true, cell: (p) => p.name },
    {
      label: t('team.profiles.permissions'),
      cell: (p) => (
        <ul className="tag-list">
          {p.permissions.map((perm) => (
            <li key={perm} className="tag">
              {labels.get(perm) ?? perm}
            </li>
          ))}
        </ul>
      ),
    },
    { label: t('team.profiles.holders'), cell: (p) => t('team.profiles.holdersText', { members: p.members, invitations: p.pendingInvitations }) },
    {
      label: t('common.actions'),
      actions: true,
      cell: (p) =>
        tab.actor !== null &&
        mayGrant(tab.actor, { permissions: p.permissions }) && (
          <>
            <button type="button" className="button button--small" disabled={!tab.formsReady} onClick={() => open({ kind: 'edit', profile: p })}>
              {t('common.edit')}
              <span className="visually-hidden"> {p.name}</span>
            </button>
            <button type="button" className="button button--small button--danger-quiet" onClick={() => open({ kind: 'delete', profile: p })}>
              {t('common.delete')}
              <span className="visually-hidden"> {p.name}</span>
            </button>
          </>
        ),
    },
  ];

  return (
    <UsersSection
      id="profiles-title"
      title={t('team.profiles.title')}
      intro={t('team.profiles.intro')}
      action={
        <button type="button" className="button" disabled={!tab.formsReady} onClick={() => open({ kind: 'add' })}>
          {t('team.profiles.add')}
        </button>
      }
    >
      {profiles.kind === 'loading' && <Loading />}
      {profiles.kind === 'error' && <LoadError message={profiles.error.message} onRetry={tab.reload.profiles} />}
      {profiles.kind === 'ready' && profiles.data.profiles.length === 0 && <p className="muted">{t('team.profiles.empty')}</p>}
      {profiles.kind === 'ready' && profiles.data.profiles.length > 0 && <DataTable columns={columns} rows={profiles.data.profiles} rowKey={(p) => p.id} />}

      {tab.formsReady && tab.actor && (dialog.kind === 'add' || dialog.kind === 'edit') && (
        <ProfileFormDialog
          teamId={tab.teamId}
          profile={dialog.kind === 'edit' ? dialog.profile : undefined}
          actor={tab.actor}
          onCancel={close}
          onSaved={(saved) => {
            tab.reload.profiles();
            tab.reload.members(); // holders' permissions change with the profile
            void refresh(); // and so may the viewer's own (tabs)
            tab.notify({ tone: 'success', text: t('team.profiles.saved', { name: saved.name }) });
            close();
          }}
        />
      )}
      {dialog.kind === 'delete' && dialog.profile.members + dialog.profile.pendingInvitations > 0 && (
        // In use: the server would refuse, so the dialog explains instead of offering Delete.
        <Dialog
          title={t('team.profiles.inUseTitle', { name: dialog.profile.name })}
          onClose={close}
          footer={
            <button type="button" className="button button--primary" onClick={close} autoFocus>
              {t('team.profiles.close')}
            </button>
          }
        >
          <p>{t('team.profiles.inUseBody', { members: dialog.profile.members, invitations: dialog.profile.pendingInvitations })}</p>
        </Dialog>
      )}
      {dialog.kind === 'delete' && dialog.profile.members + dialog.profile.pendingInvitations === 0 && (
        <ConfirmDialog
          title={t('team.profiles.deleteTitle', { name: dialog.profile.name })}
          body={t('team.profiles.deleteBody')}
          confirmLabel={t('common.delete')}
          danger
          pending={confirm.pending}
          error={confirm.formError}
          onCancel={close}
          onConfirm={() =>
            void confirm.run(() => teamApi.deleteProfile(tab.teamId, dialog.profile.id)).then((done) => {
              if (!done) return;
              tab.reload.profiles();
              tab.notify({ tone: 'success', text: t('team.profiles.deleted', { name: dialog.profile.name }) });
              close();
            })
          }
        />
      )}
    </UsersSection>
  );
}
