// npm run lint:api: builds the app on an in-memory database, writes the OpenAPI
// document it serves, and lints it with Redocly CLI (recommended rules, redocly.yaml)
// and Spectral (spectral:oas, .spectral.yaml). Any error or warning fails the run:
// the document is the contract scripts and API clients are written against.
//   --out FILE   also keep the document at FILE (it goes to a temp dir otherwise)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { closeDeps, createDeps } from '../src/deps.ts';

const run = promisify(execFile);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

interface Problem {
  tool: 'redocly' | 'spectral';
  severity: 'error' | 'warning';
  rule: string;
  where: string;
  message: string;
}

/** The document as the app serves it, from the app built the way the server builds it (on an in-memory database). */
async function buildDocument(): Promise<unknown> {
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'lint-api-secret-lint-api-secret-0123456',
    // Any real address will do; Redocly flags localhost and example.com as placeholders.
    BASE_URL: 'https://mostrador.test',
    LOG_LEVEL: 'silent',
    DATA_DIR: path.join(os.tmpdir(), 'mostrador-lint-api-unused'),
  });
  const deps = await createDeps(config, { database: await openDatabase({}) });
  const app = await buildApp({ ...deps, logger: false });
  try {
    await app.ready();
    const res = await app.inject('/openapi.json');
    if (res.statusCode !== 200) throw new Error(`/openapi.json answered ${res.statusCode}`);
    return res.json();
  } finally {
    await app.close();
    await closeDeps(deps);
  }
}

/** No usage data or update checks from the linters: the run needs no network. */
const quiet = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1' };

/** Runs a linter; both exit non-zero when they find errors, and their JSON on stdout is what counts. */
async function output(file: string, args: string[]): Promise<string> {
  try {
    return (await run(bin(file), args, { cwd: root, env: quiet, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    if (err.stdout?.trim()) return err.stdout;
    throw new Error(`${file} failed: ${err.stderr ?? String(e)}`);
  }
}

async function redocly(docPath: string): Promise<Problem[]> {
  const out = await output('redocly', ['lint', docPath, '--config', path.join(root, 'redocly.yaml'), '--format', 'json']);
  const report = JSON.parse(out) as {
    problems: { ruleId: string; severity: string; message: string; location?: { pointer?: string }[] }[];
  };
  return report.problems
    .filter((p) => p.severity === 'error' || p.severity === 'warn')
    .map((p) => ({
      tool: 'redocly',
      severity: p.severity === 'error' ? 'error' : 'warning',
      rule: p.ruleId,
      where: p.location?.[0]?.pointer ?? '',
      message: p.message,
    }));
}

async function spectral(docPath: string): Promise<Problem[]> {
  const out = await output('spectral', ['lint', docPath, '--ruleset', path.join(root, '.spectral.yaml'), '--format', 'json', '--quiet']);
  // Severity: 0 error, 1 warning, 2 info, 3 hint. "No results" prints no JSON at all.
  const results = (out.trim().startsWith('[') ? JSON.parse(out) : []) as { code: string; severity: number; message: string; path: string[] }[];
  return results
    .filter((r) => r.severity <= 1)
    .map((r) => ({
      tool: 'spectral',
      severity: r.severity === 0 ? 'error' : 'warning',
      rule: r.code,
      where: `#/${r.path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
      message: r.message,
    }));
}

const outIndex = process.argv.indexOf('--out');
const keepAt = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : undefined;
const dir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-openapi-'));
const docPath = keepAt ?? path.join(dir, 'openapi.json');
try {
  writeFileSync(docPath, `${JSON.stringify(await buildDocument(), null, 2)}\n`);
  const [r, s] = await Promise.all([redocly(docPath), spectral(docPath)]);
  for (const p of [...r, ...s]) console.log(`${p.tool} ${p.severity} ${p.rule} ${p.where}\n    ${p.message}`);
  const count = (tool: Problem['tool'], severity: Problem['severity']) => [...r, ...s].filter((p) => p.tool === tool && p.severity === severity).length;
  console.log(
    `\nRedocly (recommended): ${count('redocly', 'error')} errors, ${count('redocly', 'warning')} warnings; ` +
      `Spectral (oas): ${count('spectral', 'error')} errors, ${count('spectral', 'warning')} warnings` +
      (keepAt ? `\nDocument: ${keepAt}` : ''),
  );
  process.exitCode = r.length + s.length === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
