// Access control: who the caller is (a closed union of principals: team member by session
// or key, platform staff by session or key, buyer by link), which team and accounts it
// reaches, and whether the route's declared need holds. The only place permissions are checked.
export {
  type AccessContext,
  type AccessRule,
  type Actor,
  type BuyerLinkPrincipal,
  type MemberPrincipal,
  type Need,
  needLabel,
  type Principal,
  principalsOf,
  PUBLIC_CONTEXT,
  requirementOf,
  type StaffPrincipal,
  type TeamContext,
} from './access.principals.ts';
export {
  auditActorOf,
  type Channel,
  createAccessService,
  grantOf,
  isLive,
  type LiveMembership,
  liveMemberships,
  SESSION_TTL_MS,
  STAFF_SESSION_TTL_MS,
  type AccessService,
} from './access.service.ts';
export { type AccountScope, assertInScope, scopeOf } from './access.scope.ts';
export { cookieNames, type CookieNames, registerAccessControl, SESSION_COOKIE, CSRF_COOKIE, DEVICE_COOKIE, STAFF_SESSION_COOKIE, STAFF_CSRF_COOKIE } from './access.hook.ts';
export { accessErrors } from './access.errors.ts';
