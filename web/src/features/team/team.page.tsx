// The Users tab (MA-8, TEAM-1..TEAM-9), for the owner and members with Manage Users:
// members (permissions, accounts, enabled, API keys), permission profiles and invitations.
// Named after the server's `team` module, which serves it. The server decides what the
// viewer may change (`canEdit`, the grant bounds of TEAM-3); this page hides what it may
// not and shows the server's own message when it refuses.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../lib/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import { type AccountList, teamAccountsPath } from '../accounts/accounts.api.ts';
import { formatDate, formatDateTime } from '../app/format.ts';
import { isOwner, useTeam } from '../app/team-scope.tsx';
import { useMutation, useResource } from '../app/use-resource.ts';
import { ApiKeyDialog } from '../../ui/api-key-dialog.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { type GrantBounds, mayGrantAll, permissionLabels, scopeText } from './grant-pickers.tsx';
import { InvitationFormDialog } from './invitation-form.tsx';
import { MemberFormDialog } from './member-form.tsx';
import { ProfileFormDialog } from './profile-form.tsx';
import {
  type Invitation,
  type Member,
  type MyMembership,
  paths,
  type PermissionCatalog,
  type Profile,
  teamApi,
} from './team.api.ts';

type Notice = { tone: 'success' | 'error'; text: string } | null;

type DialogState =
  | { kind: 'none' }
  | { kind: 'addMember' }
  | { kind: 'editMember'; member: Member }
  | { kind: 'deleteMember'; member: Member }
  | { kind: 'renewKey'; member: Member }
  | { kind: 'showKey'; title: string; intro: string; apiKey: string }
  | { kind: 'addProfile' }
  | { kind: 'editProfile'; profile: Profile }
  | { kind: 'deleteProfile'; profile: Profile }
  | { kind: 'invite' }
  | { kind: 'revokeInvitation'; invitation: Invitation };

function personName(m: { firstName: string; lastName: string; email: string }): string {
  return `${m.firstName} ${m.lastName}`.trim() || m.email;
}

