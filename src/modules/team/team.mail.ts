// E-mails of the team (TEAM-1, TEAM-2, TEAM-7). One subject per event, stable, so
// people can filter them; each message says first why the person gets it.
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

/** TEAM-1: a new (non-API-only) member who has no password yet creates one. */
export const memberPasswordSetup = defineMailTemplate<{ name: string; teamOwnerName: string; description: string; url: string }>({
  name: 'team.member_password_setup',
  sample: { name: 'Luis', teamOwnerName: 'Ana Pérez', description: 'Soporte', url: 'https://mostrador.example/password/set/TOKEN' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: 'Te han añadido a un equipo en Mostrador: crea tu contraseña',
          heading: `Hola, ${p.name}: ${p.teamOwnerName} te ha añadido a su equipo`,
          paragraphs: [
            `${p.teamOwnerName} te ha dado acceso a su Master Account en Mostrador${p.description ? ` como «${p.description}»` : ''}.`,
            'Para entrar, crea tu contraseña con el enlace. Sirve una sola vez y caduca en 72 horas; si caduca, pide al equipo que te envíe otro.',
            'Si no esperabas este mensaje, ignóralo: sin contraseña nadie puede entrar con tu e-mail.',
          ],
          action: { label: 'Crear mi contraseña', url: p.url },
          footer: footer.es,
        }
      : {
          subject: 'You were added to a team on Mostrador: create your password',
          heading: `Hello ${p.name}, ${p.teamOwnerName} added you to their team`,
          paragraphs: [
            `${p.teamOwnerName} gave you access to their Master Account on Mostrador${p.description ? ` as "${p.description}"` : ''}.`,
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

/** TEAM-1, TEAM-9: someone who already has a login now also belongs to this team. */
export const addedToTeam = defineMailTemplate<{ name: string; teamOwnerName: string; description: string; url: string }>({
  name: 'team.added_to_team',
  sample: { name: 'Luis', teamOwnerName: 'Ana Pérez', description: 'Soporte', url: 'https://mostrador.example/login' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: 'Te han añadido a un equipo en Mostrador',
          heading: `Hola, ${p.name}: ahora también estás en el equipo de ${p.teamOwnerName}`,
          paragraphs: [
            `${p.teamOwnerName} te ha dado acceso a su Master Account${p.description ? ` como «${p.description}»` : ''}.`,
            'Entra con tu e-mail y tu contraseña de siempre; en «Cuentas donde colaboro» eliges en qué equipo trabajas.',
          ],
          action: { label: 'Entrar en Mostrador', url: p.url },
          footer: footer.es,
        }
      : {
          subject: 'You were added to a team on Mostrador',
          heading: `Hello ${p.name}, you are now also on ${p.teamOwnerName}'s team`,
          paragraphs: [
            `${p.teamOwnerName} gave you access to their Master Account${p.description ? ` as "${p.description}"` : ''}.`,
            'Log in with your usual e-mail and password; under "Accounts where I collaborate" you choose which team to work in.',
          ],
          action: { label: 'Log in to Mostrador', url: p.url },
          footer: footer.en,
        },
});

/** TEAM-7: a Hotmart-style invitation to collaborate, accepted from the link. */
export const invitation = defineMailTemplate<{ name: string; teamOwnerName: string; inviterName: string; profileName: string; url: string }>({
  name: 'team.invitation',
  sample: { name: 'Luis', teamOwnerName: 'Ana Pérez', inviterName: 'Ana Pérez', profileName: 'Soporte', url: 'https://mostrador.example/invitations/TOKEN' },
  content: (p, locale) => {
    const by = p.inviterName && p.inviterName !== p.teamOwnerName;
    return locale === 'es'
      ? {
          subject: 'Invitación para colaborar en Mostrador',
          heading: `Hola, ${p.name}: ${p.teamOwnerName} te invita a colaborar`,
          paragraphs: [
            `${by ? `${p.inviterName}, del equipo de ${p.teamOwnerName},` : p.teamOwnerName} te invita a colaborar en su Master Account con el perfil «${p.profileName}».`,
            'Sigue el enlace para aceptar. Si aún no tienes acceso a Mostrador, allí mismo creas tu contraseña.',
            'La invitación caduca en 7 días. Si no la esperabas, ignora este mensaje.',
          ],
          action: { label: 'Ver la invitación', url: p.url },
          details: [{ rows: [['Equipo de', p.teamOwnerName], ['Perfil', p.profileName]] }],
          footer: footer.es,
        }
      : {
          subject: 'Invitation to collaborate on Mostrador',
          heading: `Hello ${p.name}, ${p.teamOwnerName} invites you to collaborate`,
          paragraphs: [
            `${by ? `${p.inviterName}, of ${p.teamOwnerName}'s team,` : p.teamOwnerName} invites you to collaborate on their Master Account with the profile "${p.profileName}".`,
            'Follow the link to accept. If you do not have a Mostrador login yet, you create your password right there.',
            'The invitation expires in 7 days. If you did not expect it, ignore this message.',
          ],
          action: { label: 'See the invitation', url: p.url },
          details: [{ rows: [['Team of', p.teamOwnerName], ['Profile', p.profileName]] }],
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

export const teamMailTemplates = [memberPasswordSetup, memberPasswordReset, addedToTeam, invitation, invitationAccepted] as const;
