import { ComingSoon } from '../../ui/coming-soon.tsx';

export function TicketsPage() {
  return <ComingSoon titleKey="tab.tickets" />;
}
