// Compiles the server once (src/server.ts and src/cli.ts -> dist/server.js, dist/cli.js) instead
// of transpiling TypeScript at every start: `npm start` and `npm run cli` run the compiled files
// (scripts/start.mjs), rebuilding first when they are missing or older than their sources.
//   node scripts/build-server.mjs             build
//   node scripts/build-server.mjs --if-stale  build only when a source changed
//
// esbuild bundles our own code into one file per entry and leaves every package external (they
// load from node_modules as before). esbuild comes with tsx, a dependency, so it is resolved
// through tsx rather than named in package.json.
//
// `import.meta.url` in a source file becomes that file's own URL (relative to dist/), so paths
// computed from it (src/db/migrations, web/dist) mean exactly what they mean under tsx.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const ENTRIES = ['server', 'cli'];
const INFO = path.join(DIST, 'build-info.json');
const SELF = fileURLToPath(import.meta.url);

function fingerprint(file) {
  const st = statSync(file);
  return `${st.mtimeMs}:${st.size}`;
}

/** True when an output is missing or any file the last build read (or this script) changed. */
export function isStale() {
  let info;
  try {
    info = JSON.parse(readFileSync(INFO, 'utf8'));
    for (const entry of ENTRIES) statSync(path.join(DIST, `${entry}.js`));
  } catch {
    return true;
  }
  const files = { ...info.inputs, [path.relative(ROOT, SELF)]: info.builder };
  for (const [file, was] of Object.entries(files)) {
    try {
      if (fingerprint(path.join(ROOT, file)) !== was) return true;
    } catch {
      return true; // a source file is gone
    }
  }
  return false;
}

export async function build() {
  const started = performance.now();
  const esbuild = createRequire(path.join(ROOT, 'node_modules', 'tsx', 'package.json'))('esbuild');
  // A private output dir, then one rename per file: two starts building at once do not mix files.
  const tmp = path.join(DIST, `.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, `src/${e}.ts`])),
      outdir: tmp,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'warning',
      plugins: [ownImportMetaUrl()],
    });
    const inputs = {};
    for (const file of Object.keys(result.metafile.inputs)) {
      if (!file.includes('node_modules')) inputs[file] = fingerprint(path.join(ROOT, file));
    }
    for (const entry of ENTRIES) {
      for (const ext of ['.js', '.js.map']) renameSync(path.join(tmp, entry + ext), path.join(DIST, entry + ext));
    }
    writeFileSync(INFO, JSON.stringify({ builtAt: new Date().toISOString(), builder: fingerprint(SELF), inputs }, null, 1));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return performance.now() - started;
}

function ownImportMetaUrl() {
  return {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const code = readFileSync(args.path, 'utf8');
        if (!code.includes('import.meta.url')) return undefined;
        const rel = path.relative(DIST, args.path).split(path.sep).join('/');
        return { contents: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  mkdirSync(DIST, { recursive: true });
  try {
    const ms = await build();
    console.log(`server compiled into dist/ in ${(ms / 1000).toFixed(1)} s`);
  } catch (e) {
    if (!Array.isArray(e?.errors)) throw e;
    console.error('The server did not compile (esbuild named the errors above).');
    process.exit(1);
  }
}
