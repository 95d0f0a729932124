#!/usr/bin/env node
// `npm run bench:app`: figures of the built app, measured in headless Chromium (not part of npm test).
//
//   1. The JavaScript (and CSS) loaded up front: the entry script and the chunks index.html
//      preloads, gzip-compressed as a server would send them, and what the browser really fetched
//      before the first screen showed.
//   2. Cold start from the service worker: a new tab of an installed app (service worker active),
//      offline, from navigation start to the first screen: the start screen of an empty app, and
//      the dashboard of the sample strategy (the last screen, reopened from the home-screen icon).
//      Also with 4× CPU throttling (CDP Emulation.setCPUThrottlingRate), a tablet proxy.
//
// Builds into a temporary folder, serves it with `vite preview` on 127.0.0.1, and prints medians.
//   node test/bench/app.mjs [--runs 9]
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${Math.round(n)} ms`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function poll(check, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What index.html loads before anything else: its module script, modulepreloads and stylesheets. */
function upFront(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const refs = (re) => [...html.matchAll(re)].map((m) => m[1].replace(/^\.\//, ''));
  const size = (files) =>
    files.reduce(
      (acc, f) => {
        const bytes = readFileSync(join(outDir, f));
        return { raw: acc.raw + bytes.length, gzip: acc.gzip + gzipSync(bytes, { level: 9 }).length, files: acc.files + 1 };
      },
      { raw: 0, gzip: 0, files: 0 },
    );
  const js = [...refs(/<script[^>]+src="([^"]+)"/g), ...refs(/<link rel="modulepreload"[^>]+href="([^"]+)"/g)];
  const css = refs(/<link rel="stylesheet"[^>]+href="([^"]+)"/g);
  return { js: size(js), css: size(css) };
}

async function main() {
  const executablePath = findChromium({ exitOnMissing: true });
  const tmp = mkdtempSync(join(tmpdir(), 'bench-app-'));
  const outDir = join(tmp, 'dist');
  console.log('building …');
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const base = `http://127.0.0.1:${server.httpServer.address().port}/`;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const files = upFront(outDir);
    console.log(`\nLoaded up front (index.html's script, modulepreloads and stylesheet), gzip level 9:`);
    console.log(`  JavaScript  ${kb(files.js.gzip).padStart(9)} gzip  (${files.js.files} files, ${kb(files.js.raw)} raw)   budget 150 KB`);
    console.log(`  CSS         ${kb(files.css.gzip).padStart(9)} gzip  (${files.css.files} file${files.css.files === 1 ? '' : 's'}, ${kb(files.css.raw)} raw)`);

    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'allow', viewport: { width: 1024, height: 768 } });
    // Marks, in the page's own clock (ms since navigation start), when each first screen appears.
    await context.addInitScript(() => {
      const marks = {};
      window.__marks = marks;
      const seen = () => {
        if (!marks.start && document.querySelector('[data-testid="open-sample"], [data-testid="strategy-list"]')) marks.start = performance.now();
        if (!marks.dashboard && document.querySelector('[data-testid="dash-summary"]')) marks.dashboard = performance.now();
      };
      new MutationObserver(seen).observe(document, { childList: true, subtree: true });
    });

    // Install: the first visit registers the service worker, the second is controlled by it.
    const setup = await context.newPage();
    await setup.goto(base, { waitUntil: 'load' });
    await poll(() => setup.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'));
    await setup.reload({ waitUntil: 'load' });
    await poll(() => setup.evaluate(() => navigator.serviceWorker.controller !== null));
    // What the browser fetched before the first screen (from the service worker's cache).
    const fetched = [];
    setup.on('response', (r) => {
      if (/\.(js|css)$/.test(new URL(r.url()).pathname)) fetched.push(r);
    });
    await setup.reload({ waitUntil: 'load' });
    await setup.waitForFunction(() => window.__marks.start !== undefined);
    let fetchedJs = 0;
    let fetchedJsGzip = 0;
    for (const r of fetched) {
      if (!r.url().endsWith('.js')) continue;
      const body = await r.body();
      fetchedJs += body.length;
      fetchedJsGzip += gzipSync(body, { level: 9 }).length;
    }
    console.log(`  fetched before the start screen: ${fetched.filter((r) => r.url().endsWith('.js')).length} JS files, ${kb(fetchedJsGzip)} gzip (${kb(fetchedJs)} raw)`);
    await context.setOffline(true);

    /** Opens the app in a new tab (offline, from the service worker) and returns when `mark` showed. */
    async function coldStart(path, mark, rate) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(base + path, { waitUntil: 'commit' });
      await page.waitForFunction((m) => window.__marks[m] !== undefined, mark, { timeout: 30_000, polling: 50 });
      const t = await page.evaluate((m) => window.__marks[m], mark);
      await cdp.detach();
      await page.close();
      return t;
    }
    async function series(label, path, mark) {
      const out = [];
      for (const rate of [1, 4]) {
        await coldStart(path, mark, rate); // warm-up run, not counted
        const times = [];
        for (let i = 0; i < RUNS; i++) times.push(await coldStart(path, mark, rate));
        out.push(`${rate}× CPU ${ms(median(times)).padStart(7)} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))})`);
      }
      console.log(`  ${label.padEnd(38)} ${out.join('   ')}`);
    }

    console.log(`\nCold start from the service worker (offline, new tab), navigation start → first screen, median of ${RUNS}:`);
    await series('start screen, empty app', '', 'start');
    // The sample, and the dashboard as the last screen: reopening from the icon goes back there.
    await context.setOffline(false);
    await setup.getByTestId('editor-name').fill('企画課 山田');
    await setup.getByTestId('open-sample').click();
    await setup.getByTestId('nav-dashboard').click();
    await setup.getByTestId('dash-summary').waitFor();
    await setup.waitForTimeout(500);
    await context.setOffline(true);
    await series('dashboard of the sample (last route)', '', 'dashboard');
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
