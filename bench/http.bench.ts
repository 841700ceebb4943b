// HTTP overhead of the product's stack (access check, zod validation and
// serialization, security headers, logging off) against a bare Fastify route
// doing the same database query, on the same database, in the same run.
import Fastify from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { createAudit } from '../src/kernel/audit/index.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { createMailer } from '../src/kernel/mail/index.ts';
import { sellerAccounts } from '../src/modules/accounts/accounts.tables.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { load, table } from './support.ts';

export async function run(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01', DATA_DIR: '/tmp/mostrador-bench' });
  const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
  await database.migrate();
  const clock = systemClock();
  const deps = { config, database, clock, mailer: createMailer({ clock, from: config.mailFrom, smtpUrl: undefined, messageIdDomain: 'bench' }), audit: createAudit({ clock }), logger: false };
  const demo = await seedDemo(deps);
  const teamId = demo.owner.teamId;

  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  const bare = Fastify({ logger: false });
  bare.get('/health', async () => {
    await database.db.execute(sql`select 1`);
    return { status: 'ok' };
  });
  bare.get('/accounts', async () =>
    database.db.select().from(sellerAccounts).where(eq(sellerAccounts.masterAccountId, teamId)).orderBy(sellerAccounts.nickname),
  );
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  console.log(`database: ${database.kind}; autocannon 10 connections`);
  const health0 = await load('bare Fastify: select 1', `${bareUrl}/health`);
  const health = await load('GET /health', `${appUrl}/health`);
  table([health0, health], health0);
  console.log('');
  const read0 = await load('bare Fastify: accounts of a team', `${bareUrl}/accounts`);
  const read = await load('GET /api/v1/teams/:teamId/accounts (API key)', `${appUrl}/api/v1/teams/${teamId}/accounts`, {
    authorization: `Bearer ${demo.owner.apiKey}`,
  });
  const me = await load('GET /api/v1/me (API key)', `${appUrl}/api/v1/me`, { authorization: `Bearer ${demo.owner.apiKey}` });
  table([read0, read, me], read0);

  await app.close();
  await bare.close();
  await database.close();
}
