// Starts the product: config, database (migrated), demo data on first start,
// the web app (built if missing), HTTP, background jobs, graceful shutdown.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp, WEB_DIST } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirBusyError } from './db/client.ts';
import { closeDeps, createDeps } from './deps.ts';
import { createProductRunner } from './jobs.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';

async function ensureWebBuild(log: (msg: string) => void): Promise<void> {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const configFile = path.join(WEB_DIST, '..', 'vite.config.ts');
  if (!existsSync(configFile)) {
    log('web/vite.config.ts is missing: serving the API only');
    return;
  }
  log('Building the web app (first start)...');
  // In a process of its own: vite's memory (and its compiler) must not stay with the server.
  const root = path.join(WEB_DIST, '..', '..');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', configFile, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`Building the web app failed (exit ${built.status}); \`npm run build:web\` shows why`);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  await ensureWebBuild((m) => console.log(m));
  let deps;
  try {
    deps = await createDeps(config);
  } catch (e) {
    if (e instanceof DataDirBusyError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const app = await buildApp(deps);
  if (config.demoSeed) {
    const seeded = await seedDemoIfEmpty(deps);
    if (seeded) app.log.info('demo data loaded (npm run cli -- seed --demo --json prints the logins)');
  }
  const runner = createProductRunner(deps, app.log);
  await app.listen({ port: config.port, host: config.host });
  runner.start();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close(); // stops accepting, waits for in-flight requests
    await runner.stop(); // waits for in-flight job passes
    await closeDeps(deps);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
