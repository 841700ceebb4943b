// Builds the React app from web/ into web/dist, which the server serves with an SPA fallback.
// In development (`npx vite --config web/vite.config.ts`) the API is proxied to the server on :3000.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const serverSrc = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * The server's files the web app bundles: pure rules shared by both (no I/O, no Node).
 * Everything else of the server reaches the web only as types (`import type`, erased).
 */
const SHARED_WITH_SERVER = ['kernel/access/access.rules.ts', 'kernel/access/permissions.ts', 'modules/auth/password.rules.ts', 'kernel/money/money.ts', 'kernel/errors.ts', 'kernel/i18n.ts'];

/** Fails the build when the bundle would pull in any other server file (a value import of a schema, say). */
function onlySharedServerCode(): Plugin {
  return {
    name: 'mostrador:only-shared-server-code',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0]!;
      if (file.startsWith(serverSrc) && !SHARED_WITH_SERVER.includes(file.slice(serverSrc.length))) {
        this.error(
          `The web app may bundle only the server's shared rules (${SHARED_WITH_SERVER.join(', ')}), not ${file}. ` +
            'Import server types with `import type`.',
        );
      }
      return null;
    },
  };
}

export default defineConfig(({ command, mode }) => {
  // Vite takes the build's flavour from NODE_ENV, and test runners set NODE_ENV=test, so
  // the test setup (and the server's first-start build) would ship React's development
  // build. A build is a production build unless asked for with `--mode development`;
  // NODE_ENV itself is left alone because the server may run this build in-process.
  const productionBuild = command === 'build' && mode !== 'development';
  return {
    root,
    plugins: [onlySharedServerCode(), react()],
    resolve: { alias: { '@server': serverSrc.replace(/\/$/, '') } },
    ...(productionBuild && {
      define: {
        'process.env.NODE_ENV': JSON.stringify('production'),
        'import.meta.env.DEV': 'false',
        'import.meta.env.PROD': 'true',
      },
      oxc: { jsx: { development: false } },
    }),
    build: {
      outDir: fileURLToPath(new URL('./dist', import.meta.url)),
      emptyOutDir: true,
    },
    server: {
      proxy: {
        '/api': 'http://localhost:3000',
        '/health': 'http://localhost:3000',
        '/docs': 'http://localhost:3000',
        '/openapi.json': 'http://localhost:3000',
      },
    },
  };
});
