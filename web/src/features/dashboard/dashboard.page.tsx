import { ComingSoon } from '../../ui/coming-soon.tsx';

export function DashboardPage() {
  return <ComingSoon titleKey="tab.dashboard" />;
}
