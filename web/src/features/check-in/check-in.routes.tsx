// The buyer's check-in page (no login: the e-mailed link is the credential); routes.tsx mounts
// it in the plain layout, without the sellers' "Log in".
import { Route } from 'react-router';
import { CheckInPage } from './check-in.page.tsx';

export const checkInRoutes = [<Route key="check-in" path="check-in/:token" element={<CheckInPage />} />];
