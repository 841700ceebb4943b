// A platform staff person for tests: a browser session (staff cookies + CSRF) and an API key,
// made through the staff service's own login, PIN included.
import type { TestContext } from './app.ts';
import { randomToken } from '../src/kernel/ids.ts';
import { createStaffService, STAFF_KEY_PREFIX } from '../src/modules/staff/index.ts';

export interface StaffLogin {
  email: string;
  cookies: Record<string, string>;
  csrf: string;
  apiKey: string;
}

export async function staffLogin(ctx: Pick<TestContext, 'deps'>, email = `staff-${randomToken(6).toLowerCase()}@mostrador.test`): Promise<StaffLogin> {
  const service = createStaffService(ctx.deps);
  const password = 'STaff!!2026xy';
  const apiKey = `${STAFF_KEY_PREFIX}${randomToken(24)}`;
  await service.ensureDemo({ email, name: 'Sam Staff', password, pin: '1357', apiKey });
  const { challengeId } = await service.login(email, password);
  const session = await service.secondStep(challengeId, '1357', null);
  return { email, cookies: { staff_sid: session.token, staff_csrf: session.csrf }, csrf: session.csrf, apiKey };
}
