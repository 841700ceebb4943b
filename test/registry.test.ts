// The module registry (src/modules.ts): every mail template renders in es and en from its
// sample; audit actions and link purposes are unique and named after their module.
import { describe, expect, it } from 'vitest';
import { renderMail } from '../src/kernel/mail/index.ts';
import { auditActionLabels, linkPurposes, mailCatalogue, MODULES } from '../src/modules.ts';

describe('module registry', () => {
  it('every registered mail template renders in Spanish and English from its sample parameters', () => {
    const catalogue = mailCatalogue();
    expect(catalogue.length).toBeGreaterThanOrEqual(10);
    expect(new Set(catalogue.map((t) => t.name)).size).toBe(catalogue.length);
    for (const template of catalogue) {
      const es = renderMail(template, template.sample, 'es');
      const en = renderMail(template, template.sample, 'en');
      for (const m of [es, en]) {
        expect(m.subject.trim(), template.name).not.toBe('');
        expect(m.html, template.name).toContain('<html');
        expect(m.text.trim(), template.name).not.toBe('');
        expect(`${m.subject}${m.text}`, template.name).not.toMatch(/undefined|\[object Object\]|\{\w+\}/);
      }
      expect(es.subject, `${template.name} has one subject for both languages`).not.toBe(en.subject);
    }
  });

  it('every module has a unique name; link purposes are unique and belong to their module', () => {
    expect(new Set(MODULES.map((m) => m.name)).size).toBe(MODULES.length);
    const purposes = linkPurposes();
    expect(new Set(purposes.map((p) => p.name)).size).toBe(purposes.length);
    for (const m of MODULES) for (const p of m.links ?? []) expect(p.name.startsWith(`${m.name}.`)).toBe(true);
  });

  it('every audit action has a label in both languages', () => {
    const labels = auditActionLabels();
    expect(Object.keys(labels).length).toBeGreaterThan(20);
    for (const [action, l] of Object.entries(labels)) {
      expect(l.en.trim(), action).not.toBe('');
      expect(l.es.trim(), action).not.toBe('');
    }
  });
});
