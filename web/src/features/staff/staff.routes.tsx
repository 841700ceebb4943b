// The platform staff's pages (PLAT-*), rendered inside PlainLayout: they live outside the
// sellers' back office and its session. routes.tsx mounts them.
import { Route } from 'react-router';
import { StaffHomePage } from './staff-home.page.tsx';
import { StaffLoginPage } from './staff-login.page.tsx';
import { StaffPasswordPage } from './staff-password.page.tsx';

export const staffRoutes = [
  <Route key="staff" path="staff" element={<StaffHomePage />} />,
  <Route key="staff-login" path="staff/login" element={<StaffLoginPage />} />,
  <Route key="staff-password" path="staff/password/:token" element={<StaffPasswordPage />} />,
];
