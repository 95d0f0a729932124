#!/usr/bin/env node
// `npm test`: the whole check that CI runs, in order, each step's output streamed as it comes:
//
//   chromium   find (or on Debian as root, install) the Chromium the e2e tests drive
//   typecheck  svelte-check over src/ and test/             counts as 1 test
//   unit       vitest project 'unit'                        counts its tests
//   build      vite build                                   counts as 1 test
//   e2e        vitest project 'e2e' against the built dist/ counts its tests (needs the build)
//   webkit     vitest project 'webkit': the core flows in WebKitGTK's MiniBrowser through WebDriver,
//              on a virtual display, against the same build      counts its tests (docs/testing.md)
//
// WebKit (webkit2gtk-driver, xvfb) is installed like Chromium on Debian as root. Where it cannot be
// (another system, not root), the webkit step says so and counts nothing, without failing; with
// WEBKIT_REQUIRED=1 (CI sets it) a missing WebKit fails the run instead.
//
// Later steps run even when an earlier one fails, so one run reports everything. The last line is
// `N passed, N failed`; the exit code is 1 if anything failed.
//
//   node test/run.mjs                      everything
//   node test/run.mjs --only unit          one step (repeat --only or use commas: --only unit,e2e)
//   node test/run.mjs --only unit -- kpi   arguments after `--` go to vitest (file filters, -t ...)
//
// The build step writes to a temporary folder of this run (not dist/) and the e2e step serves that.
// With --only e2e, the e2e global setup makes a build of its own.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './support/chromium.mjs';
import { findWebKit } from './support/webkit.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const STEPS = ['typecheck', 'unit', 'build', 'e2e', 'webkit'];

function parseArgs(argv) {
  const only = new Set();
  const passThrough = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      passThrough.push(...argv.slice(i + 1));
      break;
    }
    let value;
    if (arg === '--only') value = argv[++i];
    else if (arg.startsWith('--only=')) value = arg.slice('--only='.length);
    else if (arg === '-h' || arg === '--help') {
      console.log(`usage: node test/run.mjs [--only ${STEPS.join('|')}[,...]] [-- vitest args]`);
      process.exit(0);
    } else {
      console.error(`unknown argument: ${arg}`);
      process.exit(2);
    }
    for (const name of (value ?? '').split(',').filter(Boolean)) {
      if (!STEPS.includes(name)) {
        console.error(`unknown step: ${name} (steps: ${STEPS.join(', ')})`);
        process.exit(2);
      }
      only.add(name);
    }
  }
  return { selected: only.size ? STEPS.filter((s) => only.has(s)) : STEPS, passThrough };
}

function bin(name) {
  const local = join(root, 'node_modules', '.bin', name);
  return existsSync(local) ? [local] : ['npx', '--no-install', name];
}

