// The signed-in back office, rendered inside AppLayout; routes.tsx mounts them.
//
// URLs carry the team and the account in use (MA-6), so several can be open at once in
// separate browser tabs: `/t/:teamId/<tab>`, `/t/:teamId/a/:accountId`, `/t/:teamId/audit`,
// `/t/:teamId/me`, and `/teams` (TEAM-9). The older addresses without a team (`/dashboard`,
// `/users`, and `/accounts/:accountId` that the "link completed" e-mail points to) redirect
// into the right team. The development mailbox stays public.
import { type ComponentType, useEffect, useState } from 'react';
import { Navigate, Route, useLocation, useParams } from 'react-router';
import { RequireSession, useMe, useSession } from '../../lib/session.tsx';
import { AccountPage } from '../accounts/account.page.tsx';
import { AccountsPage } from '../accounts/accounts.page.tsx';
import { AuditPage } from '../audit/audit.page.tsx';
import { DashboardPage } from '../dashboard/dashboard.page.tsx';
import { MailboxPage } from '../mailbox/mailbox.page.tsx';
import { ProductsPage } from '../products/products.page.tsx';
import { ReportsPage } from '../reports/reports.page.tsx';
import { ProfilePage } from '../profile/profile.page.tsx';
import { MyMembershipPage } from '../team/my-membership.page.tsx';
import { TeamPage } from '../team/team.page.tsx';
import { TeamsPage } from '../team/teams.page.tsx';
import { TicketPage } from '../tickets/ticket.page.tsx';
import { TicketsPage } from '../tickets/tickets.page.tsx';
import { OrderPage, OrderRedirect } from '../transactions/order.page.tsx';
import { TransactionsPage } from '../transactions/transactions.page.tsx';
import { WebhooksPage } from '../webhooks/webhooks.page.tsx';
import { pickTeam } from '../../ui/active-team.ts';
import { AppLayout } from '../../ui/layout.tsx';
import { AccessDisabledPage, NotAvailablePage } from '../../ui/not-available-page.tsx';
import { NotFoundPage } from '../../ui/not-found-page.tsx';
import { LoadError, Loading } from '../../ui/status.tsx';
import { type Tab, TABS, tabPath, teamHomePath } from '../../ui/tabs.ts';
import { OwnerGate, TabGate, TeamHome, TeamScope } from './team-scope.tsx';

const TAB_PAGES: Record<Tab, ComponentType> = {
  dashboard: DashboardPage,
  accounts: AccountsPage,
  tickets: TicketsPage,
  transactions: TransactionsPage,
  reports: ReportsPage,
  users: TeamPage,
};

function SessionError({ message, retry }: { message: string; retry: () => void }) {
  return (
    <section className="page">
      <LoadError message={message} onRetry={retry} />
    </section>
  );
}

const guard = {
  loading: <Loading />,
  error: (message: string, retry: () => void) => <SessionError message={message} retry={retry} />,
  disabled: (message: string) => <AccessDisabledPage message={message} />,
};

/** `/`: the home tab of the team last used in this browser tab, else of the first team. */
function HomeRedirect() {
  const me = useMe();
  const team = pickTeam(me.teams);
  return <Navigate to={team ? teamHomePath(team) : '/teams'} replace />;
}

/** The old `/dashboard`, `/users`…: the same tab in a team that shows it, else a team's home. */
function TabRedirect({ tab }: { tab: Tab }) {
  const me = useMe();
  const { search, hash } = useLocation();
  const preferred = pickTeam(me.teams);
  const withTab = preferred?.tabs.includes(tab) ? preferred : me.teams.find((team) => team.tabs.includes(tab));
  if (withTab) return <Navigate to={tabPath(withTab.teamId, tab) + search + hash} replace />;
  return <Navigate to={preferred ? teamHomePath(preferred) : '/teams'} replace />;
}

/** `/accounts/:accountId` (the "link completed" e-mail, MA-5): the account in the team that holds it. */
function AccountRedirect() {
  const { accountId = '' } = useParams();
  const me = useMe();
  const { refresh } = useSession();
  const [phase, setPhase] = useState<'first' | 'refreshing' | 'done'>('first');
  const team = me.teams.find((t) => t.accounts.some((a) => a.id === accountId));
  // Just linked in another browser tab: this page's copy of /me may predate it.
  useEffect(() => {
    if (team || phase !== 'first') return;
    setPhase('refreshing');
    void refresh().finally(() => setPhase('done'));
  }, [team, phase, refresh]);
  if (team) return <Navigate to={`/t/${team.teamId}/a/${accountId}`} replace />;
  if (phase !== 'done') return <Loading />;
  return <NotAvailablePage reason="account" />;
}

/** `/` is mounted outside AppLayout by routes.tsx, so it brings its own shell and session. */
export const appIndex = (
  <AppLayout>
    <RequireSession {...guard}>
      <HomeRedirect />
    </RequireSession>
  </AppLayout>
);

export const appRoutes = [
  <Route key="mailbox" path="dev/mailbox" element={<MailboxPage />} />,
  <Route key="session" element={<RequireSession {...guard} />}>
    <Route path="teams" element={<TeamsPage />} />
    <Route path="profile" element={<ProfilePage />} />
    {TABS.map((tab) => (
      <Route key={`old-${tab}`} path={tab} element={<TabRedirect tab={tab} />} />
    ))}
    <Route path="accounts/:accountId" element={<AccountRedirect />} />
    <Route path="orders/:orderId" element={<OrderRedirect />} />
    <Route path="t/:teamId" element={<TeamScope />}>
      <Route index element={<TeamHome />} />
      {TABS.map((tab) => {
        const Page = TAB_PAGES[tab];
        return (
          <Route
            key={tab}
            path={tab}
            element={
              <TabGate tab={tab}>
                <Page />
              </TabGate>
            }
          />
        );
      })}
      <Route
        path="tickets/:number"
        element={
          <TabGate tab="tickets">
            <TicketPage />
          </TabGate>
        }
      />
      <Route path="a/:accountId" element={<AccountPage />} />
      <Route
        path="orders/:orderId"
        element={
          <TabGate tab="transactions">
            <OrderPage />
          </TabGate>
        }
      />
      <Route path="a/:accountId/products" element={<ProductsPage />} />
      <Route path="a/:accountId/webhooks" element={<WebhooksPage />} />
      <Route
        path="audit"
        element={
          <OwnerGate>
            <AuditPage />
          </OwnerGate>
        }
      />
      <Route path="me" element={<MyMembershipPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  </Route>,
];
