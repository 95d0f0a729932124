/**
 * Where the page starts after a route change: a new screen starts at the top; going back or
 * forward (browser buttons, the Android back gesture) returns to where the person was on that
 * entry. The browser's own restoration is turned off because the screens are drawn after the
 * address changes (and some load their code first), so it would scroll a page that is not there yet.
 *
 * The scroll position of each history entry is kept in that entry's `history.state` (a new entry,
 * from a link or `Router.go`, has none, so it starts at the top). "Same screen" is decided by
 * {@link screenKey}: a project's year tab or the dashboard's filters keep the place.
 */
import type { Route } from '../state/router.svelte';

/** The screen a route shows, without what only changes a part of it (year tabs, filters, slides). */
export function screenKey(route: Route): string {
  return 'id' in route ? `${route.name}/${route.sid}/${route.id}` : 'sid' in route ? `${route.name}/${route.sid}` : route.name;
}

interface Saved {
  scrollY?: unknown;
}

const SAVE_DELAY_MS = 150;
/**
 * How long a return waits for its screen to be tall enough: a screen's code is loaded when first
 * opened, which on a slow tablet (or a busy one) can take more than a second or two.
 */
const RESTORE_FOR_MS = 5000;
/** Frames the page must keep its height (at the place) before restoring ends. */
const STEADY_FRAMES = 12;
/** What the person does to scroll on their own, which ends a restoration. */
const USER_SCROLL = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;

export class ScrollMemory {
  #key: string | null = null;
  /**
   * The address of the entry the remembered place belongs to, as of the last route change. A link
   * changes the address (a new entry) before the app hears of it: a save due in between (a scroll a
   * moment before the tap) would otherwise write the old place into the new entry, which would then
   * "return" there instead of starting at the top.
   */
  #href: string | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #restoring = false;
  /** Ends the restoration under way, if any. */
  #endRestore: () => void = () => {};
  #dispose: () => void;

  constructor() {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    const onScroll = () => {
      if (this.#restoring) return;
      clearTimeout(this.#saveTimer);
      this.#saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    };
    // A tap on a link leaves this entry now: its place is saved before the address changes.
    const onLeave = () => {
      if (!this.#restoring) this.save();
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    document.addEventListener('click', onLeave, true);
    window.addEventListener('pagehide', onLeave);
    this.#dispose = () => {
      window.removeEventListener('scroll', onScroll);
      document.removeEventListener('click', onLeave, true);
      window.removeEventListener('pagehide', onLeave);
      clearTimeout(this.#saveTimer);
      this.#endRestore();
    };
  }

  /** Writes the current scroll position into the current history entry. */
  save(): void {
    if (this.#href !== null && window.location.href !== this.#href) return;
    const state = (history.state ?? {}) as Record<string, unknown>;
    if (state['scrollY'] === window.scrollY) return;
    history.replaceState({ ...state, scrollY: window.scrollY }, '');
  }

  /** Called after every route change: a new screen goes to the top, a revisited entry to its place. */
  arrived(route: Route): void {
    const key = screenKey(route);
    this.#href = window.location.href;
    if (key === this.#key) return;
    const first = this.#key === null;
    this.#key = key;
    clearTimeout(this.#saveTimer);
    this.#endRestore();
    const saved = (history.state as Saved | null)?.scrollY;
    if (typeof saved === 'number' && saved > 0) this.#restore(saved);
    else if (!first) window.scrollTo(0, 0);
  }

  /**
   * Scrolls to `y` once the page is tall enough (the screen may still be drawing), and keeps it there
   * until the page has stopped changing height: parts drawn later above the place (ranks, a row of
   * buttons) would otherwise move it, and the browser's scroll anchoring would leave the person a few
   * pixels to a line away from where they were. A touch, wheel or key ends it at once (the person
   * scrolls on their own); it gives up after a while.
   */
  #restore(y: number): void {
    this.#endRestore();
    this.#restoring = true;
    const until = performance.now() + RESTORE_FOR_MS;
    const key = this.#key;
    let height = -1;
    let steady = 0;
    let frame = 0;
    const stop = () => {
      cancelAnimationFrame(frame);
      for (const type of USER_SCROLL) window.removeEventListener(type, stop, true);
      if (this.#endRestore === stop) this.#endRestore = () => {};
      this.#restoring = false;
    };
    this.#endRestore = stop;
    for (const type of USER_SCROLL) window.addEventListener(type, stop, { capture: true, passive: true });
    const step = () => {
      if (this.#key !== key) return stop();
      if (Math.abs(window.scrollY - y) >= 1) window.scrollTo(0, y);
      const h = document.documentElement.scrollHeight;
      steady = h === height && Math.abs(window.scrollY - y) < 2 ? steady + 1 : 0;
      height = h;
      if (steady >= STEADY_FRAMES || performance.now() > until) return stop();
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
  }

  dispose(): void {
    this.#dispose();
  }
}
