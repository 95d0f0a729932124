// The app in WebKit: a fresh MiniBrowser session per `openApp`, the errors the page recorded, and
// the steps a person takes (tap a cell, type, Enter) written once for the lane's tests. As in the
// Chromium harness (test/e2e/support/browser.ts, with which it shares ../../e2e/support/lane.ts),
// after every test each browser it opened has its errors checked (they fail the test), is
// screenshotted when the test failed (screenshots/webkit-failed-*.png) and is closed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, inject } from 'vitest';
import { appURL, SCREENSHOT_DIR, TABLET_LANDSCAPE, type Viewport } from '../../e2e/support/lane';
import { sessionCapabilities, startDriver, stop, type Driver } from './processes';
import { Keys, Session, until, type ElementRef } from './webdriver';

export { appURL, Keys, SCREENSHOT_DIR, Session, until, type ElementRef };

const opened: App[] = [];

/**
 * Reported by WebKit as a page error although nothing failed: resize notifications that did not
 * fit in one frame are delivered in the next (seen once in the 評価シート's print preview; the app
 * observes no sizes itself). The spec's own wording, matched whole.
 */
const BENIGN = /^page error: ResizeObserver loop completed with undelivered notifications\.? \(/;

/**
 * Opens a new MiniBrowser (fresh in-memory profile) with the app loaded at `path`, its viewport
 * `size` (default 1024×768); `second` drives it through the second WebDriver server (a second device
 * at the same time). It is closed after the test.
 */
export async function openApp({ path = '', size = TABLET_LANDSCAPE, second = false }: { path?: string; size?: Viewport; second?: boolean } = {}): Promise<App> {
  const session = await newSession(second ? 1 : 0);
  const app = new App(session);
  try {
    await session.setTimeouts({ script: 30_000, pageLoad: 60_000, implicit: 0 });
    await app.resize(size.width, size.height);
    await session.navigate(appURL(path));
  } catch (error) {
    await session.close();
    throw error;
  }
  opened.push(app);
  return app;
}

/** A session normally starts in 1–3 s; one not started in this time is taken as hung. */
const SESSION_START_MS = 30_000;

/** Drivers this file started in place of a hung one (by the lane's driver number), stopped after it. */
const replacements = new Map<number, Driver>();

/**
 * A new session on driver `n` (0 or 1). A driver seen once to hang while starting a browser (90 s
 * without an answer, after which every later test of the file failed too) is replaced by a new
 * driver on the same display for the rest of the file; what the hung one printed is shown.
 */
async function newSession(n: 0 | 1): Promise<Session> {
  const url = replacements.get(n)?.url ?? (n === 0 ? inject('webdriverURL') : inject('webdriverURL2'));
  try {
    return await Session.create(url, sessionCapabilities(), SESSION_START_MS);
  } catch (error) {
    const log = inject('webdriverLogs')[n];
    const tail = !replacements.has(n) && existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    console.warn(`[webkit] driver ${n + 1} started no session (${String(error)}); starting another.${tail ? `\nIt printed:\n${tail}` : ''}`);
    await stop(replacements.get(n)?.process);
    const driver = await startDriver(inject('webkitDisplay'));
    replacements.set(n, driver);
    return Session.create(driver.url, sessionCapabilities(), SESSION_START_MS);
  }
}

afterAll(async () => {
  for (const driver of replacements.values()) await stop(driver.process);
  replacements.clear();
});

afterEach(async (context) => {
  const failed = context.task.result?.state === 'fail';
  const errors: string[] = [];
  for (const [i, app] of opened.splice(0).entries()) {
    try {
      if (failed) await app.screenshot(`failed-${context.task.name.slice(0, 30)}-${i}`).catch(() => {});
      errors.push(...(await app.errors()).filter((e) => !BENIGN.test(e)));
    } finally {
      await app.close();
    }
  }
  expect(errors, `errors of the page:\n${errors.join('\n')}`).toEqual([]);
});

export const sel = (testid: string) => `[data-testid="${testid}"]`;

export class App {
  constructor(readonly session: Session) {}

  close(): Promise<void> {
    return this.session.close();
  }

  /** Sizes the window so that the page's viewport is `width` × `height` CSS pixels. */
  async resize(width: number, height: number): Promise<void> {
    await this.session.setWindowRect({ width, height });
    const inner = await this.session.execute<{ w: number; h: number }>('return { w: innerWidth, h: innerHeight };');
    if (inner.w !== width || inner.h !== height) {
      await this.session.setWindowRect({ width: width + (width - inner.w), height: height + (height - inner.h) });
    }
  }

  /** Errors the page recorded since it was opened (kept across reloads in the tab). */
  async errors(): Promise<string[]> {
    return this.session.execute<string[]>(`return JSON.parse(sessionStorage.getItem('__laneErrors') || '[]');`);
  }

  find(testid: string, opts?: Parameters<Session['find']>[1]): Promise<ElementRef> {
    return this.session.find(sel(testid), opts);
  }

  async tapTestId(testid: string, opts?: Parameters<Session['find']>[1]): Promise<ElementRef> {
    const el = await this.find(testid, opts);
    await this.session.tap(el);
    return el;
  }

  async value(testid: string): Promise<string> {
    return this.session.value(await this.find(testid));
  }

  async text(testid: string): Promise<string> {
    return this.session.text(await this.find(testid));
  }

  /** Polls until the element's value is `expected`. */
  async expectValue(testid: string, expected: string, timeout = 10_000): Promise<void> {
    await until(() => this.value(testid), (v) => v === expected, `value of ${testid} to be ${JSON.stringify(expected)}`, timeout);
  }

  /** Polls until the page's visible text contains `text` (or matches it). */
  async waitForText(text: string | RegExp, timeout = 15_000): Promise<string> {
    return until(
      () => this.session.pageText(),
      (page) => (typeof text === 'string' ? page.includes(text) : text.test(page)),
      `page text containing ${String(text)}`,
      timeout,
    );
  }

  /**
   * Enters a value as a person on a tablet does: taps the cell, types `text` key by key (full-width
   * digits, 万 and 千 come as typed characters), then Enter (or Tab, to leave the cell).
   */
  async typeInto(el: ElementRef, text: string, finish: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
    await this.session.tap(el);
    await this.session.type(text + Keys[finish]);
  }

  /** The form control labelled `label` (its <label> text, exactly, or its aria-label). */
  async byLabel(label: string, timeout = 15_000): Promise<ElementRef> {
    return until(
      () =>
        this.session.execute<ElementRef | null>(
          `const want = arguments[0];
           for (const l of document.querySelectorAll('label')) {
             if (l.textContent.trim() === want && l.control && l.control.getClientRects().length) return l.control;
           }
           for (const el of document.querySelectorAll('[aria-label]')) {
             if (el.getAttribute('aria-label') === want && el.getClientRects().length) return el;
           }
           return null;`,
          label,
        ),
      (el) => el !== null,
      `control labelled ${label}`,
      timeout,
    ) as Promise<ElementRef>;
  }

  /** A button (or link) whose text is exactly `text`. */
  button(text: string): Promise<ElementRef> {
    return this.session.find('button, a, [role=button]', { text });
  }

  /** Chooses an option of a <select> as a person does: the option is clicked. */
  async choose(testid: string, value: string): Promise<void> {
    await this.session.click(await this.session.find(`${sel(testid)} option[value="${value}"]`, { visible: false }));
    await until(() => this.value(testid), (v) => v === value, `${testid} to be ${value}`);
  }

  /** The app's address now, without the hash; `hash` (e.g. '#/import') appended. */
  async go(hash: string): Promise<void> {
    const url = await this.session.currentURL();
    await this.session.navigate(url.replace(/#.*$/, '') + hash);
  }

  async saved(): Promise<void> {
    await until(() => this.text('save-indicator'), (t) => t.includes('保存済み'), 'save indicator 保存済み');
  }

  /** Start screen: the editor's name, typed, then the sample strategy. */
  async startWithSample(editor = '企画課 山田'): Promise<void> {
    const name = await this.find('editor-name');
    await this.session.tap(name);
    await this.session.type(editor);
    await this.session.click(await this.find('open-sample'));
    await this.session.find('h1', { text: /第2期関市まち・ひと・しごと創生総合戦略/, timeout: 30_000 });
  }

  async openProject(name: RegExp): Promise<void> {
    const toggle = await this.session.maybeFind(sel('nav-toggle'));
    if (toggle && (await this.session.execute<boolean>('return arguments[0].getClientRects().length > 0;', toggle))) {
      await this.session.click(toggle);
    }
    await this.session.click(await this.session.find(sel('nav-project'), { text: name }));
    await this.session.find(sel('project-heading'), { text: name });
  }

  /**
   * Waits until the screen the address shows has been drawn: the app's start marker for it
   * (src/state/start-marker.ts) is cleared once it has rendered. A reload before that would count as a
   * screen that never finished, and the app would rightly start from the strategy list.
   */
  async drawn(what: string): Promise<void> {
    await until(
      () => this.session.execute<string | null>("return localStorage.getItem('chiho-senryaku.screen-starting:' + sessionStorage.getItem('chiho-senryaku.tab-id'));"),
      (marker) => marker === null,
      `${what} drawn`,
    );
  }

  /**
   * Waits for the service worker to be activated and to control the page: a first visit is
   * controlled from its next load, so the page is reloaded once if it is not yet. The caller then
   * waits for its screen to be drawn again.
   */
  async controlledByWorker(): Promise<void> {
    await until(
      () => this.session.execute<string | null>('return navigator.serviceWorker.getRegistration().then((r) => (r && r.active ? r.active.state : null));'),
      (state) => state === 'activated',
      'an activated service worker',
      30_000,
    );
    if (!(await this.session.execute<boolean>('return navigator.serviceWorker.controller !== null;'))) await this.session.refresh();
    await until(() => this.session.execute<boolean>('return navigator.serviceWorker.controller !== null;'), Boolean, 'the page controlled by the worker');
  }

  /**
   * The file the app hands to the browser's download after `click` (the Blob behind the temporary
   * link), as bytes, so the test can read it or take it to another device. The page still
   * downloads it as usual.
   */
  async downloaded(click: () => Promise<unknown>): Promise<Buffer> {
    await this.session.execute(`
      window.__laneBlobs = [];
      if (!window.__laneWrapped) {
        window.__laneWrapped = true;
        const original = URL.createObjectURL;
        URL.createObjectURL = function (blob) { window.__laneBlobs.push(blob); return original.call(URL, blob); };
      }`);
    await click();
    await until(() => this.session.execute<number>('return window.__laneBlobs.length;'), (n) => n > 0, 'a downloaded file');
    const dataUrl = await this.session.execute<string>(`
      return new Promise((done) => {
        const reader = new FileReader();
        reader.onload = () => done(reader.result);
        reader.onerror = () => done('');
        reader.readAsDataURL(window.__laneBlobs.at(-1));
      });`);
    return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `webkit-${name}.png`);
    writeFileSync(path, await this.session.screenshot());
    return path;
  }
}
