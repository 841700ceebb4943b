// E-mails of the team (TEAM-1, TEAM-2, TEAM-7). One subject per event, stable, so
// people can filter them; each message says first why the person gets it. E-mails to
// someone who has not accepted yet carry no free text a team member typed (issue 7,
// finding 13): only the names of the team's owner and of whoever invites, and fixed words.
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

/**
 * TEAM-1: a new (non-API-only) member who has no password yet creates one. Issue 7, finding
 * 13: whoever gets it has not accepted anything yet, so it carries no text the team typed
 * (no description, no name as typed): only the owner's name, fixed words and the link.
 */
export const memberPasswordSetup = defineMailTemplate<{ teamOwnerName: string; url: string }>({
  name: 'team.member_password_setup',
  sample: { teamOwnerName: 'Ana Pérez', url: 'https://mostrador.example/password/set/TOKEN' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: 'Te han añadido a un equipo en Mostrador: crea tu contraseña',
          heading: `Hola: ${p.teamOwnerName} te ha añadido a su equipo`,
          paragraphs: [
            `${p.teamOwnerName} te ha dado acceso a su Master Account en Mostrador.`,
            'Para entrar, crea tu contraseña con el enlace. Sirve una sola vez y caduca en 72 horas; si caduca, pide al equipo que te envíe otro.',
            'Si no esperabas este mensaje, ignóralo: sin contraseña nadie puede entrar con tu e-mail.',
          ],
          action: { label: 'Crear mi contraseña', url: p.url },
          footer: footer.es,
        }
      : {
          subject: 'You were added to a team on Mostrador: create your password',
          heading: `Hello, ${p.teamOwnerName} added you to their team`,
          paragraphs: [
            `${p.teamOwnerName} gave you access to their Master Account on Mostrador.`,
            'To log in, create your password with the link. It works once and expires in 72 hours; if it expires, ask the team to send you another.',
            'If you did not expect this message, ignore it: without a password nobody can log in with your e-mail.',
          ],
          action: { label: 'Create my password', url: p.url },
          footer: footer.en,
        },
});

/** TEAM-2: the team sends a member a new link to set a password (a reset from the Users tab). */
export const memberPasswordReset = defineMailTemplate<{ name: string; teamOwnerName: string; url: string }>({
  name: 'team.member_password_reset',
  sample: { name: 'Luis', teamOwnerName: 'Ana Pérez', url: 'https://mostrador.example/password/set/TOKEN' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: 'Enlace para crear una nueva contraseña de Mostrador',
          heading: `Hola, ${p.name}: el equipo de ${p.teamOwnerName} te envía un enlace de contraseña`,
          paragraphs: [
            `El equipo de ${p.teamOwnerName} ha pedido que puedas crear una nueva contraseña para tu acceso a Mostrador.`,
            'El enlace sirve una sola vez y caduca en 72 horas. Tu contraseña actual, si tienes una, sigue valiendo hasta que guardes la nueva; al guardarla se cerrarán tus otras sesiones.',
            'Si no lo necesitas, ignora este mensaje.',
          ],
          action: { label: 'Crear una nueva contraseña', url: p.url },
          footer: footer.es,
        }
      : {
          subject: 'Link to create a new Mostrador password',
          heading: `Hello ${p.name}, ${p.teamOwnerName}'s team sent you a password link`,
          paragraphs: [
            `${p.teamOwnerName}'s team asked that you can create a new password for your Mostrador login.`,
            'The link works once and expires in 72 hours. Your current password, if you have one, keeps working until you save the new one; saving it logs out your other sessions.',
            'If you do not need it, ignore this message.',
          ],
          action: { label: 'Create a new password', url: p.url },
          footer: footer.en,
        },
});

/**
 * Issue 7, finding 6: a team added someone who already exists (a login, other teams, or an
 * earlier record); they join only by accepting with the link. Like every e-mail to someone
 * who has not accepted, it carries no text the team typed (finding 13).
 */
