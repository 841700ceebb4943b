// NOTIF-3 through the real routes: every registered template with a sample in both languages,
// and the same as one PDF whose text holds every subject, accents included.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { mailCatalogue } from '../../modules.ts';

const ctx = await buildTestApp();

describe('NOTIF-3 the reference of every e-mail', () => {
  it('lists every template of every module with a sample in es and en, without a login', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/mail-templates' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ name: string; samples: Record<'es' | 'en', { subject: string; html: string; text: string }> }>;
    expect(items.map((i) => i.name).sort()).toEqual(mailCatalogue().map((t) => t.name).sort());
    const opened = items.find((i) => i.name === 'tickets.opened')!;
    expect(opened.samples.es.subject).toBe('[Ticket 100001] Ticket abierto: Curso de fotografía');
    expect(opened.samples.en.subject).toBe('[Ticket 100001] Ticket opened: Curso de fotografía');
    expect(opened.samples.es.html).toContain('<html');
  });

  it('downloads as one PDF with every subject in it', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/mail-templates.pdf', headers: { 'accept-language': 'es' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Todos los e-mails de Mostrador');
    expect(text).toContain('Ticket abierto: Curso de fotografía');
    expect(text).toContain('Ticket opened: Curso de fotografía');
  });
});
