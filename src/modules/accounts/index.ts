// Seller accounts (ACC-1) and how they join a master account (MA-5, MA-6): what other
// modules may use. The dashboard and the demo seed list a team's accounts through
// findAccountsForTeam, always within the scope of whoever is looking.
import type { Db } from '../../db/client.ts';
import { defineModule } from '../../kernel/module.ts';
import { accountsAuditActions } from './accounts.audit.ts';
import { accountsLinks } from './accounts.links.ts';
import { accountsMailTemplates } from './accounts.mail.ts';
import {
  type AccountScope,
  createAccountsRepository,
  inAccountScope,
  type LinkedAccount,
  type ScopeShape,
  scopeShapeOf,
  sellerAccountsInPreparedScope,
  sellerAccountsInScope,
} from './accounts.repository.ts';

export { inAccountScope, scopeShapeOf, sellerAccountsInPreparedScope, sellerAccountsInScope, type ScopeShape };
import { accountsRoutes } from './accounts.routes.ts';

export { accountsErrors, type AccountsErrorCode } from './accounts.errors.ts';
export { accountsMailTemplates, linkCompleted, linkConfirmation } from './accounts.mail.ts';
export {
  ACCOUNT_CURRENCIES,
  customerServiceAddress,
  normalizeTimeZone,
  normalizeUsername,
  type AccountCurrency,
  type NewAccount,
  type NewAccountInput,
  type TaxDisplay,
} from './accounts.rules.ts';
export { createAccountOpening, type AccountOpening, type OpenedByStaff } from './accounts.opening.service.ts';
export { createAccountCredentials, type AccountCredentials } from './accounts.credentials.ts';
export type { AccountSettingsView, AccountView } from './accounts.schemas.ts';
export { createAccountsService, toAccountSettings, toAccountView, type AccountsService } from './accounts.service.ts';
export type { AccountScope, LinkedAccount };

const repo = createAccountsRepository();

/** The accounts linked to a team, ordered by nickname, within a scope ('all' or Grant.accounts). No password hashes. */
export function findAccountsForTeam(db: Db, masterAccountId: string, scope: AccountScope = 'all'): Promise<LinkedAccount[]> {
  return repo.findLinked(db, masterAccountId, scope);
}

export const accountsModule = defineModule({
  name: 'accounts',
  description: 'Seller accounts: opening them (ACC-2), their settings (ACC-1), and linking them to a master account (MA-5, MA-6).',
  routes: accountsRoutes,
  mailTemplates: accountsMailTemplates,
  auditActions: accountsAuditActions,
  links: accountsLinks,
});
