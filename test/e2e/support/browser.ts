// Helpers for the end-to-end tests: one system Chromium per test file, driven by playwright-core.
//
//   let browser: Browser;
//   beforeAll(async () => { browser = await launchBrowser(); });
//   afterAll(async () => { await browser?.close(); });
//
//   test('...', async () => {
//     const context = await newAppContext(browser, { viewport: TABLET_PORTRAIT });
//     const { page, errors } = await openApp(context);
//     ...
//     expect(errors).toEqual([]);
//     await context.close();
//   });
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../support/chromium.mjs';

export type { Browser, BrowserContext, Page };

export interface Viewport {
  width: number;
  height: number;
}

/** A 10-inch tablet held sideways (also the default viewport). */
export const TABLET_LANDSCAPE: Viewport = { width: 1024, height: 768 };
/** A 10-inch tablet held upright. */
export const TABLET_PORTRAIT: Viewport = { width: 768, height: 1024 };

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOT_DIR = join(repoRoot, 'screenshots');

/** Starts the system Chromium (CHROMIUM_PATH, else /usr/bin/chromium), headless. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export interface AppContextOptions {
  viewport?: Viewport;
  hasTouch?: boolean;
  isMobile?: boolean;
}

/** A fresh profile (own storage, own service workers) set up like a browser in Japan. */
export async function newAppContext(browser: Browser, opts: AppContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    serviceWorkers: 'allow',
    viewport: opts.viewport ?? TABLET_LANDSCAPE,
    hasTouch: opts.hasTouch ?? false,
    isMobile: opts.isMobile ?? false,
  });
}

/** Address of the served app; `path` is resolved against it (e.g. '#/kpi'). */
export function appURL(path = ''): string {
  return new URL(path, inject('baseURL')).href;
}

export interface OpenedApp {
  page: Page;
  /** Console errors and uncaught page errors seen so far; it keeps filling while the page lives. */
  errors: string[];
}

/** Records console errors and uncaught exceptions of `page` into `errors`. */
export function collectErrors(page: Page, errors: string[] = []): string[] {
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => {
    errors.push(`page error: ${error.stack ?? error.message}`);
  });
  return errors;
}

/** Opens the app in a new page of `context` and waits for its load event. */
export async function openApp(context: BrowserContext, path = ''): Promise<OpenedApp> {
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(appURL(path), { waitUntil: 'load' });
  return { page, errors };
}

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
