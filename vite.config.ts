import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';
import pkg from './package.json' with { type: 'json' };

// Which build this is: a page and the service worker that serves it name the same one, so that a
// page can tell whether it is the accepted version (src/pwa/pwa.svelte.ts, src/storage/write-gate.ts).
const BUILD_ID = process.env.APP_BUILD_ID ?? `${pkg.version}+${Date.now().toString(36)}`;

/**
 * Imported by the service worker (workbox `importScripts`): answers which build it serves, and
 * once a person accepted the update it takes control of every open tab. Tabs of this app then
 * save what is being typed and reload themselves; tabs of older builds that do not are reloaded
 * by the worker a moment later (what they were typing is in their DraftJournal).
 */
const SW_BUILD_SCRIPT = `// Written by vite.config.ts at build time.
const BUILD = ${JSON.stringify(BUILD_ID)};
let accepted = false;
const reloading = new Set();
self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'GET_BUILD' && event.ports && event.ports[0]) event.ports[0].postMessage({ build: BUILD });
  if (type === 'SKIP_WAITING' || type === 'ACCEPT_UPDATE') accepted = true;
  if (type === 'ACCEPT_UPDATE') self.skipWaiting();
  // A tab of this app that reloads itself: not reloaded again below.
  if (type === 'RELOADING' && event.source) reloading.add(event.source.id);
});
self.addEventListener('activate', (event) => {
  if (!accepted) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((before) =>
      self.clients.claim().then(() => {
        setTimeout(() => {
          self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((now) => {
            const ids = new Set(before.map((c) => c.id));
            for (const c of now) if (ids.has(c.id) && !reloading.has(c.id) && c.navigate) c.navigate(c.url).catch(() => {});
          });
        }, 4000);
      }),
    ),
  );
});
`;

// The app is served from any static folder (e.g. a town's intranet share or a USB stick served
// by a local web server), so every path is relative to the page.
export default defineConfig({
  base: './',
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __BUILD_ID__: JSON.stringify(BUILD_ID),
  },
  plugins: [
    svelte(),
    {
      name: 'sw-build',
      apply: 'build',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'sw-build.js', source: SW_BUILD_SCRIPT });
      },
    },
    VitePWA({
      // We register the worker ourselves with workbox-window (src/pwa/register.ts) so that an
      // update is only ever applied when the user asks for it.
      injectRegister: null,
      registerType: 'prompt',
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        name: '総合戦略ワークブック',
        short_name: '戦略ワークブック',
        description: '地方版総合戦略の基本目標・事業・KPIを記録し、進捗を管理するオフラインアプリ',
        lang: 'ja',
        dir: 'ltr',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        // Desktop Chromium: open a bundle file with the installed app (handled by launchQueue in App).
        file_handlers: [{ action: './', accept: { 'application/json': ['.json'] } }],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        importScripts: ['sw-build.js'],
      },
    }),
  ],
  resolve: {
    // The Content-Security-Policy of index.html forbids eval: the app's 'zod' is zod in its
    // eval-free mode (see src/safety/zod-csp.ts). Unit tests run in Node without the policy.
    alias: process.env.VITEST ? [] : [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/safety/zod-csp.ts', import.meta.url)) }],
  },
  // The reader worker (src/storage/workbook-reader.worker.ts) is an ES module, like the app.
  worker: {
    format: 'es',
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/domain/**/*.test.ts', 'test/storage/**/*.test.ts', 'test/state/**/*.test.ts', 'test/bundle/**/*.test.ts', 'test/safety/**/*.test.ts', 'test/sheets/**/*.test.ts', 'test/i18n/**/*.test.ts', 'test/features/**/*.test.ts', 'test/architecture/**/*.test.ts', 'test/app/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // The WebKit lane: the core flows in WebKitGTK's MiniBrowser through WebDriver (docs/testing.md).
          name: 'webkit',
          include: ['test/webkit/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/webkit/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
