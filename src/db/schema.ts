// Every table of the product, for Drizzle's relational queries and drizzle-kit.
export * from '../kernel/mail/mail.tables.ts';
export * from '../kernel/audit/audit.tables.ts';
export * from '../modules/auth/auth.tables.ts';
export * from '../modules/accounts/accounts.tables.ts';
export * from '../modules/team/team.tables.ts';
