// A small W3C WebDriver client (https://www.w3.org/TR/webdriver2/) over fetch: just the endpoints the
// WebKit lane uses. WebKitGTK's WebKitWebDriver speaks this protocol; see docs/testing.md.
//
//   const session = await Session.create(driverURL, capabilities);
//   await session.navigate(url);
//   const cell = await session.find('[data-testid="cell-actual-2020"]');
//   await session.tap(cell); await session.type('１，９００件\uE007');
//   await session.close();

/** The W3C key codes for keys that are not characters (WebDriver §17.4.2). */
export const Keys = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Escape: '\uE00C',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
} as const;

/** The key under which W3C WebDriver returns an element reference. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** A reference to an element of the current page, as the driver returns it. */
export interface ElementRef {
  [ELEMENT_KEY]: string;
}

export class WebDriverError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly command: string,
  ) {
    super(`${command}: ${code}: ${message}`);
  }
}

interface Answer {
  value: unknown;
}

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, timeoutMs = 60_000): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let answer: Answer;
  try {
    answer = JSON.parse(text) as Answer;
  } catch {
    throw new WebDriverError('invalid response', `HTTP ${response.status}: ${text.slice(0, 200)}`, `${method} ${url}`);
  }
  const value = answer.value as { error?: string; message?: string } | null;
  if (!response.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    throw new WebDriverError(value?.error ?? `HTTP ${response.status}`, value?.message ?? text.slice(0, 200), `${method} ${new URL(url).pathname}`);
  }
  return answer.value;
}

function isElementRef(value: unknown): value is ElementRef {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[ELEMENT_KEY] === 'string';
}

/** One browser session: one MiniBrowser with a fresh in-memory profile. */
export class Session {
  private constructor(
    readonly driverURL: string,
    readonly id: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  static async create(driverURL: string, capabilities: Record<string, unknown>, timeoutMs = 90_000): Promise<Session> {
    const value = (await call('POST', new URL('session', driverURL).href, { capabilities }, timeoutMs)) as {
      sessionId: string;
      capabilities: Record<string, unknown>;
    };
    return new Session(driverURL, value.sessionId, value.capabilities);
  }

  private url(path: string): string {
    return new URL(`session/${this.id}${path}`, this.driverURL).href;
  }

  send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs?: number): Promise<unknown> {
    return call(method, this.url(path), method === 'POST' ? (body ?? {}) : undefined, timeoutMs);
  }

  /** Ends the session; the driver closes its browser. Never throws (used in cleanup). */
  async close(): Promise<void> {
    await this.send('DELETE', '', undefined, 20_000).catch(() => {});
  }

  async setTimeouts(timeouts: { script?: number; pageLoad?: number; implicit?: number }): Promise<void> {
    await this.send('POST', '/timeouts', timeouts);
  }

  async navigate(url: string): Promise<void> {
    await this.send('POST', '/url', { url });
  }

  async refresh(): Promise<void> {
    await this.send('POST', '/refresh');
  }

  async back(): Promise<void> {
    await this.send('POST', '/back');
  }

  async currentURL(): Promise<string> {
    return (await this.send('GET', '/url')) as string;
  }

  async setWindowRect(rect: { width: number; height: number; x?: number; y?: number }): Promise<void> {
    await this.send('POST', '/window/rect', rect);
  }

  /** Runs `body` (a function body; `arguments[i]` are `args`) in the page and returns its value. */
  async execute<T = unknown>(body: string, ...args: unknown[]): Promise<T> {
    return (await this.send('POST', '/execute/sync', { script: body, args })) as T;
  }

  /** Runs `body` with a promise-returning body: `return (async () => {...})()` is awaited. */
  async executeAsync<T = unknown>(body: string, ...args: unknown[]): Promise<T> {
    // W3C execute/sync awaits a returned promise.
    return this.execute<T>(body, ...args);
  }

  /** The first element matching a CSS selector, or null. */
  async maybeFind(css: string, from?: ElementRef): Promise<ElementRef | null> {
    const found = (await this.send('POST', from ? `/element/${from[ELEMENT_KEY]}/elements` : '/elements', {
      using: 'css selector',
      value: css,
    })) as unknown[];
    const first = found[0];
    return isElementRef(first) ? first : null;
  }

  async findAll(css: string): Promise<ElementRef[]> {
    const found = (await this.send('POST', '/elements', { using: 'css selector', value: css })) as unknown[];
    return found.filter(isElementRef);
  }

