// The demo's platform staff login (PLAT-*): same password and PIN style as the demo's sellers,
// and an API key derived from the session secret so `seed --demo --json` prints it every time.
import { createHmac } from 'node:crypto';
import type { AppDeps } from '../kernel/deps.ts';
import { createStaffService, STAFF_KEY_PREFIX } from '../modules/staff/index.ts';

export const DEMO_STAFF = { email: 'soporte@staff.mostrador.test', name: 'Sofía Soporte', password: 'PLAtaforma!!2026', pin: '1357' };

export interface DemoStaff {
  email: string;
  password: string;
  pin: string;
  apiKey: string;
}

export async function seedDemoStaff(deps: AppDeps): Promise<DemoStaff> {
  const apiKey = `${STAFF_KEY_PREFIX}${createHmac('sha256', deps.config.sessionSecret).update('demo-staff-key').digest('base64url').slice(0, 32)}`;
  await createStaffService(deps).ensureDemo({ ...DEMO_STAFF, apiKey });
  return { email: DEMO_STAFF.email, password: DEMO_STAFF.password, pin: DEMO_STAFF.pin, apiKey };
}