export function TeamPage() {
  const { t, lang } = useLanguage();
  const team = useTeam();
  const { refresh } = useSession();
  useDocumentTitle(t('tab.users'));

  const [members, reloadMembers, updateMembers] = useResource<{ members: Member[] }>(paths.members(team.teamId));
  const [profiles, reloadProfiles] = useResource<{ profiles: Profile[] }>(paths.profiles(team.teamId));
  const [invitations, reloadInvitations] = useResource<{ invitations: Invitation[] }>(paths.invitations(team.teamId));
  const [catalog] = useResource<PermissionCatalog>(paths.catalog);
  const [accounts] = useResource<AccountList>(teamAccountsPath(team.teamId));
  const [mine] = useResource<MyMembership>(paths.me(team.teamId));

  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [notice, setNotice] = useState<Notice>(null);
  const action = useMutation();
  const close = () => {
    action.clear();
    setDialog({ kind: 'none' });
  };

  const bounds: GrantBounds | null = useMemo(() => {
    if (isOwner(team)) return { isOwner: true, permissions: new Set(team.permissions), allAccounts: true, accountIds: new Set() };
    if (mine.kind !== 'ready') return null;
    return { isOwner: false, permissions: new Set(mine.data.permissions), allAccounts: mine.data.allAccounts, accountIds: new Set(mine.data.accountIds) };
  }, [team, mine]);

  const accountList = accounts.kind === 'ready' ? accounts.data.accounts : [];
  const accountNames = useMemo(() => new Map(accountList.map((a) => [a.id, a.nickname])), [accountList]);
  const labels = useMemo(() => (catalog.kind === 'ready' ? permissionLabels(catalog.data, lang) : new Map<string, string>()), [catalog, lang]);
  const profileList = profiles.kind === 'ready' ? profiles.data.profiles : [];
  const formsReady = catalog.kind === 'ready' && accounts.kind === 'ready' && profiles.kind === 'ready' && bounds !== null;

  const replaceMember = (next: Member) => updateMembers((data) => ({ members: data.members.map((m) => (m.id === next.id ? next : m)) }));

  const toggleEnabled = async (member: Member, enabled: boolean) => {
    setNotice(null);
    replaceMember({ ...member, enabled });
    const saved = await action.run(() => teamApi.updateMember(team.teamId, member.id, { enabled }));
    if (saved) {
      replaceMember(saved);
      setNotice({ tone: 'success', text: t(enabled ? 'app.members.enabledNow' : 'app.members.disabledNow', { name: personName(member) }) });
    } else {
      replaceMember(member);
    }
  };

  const resetPassword = async (member: Member) => {
    setNotice(null);
    try {
      const sent = await teamApi.resetPassword(team.teamId, member.id);
      setNotice({ tone: 'success', text: t('app.members.resetSent', { email: sent.sentTo }) });
    } catch (error) {
      setNotice({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  const resendInvitation = async (invitation: Invitation) => {
    setNotice(null);
    try {
      await teamApi.resendInvitation(team.teamId, invitation.id);
      setNotice({ tone: 'success', text: t('app.invitations.resent', { email: invitation.email }) });
      reloadInvitations();
    } catch (error) {
      setNotice({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page__head">
        <div>
          <h1 id="page-title" className="page__title">
            {t('tab.users')}
          </h1>
          <p className="muted">{t('app.users.intro')}</p>
        </div>
        {isOwner(team) && (
          <Link to={`/t/${team.teamId}/audit`} className="button">
            {t('app.audit.link')}
          </Link>
        )}
      </div>

      {notice && (
        <p className={`alert ${notice.tone === 'error' ? 'alert--error' : 'alert--success'}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {action.error && dialog.kind === 'none' && (
        <p className="alert alert--error" role="alert">
          {action.error.message}
        </p>
      )}

      {/* ---- Members ---- */}
      <section className="section" aria-labelledby="members-title">
        <div className="section__head">
          <h2 id="members-title" className="section__title">
            {t('app.members.title')}
          </h2>
          <button type="button" className="button button--primary" disabled={!formsReady} onClick={() => setDialog({ kind: 'addMember' })}>
            {t('app.members.add')}
          </button>
        </div>
        {members.kind === 'loading' && <Loading />}
        {members.kind === 'error' && <LoadError message={members.error.message} onRetry={reloadMembers} />}
        {members.kind === 'ready' && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('app.members.col.name')}</th>
                  <th scope="col">{t('app.members.col.profile')}</th>
                  <th scope="col">{t('app.members.col.accounts')}</th>
                  <th scope="col">{t('app.members.col.enabled')}</th>
                  <th scope="col">{t('app.members.col.apiKey')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('app.common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.data.members.map((m) => {
                  const name = personName(m);
                  const self = m.id === team.membershipId;
                  // TEAM-8: nobody edits the owner here, and a member never edits itself.
                  const canEdit = m.canEdit && m.role !== 'owner' && !self;
                  return (
                    <tr key={m.id} className={m.enabled ? undefined : 'is-disabled'}>
                      <th scope="row" data-label={t('app.members.col.name')}>
                        <span className="member-name">{name}</span>
                        {m.role === 'owner' && <span className="badge badge--owner">{t('app.role.owner')}</span>}
                        {self && <span className="badge">{t('app.members.you')}</span>}
                        {m.apiOnly && <span className="badge">{t('app.members.col.apiOnly')}</span>}
                        {!m.apiOnly && !m.passwordSet && <span className="badge badge--pending">{t('app.members.noPasswordYet')}</span>}
                        <span className="member-email">{m.email}</span>
                        {m.description && <span className="member-description">{m.description}</span>}
                      </th>
                      <td data-label={t('app.members.col.profile')}>
                        {m.role === 'owner' ? (
                          <span className="muted">{t('app.members.everything')}</span>
                        ) : m.profileName ? (
                          m.profileName
                        ) : (
                          <span title={m.permissions.map((p) => labels.get(p) ?? p).join(', ')}>{t('app.members.custom')}</span>
                        )}
                      </td>
                      <td data-label={t('app.members.col.accounts')}>{scopeText(t, m.allAccounts, m.accountIds, accountNames)}</td>
                      <td data-label={t('app.members.col.enabled')}>
                        {m.role === 'owner' ? (
                          t('app.common.yes')
                        ) : (
                          <label className="switch">
                            <input
                              type="checkbox"
                              role="switch"
                              checked={m.enabled}
                              disabled={!canEdit || action.pending}
                              aria-label={t('app.members.enabledLabel', { name })}
                              onChange={(e) => void toggleEnabled(m, e.target.checked)}
                            />
                            <span aria-hidden="true">{m.enabled ? t('app.common.yes') : t('app.common.no')}</span>
                          </label>
                        )}
                      </td>
                      <td data-label={t('app.members.col.apiKey')}>
                        {m.apiKeyPrefix ? (
                          <>
                            <code className="key-prefix">{m.apiKeyPrefix}…</code>
                            <br />
                            <span className="muted small">
                              {m.apiKeyLastUsedAt
                                ? t('app.apiKey.lastUsed', { when: formatDateTime(m.apiKeyLastUsedAt, lang) })
                                : t('app.apiKey.neverUsed')}
                            </span>
                          </>
                        ) : (
                          <span className="muted">{t('app.apiKey.none')}</span>
                        )}
                      </td>
                      <td className="cell-actions">
                        {canEdit && (
                          <div className="action-grid">
                            <button type="button" className="button button--small" disabled={!formsReady} onClick={() => setDialog({ kind: 'editMember', member: m })}>
                              {t('app.common.edit')}
                              <span className="visually-hidden"> {name}</span>
                            </button>
                            {!m.apiOnly && (
                              <button type="button" className="button button--small" onClick={() => void resetPassword(m)}>
                                {t('app.members.resetPassword')}
                                <span className="visually-hidden"> {name}</span>
                              </button>
                            )}
                            <button type="button" className="button button--small" onClick={() => setDialog({ kind: 'renewKey', member: m })}>
                              {t('app.members.renewKey')}
                              <span className="visually-hidden"> {name}</span>
                            </button>
                            <button type="button" className="button button--small button--danger-quiet" onClick={() => setDialog({ kind: 'deleteMember', member: m })}>
                              {t('app.common.delete')}
                              <span className="visually-hidden"> {name}</span>
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* ---- Profiles (TEAM-5) ---- */}
      <section className="section" aria-labelledby="profiles-title">
        <div className="section__head">
          <div>
            <h2 id="profiles-title" className="section__title">
              {t('app.profiles.title')}
            </h2>
            <p className="muted">{t('app.profiles.intro')}</p>
          </div>
          <button type="button" className="button" disabled={!formsReady} onClick={() => setDialog({ kind: 'addProfile' })}>
            {t('app.profiles.add')}
          </button>
        </div>
        {profiles.kind === 'loading' && <Loading />}
        {profiles.kind === 'error' && <LoadError message={profiles.error.message} onRetry={reloadProfiles} />}
        {profiles.kind === 'ready' && profileList.length === 0 && <p className="muted">{t('app.profiles.empty')}</p>}
        {profiles.kind === 'ready' && profileList.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('app.profiles.name')}</th>
                  <th scope="col">{t('app.profiles.permissions')}</th>
                  <th scope="col">{t('app.profiles.holders')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('app.common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {profileList.map((p) => {
                  const mayChange = bounds !== null && mayGrantAll(bounds, p.permissions);
                  return (
                    <tr key={p.id}>
                      <th scope="row" data-label={t('app.profiles.name')}>
                        {p.name}
                      </th>
                      <td data-label={t('app.profiles.permissions')}>
                        <ul className="tag-list">
                          {p.permissions.map((perm) => (
                            <li key={perm} className="tag">
                              {labels.get(perm) ?? perm}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td data-label={t('app.profiles.holders')}>
                        {t('app.profiles.holdersText', { members: p.members, invitations: p.pendingInvitations })}
                      </td>
                      <td className="cell-actions">
                        {mayChange && (
                          <>
                            <button type="button" className="button button--small" disabled={!formsReady} onClick={() => setDialog({ kind: 'editProfile', profile: p })}>
                              {t('app.common.edit')}
                              <span className="visually-hidden"> {p.name}</span>
                            </button>
                            <button type="button" className="button button--small button--danger-quiet" onClick={() => setDialog({ kind: 'deleteProfile', profile: p })}>
                              {t('app.common.delete')}
                              <span className="visually-hidden"> {p.name}</span>
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* ---- Invitations (TEAM-7) ---- */}
      <section className="section" aria-labelledby="invitations-title">
        <div className="section__head">
          <div>
            <h2 id="invitations-title" className="section__title">
              {t('app.invitations.title')}
            </h2>
            <p className="muted">{t('app.invitations.intro')}</p>
          </div>
          <button type="button" className="button" disabled={!formsReady} onClick={() => setDialog({ kind: 'invite' })}>
            {t('app.invitations.add')}
          </button>
        </div>
        {invitations.kind === 'loading' && <Loading />}
        {invitations.kind === 'error' && <LoadError message={invitations.error.message} onRetry={reloadInvitations} />}
        {invitations.kind === 'ready' && invitations.data.invitations.length === 0 && <p className="muted">{t('app.invitations.empty')}</p>}
        {invitations.kind === 'ready' && invitations.data.invitations.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('app.invitations.name')}</th>
                  <th scope="col">{t('app.members.col.email')}</th>
                  <th scope="col">{t('app.members.col.profile')}</th>
                  <th scope="col">{t('app.members.col.accounts')}</th>
                  <th scope="col">{t('app.invitations.col.status')}</th>
                  <th scope="col">{t('app.invitations.col.expires')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('app.common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.invitations.map((inv) => (
                  <tr key={inv.id}>
                    <th scope="row" data-label={t('app.invitations.name')}>
                      {inv.name}
                    </th>
                    <td data-label={t('app.members.col.email')} className="cell-ellipsis">
                      {inv.email}
                    </td>
                    <td data-label={t('app.members.col.profile')}>{inv.profileName}</td>
                    <td data-label={t('app.members.col.accounts')}>{scopeText(t, inv.allAccounts, inv.accountIds, accountNames)}</td>
                    <td data-label={t('app.invitations.col.status')}>
                      <span className={`badge badge--${inv.status === 'accepted' ? 'sent' : inv.status === 'pending' ? 'pending' : 'other'}`}>
                        {t(`app.invitations.status.${inv.status}`)}
                      </span>
                    </td>
                    <td data-label={t('app.invitations.col.expires')}>
                      {inv.status === 'accepted' ? (
                        <span className="muted">{t('app.invitations.acceptedOn', { when: formatDate(inv.acceptedAt, lang) })}</span>
                      ) : (
                        <time dateTime={inv.expiresAt}>{formatDate(inv.expiresAt, lang)}</time>
                      )}
                    </td>
                    <td className="cell-actions">
                      {(inv.status === 'pending' || inv.status === 'expired') && (
                        <>
                          <button type="button" className="button button--small" onClick={() => void resendInvitation(inv)}>
                            {t('app.invitations.resend')}
                            <span className="visually-hidden"> {inv.email}</span>
                          </button>
                          <button type="button" className="button button--small button--danger-quiet" onClick={() => setDialog({ kind: 'revokeInvitation', invitation: inv })}>
                            {t('app.invitations.revoke')}
                            <span className="visually-hidden"> {inv.email}</span>
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* ---- Dialogs ---- */}
      {formsReady && dialog.kind === 'addMember' && (
        <MemberFormDialog
          teamId={team.teamId}
          catalog={catalog.data}
          profiles={profileList}
          accounts={accountList}
          bounds={bounds}
          onCancel={close}
          onCreated={(result) => {
            reloadMembers();
            reloadProfiles();
            const name = personName(result.member);
            const sent =
              result.emailSent === 'password_setup'
                ? t('app.members.sentPasswordSetup', { email: result.member.email })
                : result.emailSent === 'added_to_team'
                  ? t('app.members.sentAddedNote', { email: result.member.email })
                  : t('app.members.sentNothing');
            setNotice({ tone: 'success', text: t('app.members.added', { name }) + ' ' + sent });
            setDialog({ kind: 'showKey', title: t('app.members.addedKeyTitle', { name }), intro: sent, apiKey: result.apiKey });
          }}
        />
      )}
      {formsReady && dialog.kind === 'editMember' && (
        <MemberFormDialog
          teamId={team.teamId}
          member={dialog.member}
          catalog={catalog.data}
          profiles={profileList}
          accounts={accountList}
          bounds={bounds}
          onCancel={close}
          onSaved={(saved) => {
            replaceMember(saved);
            reloadProfiles();
            setNotice({ tone: 'success', text: t('app.members.saved', { name: personName(saved) }) });
            close();
          }}
        />
      )}
      {dialog.kind === 'deleteMember' && (
        <ConfirmDialog
          title={t('app.members.deleteTitle', { name: personName(dialog.member) })}
          body={t('app.members.deleteBody')}
          confirmLabel={t('app.common.delete')}
          danger
          pending={action.pending}
          error={action.error?.message}
          onCancel={close}
          onConfirm={() =>
            void action.run(() => teamApi.deleteMember(team.teamId, dialog.member.id)).then((done) => {
              if (!done) return;
              updateMembers((data) => ({ members: data.members.filter((m) => m.id !== dialog.member.id) }));
              reloadProfiles();
              setNotice({ tone: 'success', text: t('app.members.deleted', { name: personName(dialog.member) }) });
              close();
            })
          }
        />
      )}
      {dialog.kind === 'renewKey' && (
        <ConfirmDialog
          title={t('app.apiKey.renewTitleFor', { name: personName(dialog.member) })}
          body={t('app.apiKey.renewBody')}
          confirmLabel={t('app.apiKey.renew')}
          pending={action.pending}
          error={action.error?.message}
          onCancel={close}
          onConfirm={() =>
            void action.run(() => teamApi.renewMemberKey(team.teamId, dialog.member.id)).then((issued) => {
              if (!issued) return;
              const name = personName(dialog.member);
              replaceMember({ ...dialog.member, apiKeyPrefix: issued.apiKeyPrefix, apiKeyCreatedAt: issued.apiKeyCreatedAt, apiKeyLastUsedAt: null });
              setDialog({ kind: 'showKey', title: t('app.apiKey.newTitleFor', { name }), intro: t('app.apiKey.renewedIntro', { name }), apiKey: issued.apiKey });
            })
          }
        />
      )}
      {dialog.kind === 'showKey' && <ApiKeyDialog apiKey={dialog.apiKey} title={dialog.title} intro={dialog.intro} onClose={close} />}
      {formsReady && (dialog.kind === 'addProfile' || dialog.kind === 'editProfile') && (
        <ProfileFormDialog
          teamId={team.teamId}
          profile={dialog.kind === 'editProfile' ? dialog.profile : undefined}
          catalog={catalog.data}
          bounds={bounds}
          onCancel={close}
          onSaved={(saved) => {
            reloadProfiles();
            reloadMembers(); // holders' permissions change with the profile
            void refresh(); // and so may the viewer's own (tabs)
            setNotice({ tone: 'success', text: t('app.profiles.saved', { name: saved.name }) });
            close();
          }}
        />
      )}
      {dialog.kind === 'deleteProfile' && (
        <ConfirmDialog
          title={t('app.profiles.deleteTitle', { name: dialog.profile.name })}
          body={t('app.profiles.deleteBody')}
          confirmLabel={t('app.common.delete')}
          danger
          pending={action.pending}
          error={action.error?.message}
          onCancel={close}
          onConfirm={() =>
            void action.run(() => teamApi.deleteProfile(team.teamId, dialog.profile.id)).then((done) => {
              if (!done) return;
              reloadProfiles();
              setNotice({ tone: 'success', text: t('app.profiles.deleted', { name: dialog.profile.name }) });
              close();
            })
          }
        />
      )}
      {formsReady && dialog.kind === 'invite' && (
        <InvitationFormDialog
          teamId={team.teamId}
          profiles={profileList}
          accounts={accountList}
          bounds={bounds}
          onCancel={close}
          onSent={(invitation) => {
            reloadInvitations();
            reloadProfiles();
            setNotice({ tone: 'success', text: t('app.invitations.sent', { email: invitation.email }) });
            close();
          }}
        />
      )}
      {dialog.kind === 'revokeInvitation' && (
        <ConfirmDialog
          title={t('app.invitations.revokeTitle', { email: dialog.invitation.email })}
          body={t('app.invitations.revokeBody')}
          confirmLabel={t('app.invitations.revoke')}
          danger
          pending={action.pending}
          error={action.error?.message}
          onCancel={close}
          onConfirm={() =>
            void action.run(() => teamApi.revokeInvitation(team.teamId, dialog.invitation.id)).then((done) => {
              if (!done) return;
              reloadInvitations();
              reloadProfiles();
              setNotice({ tone: 'success', text: t('app.invitations.revoked', { email: dialog.invitation.email }) });
              close();
            })
          }
        />
      )}
    </section>
  );
}
