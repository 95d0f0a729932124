// The WebKit lane's setup: serves a production build of the app (E2E_DIST from `npm test`, else a
// build of its own), starts a virtual display (Xvfb) and WebKitGTK's WebDriver server, and stops all
// of them afterwards, also when a test failed (the driver's process group takes its browsers along).
//
// The served index.html gets one extra classic script, /__lane-errors.js, ahead of the app: it
// records uncaught errors, unhandled rejections and console.error calls in sessionStorage, where
// the tests read them (WebDriver classic has no console log). Nothing else differs from production.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer, type Plugin } from 'vite';
import type { TestProject } from 'vitest/node';
import { build } from '../e2e/global-setup';
import { missingForWebKit, startDriver, startXvfb, stop, type Display, type Driver } from './support/processes';

declare module 'vitest' {
  export interface ProvidedContext {
    /** WebKitWebDriver's address, ending in '/'. */
    webdriverURL: string;
    /**
     * A second WebKitWebDriver (one driver runs one session at a time), for tests with two devices
     * at once: planning and a department.
     */
    webdriverURL2: string;
    /** What each driver and its browsers printed, one file per driver (read when a session hangs). */
    webdriverLogs: [string, string];
    /** The virtual display, e.g. ':99', for a driver a test file starts itself. */
    webkitDisplay: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));

export const ERRORS_SCRIPT = `(() => {
  const KEY = '__laneErrors';
  const push = (text) => {
    try {
      const list = JSON.parse(sessionStorage.getItem(KEY) || '[]');
      list.push(String(text).slice(0, 2000));
      sessionStorage.setItem(KEY, JSON.stringify(list));
    } catch (e) { /* storage unavailable */ }
  };
  addEventListener('error', (e) => push('page error: ' + e.message + ' (' + e.filename + ':' + e.lineno + ')'));
  addEventListener('unhandledrejection', (e) => push('unhandled rejection: ' + ((e.reason && e.reason.stack) || e.reason)));
  const original = console.error;
  console.error = function (...args) {
    push('console.error: ' + args.map((a) => (a && a.stack) || String(a)).join(' '));
    return original.apply(this, args);
  };
})();
`;

/** Serves index.html with the error recorder in front of the app's own scripts. */
function errorRecorder(outDir: string): Plugin {
  return {
    name: 'webkit-lane-error-recorder',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/__lane-errors.js') {
          res.setHeader('content-type', 'text/javascript; charset=utf-8');
          res.end(ERRORS_SCRIPT);
        } else if (path === '/' || path === '/index.html') {
          const html = readFileSync(join(outDir, 'index.html'), 'utf8');
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.setHeader('cache-control', 'no-cache');
          res.end(html.replace('<head>', '<head>\n    <script src="./__lane-errors.js"></script>'));
        } else {
          next();
        }
      });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = missingForWebKit();
  if (missing.length) throw new Error(`WebKit lane: missing ${missing.join(', ')}`);

  let outDir = process.env.E2E_DIST;
  let ownBuild: string | undefined;
  const logDir = mkdtempSync(join(tmpdir(), 'webkit-logs-'));
  const logs: [string, string] = [join(logDir, 'driver-1.log'), join(logDir, 'driver-2.log')];
  let server: PreviewServer | undefined;
  let display: Display | undefined;
  let driver: Driver | undefined;
  let driver2: Driver | undefined;
  const teardown = async () => {
    await stop(driver?.process);
    await stop(driver2?.process);
    await stop(display?.process);
    await server?.close();
    if (ownBuild) rmSync(ownBuild, { recursive: true, force: true });
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    if (!outDir) {
      ownBuild = mkdtempSync(join(tmpdir(), 'webkit-build-'));
      outDir = join(ownBuild, 'dist');
      build(outDir);
    }
    if (!existsSync(join(outDir, 'index.html'))) throw new Error(`no built app in ${outDir}`);
    server = await preview({
      root,
      logLevel: 'warn',
      build: { outDir },
      plugins: [errorRecorder(outDir)],
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('preview server is not listening');
    const baseURL = `http://127.0.0.1:${address.port}/`;
    display = await startXvfb();
    driver = await startDriver(display.name, logs[0]);
    driver2 = await startDriver(display.name, logs[1]);
    project.provide('baseURL', baseURL);
    project.provide('distDir', outDir);
    project.provide('webdriverURL', driver.url);
    project.provide('webdriverURL2', driver2.url);
    project.provide('webdriverLogs', logs);
    project.provide('webkitDisplay', display.name);
    console.log(`[webkit] serving ${outDir} at ${baseURL}; display ${display.name}; WebKitWebDriver at ${driver.url}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
