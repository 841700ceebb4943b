// Every page of the web app: public pages (features/auth) in the plain layout, the
// back office (features/app) in the layout with tabs.
import { Route, Routes } from 'react-router';
import { appIndex, appRoutes } from './features/app/app.routes.tsx';
import { authRoutes } from './features/auth/auth.routes.tsx';
import { checkInRoutes } from './features/check-in/check-in.routes.tsx';
import { checkoutRoutes } from './features/checkout/checkout.routes.tsx';
import { emailsRoutes } from './features/emails/emails.routes.tsx';
import { orderRoutes } from './features/order/order.routes.tsx';
import { staffRoutes } from './features/staff/staff.routes.tsx';
import { teamPublicRoutes } from './features/team/team.routes.tsx';
import { ticketLinkRoutes } from './features/ticket-link/ticket-link.routes.tsx';
import { AppLayout, PlainLayout } from './ui/layout.tsx';
import { NotFoundPage } from './ui/not-found-page.tsx';

export function AppRoutes() {
  return (
    <Routes>
      <Route index element={appIndex} />
      <Route element={<PlainLayout />}>{teamPublicRoutes}</Route>
      <Route element={<PlainLayout login={false} />}>{checkoutRoutes}</Route>
      <Route element={<PlainLayout login={false} />}>{orderRoutes}</Route>
      <Route element={<PlainLayout login={false} />}>{checkInRoutes}</Route>
      <Route element={<PlainLayout login={false} />}>{ticketLinkRoutes}</Route>
      <Route element={<PlainLayout session />}>{authRoutes}</Route>
      {/* Staff sign in at /staff/login with their own session: the sellers' "Log in" has no place there. */}
      <Route element={<PlainLayout login={false} />}>{staffRoutes}</Route>
      <Route element={<PlainLayout />}>{emailsRoutes}</Route>
      <Route element={<AppLayout />}>
        {appRoutes}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
