// E-mails of linking seller accounts (MA-5). Subjects are stable so people can filter them.
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

/** To the seller account's own address: only its holder can complete the link. */
export const linkConfirmation = defineMailTemplate<{
  ownerName: string;
  ownerEmail: string;
  accountNickname: string;
  accountUsername: string;
  url: string;
}>({
  name: 'accounts.link_confirmation',
  sample: {
    ownerName: 'Ana Pérez',
    ownerEmail: 'ana@example.com',
    accountNickname: 'LIBROSMADRID',
    accountUsername: 'librosmadrid',
    url: 'https://mostrador.example/accounts/link/TOKEN',
  },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: 'Confirma la vinculación de tu cuenta de vendedor',
          heading: `Confirma que ${p.accountNickname} se vincula a una Master Account`,
          paragraphs: [
            `${p.ownerName} (${p.ownerEmail}) ha pedido vincular la cuenta de vendedor ${p.accountUsername} a su Master Account.`,
            'Una vez vinculada, podrá gestionar sus pedidos, tickets e informes sin volver a iniciar sesión, y dar acceso a los miembros de su equipo. Una cuenta solo puede estar vinculada a una Master Account a la vez, y puede desvincularse cuando se quiera.',
            'El enlace sirve una sola vez y caduca en 48 horas.',
            'Si no reconoces esta solicitud, no sigas el enlace y cambia la contraseña de la cuenta: quien la hizo conocía esa contraseña.',
          ],
          action: { label: 'Confirmar la vinculación', url: p.url },
          details: [{ rows: [['Cuenta', p.accountUsername], ['Master Account de', `${p.ownerName} (${p.ownerEmail})`]] }],
          footer: footer.es,
        }
      : {
          subject: 'Confirm linking your seller account',
          heading: `Confirm that ${p.accountNickname} joins a Master Account`,
          paragraphs: [
            `${p.ownerName} (${p.ownerEmail}) asked to link the seller account ${p.accountUsername} to their Master Account.`,
            'Once linked, they can work its orders, tickets and reports without logging in again, and give their team members access to it. An account is linked to one Master Account at a time and can be unlinked at any time.',
            'The link works once and expires in 48 hours.',
            'If you do not recognize this request, do not follow the link and change the account password: whoever made it knew that password.',
          ],
          action: { label: 'Confirm the link', url: p.url },
          details: [{ rows: [['Account', p.accountUsername], ['Master Account of', `${p.ownerName} (${p.ownerEmail})`]] }],
          footer: footer.en,
        },
});

/** To the owner, once the account's holder has confirmed. */
export const linkCompleted = defineMailTemplate<{ name: string; accountNickname: string; accountUsername: string; url: string }>({
  name: 'accounts.link_completed',
  sample: { name: 'Ana', accountNickname: 'LIBROSMADRID', accountUsername: 'librosmadrid', url: 'https://mostrador.example/accounts/ACCOUNT_ID' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: 'Cuenta de vendedor vinculada',
          heading: `Hola, ${p.name}: ${p.accountNickname} ya está en tu Master Account`,
          paragraphs: [
            `Se ha confirmado la vinculación de la cuenta ${p.accountUsername}. Ya aparece en la pestaña Cuentas y en el panel.`,
            'Los miembros del equipo con acceso a todas las cuentas la ven desde ahora; a los demás puedes dársela desde la pestaña Usuarios.',
          ],
          action: { label: 'Abrir la cuenta', url: p.url },
          footer: footer.es,
        }
      : {
          subject: 'Seller account linked',
          heading: `Hello ${p.name}, ${p.accountNickname} is now in your Master Account`,
          paragraphs: [
            `Linking the account ${p.accountUsername} has been confirmed. It now shows in the Accounts tab and on the dashboard.`,
            'Team members with access to every account see it from now on; you can give it to the others from the Users tab.',
          ],
          action: { label: 'Open the account', url: p.url },
          footer: footer.en,
        },
});

