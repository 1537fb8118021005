import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The stylesheet first in <head>: it is the one request the first paint waits for (module scripts
 * are deferred), so it should not queue behind the module preloads.
 */
function stylesheetFirst(): Plugin {
  return {
    name: 'archnest-stylesheet-first',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const sheets = html.match(/<link rel="stylesheet"[^>]*>\n?/g) ?? [];
        let out = html;
        for (const sheet of sheets) out = out.replace(sheet, '');
        return out.replace(
          /(<title>[^<]*<\/title>\n)/,
          `$1${sheets.map((s) => `    ${s.trim()}\n`).join('')}`,
        );
      },
    },
  };
}

const apiTarget = process.env.ARCHNEST_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss(), stylesheetFirst()],
  // The contract workspace ships TypeScript source; vite transpiles it like our own files, and
  // preserving symlinks would make it look like a node_modules dependency instead.
  resolve: { preserveSymlinks: false },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps would publish the whole client source; none are emitted into what the server serves.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than app code; separate chunks stay cached across releases.
        // No catch-all vendor group: it would pull every page's libraries (xterm, Radix, …) into the
        // first page. Other libraries travel with the lazily loaded page chunk that uses them.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            { name: 'xterm', test: /node_modules[\\/]@xterm[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false, ws: true },
      '/healthz': { target: apiTarget },
    },
  },
});
