// Selling (SALES-2 to SALES-11): purchases through the checkout page and the API, orders and
// their payments, subscriptions and invoices, event check-ins, the buyer's order page, the
// Transactions tab and the producer actions. docs/sales.md describes the design.
import { defineModule } from '../../kernel/module.ts';
import { salesAuditActions } from './sales.audit.ts';
import { salesDemo } from './sales.demo.ts';
import { chargebackJobs } from './sales.chargebacks.ts';
import { CHARGEBACK_MAIL_TEMPLATES } from './sales.chargebacks.mail.ts';
import { BILLING_MAIL_TEMPLATES } from './sales.billing.mail.ts';
import { billingJobs } from './sales.billing.ts';
import { BUYER_MAIL_TEMPLATES } from './sales.buyer.mail.ts';
import { buyerEmailChangeLink, checkInLink, orderLink } from './sales.links.ts';
import { SALES_MAIL_TEMPLATES } from './sales.mail.ts';
import { refundJobs } from './sales.refunds.service.ts';
import { salesRoutes } from './sales.routes.ts';

export { salesErrors, type SalesErrorCode } from './sales.errors.ts';
export { createPurchaseService, type PurchaseService } from './sales.purchase.ts';
/** The billing job's one pass, for `npm run cli -- billing --once`. */
export { createBilling, type BillingReport } from './sales.billing.ts';
/** The order's claim (SALES-2's "claimed"): opened and closed by the tickets issue; the demo seed until then. */
export { clearClaim, markClaimed } from './sales.claims.ts';
/** The subject a buyer's links are filed under, so changing the buyer's e-mail revokes them all (tickets' links too). */
export { buyerSubject } from './sales.links.ts';
/** The buyer's order link: the tickets module opens a buyer's ticket from the order page with it (TKT-2). */
export { orderLink } from './sales.links.ts';
/** What a person typed as a receipt, normalized (the tickets' search and opening read receipts too). */
export { normalizeReceipt } from './sales.rules.ts';
/** TKT-6: the money of a processed ticket (the tickets module's port), and the hook of a claimed order refunded by the seller. */
export { createTicketMoney } from './sales.tickets.ts';
export { handleClaimedOrderRefunded } from './sales.refunds.hooks.ts';
/** The producer actions' services: what the owner does, as the routes do it. */
export { createRefundsService } from './sales.refunds.service.ts';
export { createSubscriptionsService } from './sales.subscriptions.ts';
export { createCheckInService } from './sales.check-in.ts';
export type { OrderView, PurchaseInput } from './sales.schemas.ts';

export const salesModule = defineModule({
  name: 'sales',
  description: 'Orders, payments, subscriptions and invoices, event check-ins, and the buyer’s order page (SALES-2 to SALES-11).',
  routes: salesRoutes,
  mailTemplates: [...SALES_MAIL_TEMPLATES, ...BUYER_MAIL_TEMPLATES, ...BILLING_MAIL_TEMPLATES, ...CHARGEBACK_MAIL_TEMPLATES],
  auditActions: salesAuditActions,
  links: [orderLink, checkInLink, buyerEmailChangeLink],
  jobs: (deps) => [...refundJobs(deps), ...billingJobs(deps), ...chargebackJobs(deps)],
  demo: salesDemo,
});
