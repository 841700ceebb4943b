// Demo data: a rich, realistic starting point for `npm start` and for scripts, built from the
// list of modules (src/modules.ts): each module with demo data declares its step (`demo` in its
// descriptor, code in its folder's `<module>.demo.ts`), and this file runs the steps in the
// list's order, in one transaction: a failed run leaves nothing behind, so the next one starts
// over. Idempotent: a second run creates nothing and prints the same logins. API keys and the
// invitation's link are derived from the session secret, so they can be printed again without
// ever being stored in clear.
//
// The steps share one context (kernel/module.ts, DemoContext): the services' dependencies in the
// transaction, on the demo's manual clock and with the demo's inbox as mailer (the demo's people
// are made up: nothing is queued, and a step follows the links its people would have been
// e-mailed), and what earlier steps made. The demo has a past: the clock starts 130 days ago,
// when the team step opens the sellers' teams (and, today, Lucía's members); the products step
// fills the catalogs two days later; four months of sales and the last weeks' support tickets
// follow; the staff step adds the platform's login.
import { createHmac } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { type AuditActor, cliActor, createAudit } from '../kernel/audit/index.ts';
import { manualClock } from '../kernel/clock.ts';
import type { AppDeps } from '../kernel/deps.ts';
import { newId } from '../kernel/ids.ts';
import { createLinks } from '../kernel/links/index.ts';
import type { Mailer } from '../kernel/mail/index.ts';
import type { DemoContext, DemoFacts, DemoInbox, DemoSummaryContext, DemoSummaryParts, ModuleDescriptor } from '../kernel/module.ts';
import { MODULES } from '../modules.ts';
import { createSeedRepository } from './seed.repository.ts';

export { DEMO_ACCOUNT_PASSWORD, DEMO_ANSWERS, DEMO_DOMAIN, DEMO_PASSWORD, DEMO_PIN, DEMO_STAFF } from './demo-logins.ts';

/** What `seed --demo --json` prints: each module's part (DemoSummaryParts, declared by the modules). */
export type DemoSummary = { created: boolean } & DemoSummaryParts;

/** How far back the demo's history starts. */
export const DEMO_HISTORY_DAYS = 130;
const DAY_MS = 86_400_000;

/** Who the demo's history names for what the loader does on people's behalf: through the command line. */
const demoActor: AuditActor = { ...cliActor, label: 'demo data' };

/** The modules with demo data, in the list's order: the order their steps run in. */
export function demoModules(modules: readonly ModuleDescriptor[] = MODULES): Array<ModuleDescriptor & Required<Pick<ModuleDescriptor, 'demo'>>> {
  return modules.filter((m): m is ModuleDescriptor & Required<Pick<ModuleDescriptor, 'demo'>> => m.demo !== undefined);
}

/** Every demo secret, derived from the session secret: the same on every run with the same config. */
function deriveOf(deps: AppDeps): (what: string) => string {
  return (what) => createHmac('sha256', deps.config.sessionSecret).update(what).digest('base64url');
}

/**
 * The demo's mail: a mailer that queues nothing (neither door to the outbox: one message, nor a
 * batch) and keeps the links of what it was given, for the steps to follow as the people would.
 */
function demoInbox(mailer: Mailer, baseUrl: string): { inbox: DemoInbox; mailer: Mailer } {
  const links: Array<{ to: string; url: string }> = [];
  const keep = (input: { to: string; params: unknown }) => {
    for (const value of Object.values((input.params ?? {}) as Record<string, unknown>)) {
      if (typeof value === 'string' && value.startsWith(baseUrl)) links.push({ to: input.to.toLowerCase(), url: value.slice(baseUrl.length) });
    }
    return newId();
  };
  const none = {
    enqueue: async (_db: unknown, input: { to: string; params: unknown }) => keep(input),
    enqueueMany: async (_db: unknown, inputs: ReadonlyArray<{ to: string; params: unknown }>) => inputs.map(keep),
  };
  const inbox: DemoInbox = {
    token(to, path) {
      for (let i = links.length - 1; i >= 0; i--) {
        const { to: address, url } = links[i]!;
        if (address === to.toLowerCase() && url.startsWith(path)) return url.slice(path.length).split(/[/?#]/)[0]!;
      }
      throw new Error(`demo: no e-mail to ${to} with a link under ${path}`);
    },
  };
  return { inbox, mailer: { ...mailer, ...none } as Mailer };
}

/**
 * The context the steps load in: the services' dependencies in `tx`, on a manual clock starting
 * at `start` (every service's rows, audit entries and links are dated by it), sending no e-mail.
 * `seed --scale` opens its team in one too.
 */
export function demoContext(deps: AppDeps, tx: Db, today: Date, start = new Date(today.getTime() - DEMO_HISTORY_DAYS * DAY_MS)): DemoContext {
  const clock = manualClock(start);
  const { inbox, mailer } = demoInbox(deps.mailer, deps.config.baseUrl);
  const inTx: AppDeps = { ...deps, clock, audit: createAudit({ clock }), links: createLinks({ clock }), database: { ...deps.database, db: tx }, mailer };
  const made: Partial<DemoFacts> = {};
  return { deps: inTx, clock, today, start, inbox, derive: deriveOf(deps), made, actor: demoActor, jobs: () => [] };
}

/** Runs each module's step, in the list's order, each with its own jobs; what one makes the next ones see. */
export async function loadDemoSteps(ctx: DemoContext, modules: readonly ModuleDescriptor[] = MODULES): Promise<void> {
  for (const m of demoModules(modules)) await m.demo.load({ ...ctx, jobs: () => m.jobs?.(ctx.deps) ?? [] });
}

/**
 * Each step's part, read back in the list's order; null when the demo is not in the database. A
 * step missing its part while an earlier one found its own means the demo was loaded before that
 * module had demo data: it is loaded only into an empty database.
 */
async function readDemo(deps: AppDeps, modules: readonly ModuleDescriptor[] = MODULES): Promise<DemoSummaryParts | null> {
  const ctx: DemoSummaryContext = { deps, derive: deriveOf(deps), made: {}, actor: demoActor };
  const parts: Partial<DemoSummaryParts> = {};
  let found = false;
  for (const m of demoModules(modules)) {
    if (!m.demo.read) continue;
    const part = await m.demo.read(ctx);
    if (part === null && !found) return null;
    if (part === null) throw new Error(`demo: the demo in this database has no '${m.name}' part (loaded before that module had demo data?); load it into an empty database`);
    found = true;
    Object.assign(parts, part);
  }
  return parts as DemoSummaryParts;
}

export async function seedDemo(deps: AppDeps): Promise<DemoSummary> {
  const present = await readDemo(deps);
  if (present) return { created: false, ...present };
  await deps.database.db.transaction(async (tx) => loadDemoSteps(demoContext(deps, tx, deps.clock.now())));
  return { created: true, ...(await readDemo(deps))! };
}

/** On first start only: loads the demo when the database holds no people yet. */
export async function seedDemoIfEmpty(deps: AppDeps): Promise<boolean> {
  if ((await createSeedRepository().userCount(deps.database.db)) > 0) return false;
  return (await seedDemo(deps)).created;
}
