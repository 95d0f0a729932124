/**
 * Never reopen a screen that did not finish rendering. The app reopens the last screen (the
 * address, or the saved last route when started from the home-screen icon); if that screen froze
 * or broke the tab (a strategy with absurd values, a bug), reopening it would freeze again and an
 * installed app has no address bar to escape with.
 *
 * So a start marker is written (synchronously, in localStorage) whenever a screen starts, and
 * cleared once the screen has been painted (`painted`, called by ScreenPainted after the screen's
 * own content has mounted and a frame has been drawn). A start that finds the marker still there
 * knows the last screen never finished: it opens the strategy list instead, with a note.
 *
 * A frozen tab runs no timers or frames, so the marker of a screen that hangs is never cleared;
 * a screen that throws while rendering never mounts the ScreenPainted after it.
 */
export interface MarkerStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const START_MARKER_KEY = 'chiho-senryaku.screen-starting';

export class StartMarker {
  readonly #storage: MarkerStorage | null;

  constructor(storage: MarkerStorage | null) {
    this.#storage = storage;
  }

  /** The screen (its address) that started last time and never finished, or null. */
  unfinished(): string | null {
    let raw: string | null;
    try {
      raw = this.#storage?.getItem(START_MARKER_KEY) ?? null;
    } catch {
      return null; // blocked storage: no safety net, and no false alarm either
    }
    if (raw === null) return null;
    try {
      const parsed = JSON.parse(raw) as unknown;
      const hash = parsed && typeof parsed === 'object' ? (parsed as { hash?: unknown }).hash : null;
      return typeof hash === 'string' ? hash : '#/';
    } catch {
      // A marker we cannot read is still a marker.
      return '#/';
    }
  }

  /** A screen starts. */
  starting(hash: string): void {
    try {
      this.#storage?.setItem(START_MARKER_KEY, JSON.stringify({ hash }));
    } catch {
      // A full or blocked localStorage loses only this safety net.
    }
  }

  /** The screen at `hash` has been painted: clears the marker if it is that screen's. */
  painted(hash: string): void {
    try {
      if (this.unfinished() === hash) this.#storage?.removeItem(START_MARKER_KEY);
    } catch {
      // as above
    }
  }

  clear(): void {
    try {
      this.#storage?.removeItem(START_MARKER_KEY);
    } catch {
      // as above
    }
  }
}