export const membershipAcceptance = defineMailTemplate<{ teamOwnerName: string; access: 'web' | 'api'; url: string }>({
  name: 'team.membership_acceptance',
  sample: { teamOwnerName: 'Ana Pérez', access: 'web', url: 'https://mostrador.example/join/TOKEN' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: 'Un equipo de Mostrador quiere añadirte: acepta para unirte',
          heading: `Hola: ${p.teamOwnerName} quiere añadirte a su equipo`,
          paragraphs: [
            p.access === 'api'
              ? `${p.teamOwnerName} quiere darte acceso solo por API a su Master Account en Mostrador (con una clave que te dará el equipo).`
              : `${p.teamOwnerName} quiere darte acceso a su Master Account en Mostrador.`,
            'No formarás parte del equipo hasta que aceptes con el enlace. Sirve una sola vez y caduca en 7 días; si caduca, pide al equipo que te lo envíe de nuevo.',
            'Si no esperabas este mensaje, ignóralo: sin tu aceptación no se te añade a ningún equipo.',
          ],
          action: { label: 'Ver la solicitud', url: p.url },
          footer: footer.es,
        }
      : {
          subject: 'A Mostrador team wants to add you: accept to join',
          heading: `Hello, ${p.teamOwnerName} wants to add you to their team`,
          paragraphs: [
            p.access === 'api'
              ? `${p.teamOwnerName} wants to give you API-only access to their Master Account on Mostrador (with a key the team will hand you).`
              : `${p.teamOwnerName} wants to give you access to their Master Account on Mostrador.`,
            'You are not part of the team until you accept with the link. It works once and expires in 7 days; if it expires, ask the team to send it again.',
            'If you did not expect this message, ignore it: without your acceptance you are added to no team.',
          ],
          action: { label: 'See the request', url: p.url },
          footer: footer.en,
        },
});

/**
 * TEAM-7: a Hotmart-style invitation to collaborate, accepted from the link. It goes to
 * someone who has not accepted anything yet, so it carries no text the inviter typed (the
 * name given to the invitee, the profile's name: issue 7, finding 13); the page the link
 * opens shows the profile.
 */
export const invitation = defineMailTemplate<{ teamOwnerName: string; inviterName: string; url: string }>({
  name: 'team.invitation',
  sample: { teamOwnerName: 'Ana Pérez', inviterName: 'Marta Gómez', url: 'https://mostrador.example/invitations/TOKEN' },
  content: (p, locale) => {
    const by = p.inviterName && p.inviterName !== p.teamOwnerName;
    return locale === 'es'
      ? {
          subject: 'Invitación para colaborar en Mostrador',
          heading: `Hola: ${p.teamOwnerName} te invita a colaborar`,
          paragraphs: [
            `${by ? `${p.inviterName}, del equipo de ${p.teamOwnerName},` : p.teamOwnerName} te invita a colaborar en su Master Account.`,
            'Sigue el enlace para ver con qué perfil y aceptar. Si aún no tienes acceso a Mostrador, allí mismo creas tu contraseña.',
            'La invitación caduca en 7 días. Si no la esperabas, ignora este mensaje.',
          ],
          action: { label: 'Ver la invitación', url: p.url },
          footer: footer.es,
        }
      : {
          subject: 'Invitation to collaborate on Mostrador',
          heading: `Hello, ${p.teamOwnerName} invites you to collaborate`,
          paragraphs: [
            `${by ? `${p.inviterName}, of ${p.teamOwnerName}'s team,` : p.teamOwnerName} invites you to collaborate on their Master Account.`,
            'Follow the link to see with which profile, and to accept. If you do not have a Mostrador login yet, you create your password right there.',
            'The invitation expires in 7 days. If you did not expect it, ignore this message.',
          ],
          action: { label: 'See the invitation', url: p.url },
          footer: footer.en,
        };
  },
});

/** TEAM-7: to whoever invited, once the invitation is accepted. */
export const invitationAccepted = defineMailTemplate<{ name: string; inviteeName: string; inviteeEmail: string; profileName: string; url: string }>({
  name: 'team.invitation_accepted',
  sample: { name: 'Ana', inviteeName: 'Luis Gómez', inviteeEmail: 'luis@example.com', profileName: 'Soporte', url: 'https://mostrador.example/users' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: 'Invitación aceptada',
          heading: `Hola, ${p.name}: ${p.inviteeName} ya forma parte del equipo`,
          paragraphs: [
            `${p.inviteeName} (${p.inviteeEmail}) ha aceptado tu invitación y ya puede trabajar con el perfil «${p.profileName}».`,
            'Puedes cambiar sus permisos, sus cuentas o desactivarlo cuando quieras desde la pestaña Usuarios.',
          ],
          action: { label: 'Ver el equipo', url: p.url },
          footer: footer.es,
        }
      : {
          subject: 'Invitation accepted',
          heading: `Hello ${p.name}, ${p.inviteeName} has joined the team`,
          paragraphs: [
            `${p.inviteeName} (${p.inviteeEmail}) accepted your invitation and can now work with the profile "${p.profileName}".`,
            'You can change their permissions or accounts, or disable them, at any time from the Users tab.',
          ],
          action: { label: 'See the team', url: p.url },
          footer: footer.en,
        },
});

export const teamMailTemplates = [memberPasswordSetup, memberPasswordReset, membershipAcceptance, invitation, invitationAccepted] as const;
