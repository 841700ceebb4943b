import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestDeps } from './app.ts';

describe('/health', () => {
  it('answers 503 once the database is gone', async () => {
    const { deps } = await createTestDeps();
    const app = await buildApp(deps);
    expect((await app.inject('/health')).statusCode).toBe(200);
    await deps.database.close();
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable' });
    await app.close();
  });
});
