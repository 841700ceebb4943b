// Texts of the Accounts tab and of one seller account's page.
import { defineFeatureMessages } from '../../lib/messages.ts';

export const accountsMessages = defineFeatureMessages(
  'accounts',
  {
    // The Accounts tab (MA-5, MA-6)
    'accounts.intro': 'The seller accounts linked to your master account. Open each one in its own browser tab; several can be open at once.',
    'accounts.caption': 'Linked accounts',
    'accounts.empty': 'No seller accounts are linked yet.',
    'accounts.col.nickname': 'Nickname',
    'accounts.col.username': 'Username',
    'accounts.col.timeZone': 'Time zone',
    'accounts.col.locale': 'Language',
    'accounts.col.linkedAt': 'Linked since',
    'accounts.open': 'Open',
    'accounts.unlinkLabel': 'Unlink {nickname}',
    'accounts.unlinkTitle': 'Unlink {nickname}?',
    'accounts.unlinkBody':
      'The account leaves this master account at once, and every team member loses access to it. You can link it again later with its username and password.',
    'accounts.unlinkConfirm': 'Unlink',
    'accounts.linkTitle': 'Link another account',
    'accounts.linkIntro':
      'Enter the username and password of the seller account. We will e-mail the account’s address to confirm; the link completes when that e-mail is followed.',
    'accounts.linkUsername': 'Account username',
    'accounts.linkPassword': 'Account password',
    'accounts.linkSubmit': 'Link account',
    'accounts.linkSent': 'We e-mailed {email} to confirm. The account appears here once the link in that e-mail is followed.',

    // One account (ACC-1, TEAM-8)
    'accounts.account.title': 'Seller account',
    'accounts.account.kicker': 'Seller account',
    'accounts.account.usernameLine': 'Username: {username}',
    'accounts.account.back': 'All accounts',
    'accounts.account.email': 'Account e-mail',
    'accounts.account.customerServiceEmail': 'Customer-service e-mail',
    'accounts.account.customerServiceHint': 'Optional. Buyers see it on receipts and tickets; leave it empty to use the account e-mail.',
    'accounts.account.none': 'None',
    'accounts.account.editTitle': 'Edit account details',
    'accounts.account.timeZoneHint': 'Search by city, region or offset (UTC-3); empty means UTC. Dates and deadlines of this account follow it.',
  },
  {
    'accounts.intro':
      'Las cuentas de vendedor vinculadas a tu cuenta maestra. Abre cada una en su propia pestaña del navegador; puedes tener varias abiertas a la vez.',
    'accounts.caption': 'Cuentas vinculadas',
    'accounts.empty': 'Todavía no hay cuentas de vendedor vinculadas.',
    'accounts.col.nickname': 'Alias',
    'accounts.col.username': 'Usuario',
    'accounts.col.timeZone': 'Zona horaria',
    'accounts.col.locale': 'Idioma',
    'accounts.col.linkedAt': 'Vinculada desde',
    'accounts.open': 'Abrir',
    'accounts.unlinkLabel': 'Desvincular {nickname}',
    'accounts.unlinkTitle': '¿Desvincular {nickname}?',
    'accounts.unlinkBody':
      'La cuenta sale de esta cuenta maestra en el acto y todos los miembros del equipo pierden el acceso a ella. Puedes volver a vincularla más tarde con su usuario y contraseña.',
    'accounts.unlinkConfirm': 'Desvincular',
    'accounts.linkTitle': 'Vincular otra cuenta',
    'accounts.linkIntro':
      'Escribe el usuario y la contraseña de la cuenta de vendedor. Enviaremos un correo a la dirección de la cuenta para confirmarlo; la vinculación se completa al seguir el enlace de ese correo.',
    'accounts.linkUsername': 'Usuario de la cuenta',
    'accounts.linkPassword': 'Contraseña de la cuenta',
    'accounts.linkSubmit': 'Vincular cuenta',
    'accounts.linkSent': 'Hemos enviado un correo a {email} para confirmarlo. La cuenta aparecerá aquí cuando se siga el enlace de ese correo.',

    'accounts.account.title': 'Cuenta de vendedor',
    'accounts.account.kicker': 'Cuenta de vendedor',
    'accounts.account.usernameLine': 'Usuario: {username}',
    'accounts.account.back': 'Todas las cuentas',
    'accounts.account.email': 'E-mail de la cuenta',
    'accounts.account.customerServiceEmail': 'E-mail de atención al cliente',
    'accounts.account.customerServiceHint': 'Opcional. Los compradores lo ven en recibos y tickets; déjalo vacío para usar el e-mail de la cuenta.',
    'accounts.account.none': 'Ninguno',
    'accounts.account.editTitle': 'Editar los datos de la cuenta',
    'accounts.account.timeZoneHint': 'Busca por ciudad, región o desfase (UTC-3); vacío significa UTC. Las fechas y plazos de esta cuenta la siguen.',
  },
);
