// Build of the benchmark scripts (`npm run bench`): test/bench/achievement.ts (the engine, timed in
// Node) and test/bench/make-bundles.ts (the bundle files the in-browser benchmark imports), bundled
// for Node the way the app's code is bundled for the browser (same bundler, dependencies included).
// The Svelte plugin compiles the runes of the language switch that the bundle code reaches.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export default defineConfig({
  root,
  logLevel: 'warn',
  publicDir: false,
  plugins: [svelte()],
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: true,
    outDir: fileURLToPath(new URL('../../node_modules/.cache/bench/', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: { achievement: here('./achievement.ts'), 'make-bundles': here('./make-bundles.ts'), sheets: here('./sheets.ts') },
      output: { entryFileNames: '[name].mjs', format: 'es' },
    },
  },
});
