// The one place that reads the environment: a parsed, validated config object.
// A wrong value stops the start with a message that names the variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BASE_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Mostrador <no-reply@mostrador.local>'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: LogLevel.default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  APP_NOW: z.iso.datetime({ offset: true }).optional(),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
  DEMO_SEED: z.enum(['auto', 'off']).default('auto'),
  // The development mailbox shows live links: loopback only unless turned on; never in production.
  DEV_MAILBOX: z.enum(['loopback', 'on', 'off']).default('loopback'),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // off, a number of proxy hops, or a comma-separated list of proxy addresses / CIDR ranges.
  TRUST_PROXY: z
    .string()
    .regex(/^(off|\d{1,2}|[0-9a-fA-F:.\/]+(\s*,\s*[0-9a-fA-F:.\/]+)*)$/, 'must be off, a hop count, or a comma-separated list of addresses')
    .default('off'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  logLevel: z.infer<typeof LogLevel>;
  nodeEnv: Env['NODE_ENV'];
  appNow: Date | undefined;
  workerIntervalMs: number;
  demoSeed: boolean;
  devMailbox: 'loopback' | 'on' | 'off';
  mailRetentionDays: number;
  /** A session's absolute lifetime, however active it is. */
  sessionMaxDays: number;
  /** Whose X-Forwarded-For to believe (Fastify's trustProxy): nobody, N hops, or these proxies. */
  trustProxy: false | number | string[];
}

export class ConfigError extends Error {}

/** Parses an environment (process.env by default). Throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.APP_NOW && e.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  APP_NOW: not allowed when NODE_ENV=production');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionSecret: e.SESSION_SECRET ?? persistedSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
    appNow: e.APP_NOW ? new Date(e.APP_NOW) : undefined,
    workerIntervalMs: e.WORKER_INTERVAL_MS,
    demoSeed: e.DEMO_SEED === 'auto',
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    devMailbox: e.DEV_MAILBOX,
    mailRetentionDays: e.MAIL_RETENTION_DAYS,
    sessionMaxDays: e.SESSION_MAX_DAYS,
  };
}

function parseTrustProxy(value: string): false | number | string[] {
  if (value === 'off') return false;
  if (/^\d+$/.test(value)) return Number(value) || false;
  return value.split(',').map((a) => a.trim());
}

// Generated once and kept beside the data so sessions survive restarts.
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
