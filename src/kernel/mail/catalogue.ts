// NOTIF-3: every e-mail template with a rendered sample, in each language, as data for the
// "all templates" page and as one PDF to download. The list itself is the app's (src/modules.ts
// builds it from every module); the app hands it to the routes as `app.mailCatalogue`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { LOCALES, type Locale } from '../i18n.ts';
import { type MailTemplate, renderMail } from './mail.templates.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every mail template of the product (NOTIF-3), set by the app. */
    // biome-ignore lint: templates of any parameters
    mailCatalogue: readonly MailTemplate<any>[];
  }
}

export interface CatalogueEntry {
  name: string;
  samples: Record<Locale, { subject: string; html: string; text: string }>;
}

// biome-ignore lint: templates of any parameters
export function renderCatalogue(templates: readonly MailTemplate<any>[]): CatalogueEntry[] {
  return [...templates]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({
      name: t.name,
      samples: Object.fromEntries(LOCALES.map((l) => [l, renderMail(t, t.sample, l)])) as CatalogueEntry['samples'],
    }));
}

const require = createRequire(import.meta.url);

/** One PDF: a title page, then each template's subject and text in each language (DejaVu: any Latin script). */
export function renderCataloguePdf(entries: CatalogueEntry[], locale: Locale, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: locale === 'es' ? 'Mostrador: todos los e-mails' : 'Mostrador: every e-mail', CreationDate: generatedAt } });
  doc.registerFont('body', readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
  doc.registerFont('bold', readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('bold').fontSize(20).text(locale === 'es' ? 'Todos los e-mails de Mostrador' : 'Every e-mail Mostrador sends');
  doc.moveDown(0.5).font('body').fontSize(10).text(
    locale === 'es'
      ? `${entries.length} plantillas, cada una con un ejemplo en español y en inglés. Los asuntos son estables: sirven para filtros y respuestas automáticas.`
      : `${entries.length} templates, each with a sample in Spanish and in English. Subjects are stable: use them for mail filters and auto-responders.`,
  );
  doc.moveDown();
  for (const e of entries) doc.font('body').fontSize(9).text(`• ${e.name}: ${e.samples[locale].subject}`);
  for (const e of entries) {
    for (const l of LOCALES) {
      doc.addPage();
      doc.font('bold').fontSize(14).text(`${e.name} (${l})`);
      doc.moveDown(0.3).font('bold').fontSize(11).text(e.samples[l].subject);
      doc.moveDown(0.5).font('body').fontSize(9).text(e.samples[l].text, { lineGap: 1 });
    }
  }
  doc.end();
  return done;
}
