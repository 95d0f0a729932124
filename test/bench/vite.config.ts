// Build of the benchmark (`npm run bench`): test/bench/achievement.ts bundled for Node the way the
// app's code is bundled for the browser (same bundler, dependencies included), then run with plain
// `node`. No plugins: the benchmark imports the domain layer only.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default defineConfig({
  root,
  logLevel: 'warn',
  publicDir: false,
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: fileURLToPath(new URL('./achievement.ts', import.meta.url)),
    outDir: fileURLToPath(new URL('../../node_modules/.cache/bench/', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: { output: { entryFileNames: 'achievement.mjs', format: 'es' } },
  },
});