/** X-5 / issue 7 finding 4: the account's own address hears whenever the account joins a master account. */
export const accountLinkedNotice = defineMailTemplate<{ accountUsername: string; ownerName: string; ownerEmail: string; forgotUrl: string }>({
  name: 'accounts.linked_notice',
  sample: { accountUsername: 'librosmadrid', ownerName: 'Ana Pérez', ownerEmail: 'ana@example.com', forgotUrl: 'https://mostrador.example/password/forgot' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu cuenta de vendedor ${p.accountUsername} se ha vinculado a una Master Account`,
          heading: 'Tu cuenta de vendedor tiene una Master Account',
          paragraphs: [
            `La cuenta ${p.accountUsername} se acaba de vincular a la Master Account de ${p.ownerName} (${p.ownerEmail}). Desde ella se gestionan sus pedidos, tickets e informes.`,
            'Si fuiste tú, no tienes que hacer nada.',
            'Si no fuiste tú, alguien conoce la contraseña de la cuenta: cámbiala en cuanto puedas y escribe a soporte respondiendo a este mensaje para que desvinculemos la cuenta.',
          ],
          details: [{ rows: [['Cuenta', p.accountUsername], ['Master Account de', `${p.ownerName} (${p.ownerEmail})`]] }],
          footer: footer.es,
        }
      : {
          subject: `Your seller account ${p.accountUsername} was linked to a Master Account`,
          heading: 'Your seller account has a Master Account',
          paragraphs: [
            `The account ${p.accountUsername} was just linked to the Master Account of ${p.ownerName} (${p.ownerEmail}), which now works its orders, tickets and reports.`,
            'If this was you, there is nothing to do.',
            'If it was not you, someone knows the account password: change it as soon as you can and write to support by replying to this message so we unlink the account.',
          ],
          details: [{ rows: [['Account', p.accountUsername], ['Master Account of', `${p.ownerName} (${p.ownerEmail})`]] }],
          footer: footer.en,
        },
});

/** The right password for an account already linked elsewhere: the answer is "wrong credentials"; the account hears of it. */
export const accountLinkAttempt = defineMailTemplate<{ accountUsername: string }>({
  name: 'accounts.link_attempt',
  sample: { accountUsername: 'librosmadrid' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Alguien intentó vincular tu cuenta ${p.accountUsername}`,
          heading: 'Un intento de vincular tu cuenta de vendedor',
          paragraphs: [
            `Alguien usó la contraseña correcta de ${p.accountUsername} para vincularla a otra Master Account. La cuenta ya tiene una, así que no ha cambiado nada.`,
            'Si no fuiste tú, cambia la contraseña de la cuenta: quien lo intentó la conoce.',
          ],
          footer: footer.es,
        }
      : {
          subject: `Someone tried to link your account ${p.accountUsername}`,
          heading: 'An attempt to link your seller account',
          paragraphs: [
            `Someone used the right password of ${p.accountUsername} to link it to another Master Account. The account already has one, so nothing changed.`,
            'If this was not you, change the account password: whoever tried knows it.',
          ],
          footer: footer.en,
        },
});

/**
 * ACC-2: platform staff opened a seller account for this address. Its password is set by the
 * link; then its holder opens a Master Account with it (sign-up, "I already have a seller account").
 */
export const accountOpened = defineMailTemplate<{ accountUsername: string; currency: string; url: string; signupUrl: string }>({
  name: 'accounts.opened_by_staff',
  sample: { accountUsername: 'librosmadrid', currency: 'EUR', url: 'https://mostrador.example/accounts/password/TOKEN', signupUrl: 'https://mostrador.example/signup' },
  content: (p, locale) =>
    locale === 'es'
      ? {
          subject: `Tu cuenta de vendedor ${p.accountUsername} en Mostrador`,
          heading: 'Tienes una cuenta de vendedor en Mostrador',
          paragraphs: [
            `El equipo de Mostrador ha abierto para ti la cuenta de vendedor ${p.accountUsername}, que vende en ${p.currency}.`,
            'Sigue el enlace para elegir su contraseña. El enlace sirve una sola vez y caduca en 7 días.',
            `Después, crea tu Master Account con esa cuenta (${p.signupUrl}, opción «Ya tengo una cuenta de vendedor») y podrás crear tus productos.`,
            'Si no esperabas este mensaje, ignóralo: sin contraseña nadie puede usar la cuenta.',
          ],
          action: { label: 'Elegir la contraseña', url: p.url },
          details: [{ rows: [['Cuenta', p.accountUsername], ['Moneda', p.currency]] }],
          footer: footer.es,
        }
      : {
          subject: `Your seller account ${p.accountUsername} at Mostrador`,
          heading: 'You have a seller account at Mostrador',
          paragraphs: [
            `Mostrador's staff opened the seller account ${p.accountUsername} for you; it sells in ${p.currency}.`,
            'Follow the link to choose its password. The link works once and expires in 7 days.',
            `Then create your Master Account with that account (${p.signupUrl}, option "I already have a seller account") and start adding your products.`,
            'If you did not expect this message, ignore it: without a password nobody can use the account.',
          ],
          action: { label: 'Choose the password', url: p.url },
          details: [{ rows: [['Account', p.accountUsername], ['Currency', p.currency]] }],
          footer: footer.en,
        },
});

export const accountsMailTemplates = [linkConfirmation, linkCompleted, accountLinkedNotice, accountLinkAttempt, accountOpened] as const;
