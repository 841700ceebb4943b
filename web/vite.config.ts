// Builds the React app from web/ into web/dist, which the server serves with an SPA fallback.
// In development (`npx vite --config web/vite.config.ts`) the API is proxied to the server on :3000.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command, mode }) => {
  // Vite takes the build's flavour from NODE_ENV, and test runners set NODE_ENV=test, so
  // the test setup (and the server's first-start build) would ship React's development
  // build. A build is a production build unless asked for with `--mode development`;
  // NODE_ENV itself is left alone because the server may run this build in-process.
  const productionBuild = command === 'build' && mode !== 'development';
  return {
    root,
    plugins: [react()],
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
