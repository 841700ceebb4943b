import { Route } from 'react-router';
import { EmailsPage } from './emails.page.tsx';

export const emailsRoutes = [<Route key="emails" path="emails" element={<EmailsPage />} />];
