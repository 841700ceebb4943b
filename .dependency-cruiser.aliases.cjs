// Only for dependency-cruiser: the web app's `@server/*` alias (web/vite.config.ts), so the
// web-imports-only-shared-rules-and-types rule sees what the browser code reaches in src/.
const path = require('node:path');

module.exports = { resolve: { alias: { '@server': path.join(__dirname, 'src') } } };
