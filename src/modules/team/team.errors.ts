import { defineErrors } from '../../kernel/errors.ts';

// Codes are the module's own (never the access check's `not_found`/`forbidden`), so a
// caller can tell "the check refused me" from "what I asked for is not there" or "this
// change goes beyond what I may grant" (TEAM-3, TEAM-8).
export const teamErrors = defineErrors({
  member_not_found: { kind: 'not_found', en: 'No such member in this team', es: 'No existe ese miembro en este equipo' },
  profile_not_found: { kind: 'not_found', en: 'No such profile in this team', es: 'No existe ese perfil en este equipo' },
  invitation_not_found: { kind: 'not_found', en: 'No such invitation in this team', es: 'No existe esa invitación en este equipo' },

  // checkGrant's refusals (src/kernel/access/access.rules.ts), one code each.
  cannot_touch_owner: {
    kind: 'forbidden',
    en: 'Nobody can change the owner of the team from here',
    es: 'Nadie puede cambiar al titular del equipo desde aquí',
  },
  cannot_edit_self: {
    kind: 'forbidden',
    en: 'You cannot change your own membership; ask the owner',
    es: 'No puedes cambiar tu propia membresía; pídeselo al titular',
  },
  permission_not_held: {
    kind: 'forbidden',
    en: 'You can only grant permissions you hold yourself',
    es: 'Solo puedes conceder permisos que tienes tú',
  },
  account_not_held: {
    kind: 'forbidden',
    en: 'You can only grant accounts you can see yourself',
    es: 'Solo puedes conceder cuentas que puedes ver tú',
  },
  target_exceeds_actor: {
    kind: 'forbidden',
    en: 'This holds permissions or accounts you do not have; only the owner can change it',
    es: 'Tiene permisos o cuentas que tú no tienes; solo el titular puede cambiarlo',
  },

  unknown_profile: { kind: 'validation', en: 'No such profile in this team', es: 'No existe ese perfil en este equipo' },
  unknown_account: {
    kind: 'validation',
    en: 'This seller account is not linked to the team',
    es: 'Esta cuenta de vendedor no está vinculada al equipo',
  },
  profile_or_permissions: {
    kind: 'validation',
    en: 'Give either a profile or a custom set of permissions, not both',
    es: 'Indica un perfil o un conjunto propio de permisos, no ambos',
  },
  scope_conflict: {
    kind: 'validation',
    en: 'Choose either every account or a list of accounts, not both',
    es: 'Elige todas las cuentas o una lista de cuentas, no ambas cosas',
  },
  scope_required: {
    kind: 'validation',
    en: 'Choose the accounts this member can see (every account, or a list)',
    es: 'Elige las cuentas que verá este miembro (todas, o una lista)',
  },
  already_member: { kind: 'conflict', en: 'This person is already a member of the team', es: 'Esta persona ya es miembro del equipo' },
  invitation_pending: {
    kind: 'conflict',
    en: 'This e-mail already has a pending invitation; resend it instead',
    es: 'Este e-mail ya tiene una invitación pendiente; reenvíala',
  },
  names_managed_by_person: {
    kind: 'conflict',
    en: 'This person manages their own name (they have a login or belong to other teams)',
    es: 'Esta persona gestiona su propio nombre (tiene acceso propio o pertenece a otros equipos)',
  },
  member_api_only: {
    kind: 'conflict',
    en: 'This member works only through the API and has no password',
    es: 'Este miembro solo trabaja por la API y no tiene contraseña',
  },
  member_awaiting_acceptance: {
    kind: 'conflict',
    en: 'This person has not accepted yet; send the acceptance link again instead',
    es: 'Esta persona aún no ha aceptado; vuelve a enviarle el enlace para aceptar',
  },
  member_already_accepted: { kind: 'conflict', en: 'This member has already accepted', es: 'Este miembro ya ha aceptado' },
  profile_name_taken: { kind: 'conflict', en: 'There is already a profile with this name', es: 'Ya existe un perfil con ese nombre' },
  profile_in_use: {
    kind: 'conflict',
    en: 'This profile is still held (members: {members}, pending invitations: {invitations}); move them to another profile first',
    es: 'Este perfil aún está en uso (miembros: {members}, invitaciones pendientes: {invitations}); pásalos antes a otro perfil',
  },
  invitation_not_pending: {
    kind: 'conflict',
    en: 'This invitation has already been accepted or revoked',
    es: 'Esta invitación ya se aceptó o se revocó',
  },

  // The invitee's side (public links).
  invitation_invalid: { kind: 'not_found', en: 'This invitation link is not valid', es: 'Este enlace de invitación no es válido' },
  invitation_expired: {
    kind: 'gone',
    en: 'This invitation has expired; ask for a new one',
    es: 'Esta invitación ha caducado; pide una nueva',
  },
  invitation_used: { kind: 'gone', en: 'This invitation has already been accepted', es: 'Esta invitación ya se aceptó' },
  invitation_revoked: { kind: 'gone', en: 'This invitation was withdrawn', es: 'Esta invitación se retiró' },
  password_required: {
    kind: 'validation',
    en: 'Create a password to accept',
    es: 'Crea una contraseña para aceptar',
  },
  password_policy: { kind: 'validation', en: 'The password does not meet the rules', es: 'La contraseña no cumple las reglas' },

  // The person's side of a membership that awaits acceptance (public links, issue 7).
  acceptance_invalid: { kind: 'not_found', en: 'This link to join a team is not valid', es: 'Este enlace para unirte a un equipo no es válido' },
  acceptance_expired: {
    kind: 'gone',
    en: 'This link to join the team has expired; ask the team to send it again',
    es: 'Este enlace para unirte al equipo ha caducado; pide al equipo que te lo envíe de nuevo',
  },
  acceptance_used: { kind: 'gone', en: 'You have already joined this team', es: 'Ya te has unido a este equipo' },
  acceptance_revoked: { kind: 'gone', en: 'The team withdrew this request', es: 'El equipo retiró esta solicitud' },
});

export type TeamErrorCode = (typeof teamErrors.codes)[number];
