// A mail template turns typed parameters into localized content. Modules define
// their own templates; the registry lists them all (the "all templates" page).
import type { Locale } from '../i18n.ts';
import { type MailContent, renderHtml, renderText } from './mail.layout.ts';

export interface MailTemplate<P> {
  name: string;
  /** Parameters for a rendered sample (development mailbox, NOTIF-3). */
  sample: P;
  content(params: P, locale: Locale): MailContent;
}

export function defineMailTemplate<P>(template: MailTemplate<P>): MailTemplate<P> {
  return template;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export function renderMail<P>(template: MailTemplate<P>, params: P, locale: Locale): RenderedMail {
  const content = template.content(params, locale);
  return { subject: content.subject, html: renderHtml(content, locale), text: renderText(content) };
}

export const footer: Record<Locale, string> = {
  en: 'Mostrador · This is an automatic message; replies to this address are not read.',
  es: 'Mostrador · Este es un mensaje automático; las respuestas a esta dirección no se leen.',
};

/** Sent by `npm run cli -- mail:test`: checks that delivery works end to end. */
export const testMessage = defineMailTemplate<{ name: string }>({
  name: 'kernel.test_message',
  sample: { name: 'Ana' },
  content: ({ name }, locale) =>
    locale === 'es'
      ? {
          subject: 'Mensaje de prueba de Mostrador',
          heading: `Hola, ${name}`,
          paragraphs: ['Si lees esto, el correo de Mostrador funciona.'],
          footer: footer.es,
        }
      : {
          subject: 'Mostrador test message',
          heading: `Hello, ${name}`,
          paragraphs: ['If you can read this, Mostrador mail works.'],
          footer: footer.en,
        },
});
