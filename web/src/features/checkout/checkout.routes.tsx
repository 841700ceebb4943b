// The public checkout page (no login needed), rendered inside PlainLayout; routes.tsx mounts it.
import { Route } from 'react-router';
import { CheckoutPage } from './checkout.page.tsx';

export const checkoutRoutes = [<Route key="buy" path="buy/:productId" element={<CheckoutPage />} />];
