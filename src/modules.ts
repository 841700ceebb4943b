// The product's modules, in the order their routes are registered. The app, the job list,
// the mail-template catalogue, the audit-action labels and the link purposes are all built
// from this one list: a new module is a folder plus one line here.
import { accountsModule } from './modules/accounts/index.ts';
import { auditModule } from './modules/audit/index.ts';
import { authModule } from './modules/auth/index.ts';
import { productsModule } from './modules/products/index.ts';
import { salesModule } from './modules/sales/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { sandboxModule } from './modules/sandbox/index.ts';
import { ticketsModule } from './modules/tickets/index.ts';
import { staffModule } from './modules/staff/index.ts';
import { systemModule } from './modules/system/index.ts';
import { teamModule } from './modules/team/index.ts';
import { webhooksModule } from './modules/webhooks/index.ts';
import type { AuditActionLabels } from './kernel/audit/index.ts';
import type { LinkPurpose } from './kernel/links/index.ts';
import { type MailTemplate, testMessage } from './kernel/mail/index.ts';
import type { ModuleDescriptor } from './kernel/module.ts';

export const MODULES: readonly ModuleDescriptor[] = [systemModule, authModule, accountsModule, teamModule, productsModule, salesModule, ticketsModule, webhooksModule, auditModule, staffModule, sandboxModule, notificationsModule];

/** Every mail template, the kernel's own included (NOTIF-3's "all templates" page reads this). */
// biome-ignore lint: templates of any parameters
export function mailCatalogue(): MailTemplate<any>[] {
  return [testMessage, ...MODULES.flatMap((m) => m.mailTemplates ?? [])];
}

/** Every audit action with its labels. */
export function auditActionLabels(): AuditActionLabels {
  return Object.assign({}, ...MODULES.map((m) => m.auditActions ?? {}));
}

/** Every kind of e-mailed link. */
export function linkPurposes(): LinkPurpose[] {
  return MODULES.flatMap((m) => [...(m.links ?? [])]) as LinkPurpose[];
}
