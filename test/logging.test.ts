// Issue 7 (logs): one line per request, with the route's pattern, never the raw URL (it can carry
// a link token); /health polls are not logged at info.
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestDeps } from './app.ts';

const lines: Array<Record<string, unknown>> = [];
// Fastify's deprecation warnings (FSTDEP*) said when the app is built: none expected.
const warnings: string[] = [];
process.on('warning', (w) => warnings.push(`${(w as { code?: string }).code ?? w.name}: ${w.message}`));
const { deps } = await createTestDeps();
const app = await buildApp({ ...deps, logger: { level: 'info', stream: { write: (l: string) => lines.push(JSON.parse(l)) } } });
await app.ready();
afterAll(async () => {
  await app.close();
  await deps.database.close();
});

describe('request logs', () => {
  it('one line per request, by route pattern; a link token never reaches the log; /health is quiet', async () => {
    const token = 'TOKENtokenTOKENtokenTOKENtokenTOKEN12345678';
    await app.inject({ url: `/api/v1/auth/password/reset/${token}` });
    await app.inject({ url: '/health' });
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', route: '/api/v1/auth/password/reset/:token', status: 200 });
    expect(lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  it('builds without a deprecated Fastify option', async () => {
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    expect(warnings.filter((w) => w.startsWith('FSTDEP'))).toEqual([]);
  });
});
