import { describe, expect, it } from 'vitest';
import { type MailTemplate, renderMail } from '../../kernel/mail/index.ts';
import { teamMailTemplates as typed } from './team.mail.ts';

const teamMailTemplates = typed as unknown as ReadonlyArray<MailTemplate<Record<string, string>>>;

describe('X-1 team e-mails', () => {
  it.each(teamMailTemplates.map((t) => [t.name, t] as const))('%s exists in Spanish and English, with its link in both bodies', (_name, template) => {
    const es = renderMail(template, template.sample, 'es');
    const en = renderMail(template, template.sample, 'en');
    expect(es.subject).not.toBe(en.subject);
    const url = template.sample.url;
    for (const m of [es, en]) {
      expect(m.text).toContain(url);
      expect(m.html).toContain(url);
      expect(m.html).toContain('<html lang=');
    }
  });

  it('subjects are stable per event: they carry no names or other parameters', () => {
    for (const t of teamMailTemplates) {
      for (const locale of ['es', 'en'] as const) {
        const subject = renderMail(t, t.sample, locale).subject;
        for (const value of Object.values(t.sample)) if (value.length > 3) expect(subject).not.toContain(value);
      }
    }
  });
});
