// Each party's ticket page from its e-mailed link (TKT-3), no login: routes.tsx mounts these in
// the plain layout without the sellers' "Log in".
import { Route } from 'react-router';
import { TicketLinkPage } from './ticket-link.page.tsx';

export const ticketLinkRoutes = [
  <Route key="ticket-link-buyer" path="tickets/b/:token" element={<TicketLinkPage party="buyer" />} />,
  <Route key="ticket-link-seller" path="tickets/s/:token" element={<TicketLinkPage party="seller" />} />,
];
