// The demo's fixed logins, in one place: every demo person's password, PIN and security answers,
// every demo seller account's password, and the platform staff's login. `seed --demo --json`
// prints them and README lists them. Shared by the modules' demo steps (team.demo.ts makes the
// sellers and their teams, staff.demo.ts the staff login, tickets.demo.ts names that staff login
// in the history): a step may import this file, the seeded random source and the made-up names
// from src/seed, nothing else (.dependency-cruiser.cjs).

export const DEMO_DOMAIN = 'demo.mostrador.test';
export const DEMO_PASSWORD = 'MOstrador!!2026';
/** MA-3's rules apply to a seller account's password too (ACC-2: set from its link), two capitals included. */
export const DEMO_ACCOUNT_PASSWORD = 'VEndedor!!2026';
export const DEMO_PIN = '2468';
export const DEMO_ANSWERS = { first_pet: 'Luna', birth_city: 'Sevilla' } as const;
/** The hints the sign-up asks beside each answer. */
export const DEMO_HINTS = { first_pet: 'Gata', birth_city: 'Andalucía' } as const;

/** The platform's staff login (`/staff/login`, PIN as second step). */
export const DEMO_STAFF = { email: 'soporte@staff.mostrador.test', name: 'Sofía Soporte', password: 'PLAtaforma!!2026', pin: '1357' };
