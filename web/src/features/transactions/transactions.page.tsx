import { ComingSoon } from '../../ui/coming-soon.tsx';

export function TransactionsPage() {
  return <ComingSoon titleKey="tab.transactions" />;
}
