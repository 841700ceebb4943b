import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const base = { SESSION_SECRET: 'x'.repeat(32) };

describe('config', () => {
  it('applies defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(3000);
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.smtpUrl).toBeUndefined();
    expect(c.appNow).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'mysql://x'],
    ['SMTP_URL', 'http://mail'],
    ['LOG_LEVEL', 'loud'],
    ['APP_NOW', 'yesterday'],
    ['SESSION_SECRET', 'short'],
    ['NODE_ENV', 'staging'],
  ])('names the variable when %s is wrong', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('TRUST_PROXY: off by default, a hop count, or a list of proxies (X-5)', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY:/);
  });

  it('starts the clock at APP_NOW outside production only', () => {
    expect(loadConfig({ ...base, APP_NOW: '2026-03-28T10:00:00+01:00' }).appNow?.toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', APP_NOW: '2026-03-28T10:00:00Z' })).toThrow(/APP_NOW/);
  });
});
