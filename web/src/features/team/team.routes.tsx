// The team's public page (no login needed), rendered inside PlainLayout; routes.tsx mounts it:
// the link a team e-mails to someone who already used Mostrador, to accept a place (issue 7).
import { Route } from 'react-router';
import { JoinPage } from './join.page.tsx';

export const teamPublicRoutes = [<Route key="join" path="join/:token" element={<JoinPage />} />];
