// The e2e harness: the built app in the system Chromium (playwright-core), one browser per test file.
// Importing this module registers its hooks on the test file. docs/testing.md ("The e2e harness").
//
//   test('...', async () => {
//     const { page, errors } = await openApp({ size: TABLET_PORTRAIT, touch: true });
//     ...
//   });
//
// - `openApp(options)`: a fresh profile (own IndexedDB, own service workers) set up like a browser in
//   Japan, with the app loaded in its first tab; the file's Chromium starts with the first call and
//   is closed after the file's last test. A second profile (another device) is another `openApp`;
//   another tab of the same profile is `app.tab(path)`.
// - Errors: console errors and uncaught exceptions of every tab of a profile go to its `errors`.
//   After each test, those its `allowErrors` does not expect fail the test, and the list is emptied.
// - After each test: on a failure, every open tab is saved as screenshots/failed-<file>-<test>-<n>.png;
//   profiles opened in the test are closed (those opened in a `beforeAll` stay until the file ends).
// - `waitForServiceWorker(page)`: until the app's worker controls the page (reloads once if needed).
// - `screenshot(page, name)`: a PNG of what the user sees, in <repo>/screenshots/.
// - `collectErrors(page)`: a tab's own list of errors, for a test that checks tabs one by one.
// - `screenComes(page, locator)`: waits for a screen; if it does not come, says what the tab shows.
// Tablet sizes and moving around by touch: ./tablet.ts; typing as a person does: ./typing.ts;
// what the WebKit lane shares: ./lane.ts.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../support/chromium.mjs';
import { appURL, SCREENSHOT_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT, type Viewport } from './lane';

export type { Browser, BrowserContext, Page, Viewport };
export { appURL, SCREENSHOT_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT };

export interface AppOptions {
  /** The viewport in CSS pixels (default: a tablet held sideways, 1024×768). */
  size?: Viewport;
  /** Touch events (`locator.tap()`), as on a tablet. */
  touch?: boolean;
  /** A mobile browser: the meta viewport is honoured and the page scrolls by touch. */
  mobile?: boolean;
  /** Where the first tab goes, resolved against the app's address (e.g. '#/import'); default the start. */
  path?: string;
  /** Leave the first tab blank, to set it up (routes, init scripts, DevTools) before `page.goto(appURL())`. */
  blank?: boolean;
  /** 'block' keeps the service worker out (default 'allow'). */
  serviceWorkers?: 'allow' | 'block';
  userAgent?: string;
  /** Switches the page's Content-Security-Policy off (only for tests that inject scripts of their own). */
  bypassCSP?: boolean;
  /** Errors this test expects (they do not fail it); every other error does. */
  allowErrors?: RegExp;
}

export interface App {
  /** The first tab. */
  page: Page;
  /** The profile: its own storage and service workers, shared by its tabs. */
  context: BrowserContext;
  /** Console errors and uncaught exceptions of every tab of the profile since the last test ended. */
  errors: string[];
  /** Opens another tab of the same profile at `path` and waits for its load event. */
  tab(path?: string): Promise<Page>;
}

interface Opened {
  app: App;
  allowErrors?: RegExp;
  /** Opened inside a test (closed after it), rather than in a hook (closed when the file ends). */
  inTest: boolean;
}

let browser: Promise<Browser> | undefined;
let inTest = false;
const opened: Opened[] = [];

/** The file's Chromium (CHROMIUM_PATH, else /usr/bin/chromium), headless, started on first use. */
function launch(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return browser;
}

/** Opens the app in a fresh profile (see the header). */
export async function openApp(options: AppOptions = {}): Promise<App> {
  const context = await (await launch()).newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    serviceWorkers: options.serviceWorkers ?? 'allow',
    viewport: options.size ?? TABLET_LANDSCAPE,
    hasTouch: options.touch ?? false,
    isMobile: options.mobile ?? false,
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  const errors: string[] = [];
  context.on('page', (page) => collectErrors(page, errors));
  const page = await context.newPage();
  const app: App = {
    page,
    context,
    errors,
    async tab(path = '') {
      const tab = await context.newPage();
      await tab.goto(appURL(path), { waitUntil: 'load' });
      return tab;
    },
  };
  opened.push({ app, allowErrors: options.allowErrors, inTest });
  if (!options.blank) await page.goto(appURL(options.path ?? ''), { waitUntil: 'load' });
  return app;
}

