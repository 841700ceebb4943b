// The staff's demo step (src/kernel/module.ts, DemoStep): the platform staff login (PLAT-*),
// same password and PIN style as the demo's sellers (src/seed/demo-logins.ts), and an API key
// derived from the session secret, so `seed --demo --json` prints it every time.
import type { DemoReading, DemoStep } from '../../kernel/module.ts';
import { DEMO_STAFF } from '../../seed/demo-logins.ts';
import { createStaffService, STAFF_KEY_PREFIX } from './staff.service.ts';

export interface DemoStaff {
  email: string;
  password: string;
  pin: string;
  apiKey: string;
}

declare module '../../kernel/module.ts' {
  interface DemoSummaryParts {
    /** The platform staff login (`/staff/login`, PIN as second step) and its API key. */
    staff: DemoStaff;
  }
}

const apiKeyOf = (reading: Pick<DemoReading, 'derive'>) => `${STAFF_KEY_PREFIX}${reading.derive('demo-staff-key').slice(0, 32)}`;

export const staffDemo: DemoStep = {
  async load(ctx) {
    ctx.clock.set(ctx.today);
    await createStaffService(ctx.deps).ensureDemo({ ...DEMO_STAFF, apiKey: apiKeyOf(ctx) });
  },
  async read(ctx) {
    return { staff: { email: DEMO_STAFF.email, password: DEMO_STAFF.password, pin: DEMO_STAFF.pin, apiKey: apiKeyOf(ctx) } };
  },
};
