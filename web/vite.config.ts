import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.ARCHNEST_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
