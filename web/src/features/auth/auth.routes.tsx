// The public pages (no login needed), rendered inside PlainLayout.
// Owned by the auth feature; routes.tsx mounts them.
import { Route } from 'react-router';
import { AccountLinkPage } from './account-link.page.tsx';
import { AccountPasswordPage } from './account-password.page.tsx';
import { InvitationPage } from './invitation.page.tsx';
import { LoginPage } from './login.page.tsx';
import { PasswordForgotPage } from './password-forgot.page.tsx';
import { PasswordResetPage, PasswordSetPage } from './password-link.page.tsx';
import { SignupConfirmPage } from './signup-confirm.page.tsx';
import { SignupPage } from './signup.page.tsx';

export const authRoutes = [
  <Route key="login" path="login" element={<LoginPage />} />,
  <Route key="signup" path="signup" element={<SignupPage />} />,
  <Route key="signup-confirm" path="signup/confirm/:token" element={<SignupConfirmPage />} />,
  <Route key="password-forgot" path="password/forgot" element={<PasswordForgotPage />} />,
  <Route key="password-reset" path="password/reset/:token" element={<PasswordResetPage />} />,
  <Route key="password-set" path="password/set/:token" element={<PasswordSetPage />} />,
  <Route key="invitation" path="invitations/:token" element={<InvitationPage />} />,
  <Route key="account-link" path="accounts/link/:token" element={<AccountLinkPage />} />,
  <Route key="account-password" path="accounts/password/:token" element={<AccountPasswordPage />} />,
];
