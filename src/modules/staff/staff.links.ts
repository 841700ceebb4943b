// The one-time link `staff:create` prints, to set a staff password and PIN.
import { defineLinkPurpose } from '../../kernel/links/index.ts';

export const staffPasswordLink = defineLinkPurpose({
  name: 'staff.password_set',
  ttlMs: 72 * 3_600_000,
  singleUse: true,
  grants: 'none',
  about: 'staff',
  replacesEarlier: true,
});

export const staffLinks = [staffPasswordLink] as const;
