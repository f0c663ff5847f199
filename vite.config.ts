import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./web/', import.meta.url));
/** Where `npx vite` (dev) sends /api: the API started by `npm run dev` / `npm start` on its default port. */
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://localhost:8787';

/**
 * The web app: root web/, built into dist/ which api/server.ts serves on the API's port (one origin, no CORS).
 * In dev (`npx vite`), /api and the docs are proxied to the API on 8787.
 */
export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // maplibre-gl alone is ~1 MB minified; it is allowed to be big as long as only map views load it.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // maplibre-gl in its own long-cached chunk, imported only by web/map/ (so only by map views); the
          // router entry and a future rider list view never pull it in.
          groups: [{ name: 'maplibre', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/ }],
        },
      },
    },
  },
  // MapLibre 6 starts its worker with { type: 'module' }.
  worker: { format: 'es' },
  server: {
    // '/api/' with the slash: a bare '/api' prefix would also swallow our own /api-client.ts module.
    proxy: { '/api/': apiTarget, '/openapi.json': apiTarget, '/docs': apiTarget },
  },
  preview: { proxy: { '/api/': apiTarget } },
});
