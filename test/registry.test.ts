// The module registry (src/modules.ts): every mail template renders in es and en from its
// sample; audit actions and link purposes are unique and named after their module; the demo is
// built from the modules' steps, in the list's order.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMail } from '../src/kernel/mail/index.ts';
import type { DemoContext, ModuleDescriptor } from '../src/kernel/module.ts';
import { auditActionLabels, linkPurposes, mailCatalogue, MODULES } from '../src/modules.ts';
import { demoModules, loadDemoSteps } from '../src/seed/demo.ts';

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

describe('demo steps', () => {
  it('every module with demo data (a <module>.demo.ts in its folder) declares its step, and the demo runs them in the list’s order', () => {
    const root = path.resolve(import.meta.dirname, '../src/modules');
    const withDemoFiles = readdirSync(root).filter((dir) => existsSync(path.join(root, dir, `${dir}.demo.ts`)));
    const listed = demoModules().map((m) => m.name);
    expect([...listed].sort()).toEqual([...withDemoFiles].sort());
    // The list's order: who opens the teams first, then what the later steps build on them.
    expect(listed).toEqual(MODULES.map((m) => m.name).filter((name) => listed.includes(name)));
    expect(listed).toEqual(['team', 'products', 'sales', 'tickets', 'staff']);
  });

  it('loads the steps in the given list’s order, each with its own module’s jobs and what the earlier ones made', async () => {
    const ran: string[] = [];
    const step = (name: string, make?: () => void): ModuleDescriptor => ({
      name,
      description: name,
      jobs: () => [{ name: `${name}.job`, intervalMs: 1000, run: async () => 0 }],
      demo: {
        async load(ctx) {
          ran.push(`${name}:${ctx.jobs().map((j) => j.name).join(',')}:${Object.keys(ctx.made).join(',')}`);
          make?.();
        },
      },
    });
    const made: Record<string, unknown> = {};
    const modules = [step('first', () => Object.assign(made, { teams: [] })), { name: 'quiet', description: 'no demo' }, step('second'), step('third')];
    await loadDemoSteps({ made } as unknown as DemoContext, modules);
    expect(ran).toEqual(['first:first.job:', 'second:second.job:teams', 'third:third.job:teams']);
  });
});
