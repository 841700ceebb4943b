// `npm start` (the server) and `npm run cli -- ...` (node scripts/start.mjs cli ...): run the
// compiled server from dist/, compiling it first (scripts/build-server.mjs, in a process of its
// own so the server never holds the compiler) when it is missing or older than its sources.
// The server itself starts in this process: its pid is the server's, and signals reach it.
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, isStale } from './build-server.mjs';

const entry = process.argv[2] === 'cli' ? 'cli' : 'server';
if (entry === 'cli') process.argv.splice(2, 1); // the CLI reads its own arguments from argv[2]

if (isStale()) {
  console.error(`Compiling the server into dist/ (${entry === 'cli' ? 'first run' : 'first start'} or changed sources)...`);
  // The builder's output goes to stderr: `npm run -s cli -- seed --demo --json` prints pure JSON.
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// Node 22+ keeps the compiled bytecode of every module between starts (a no-op on Node 20).
module.enableCompileCache?.();
// Stack traces: dist/*.js keeps the sources' names and lines' shape; for TypeScript positions run
// with NODE_OPTIONS=--enable-source-maps (it reads dist/*.js.map at every start, so not by default).
await import(pathToFileURL(path.join(DIST, `${entry}.js`)).href);
