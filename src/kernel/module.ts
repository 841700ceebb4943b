// What a module declares about itself, so the app is assembled from one list
// (src/modules.ts): its routes, jobs, mail templates, audit actions and e-mailed
// link purposes. Tables need no entry: every `*.tables.ts` under src/ is part of
// the schema (drizzle.config.ts). The demo seed has no step here: src/seed/demo.ts
// builds it on its own, calling the modules' services.
import type { FastifyPluginAsync } from 'fastify';
import type { AuditActionLabels } from './audit/index.ts';
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
}

/** Identity function that keeps the literal types of a descriptor. */
export function defineModule<const M extends ModuleDescriptor>(module: M): M {
  return module;
}
