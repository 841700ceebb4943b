// The buyer's pages (no login): the order page of the receipt e-mail's link, and the e-mail
// change confirmation. routes.tsx mounts them in the plain layout, without the sellers' "Log in".
import { Route } from 'react-router';
import { EmailChangePage } from './email-change.page.tsx';
import { OrderPage } from './order.page.tsx';

export const orderRoutes = [
  <Route key="order-email-change" path="o/email-change/:token" element={<EmailChangePage />} />,
  <Route key="order" path="o/:token" element={<OrderPage />} />,
];
