// Access control: who the caller is (session or API key), which team and accounts
// it reaches, and whether the route's declared permission holds. The only place
// where permissions are checked.
export { createAccessService, auditActorOf, grantOf, SESSION_TTL_MS, type AccessService, type AccessRule, type AccessContext, type Actor, type TeamContext, type Need } from './access.service.ts';
export { registerAccessControl, SESSION_COOKIE, CSRF_COOKIE, DEVICE_COOKIE } from './access.hook.ts';
export { accessErrors } from './access.errors.ts';
