// E-mails of My profile: every change a person makes to their own login is told to them,
// in their e-mail language, with when and from where, and what to do if it was not them.
import type { Locale } from '../../kernel/i18n.ts';
import { defineMailTemplate, footer, type MailContent } from '../../kernel/mail/index.ts';

/** Where and when a change was made, as the e-mail shows it. */
export interface ChangeOrigin {
  /** "2026-01-05 12:00 UTC" */
  when: string;
  /** "Chrome 131 on Linux" */
  device: string;
  ip: string;
}

const sampleOrigin: ChangeOrigin = { when: '2026-01-05 12:00 UTC', device: 'Firefox 133 on Windows', ip: '203.0.113.7' };

function originDetails(origin: ChangeOrigin, locale: Locale): MailContent['details'] {
  return locale === 'es'
    ? [{ rows: [['Cuándo', origin.when], ['Desde', origin.device], ['Dirección IP', origin.ip]] }]
    : [{ rows: [['When', origin.when], ['From', origin.device], ['IP address', origin.ip]] }];
}

export const passwordChanged = defineMailTemplate<{ name: string; resetUrl: string } & ChangeOrigin>({
  name: 'auth.password_changed',
  sample: { name: 'Ana', resetUrl: 'https://mostrador.example/password/forgot', ...sampleOrigin },
  content: ({ name, resetUrl, ...origin }, locale) =>
    locale === 'es'
      ? {
          subject: 'Tu contraseña de Mostrador ha cambiado',
          heading: `Hola, ${name}: tu contraseña ha cambiado`,
          paragraphs: [
            'La contraseña de tu acceso a Mostrador se acaba de cambiar desde Mi perfil. Tus otras sesiones se han cerrado.',
            'Si no fuiste tú, restablece la contraseña ahora: alguien con acceso a una sesión tuya la ha cambiado.',
          ],
          details: originDetails(origin, locale),
          action: { label: 'Restablecer contraseña', url: resetUrl },
          footer: footer.es,
        }
      : {
          subject: 'Your Mostrador password was changed',
          heading: `Hello ${name}, your password was changed`,
          paragraphs: [
            'The password of your Mostrador login was just changed from My profile. Your other sessions were logged out.',
            'If this was not you, reset your password now: someone with access to one of your sessions changed it.',
          ],
          details: originDetails(origin, locale),
          action: { label: 'Reset password', url: resetUrl },
          footer: footer.en,
        },
});

export const securityChanged = defineMailTemplate<{ name: string; resetUrl: string } & ChangeOrigin>({
  name: 'auth.security_changed',
  sample: { name: 'Ana', resetUrl: 'https://mostrador.example/password/forgot', ...sampleOrigin },
  content: ({ name, resetUrl, ...origin }, locale) =>
    locale === 'es'
      ? {
          subject: 'Tu PIN y tus preguntas de seguridad han cambiado',
          heading: `Hola, ${name}: tu PIN y tus preguntas de seguridad han cambiado`,
          paragraphs: [
            'El PIN y las dos preguntas de seguridad que confirman que eres tú (al entrar desde un dispositivo nuevo o al restablecer la contraseña) se acaban de cambiar desde Mi perfil.',
            'Si no fuiste tú, restablece la contraseña ahora y revisa tus sesiones abiertas.',
          ],
          details: originDetails(origin, locale),
          action: { label: 'Restablecer contraseña', url: resetUrl },
          footer: footer.es,
        }
      : {
          subject: 'Your PIN and security questions were changed',
          heading: `Hello ${name}, your PIN and security questions were changed`,
          paragraphs: [
            'The PIN and the two security questions that confirm it is you (when you log in from a new device or reset your password) were just changed from My profile.',
            'If this was not you, reset your password now and check your open sessions.',
          ],
          details: originDetails(origin, locale),
          action: { label: 'Reset password', url: resetUrl },
          footer: footer.en,
        },
});

const LANGUAGE_NAMES: Record<Locale, Record<Locale, string>> = {
  es: { es: 'español', en: 'inglés' },
  en: { es: 'Spanish', en: 'English' },
};

/** A change of name, of e-mail language, or both at once: one message. */
export interface ProfileChanges {
  /** The new full name. */
  name?: string;
  /** The new e-mail language (this message is already written in it) and the one before. */
  emailLanguage?: { from: Locale; to: Locale };
}

export const profileChanged = defineMailTemplate<{ name: string; changes: ProfileChanges; profileUrl: string } & ChangeOrigin>({
  name: 'auth.profile_changed',
  sample: { name: 'Ana', changes: { name: 'Ana Souza', emailLanguage: { from: 'en', to: 'es' } }, profileUrl: 'https://mostrador.example/profile', ...sampleOrigin },
  content: ({ name, changes, profileUrl, ...origin }, locale) => {
    const lang = LANGUAGE_NAMES[locale];
    const onlyLanguage = changes.emailLanguage && changes.name === undefined;
    const onlyName = changes.name !== undefined && !changes.emailLanguage;
    if (locale === 'es') {
      const paragraphs = [];
      if (changes.name !== undefined) paragraphs.push(`Tu nombre en Mostrador es ahora: ${changes.name}.`);
      if (changes.emailLanguage) {
        paragraphs.push(
          `A partir de ahora te escribiremos en ${lang[changes.emailLanguage.to]} (hasta ahora, en ${lang[changes.emailLanguage.from]}). El idioma de la pantalla se elige aparte, con el selector ES/EN de la cabecera.`,
        );
      }
      paragraphs.push('Si no fuiste tú, cambia tu contraseña desde Mi perfil y cierra las sesiones que no reconozcas.');
      return {
        subject: changes.emailLanguage && onlyLanguage ? `Tus e-mails de Mostrador llegarán en ${lang[changes.emailLanguage.to]}` : onlyName ? 'Tu nombre en Mostrador ha cambiado' : 'Tu perfil de Mostrador ha cambiado',
        heading: `Hola, ${name}: tu perfil ha cambiado`,
        paragraphs,
        details: originDetails(origin, locale),
        action: { label: 'Abrir Mi perfil', url: profileUrl },
        footer: footer.es,
      };
    }
    const paragraphs = [];
    if (changes.name !== undefined) paragraphs.push(`Your name on Mostrador is now: ${changes.name}.`);
    if (changes.emailLanguage) {
      paragraphs.push(
        `From now on we will write to you in ${lang[changes.emailLanguage.to]} (until now, in ${lang[changes.emailLanguage.from]}). The language of the screen is chosen separately, with the ES/EN switch in the header.`,
      );
    }
    paragraphs.push('If this was not you, change your password from My profile and log out the sessions you do not recognise.');
    return {
      subject: changes.emailLanguage && onlyLanguage ? `Your Mostrador e-mails will be in ${lang[changes.emailLanguage.to]}` : onlyName ? 'Your name on Mostrador was changed' : 'Your Mostrador profile was changed',
      heading: `Hello ${name}, your profile was changed`,
      paragraphs,
      details: originDetails(origin, locale),
      action: { label: 'Open My profile', url: profileUrl },
      footer: footer.en,
    };
  },
});

export const profileMailTemplates = [passwordChanged, securityChanged, profileChanged] as const;
