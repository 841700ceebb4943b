import { ComingSoon } from '../../ui/coming-soon.tsx';

export function ReportsPage() {
  return <ComingSoon titleKey="tab.reports" />;
}
