// E-mails of sign-up and passwords (MA-2, MA-4).
import { defineMailTemplate, footer } from '../../kernel/mail/index.ts';

/** MA-2: `newAccount` when the sign-up opens the seller account (ACC-2) rather than linking one. */
export const signupConfirmation = defineMailTemplate<{ name: string; url: string; accountNickname: string; newAccount?: boolean }>({
  name: 'auth.signup_confirmation',
  sample: { name: 'Ana', url: 'https://mostrador.example/signup/confirm/TOKEN', accountNickname: 'ANALIBROS' },
  content: ({ name, url, accountNickname, newAccount }, locale) =>
    locale === 'es'
      ? {
          subject: 'Confirmación de Master Account',
          heading: `Hola, ${name}: confirma tu Master Account`,
          paragraphs: [
            newAccount
              ? `Has pedido abrir la cuenta de vendedor ${accountNickname} con una Master Account, el acceso único a todas tus cuentas de vendedor.`
              : `Has pedido una Master Account que reúne tus cuentas de vendedor, empezando por ${accountNickname}.`,
            newAccount
              ? 'Sigue el enlace para confirmar tu e-mail y crear tu contraseña (también será la de la cuenta de vendedor). La cuenta se abre entonces. El enlace sirve una sola vez y caduca en 48 horas.'
              : 'Sigue el enlace para confirmar tu e-mail y crear tu contraseña. El enlace sirve una sola vez y caduca en 48 horas.',
            'Si no lo pediste tú, ignora este mensaje.',
          ],
          action: { label: 'Confirmar y crear contraseña', url },
          footer: footer.es,
        }
      : {
          subject: 'Master Account confirmation',
          heading: `Hello ${name}, please confirm your Master Account`,
          paragraphs: [
            newAccount
              ? `You asked to open the seller account ${accountNickname} with a Master Account, the one login for all your seller accounts.`
              : `You asked for a Master Account that brings your seller accounts together, starting with ${accountNickname}.`,
            newAccount
              ? "Follow the link to confirm your e-mail and create your password (it is also the seller account's password). The account opens then. The link works once and expires in 48 hours."
              : 'Follow the link to confirm your e-mail and create your password. The link works once and expires in 48 hours.',
            'If this was not you, ignore this message.',
          ],
          action: { label: 'Confirm and create password', url },
          footer: footer.en,
        },
});

export const passwordReset = defineMailTemplate<{ name: string; url: string }>({
  name: 'auth.password_reset',
  sample: { name: 'Ana', url: 'https://mostrador.example/password/reset/TOKEN' },
  content: ({ name, url }, locale) =>
    locale === 'es'
      ? {
          subject: 'Restablece tu contraseña de Mostrador',
          heading: `Hola, ${name}: restablece tu contraseña`,
          paragraphs: [
            'Alguien (probablemente tú) pidió restablecer la contraseña de tu acceso.',
            'El enlace sirve una vez y caduca en 2 horas. Al guardar la nueva contraseña se cerrarán tus otras sesiones.',
            'Si no lo pediste, ignora este mensaje: tu contraseña no cambia.',
          ],
          action: { label: 'Restablecer contraseña', url },
          footer: footer.es,
        }
      : {
          subject: 'Reset your Mostrador password',
          heading: `Hello ${name}, reset your password`,
          paragraphs: [
            'Someone (probably you) asked to reset the password of your login.',
            'The link works once and expires in 2 hours. Saving a new password logs out your other sessions.',
            'If this was not you, ignore this message: your password does not change.',
          ],
          action: { label: 'Reset password', url },
          footer: footer.en,
        },
});

/** a sign-up with an address that already has a login is answered as any other; its owner hears of it. */
export const signupAttempt = defineMailTemplate<{ name: string; loginUrl: string; resetUrl: string }>({
  name: 'auth.signup_attempt',
  sample: { name: 'Ana', loginUrl: 'https://mostrador.example/login', resetUrl: 'https://mostrador.example/password/forgot' },
  content: ({ name, loginUrl, resetUrl }, locale) =>
    locale === 'es'
      ? {
          subject: 'Alguien intentó registrarse con tu e-mail',
          heading: `Hola, ${name}`,
          paragraphs: [
            'Alguien (quizá tú) intentó abrir una Master Account nueva con esta dirección, que ya tiene un acceso a Mostrador. No se ha creado nada.',
            `Si fuiste tú, inicia sesión con tu contraseña: ${loginUrl}. Si no la recuerdas, restablécela: ${resetUrl}.`,
            'Si no fuiste tú, no tienes que hacer nada: tu acceso no ha cambiado.',
          ],
          action: { label: 'Iniciar sesión', url: loginUrl },
          footer: footer.es,
        }
      : {
          subject: 'Someone tried to sign up with your e-mail',
          heading: `Hello ${name}`,
          paragraphs: [
            'Someone (perhaps you) tried to open a new Master Account with this address, which already has a Mostrador login. Nothing was created.',
            `If it was you, log in with your password: ${loginUrl}. If you do not remember it, reset it: ${resetUrl}.`,
            'If it was not you, there is nothing to do: your login has not changed.',
          ],
          action: { label: 'Log in', url: loginUrl },
          footer: footer.en,
        },
});

export const authMailTemplates = [signupConfirmation, passwordReset, signupAttempt] as const;
