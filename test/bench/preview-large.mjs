#!/usr/bin/env node
// The import preview of a file with one very long list (200,000 partners of a project, about
// 3 MB), in headless Chromium: from choosing the file to the merge preview shown, median of runs.
// The preview shows counts and the first items of long lists, never every value.
//
//   vite build -c test/bench/vite.config.ts && node test/bench/preview-large.mjs [--runs 5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const executablePath = findChromium({ exitOnMissing: true });
const tmp = mkdtempSync(join(tmpdir(), 'bench-preview-'));
const { writeLargeListBundles } = await import(pathToFileURL(join(root, 'node_modules/.cache/bench/make-bundles.mjs')).href);
const files = await writeLargeListBundles(tmp);
const outDir = join(tmp, 'dist');
await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
const base = `http://127.0.0.1:${server.httpServer.address().port}/`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
const times = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(base, { waitUntil: 'load' });
    await page.getByTestId('editor-name').fill('企画課 ベンチ');
    await page.getByTestId('start-import').click();
    await page.getByTestId('import-file').setInputFiles(files.base);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-done').waitFor();
    await page.goto(`${base}#/import`);
    await page.getByTestId('drop-zone').waitFor();
    const start = Date.now();
    await page.getByTestId('import-file').setInputFiles(files.large);
    await page.getByTestId('import-preview-merge').waitFor({ timeout: 600_000 });
    // The page answers again (the preview is painted and the main thread free).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    times.push(Date.now() - start);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`Preview of a ${(files.bytes / 1024 / 1024).toFixed(1)} MB file with a ${files.items.toLocaleString('en')}-item list: median ${median(times)} ms (runs: ${times.join(', ')} ms)`);
