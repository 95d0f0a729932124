#!/usr/bin/env node
// Cold start to a big strategy's dashboard, for comparing builds on a busy machine (not part of
// npm test; docs/performance.md, "Cold start of a big strategy").
//
//   node test/bench/cold-start.mjs                       the working tree, built into a temp folder
//   DISTS=/tmp/a,/tmp/b node test/bench/cold-start.mjs   two builds (vite build --outDir …), A/B
//
// Each build is served on its own origin (so its own IndexedDB), NAME (LARGE or STRESS, from
// node_modules/.cache/bench/make-bundles.mjs, which `npm run bench` builds) is imported once, and
// then new tabs reopen its dashboard at RATE× CPU (default 4), the builds taking turns, one
// warm-up each. Printed per build: when the frame showing the dashboard's totals was painted, and
// the one showing its KPI list, in the page's clock from navigation start. RUNS (default 5); VERBOSE=1 prints each run with the
// page's performance marks; PROFILE=file.json saves a CPU profile of the last run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { waitForKeptHead } from './kept.mjs';
const root = fileURLToPath(new URL('../../', import.meta.url));
const NAME = process.env.NAME ?? 'LARGE';
const RUNS = Number(process.env.RUNS ?? 5);
const RATE = Number(process.env.RATE ?? 4);
const tmp = mkdtempSync(join(tmpdir(), 'cold-'));
let dists = process.env.DISTS ? process.env.DISTS.split(',') : [];
if (dists.length === 0) {
  const outDir = process.env.OUT ?? join(tmp, 'dist');
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  dists = [outDir];
}
const browser = await chromium.launch({ executablePath: findChromium({ exitOnMissing: true }), args: CHROMIUM_ARGS, headless: true });
const { writeBenchBundle } = await import(pathToFileURL(join(root, 'node_modules/.cache/bench/make-bundles.mjs')).href);
const b = await writeBenchBundle(NAME, tmp);
const sides = [];
for (const outDir of dists) {
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const base = `http://127.0.0.1:${server.httpServer.address().port}/`;
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'allow', viewport: { width: 1024, height: 768 } });
  await context.addInitScript(() => {
    const marks = {};
    window.__marks = marks;
    new MutationObserver(() => {
      if (!marks.shell && document.querySelector('[data-testid="nav-dashboard"]')) marks.shell = performance.now();
      // When each part is in the page, and when the frame that shows it has been painted.
      const painted = (key) => requestAnimationFrame(() => setTimeout(() => (marks[key] = performance.now())));
      if (!marks.dashboardIn && document.querySelector('[data-testid="dash-summary"]')) (marks.dashboardIn = performance.now()), painted('dashboard');
      if (!marks.rowsIn && document.querySelector('[data-testid="dash-row"]')) (marks.rowsIn = performance.now()), painted('rows');
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(base, { waitUntil: 'load' });
  await page.getByTestId('editor-name').fill('企画課 ベンチ');
  await page.getByTestId('editor-name').blur();
  await page.goto(`${base}#/import`);
  await page.getByTestId('import-file').setInputFiles(b.path);
  await page.getByTestId('import-preview-new').waitFor({ timeout: 600_000 });
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor({ timeout: 600_000 });
  await page.goto(`${base}#/s/${b.strategyId}/dashboard`);
  await page.getByTestId('dash-summary').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1000);
  // A build that keeps the dashboard's head with the strategy has kept it within a minute.
  const kept = await waitForKeptHead(page, b.strategyId);
  console.log(`${outDir}: dashboard head kept: ${kept}`);
  await page.close();
  sides.push({ outDir, server, base, context, times: [] });
}
for (let i = 0; i < RUNS + 1; i++) {
  for (const side of sides) {
    const tab = await side.context.newPage();
    const cdp = await side.context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    const profiling = process.env.PROFILE && i === RUNS;
    const tracing = process.env.TRACE && i === RUNS;
    if (tracing) await browser.startTracing(tab, { path: process.env.TRACE, screenshots: false, categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
    if (profiling) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 250 }); await cdp.send('Profiler.start'); }
    await tab.goto(`${side.base}#/s/${b.strategyId}/dashboard`, { waitUntil: 'commit' });
    await tab.waitForFunction(() => window.__marks.rows !== undefined, null, { timeout: 300_000, polling: 100 });
    if (tracing) await browser.stopTracing();
    if (profiling) writeFileSync(process.env.PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const m = await tab.evaluate(() => ({ ...window.__marks, marks: performance.getEntriesByType('mark').map((x) => [x.name, Math.round(x.startTime)]) }));
    await cdp.detach();
    await tab.close();
    await new Promise((r) => setTimeout(r, 300));
    if (i === 0) continue; // warm-up
    side.times.push(m.dashboard);
    (side.rows ??= []).push(m.rows);
    if (process.env.VERBOSE) console.log(side.outDir, `shell ${Math.round(m.shell)} totals in ${Math.round(m.dashboardIn)} painted ${Math.round(m.dashboard)}, list in ${Math.round(m.rowsIn)} painted ${Math.round(m.rows)}`, JSON.stringify(m.marks));
  }
}
for (const side of sides) {
  const t = [...side.times].sort((a, b) => a - b);
  const r = [...side.rows].sort((a, b) => a - b);
  console.log(`${side.outDir}: ${NAME} at ${RATE}× CPU, ${t.length} runs`);
  console.log(`  totals painted median ${Math.round(t[t.length >> 1])} ms, min ${Math.round(t[0])}, max ${Math.round(t.at(-1))} (${t.map(Math.round).join(' ')})`);
  console.log(`  list painted   median ${Math.round(r[r.length >> 1])} ms, min ${Math.round(r[0])}, max ${Math.round(r.at(-1))}`);
  await side.server.close();
}
await browser.close();
rmSync(tmp, { recursive: true, force: true });
