// NOTIF-3: the "all templates" reference, public like the help center it comes from: every
// e-mail's rendered sample in Spanish and English, and the same as one PDF.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderCatalogue, renderCataloguePdf } from '../../kernel/mail/catalogue.ts';

const tags = ['notifications'];
const Sample = z.object({ subject: z.string(), html: z.string().describe('The message as sent (render it sandboxed)'), text: z.string() });
const Catalogue = z
  .object({ items: z.array(z.object({ name: z.string().describe('Stable template name'), samples: z.object({ es: Sample, en: Sample }) })) })
  .meta({ examples: [{ items: [{ name: 'tickets.opened', samples: { es: { subject: '[Ticket 100001] Ticket abierto: Curso', html: '<html>…</html>', text: '…' }, en: { subject: '[Ticket 100001] Ticket opened: Curso', html: '<html>…</html>', text: '…' } } }] }] });

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const entries = renderCatalogue(app.mailCatalogue);

  app.get(
    '/api/v1/mail-templates',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags,
        operationId: 'listMailTemplates',
        summary: 'Every e-mail the product sends, with a rendered sample in each language (NOTIF-3)',
        response: { 200: Catalogue },
      },
    },
    async () => ({ items: entries }),
  );

  app.get(
    '/api/v1/mail-templates.pdf',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags,
        operationId: 'getMailTemplatesPdf',
        summary: 'The same reference as one PDF, to download (NOTIF-3)',
        description: 'Titles in the request’s language; every sample in both.',
        produces: ['application/pdf'],
        response: { 200: z.string().meta({ format: 'binary' }).describe('The reference (application/pdf)') },
      },
    },
    async (request, reply) => {
      const pdf = await renderCataloguePdf(entries, request.locale === 'es' ? 'es' : 'en', app.deps.clock.now());
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="mostrador-emails.pdf"')
        // A Buffer goes out as is (Fastify serializes only objects); the schema documents it as binary.
        .send(pdf as unknown as string);
    },
  );
};
