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
//   3. The generated strategies (LARGE: 1,000 KPIs; STRESS: 10,000 KPIs), each in a fresh browser
//      profile: import of its bundle file against the raw floor (reading the file, JSON.parse and
//      one IndexedDB transaction putting every record), export against its floor (reading every
//      record and JSON.stringify), dashboard render, opening the project with the most KPIs, and
//      an edit of one actual until the project's grid shows the re-evaluated rank.
//
// Builds into a temporary folder, serves it with `vite preview` on 127.0.0.1, and prints medians.
// The bundle files come from node_modules/.cache/bench/make-bundles.mjs (`npm run bench` builds it).
//   node test/bench/app.mjs [--runs 9] [--strategies LARGE,STRESS] [--skip-start]   (COLD_RUNS=n: cold starts per rate)
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';
import { waitForKeptHead } from './kept.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
const strategiesArg = process.argv.indexOf('--strategies');
const STRATEGIES = strategiesArg > 0 ? process.argv[strategiesArg + 1].split(',').filter(Boolean) : ['LARGE', 'STRESS'];
const SKIP_START = process.argv.includes('--skip-start');

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
    if (!SKIP_START) await startFigures(browser, base, outDir);
    if (STRATEGIES.length > 0) await strategyFigures(browser, base, tmp);
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Sections 1 and 2: what loads up front, and cold starts from the service worker. */
async function startFigures(browser, base, outDir) {
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
    // A response the browser has let go of (the page moved on) is read from the build instead.
    const body = await r.body().catch(() => readFileSync(join(outDir, new URL(r.url()).pathname.replace(/^\//, ''))));
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
  await waitForKeptHead(setup, /#\/s\/([^/]+)\//.exec(setup.url())[1]);
  await context.setOffline(true);
  await series('dashboard of the sample (last route)', '', 'dashboard');
  await context.close();
}

// ---------------------------------------------------------------------------------------------
// Section 3: the generated strategies

const IMPORT_RUNS = { LARGE: 5, STRESS: 3 };
/** Cold starts of each generated strategy per CPU rate (COLD_RUNS=n for more). */
const COLD_RUNS = Number(process.env.COLD_RUNS ?? Math.max(3, Math.round(RUNS / 3)));
const figure = (times) => `${ms(median(times)).padStart(9)} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}, ${times.length} runs)`;
const row = (label, text) => console.log(`  ${label.padEnd(58)} ${text}`);

/** A fresh browser profile with the app open and a name set (the start screen asks for one). */
async function freshApp(browser, base) {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'allow', viewport: { width: 1024, height: 768 }, acceptDownloads: true });
  await context.addInitScript(() => {
    const marks = {};
    window.__marks = marks;
    new MutationObserver(() => {
      if (!marks.dashboard && document.querySelector('[data-testid="dash-summary"]')) marks.dashboard = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(base, { waitUntil: 'load' });
  await page.getByTestId('editor-name').fill('企画課 ベンチ');
  await page.getByTestId('editor-name').blur();
  return { context, page };
}

/**
 * The raw floor of an import, in the page: reading the file, JSON.parse, and one IndexedDB
 * transaction that puts every record into stores with the app's own indexes (copied from the
 * app's database, so that index upkeep is part of the floor as it is part of the import).
 */
async function importFloor(page, path) {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-floor-file';
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles('#bench-floor-file', path);
  return page.evaluate(async () => {
    const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const app = await req(indexedDB.open('senryaku-workbook'));
    const stores = ['strategies', 'goals', 'measures', 'projects', 'kpis', 'kpiYears', 'projectYears', 'meetings', 'opinions'];
    const shapes = {};
    const tx0 = app.transaction(stores, 'readonly');
    for (const name of stores) {
      const s = tx0.objectStore(name);
      shapes[name] = { keyPath: s.keyPath, indexes: [...s.indexNames].map((i) => { const ix = s.index(i); return { name: i, keyPath: ix.keyPath, unique: ix.unique, multiEntry: ix.multiEntry }; }) };
    }
    app.close();
    const open = indexedDB.open('bench-floor', 1);
    open.onupgradeneeded = () => {
      for (const name of stores) {
        const s = open.result.createObjectStore(name, { keyPath: shapes[name].keyPath });
        for (const ix of shapes[name].indexes) s.createIndex(ix.name, ix.keyPath, { unique: ix.unique, multiEntry: ix.multiEntry });
      }
    };
    const db = await req(open);
    const file = document.getElementById('bench-floor-file').files[0];
    const t0 = performance.now();
    const text = await file.text();
    const env = JSON.parse(text);
    const t1 = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction(stores, 'readwrite');
      tx.objectStore('strategies').put(env.records.strategy);
      for (const name of stores.slice(1)) {
        const s = tx.objectStore(name);
        for (const r of env.records[name] ?? []) s.put(r);
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    const t2 = performance.now();
    db.close();
    await req(indexedDB.deleteDatabase('bench-floor'));
    document.getElementById('bench-floor-file').remove();
    return { parse: t1 - t0, put: t2 - t1, total: t2 - t0 };
  });
}

/**
 * The raw floor of an export: every record of the app's database read, its field stamps expanded
 * (the app stores them compactly, src/storage/stamp-codec.ts, and a file carries them whole: the
 * same minimal loop, written out here), and JSON.stringify.
 */
function exportFloor(page) {
  return page.evaluate(async () => {
    const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const stores = ['strategies', 'goals', 'measures', 'projects', 'kpis', 'kpiYears', 'projectYears', 'meetings', 'opinions'];
    const meta = new Set(['id', 'strategyId', 'createdAt', 'updatedAt', 'updatedBy', 'rev', 'stamps', 'deletedAt', 'deletedBatch']);
    const expand = (row) => {
      const p = row.stamps;
      if (!Array.isArray(p)) return;
      const stamps = {};
      if (p.length >= 2) {
        for (const k in row) if (!meta.has(k)) stamps[k] = { at: p[0], by: p[1] };
        for (let i = 2; i + 2 < p.length; i += 3) stamps[p[i]] = { at: p[i + 1], by: p[i + 2] };
      }
      row.stamps = stamps;
    };
    const db = await req(indexedDB.open('senryaku-workbook'));
    const t0 = performance.now();
    const tx = db.transaction(stores, 'readonly');
    const lists = await Promise.all(stores.map((s) => req(tx.objectStore(s).getAll())));
    for (const list of lists) for (const row of list) expand(row);
    const text = JSON.stringify(Object.fromEntries(stores.map((s, i) => [s, lists[i]])));
    const t1 = performance.now();
    db.close();
    return { total: t1 - t0, chars: text.length };
  });
}

/**
 * Runs `trigger` in the page and measures, in the page's clock, until the screen is ready, plus the
 * frame that paints it (requestAnimationFrame, then a task). trigger: { hash } navigates there;
 * { click: selector } clicks that element;
 * { key } starts at that key's keydown (pressed from outside, `pressKey`). Ready when `ready`
 * holds: { selector } matches; { count: [selector, n] } n elements match; { text: selector } it
 * matches an element with text; { changed: [list,
 * index, inner, html] } the inner element of the index-th list element no longer has that HTML.
 * (Plain data, not code: the app's Content-Security-Policy forbids eval in the page.)
 */
async function timeInPage(page, trigger, ready, pressKey = null) {
  await page.evaluate(
    ({ trigger, ready }) => {
      const state = { start: null, ready: null, painted: null };
      window.__timing = state;
      const holds = () => {
        if (ready.selector) return document.querySelector(ready.selector) !== null;
        if (ready.count) return document.querySelectorAll(ready.count[0]).length === ready.count[1];
        if (ready.text) return (document.querySelector(ready.text)?.textContent ?? '').trim() !== '';
        const [list, index, inner, html] = ready.changed;
        const el = document.querySelectorAll(list)[index]?.querySelector(inner);
        return el != null && el.innerHTML !== html;
      };
      const done = () => {
        if (state.start === null || state.ready !== null || !holds()) return;
        state.ready = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (state.painted = performance.now())));
      };
      const observer = new MutationObserver(done);
      observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      if (trigger.click) {
        state.start = performance.now();
        document.querySelector(trigger.click).click();
      } else if (trigger.key) {
        document.addEventListener('keydown', (e) => { if (e.key === trigger.key && state.start === null) state.start = performance.now(); }, { capture: true, once: true });
      } else {
        state.start = performance.now();
        location.hash = trigger.hash;
      }
    },
    { trigger, ready },
  );
  if (pressKey) await page.keyboard.press(pressKey);
  await page.waitForFunction(() => window.__timing.painted !== null, null, { timeout: 600_000, polling: 'raf' });
  return page.evaluate(() => window.__timing.painted - window.__timing.start);
}

async function strategyFigures(browser, base, tmp) {
  const { writeBenchBundle } = await import(pathToFileURL(join(root, 'node_modules/.cache/bench/make-bundles.mjs')).href);
  for (const name of STRATEGIES) {
    const b = await writeBenchBundle(name, tmp);
    console.log(
      `\n${name}: ${b.kpis.toLocaleString('en-US')} KPIs, ${b.records.toLocaleString('en-US')} records, bundle file ${(b.bytes / 1024 / 1024).toFixed(1)} MB; ` +
        `largest project ${b.project.kpis} KPIs`,
    );
    const importRuns = IMPORT_RUNS[name] ?? 3;
    const floors = [];
    const parses = [];
    const applies = [];
    const totals = [];
    let kept = null;
    for (let i = 0; i < importRuns; i++) {
      const app = await freshApp(browser, base);
      await app.page.goto(`${base}#/import`);
      await app.page.getByTestId('import-file').waitFor();
      floors.push((await importFloor(app.page, b.path)).total);
      const t0 = Date.now();
      await app.page.getByTestId('import-file').setInputFiles(b.path);
      await app.page.getByTestId('import-preview-new').waitFor({ timeout: 600_000 });
      const t1 = Date.now();
      await app.page.getByTestId('import-apply').click();
      await app.page.getByTestId('import-done').waitFor({ timeout: 600_000 });
      const t2 = Date.now();
      parses.push(t1 - t0);
      applies.push(t2 - t1);
      totals.push(t2 - t0);
      if (kept) await kept.context.close();
      kept = app;
    }
    const ratio = median(totals) / median(floors);
    row('import floor (read file, JSON.parse, one put transaction)', figure(floors));
    row('import: file chosen → preview (read, check, parse)', figure(parses));
    row('import: 「追加する」 → done (snapshot, one transaction)', figure(applies));
    row('import total', `${figure(totals)}   ${ratio.toFixed(2)}× the floor (target ≤ 2×)`);

    const { page } = kept;
    const sid = b.strategyId;
    await page.goto(`${base}#/s/${sid}`);
    await page.getByTestId('nav-dashboard').waitFor({ timeout: 120_000 });

    // Dashboard, from the strategy page.
    const dash = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate((sid) => (location.hash = `#/s/${sid}`), sid);
      await page.getByTestId('nav-dashboard').waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid="dash-summary"]'));
      dash.push(await timeInPage(page, { hash: `#/s/${sid}/dashboard` }, { selector: '[data-testid="dash-summary"]' }));
    }
    row('dashboard render (strategy page → dashboard painted)', figure(dash));

    // The largest project, from the strategy page.
    const open = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate((sid) => (location.hash = `#/s/${sid}`), sid);
      await page.waitForFunction(() => !document.querySelector('[data-testid="project-heading"]'));
      open.push(await timeInPage(page, { hash: `#/s/${sid}/project/${b.project.id}` }, { count: ['[data-testid="kpi-grid"]', b.project.kpis] }));
    }
    row(`open the largest project (${b.project.kpis} KPIs, all years' grids painted)`, figure(open));

    // The 基本目標 with the most projects, from the strategy page.
    const goalTimes = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate((sid) => (location.hash = `#/s/${sid}`), sid);
      await page.waitForFunction(() => !document.querySelector('[data-testid="goal-project"]'));
      goalTimes.push(await timeInPage(page, { hash: `#/s/${sid}/goal/${b.goal.id}` }, { count: ['[data-testid="goal-project"]', b.goal.projects] }));
    }
    row(`open the 基本目標 with the most projects (${b.goal.projects})`, figure(goalTimes));

    // Meeting mode, from the strategy page: the first slide with its position shown.
    const meeting = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate((sid) => (location.hash = `#/s/${sid}`), sid);
      await page.getByTestId('nav-dashboard').waitFor();
      meeting.push(await timeInPage(page, { hash: `#/s/${sid}/meeting` }, { text: '[data-testid="meeting-position"]' }));
    }
    row('open meeting mode (all slides built, the first shown)', figure(meeting));

    // One actual edited in that project: Enter → the grid shows the re-evaluated rank.
    await page.evaluate(([sid, pid]) => (location.hash = `#/s/${sid}/project/${pid}`), [sid, b.project.id]);
    await page.getByTestId('kpi-grid').first().waitFor();
    const edits = [];
    for (let i = 0; i < RUNS; i++) {
      const cell = page.getByTestId('kpi-card').nth(b.edit.index).getByTestId(`cell-actual-${b.edit.fiscalYear}`);
      await cell.fill(i % 2 ? '99999' : '1');
      const before = await page.getByTestId('kpi-card').nth(b.edit.index).getByTestId(`rank-${b.edit.fiscalYear}`).innerHTML();
      const rank = `[data-testid="rank-${b.edit.fiscalYear}"]`;
      edits.push(await timeInPage(page, { key: 'Enter' }, { changed: ['[data-testid="kpi-card"]', b.edit.index, rank, before] }, 'Enter'));
      await page.getByTestId('save-indicator').and(page.locator('.save-saved')).waitFor();
    }
    row('edit one actual: Enter → re-evaluated rank painted', figure(edits));

    // Export, and its floor.
    await page.goto(`${base}#/s/${sid}/export`);
    const exports = [];
    const exportFloors = [];
    for (let i = 0; i < importRuns; i++) {
      await page.getByTestId('export-create').waitFor();
      exportFloors.push((await exportFloor(page)).total);
      // In the page's clock: a poll from outside can see the result up to half a second late.
      exports.push(await timeInPage(page, { click: '[data-testid="export-create"]' }, { selector: '[data-testid="export-result"]' }));
      await page.reload();
    }
    row('export floor (read every record, JSON.stringify)', figure(exportFloors));
    row('export: 「ファイルを作成」 → file ready', `${figure(exports)}   ${(median(exports) / median(exportFloors)).toFixed(2)}× the floor`);

    // Cold start to this strategy's dashboard (the last screen) from the service worker.
    await page.goto(`${base}#/s/${sid}/dashboard`);
    await page.getByTestId('dash-summary').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(500);
    // From the head kept with the strategy, as a start is once it was open a few seconds.
    console.log(`  (dashboard head kept: ${await waitForKeptHead(page, sid)})`);
    const starts = [];
    for (const rate of [1, 4]) {
      const times = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        const tab = await kept.context.newPage();
        const cdp = await kept.context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        await tab.goto(`${base}#/s/${sid}/dashboard`, { waitUntil: 'commit' });
        await tab.waitForFunction(() => window.__marks.dashboard !== undefined, null, { timeout: 300_000, polling: 100 });
        times.push(await tab.evaluate(() => window.__marks.dashboard));
        await cdp.detach();
        await tab.close();
      }
      starts.push(`${rate}× CPU ${figure(times)}`);
    }
    row('cold start to the dashboard (new tab, last screen)', starts.join('\n' + ' '.repeat(61)));
    await kept.context.close();
    rmSync(b.path, { force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
