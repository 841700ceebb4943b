// An order's status as a badge: green when the sale stands, amber while something is
// pending or partial, red when the money went back or was taken back, grey when cancelled.
import { useLanguage } from '../../lib/i18n.ts';
import type { OrderStatus } from './transactions.api.ts';

const TONE: Record<OrderStatus, string> = {
  approved: 'badge badge--sent',
  claimed: 'badge badge--pending',
  partially_refunded: 'badge badge--pending',
  refunded: 'badge badge--failed',
  chargeback: 'badge badge--failed',
  cancelled: 'badge',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useLanguage();
  return <span className={TONE[status]}>{t(`transactions.status.${status}`)}</span>;
}