/** Records console errors and uncaught exceptions of `page` into `errors` (a tab's own list). */
export function collectErrors(page: Page, errors: string[] = []): string[] {
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => {
    // A rejection with a value that is not an Error can come with neither stack nor message.
    errors.push(`page error: ${error.stack || error.message || `${error.name} (no message)`}`);
  });
  return errors;
}

beforeEach(() => {
  inTest = true;
});

afterEach(async (test) => {
  inTest = false;
  const failed = test.task.result?.state === 'fail';
  const unexpected: string[] = [];
  let shot = 0;
  for (const { app, allowErrors } of opened) {
    if (failed) {
      const name = `failed-${basename(test.task.file.name, '.test.ts')}-${test.task.name.slice(0, 40).replace(/[^\w-]+/g, '_')}`;
      for (const page of app.context.pages()) await screenshot(page, `${name}-${++shot}`).catch(() => {});
    }
    unexpected.push(...app.errors.filter((e) => !allowErrors?.test(e)));
    app.errors.length = 0;
  }
  for (const { app } of opened.filter((o) => o.inTest)) await app.context.close().catch(() => {});
  opened.splice(0, opened.length, ...opened.filter((o) => !o.inTest));
  if (unexpected.length) throw new Error(`errors in the page:\n${unexpected.join('\n')}`);
});

afterAll(async () => {
  opened.length = 0;
  await (await browser)?.close();
  browser = undefined;
});

/** Describes the page's service worker registration, for failure messages. */
export async function serviceWorkerState(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) return 'no registration';
    const { installing, waiting, active } = registration;
    const controller = navigator.serviceWorker.controller;
    return (
      `installing: ${installing?.state ?? '-'}, waiting: ${waiting?.state ?? '-'}, ` +
      `active: ${active?.state ?? '-'}, controller: ${controller ? controller.state : 'none'}`
    );
  });
}

/**
 * Waits for `screen` (a locator of the screen's heading, say) to be visible. If it does not come,
 * the failure says what the tab shows instead, its address, its build and its service worker.
 */
export async function screenComes(page: Page, screen: Locator, { timeout = 30_000 } = {}): Promise<void> {
  await screen.waitFor({ timeout }).catch(async (e: unknown) => {
    const shows = await page.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '(unreadable)');
    const build = await page.evaluate(() => document.documentElement.dataset['build'] ?? '').catch(() => '?');
    const worker = await serviceWorkerState(page).catch(() => '?');
    throw new Error(`${String(e)}\nat ${page.url()}, build ${build}, ${worker}\nthe page shows: ${shows}`);
  });
}

async function pollUntil(check: () => Promise<boolean>, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until the app's service worker is active and controls `page`. A worker installed on the
 * first visit controls the page only from the next navigation, so the page is reloaded once if
 * needed. Fails if the app registers no service worker, or it does not activate, within `timeout` ms.
 */
export async function waitForServiceWorker(page: Page, { timeout = 20_000 } = {}): Promise<void> {
  const activated = await pollUntil(
    () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'),
    timeout,
  );
  if (!activated) {
    throw new Error(`no activated service worker within ${timeout} ms at ${page.url()} (${await serviceWorkerState(page)})`);
  }
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload({ waitUntil: 'load' });
    // The screen is drawn again before the caller goes on (its start marker cleared,
    // src/state/start-marker.ts). (The marker is this tab's: its key ends with the tab id kept in
    // sessionStorage.)
    const drawn = await pollUntil(
      () => page.evaluate(() => localStorage.getItem(`chiho-senryaku.screen-starting:${sessionStorage.getItem('chiho-senryaku.tab-id')}`) === null),
      timeout,
    );
    if (!drawn) throw new Error(`the screen was not drawn again after a reload at ${page.url()}`);
  }
  const controlled = await pollUntil(() => page.evaluate(() => navigator.serviceWorker.controller !== null), timeout);
  if (!controlled) {
    throw new Error(`the service worker does not control ${page.url()} after a reload (${await serviceWorkerState(page)})`);
  }
}

/**
 * Saves a PNG of what the user sees (the viewport; `fullPage` for the whole scrolled page) as
 * <repo>/screenshots/<name>.png and returns its path.
 */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
