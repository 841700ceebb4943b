// The audit actions of the team module, with their labels for the audit page.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const teamAuditActions = defineAuditActions({
  'api_key.renewed': { en: 'API key renewed', es: 'Clave de API renovada' },
  'invitation.accepted': { en: 'Invitation accepted', es: 'Invitación aceptada' },
  'invitation.created': { en: 'Invitation sent', es: 'Invitación enviada' },
  'invitation.resent': { en: 'Invitation sent again', es: 'Invitación reenviada' },
  'invitation.revoked': { en: 'Invitation revoked', es: 'Invitación revocada' },
  'member.created': { en: 'Member created', es: 'Miembro creado' },
  'member.accepted': { en: 'Membership accepted', es: 'Membresía aceptada' },
  'member.acceptance_sent': { en: 'Acceptance link sent', es: 'Enlace para aceptar enviado' },
  'member.deleted': { en: 'Member deleted', es: 'Miembro eliminado' },
  'member.password_link_sent': { en: 'Password link sent', es: 'Enlace de contraseña enviado' },
  'member.permissions_changed': { en: 'Permissions changed', es: 'Permisos cambiados' },
  'member.scope_changed': { en: 'Accounts changed', es: 'Cuentas cambiadas' },
  'member.updated': { en: 'Member changed', es: 'Miembro cambiado' },
  'profile.created': { en: 'Profile created', es: 'Perfil creado' },
  'profile.deleted': { en: 'Profile deleted', es: 'Perfil eliminado' },
  'profile.updated': { en: 'Profile changed', es: 'Perfil cambiado' },
  'member.enabled': { en: 'Member enabled', es: 'Miembro activado' },
  'member.disabled': { en: 'Member disabled', es: 'Miembro desactivado' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof teamAuditActions, true> {}
}
