import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** Where `npm run dev` forwards signaling: the Node server's default port. */
const SIGNALING_TARGET = 'ws://localhost:8080';

export default defineConfig({
  plugins: [react()],
  // Bundle the workspace packages (@confab/client, @confab/protocol) from their TypeScript source.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    proxy: { '/ws': { target: SIGNALING_TARGET, ws: true } },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
