// Every text of the web app, in both languages: the shared words and each feature's
// own catalog, kept beside its pages. A feature's keys all start with its prefix, filed
// here under that same prefix, so no catalog can silently replace another's text.
import { accountsMessages } from './features/accounts/accounts.i18n.ts';
import { auditMessages } from './features/audit/audit.i18n.ts';
import { authMessages } from './features/auth/auth.i18n.ts';
import { checkInMessages } from './features/check-in/check-in.i18n.ts';
import { checkoutMessages } from './features/checkout/checkout.i18n.ts';
import { emailsMessages } from './features/emails/emails.i18n.ts';
import { mailboxMessages } from './features/mailbox/mailbox.i18n.ts';
import { orderMessages } from './features/order/order.i18n.ts';
import { productsMessages } from './features/products/products.i18n.ts';
import { profileMessages } from './features/profile/profile.i18n.ts';
import { teamMessages } from './features/team/team.i18n.ts';
import { ticketsMessages } from './features/tickets/tickets.i18n.ts';
import { subscriptionsMessages } from './features/transactions/subscription-panel.i18n.ts';
import { transactionsMessages } from './features/transactions/transactions.i18n.ts';
import { orderActionsMessages } from './features/transactions/actions/order-actions.i18n.ts';
import { webhooksMessages } from './features/webhooks/webhooks.i18n.ts';
import { commonMessages } from './ui/common.i18n.ts';

/** Each catalog under the prefix its keys start with (checked: `prefix` must equal the name). */
function byPrefix<const C extends { [P in keyof C]: { prefix: P; en: Record<string, string>; es: Record<string, string> } }>(catalogs: C): C {
  return catalogs;
}

const features = byPrefix({
  accounts: accountsMessages,
  audit: auditMessages,
  auth: authMessages,
  checkIn: checkInMessages,
  checkout: checkoutMessages,
  mailbox: mailboxMessages,
  emails: emailsMessages,
  order: orderMessages,
  products: productsMessages,
  profile: profileMessages,
  subscriptions: subscriptionsMessages,
  team: teamMessages,
  tickets: ticketsMessages,
  transactions: transactionsMessages,
  orderActions: orderActionsMessages,
  webhooks: webhooksMessages,
});

type Features = typeof features;
type FeaturePrefix = keyof Features;
type FeatureKey = { [P in FeaturePrefix]: keyof Features[P]['en'] & string }[FeaturePrefix];
type CommonKey = keyof typeof commonMessages.en;

export type MessageKey = CommonKey | FeatureKey;

// The shared words stay out of the features' prefixes (a type error names the clashing key).
type Clash = Extract<CommonKey, `${FeaturePrefix}.${string}`>;
const commonStaysOutOfFeatures: [Clash] extends [never] ? true : Clash = true;
void commonStaysOutOfFeatures;

function merge(lang: 'en' | 'es'): Record<MessageKey, string> {
  const all: Record<string, string> = { ...commonMessages[lang] };
  for (const catalog of Object.values(features)) Object.assign(all, catalog[lang]);
  return all as Record<MessageKey, string>;
}

export const dictionaries = { en: merge('en'), es: merge('es') };