  /** Waits (up to `timeout` ms) for an element matching `css`, optionally one whose text matches. */
  async find(css: string, { text, timeout = 15_000, visible = true }: { text?: RegExp | string; timeout?: number; visible?: boolean } = {}): Promise<ElementRef> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = await this.execute<unknown>(
        `const [css, pattern, flags, exact, visible] = arguments;
         const re = pattern === null ? null : new RegExp(pattern, flags);
         for (const el of document.querySelectorAll(css)) {
           const text = (el.innerText ?? el.textContent ?? '');
           if (re && !re.test(text)) continue;
           if (exact !== null && text.trim() !== exact) continue;
           if (visible && !(el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')) continue;
           return el;
         }
         return null;`,
        css,
        text instanceof RegExp ? text.source : null,
        text instanceof RegExp ? text.flags : '',
        typeof text === 'string' ? text : null,
        visible,
      );
      if (isElementRef(found)) return found;
      if (Date.now() > deadline) {
        throw new Error(`no ${visible ? 'visible ' : ''}element ${css}${text ? ` with text ${String(text)}` : ''} within ${timeout} ms at ${await this.currentURL()}`);
      }
      await sleep(100);
    }
  }

  /** Element click (WebDriver's own: scrolls into view, checks it is not covered). */
  async click(el: ElementRef): Promise<void> {
    await this.send('POST', `/element/${el[ELEMENT_KEY]}/click`);
  }

  /**
   * A tap as WebKitGTK can send one: pointer move to the element's centre (or `at` inside it), down,
   * up, through the Actions API with a pointer of type "touch". WebKitGTK delivers it as mouse
   * events (docs/testing.md), which is what makes the selection behaviour of a tap testable here.
   */
  async tap(el: ElementRef, at?: { x: number; y: number }): Promise<void> {
    await this.scrollIntoView(el);
    await this.actions([
      {
        type: 'pointer',
        id: 'finger',
        parameters: { pointerType: 'touch' },
        actions: [
          { type: 'pointerMove', duration: 0, origin: el, x: at?.x ?? 0, y: at?.y ?? 0 },
          { type: 'pointerDown', button: 0 },
          { type: 'pause', duration: 60 },
          { type: 'pointerUp', button: 0 },
        ],
      },
    ]);
  }

  async scrollIntoView(el: ElementRef): Promise<void> {
    await this.execute(`arguments[0].scrollIntoView({ block: 'center', inline: 'center' });`, el);
  }

  /** Types into whatever has focus, key by key (the Actions API's key source). */
  async type(text: string): Promise<void> {
    const actions: Record<string, unknown>[] = [];
    for (const ch of text) {
      actions.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
    }
    await this.actions([{ type: 'key', id: 'keyboard', actions }]);
  }

  /** Element Send Keys: focuses the element and types; for a file input, `text` is a path. */
  async sendKeys(el: ElementRef, text: string): Promise<void> {
    await this.send('POST', `/element/${el[ELEMENT_KEY]}/value`, { text });
  }

  async actions(actions: unknown[]): Promise<void> {
    await this.send('POST', '/actions', { actions });
    await this.send('DELETE', '/actions').catch(() => {});
  }

  async property<T = unknown>(el: ElementRef, name: string): Promise<T> {
    return (await this.send('GET', `/element/${el[ELEMENT_KEY]}/property/${encodeURIComponent(name)}`)) as T;
  }

  async text(el: ElementRef): Promise<string> {
    return (await this.send('GET', `/element/${el[ELEMENT_KEY]}/text`)) as string;
  }

  async value(el: ElementRef): Promise<string> {
    return (await this.property<string>(el, 'value')) ?? '';
  }

  /** The visible text of the whole page. */
  async pageText(): Promise<string> {
    return this.execute<string>('return document.body.innerText;');
  }

  async screenshot(): Promise<Buffer> {
    return Buffer.from((await this.send('GET', '/screenshot')) as string, 'base64');
  }

  async windowHandles(): Promise<string[]> {
    return (await this.send('GET', '/window/handles')) as string[];
  }

  async switchToWindow(handle: string): Promise<void> {
    await this.send('POST', '/window', { handle });
  }

  async closeWindow(): Promise<void> {
    await this.send('DELETE', '/window');
  }

  async alertText(): Promise<string | null> {
    try {
      return (await this.send('GET', '/alert/text')) as string;
    } catch (error) {
      if (error instanceof WebDriverError && error.code === 'no such alert') return null;
      throw error;
    }
  }

  async acceptAlert(): Promise<void> {
    await this.send('POST', '/alert/accept');
  }

  async dismissAlert(): Promise<void> {
    await this.send('POST', '/alert/dismiss');
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `check` accepts its value; fails with the last value after `timeout` ms. */
export async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError && last === undefined ? `error: ${String(lastError)}` : JSON.stringify(last);
      throw new Error(`${what}: not within ${timeout} ms (last seen: ${seen})`);
    }
    await sleep(100);
  }
}
