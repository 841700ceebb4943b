// What a module declares about itself, so the app is assembled from one list
// (src/modules.ts): its routes, jobs, mail templates, audit actions, e-mailed link
// purposes and its step of the demo seed. Tables need no entry: every `*.tables.ts`
// under src/ is part of the schema (drizzle.config.ts). src/seed/demo.ts runs the demo
// steps in the list's order, in one transaction; a step lives in its module's folder
// (`<module>.demo.ts`) and makes its data through the module's own services.
import type { FastifyPluginAsync } from 'fastify';
import type { AuditActionLabels, AuditActor } from './audit/index.ts';
import type { ManualClock } from './clock.ts';
import type { AppDeps } from './deps.ts';
import type { JobDefinition } from './jobs/runner.ts';
import type { LinkPurpose } from './links/index.ts';
import type { MailTemplate } from './mail/index.ts';

export interface ModuleDescriptor {
  /** Also the module's OpenAPI tag. */
  name: string;
  /** One line for the API reference (the tag's description). */
  description: string;
  routes?: FastifyPluginAsync;
  jobs?: (deps: AppDeps) => JobDefinition[];
  // biome-ignore lint: templates of any parameters
  mailTemplates?: readonly MailTemplate<any>[];
  auditActions?: AuditActionLabels;
  links?: readonly LinkPurpose[];
  /** Its part of the demo data, if it has one (`npm run cli -- seed --demo`, first start). */
  demo?: DemoStep;
}

/** Identity function that keeps the literal types of a descriptor. */
export function defineModule<const M extends ModuleDescriptor>(module: M): M {
  return module;
}

// --- The demo seed's steps ---------------------------------------------------------------

/**
 * What a demo step made that later steps use (the teams and their accounts, the products...).
 * Empty here: each module declares its own entries, as with audit actions:
 * `declare module '../../kernel/module.ts' { interface DemoFacts { teams: DemoTeam[] } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules (declaration merging)
export interface DemoFacts {}

/** What `seed --demo --json` prints, each module's fields declared by that module (declaration merging). */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules (declaration merging)
export interface DemoSummaryParts {}

/**
 * The e-mail the demo's made-up people would have received: kept in memory, never queued. A step
 * follows a link in it as the person would (the sign-up's confirmation, a set-password link).
 */
export interface DemoInbox {
  /** The token of the newest link to `to` under `path` (e.g. '/signup/confirm/'); throws when there is none. */
  token(to: string, path: string): string;
}

/** What every step reads, loading or summarizing. */
export interface DemoReading {
  /** A secret derived from the session secret (API keys, an invitation's token): the same on every run, so it can be printed again. */
  derive(what: string): string;
  /** What the steps before this one made (loading) or found (summarizing). */
  made: Partial<DemoFacts>;
  /** Who the audit log names for what the loader does on someone's behalf ('demo data', through the command line). */
  actor: AuditActor;
}

/** A step's view of the demo while loading it. */
export interface DemoContext extends DemoReading {
  /** The services' dependencies: the demo's one transaction as database, `clock` as clock, the `inbox` as mailer. */
  deps: AppDeps;
  /** The demo's own clock, given to every service: a step sets it to the instant of each thing it does. */
  clock: ManualClock;
  /** When the demo is loaded (the platform's now); its history lies before. */
  today: Date;
  /** How far back the demo's history starts (`today` minus 130 days): the first teams open then. */
  start: Date;
  inbox: DemoInbox;
  /** The module's own periodic jobs on these deps (a step runs them through its past, as the job runner would). */
  jobs(): JobDefinition[];
}

/** A step's view of the loaded demo, to print it: outside the transaction, the platform's clock. */
export interface DemoSummaryContext extends DemoReading {
  deps: AppDeps;
}

/** A fact an earlier step made; throws when none did (src/modules.ts lists the steps in the order they run). */
export function madeBefore<K extends keyof DemoFacts>(reading: DemoReading, key: K): DemoFacts[K] {
  const value = reading.made[key];
  if (value === undefined) throw new Error(`demo: no step before this one made '${String(key)}' (src/modules.ts runs the steps in its order)`);
  return value as DemoFacts[K];
}

export interface DemoStep {
  /** Makes the module's part of the demo, through its services; may add to `ctx.made`. Runs once, on an empty demo. */
  load(ctx: DemoContext): Promise<void>;
  /**
   * Reads the module's part back, on every run (a second one prints the same): what it adds to
   * the printed summary, and (in `ctx.made`) the facts later steps' summaries need. Null when its
   * part is not in the database. A step with nothing to print leaves it out.
   */
  read?(ctx: DemoSummaryContext): Promise<Partial<DemoSummaryParts> | null>;
}