/** Runs a command with the terminal as its stdout/stderr; resolves to its exit code. */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    console.log(`\n$ ${[command, ...args].map((a) => (a.startsWith(root) ? a.slice(root.length) : a)).join(' ')}`);
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function banner(title) {
  console.log(`\n━━━━ ${title} ${'━'.repeat(Math.max(0, 60 - title.length))}`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/**
 * Runs one vitest project and counts its results from the JSON report. A test file that fails as a
 * whole (it does not import, or a beforeAll/afterAll hook throws) counts as one failure, and so
 * does a non-zero exit with nothing failed in the report (an unhandled error, a bad config).
 */
async function vitestProject(project, tmp, passThrough, env) {
  const report = join(tmp, `${project}.json`);
  const [cmd, ...pre] = bin('vitest');
  const code = await run(
    cmd,
    [
      ...pre,
      'run',
      '--project',
      project,
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...passThrough,
    ],
    env,
  );
  let passed = 0;
  let failed = 0;
  let files = 0;
  let note = '';
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests ?? 0;
    failed = json.numFailedTests ?? 0;
    for (const file of json.testResults ?? []) {
      files++;
      const anyTestFailed = (file.assertionResults ?? []).some((t) => t.status === 'failed');
      if (file.status === 'failed' && !anyTestFailed) {
        failed++;
        console.error(`✗ ${file.name.startsWith(root) ? file.name.slice(root.length) : file.name}: ${file.message || 'failed as a whole'}`);
      }
    }
    if (files === 0) note = 'no test files';
  } else {
    note = 'no JSON report';
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    note = `vitest exited with code ${code}${note ? `; ${note}` : ''}`;
  }
  return { passed, failed, note };
}

async function main() {
  const { selected, passThrough } = parseArgs(process.argv.slice(2));
  const tmp = mkdtempSync(join(tmpdir(), 'test-run-'));
  const env = { ...process.env };
  delete env.E2E_DIST;
  const builtApp = join(tmp, 'dist');
  /** @type {{ name: string, passed: number, failed: number, ms: number, note: string, missing: boolean }[]} */
  const results = [];
  const record = (name, start, { passed = 0, failed = 0, note = '', missing = false }) => {
    results.push({ name, passed, failed, ms: Date.now() - start, note, missing });
  };

  try {
    let chromiumMissing = false;
    if (selected.includes('e2e')) {
      banner('chromium');
      const start = Date.now();
      const path = findChromium({ exitOnMissing: false });
      if (path) {
        env.CHROMIUM_PATH = path;
        console.log(`CHROMIUM_PATH=${path}`);
        record('chromium', start, { note: path });
      } else {
        chromiumMissing = true;
        record('chromium', start, { note: 'not found', missing: true });
      }
    }

    if (selected.includes('typecheck')) {
      banner('typecheck');
      const start = Date.now();
      const [cmd, ...pre] = bin('svelte-check');
      const code = await run(cmd, [...pre, '--tsconfig', './tsconfig.json', '--output', 'human'], env);
      record('typecheck', start, code === 0 ? { passed: 1 } : { failed: 1, note: `svelte-check exited with code ${code}` });
    }

    if (selected.includes('unit')) {
      banner('unit');
      const start = Date.now();
      record('unit', start, await vitestProject('unit', tmp, passThrough, env));
    }

    let buildFailed = false;
    if (selected.includes('build')) {
      banner('build');
      const start = Date.now();
      const buildEnv = { ...env };
      delete buildEnv.NODE_ENV;
      const [cmd, ...pre] = bin('vite');
      // Into a folder of this run, so a build running at the same time in the same work tree
      // (another `npm test`, `npm start`) cannot empty it under the e2e tests.
      const code = await run(cmd, [...pre, 'build', '--outDir', builtApp, '--emptyOutDir'], buildEnv);
      buildFailed = code !== 0;
      record('build', start, buildFailed ? { failed: 1, note: `vite build exited with code ${code}` } : { passed: 1 });
    }

    if (selected.includes('e2e')) {
      banner('e2e');
      const start = Date.now();
      if (buildFailed) {
        console.error('skipped: the build failed');
        record('e2e', start, { failed: 1, note: 'skipped: the build failed' });
      } else if (chromiumMissing) {
        console.error('skipped: Chromium was not found');
        record('e2e', start, { failed: 1, note: 'skipped: Chromium was not found' });
      } else {
        const e2eEnv = selected.includes('build') ? { ...env, E2E_DIST: builtApp } : env;
        record('e2e', start, await vitestProject('e2e', tmp, passThrough, e2eEnv));
      }
    }

    if (selected.includes('webkit')) {
      banner('webkit');
      const start = Date.now();
      if (!findWebKit()) {
        if (process.env.WEBKIT_REQUIRED === '1') {
          record('webkit', start, { failed: 1, note: 'WebKit is missing and WEBKIT_REQUIRED=1' });
        } else {
          console.log('WebKit のテストは実行しませんでした（この環境にはインストールできません）。/ The WebKit lane did not run: WebKit is not installable here.');
          record('webkit', start, { note: 'not run: WebKit is not installed (see above)', missing: true });
        }
      } else if (buildFailed) {
        console.error('skipped: the build failed');
        record('webkit', start, { failed: 1, note: 'skipped: the build failed' });
      } else {
        const webkitEnv = selected.includes('build') ? { ...env, E2E_DIST: builtApp } : env;
        record('webkit', start, await vitestProject('webkit', tmp, passThrough, webkitEnv));
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  banner('summary');
  for (const r of results) {
    const counts = r.name === 'chromium' || (r.missing && !r.failed) ? '' : `passed ${r.passed}, failed ${r.failed}`;
    const mark = r.failed || (r.missing && r.name === 'chromium') ? '✗' : r.missing ? '–' : '✓';
    console.log(
      `${mark} ${r.name.padEnd(10)} ${counts.padEnd(24)} ${seconds(r.ms).padStart(7)}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
