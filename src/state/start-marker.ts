/**
 * Never reopen a screen that did not finish rendering. The app reopens the last screen (the
 * address, or the saved last route when started from the home-screen icon); if that screen froze
 * or broke the tab (a strategy with absurd values, a bug), reopening it would freeze again and an
 * installed app has no address bar to escape with.
 *
 * So a start marker is written (synchronously, in localStorage) whenever a screen starts, and
 * cleared once the screen has been painted (`painted`, called by ScreenPainted after the screen's
 * own content has mounted and a frame has been drawn). A frozen tab runs no timers or frames, so
 * the marker of a screen that hangs is never cleared; a screen that throws while rendering never
 * mounts the ScreenPainted after it.
 *
 * Every tab has its own marker (`START_MARKER_KEY:<tab id>`, the id kept in sessionStorage, so a
 * reload keeps it) and holds a Web Lock named after its id for as long as it lives. A start counts
 * a leftover marker as "did not finish" only when it is this same tab's (a reload) or its tab is
 * gone (nobody holds or asks for its lock): a tab of the same app that is merely starting or
 * painting at the same moment is no sign of trouble. Where Web Locks are missing, whether another
 * tab lives cannot be told: every leftover marker counts, as before.
 *
 * A page left normally (reloaded, closed) while its screen is still loading clears its marker on
 * `pagehide`, unless it had an uncaught error (clearWhenLeftNormally): a slow screen the person
 * reloads is reopened; a hung one (no handler runs) or a broken one is not.
 */
export interface MarkerStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export const START_MARKER_KEY = 'chiho-senryaku.screen-starting';
/** sessionStorage: this tab's id (kept across reloads of the tab, not shared with other tabs). */
export const TAB_ID_KEY = 'chiho-senryaku.tab-id';
/** The Web Lock every tab holds while it lives. */
export const TAB_LOCK_PREFIX = 'chiho-senryaku.tab:';

export interface LeftMarker {
  /** The tab that wrote it ('' for a marker of an older version, which had no tab id). */
  tab: string;
  key: string;
  hash: string;
}

/** The start marker key of a tab. */
export function markerKey(tab: string): string {
  return `${START_MARKER_KEY}:${tab}`;
}

/** Every start marker in storage (a blocked storage has none). */
export function readMarkers(storage: MarkerStorage | null): LeftMarker[] {
  if (!storage) return [];
  const found: LeftMarker[] = [];
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key === START_MARKER_KEY || key?.startsWith(`${START_MARKER_KEY}:`)) keys.push(key);
    }
    for (const key of keys) {
      const raw = storage.getItem(key);
      if (raw === null) continue;
      found.push({ tab: key === START_MARKER_KEY ? '' : key.slice(START_MARKER_KEY.length + 1), key, hash: parseHash(raw) });
    }
  } catch {
    return []; // blocked storage: no safety net, and no false alarm either
  }
  return found;
}

function parseHash(raw: string): string {
  try {
    const parsed = JSON.parse(raw) as unknown;
    const hash = parsed && typeof parsed === 'object' ? (parsed as { hash?: unknown }).hash : null;
    return typeof hash === 'string' ? hash : '#/';
  } catch {
    // A marker we cannot read is still a marker.
    return '#/';
  }
}

/**
 * The leftover markers whose screen did not finish: this tab's own (it was reloaded, or closed and
 * restored, while its screen was starting) and those of tabs no longer alive. `alive` is the set of
 * tab ids whose lock is held or asked for, or null where that cannot be told (every marker counts).
 */
export function unfinishedMarkers(markers: readonly LeftMarker[], self: string, alive: ReadonlySet<string> | null): LeftMarker[] {
  return markers.filter((m) => m.tab === self || alive === null || !alive.has(m.tab));
}

/** Which tabs live, and this tab's claim to life (Web Locks). */
export interface TabLiveness {
  /** The ids of tabs whose lock is held or asked for now. */
  alive(): Promise<ReadonlySet<string>>;
  /** Holds this tab's lock until the tab is gone; false when another page holds it (a duplicated tab). */
  claim(tab: string): Promise<boolean>;
}

/** Liveness through Web Locks, or null where the browser has none. */
export function webLocksLiveness(locks: LockManager | null | undefined): TabLiveness | null {
  if (!locks || typeof locks.query !== 'function' || typeof locks.request !== 'function') return null;
  return {
    async alive() {
      const state = await locks.query();
      const ids = new Set<string>();
      for (const l of [...(state.held ?? []), ...(state.pending ?? [])]) if (l.name?.startsWith(TAB_LOCK_PREFIX)) ids.add(l.name.slice(TAB_LOCK_PREFIX.length));
      return ids;
    },
    claim(tab) {
      return new Promise<boolean>((resolve, reject) => {
        locks
          .request(`${TAB_LOCK_PREFIX}${tab}`, { ifAvailable: true }, (lock) => {
            resolve(lock !== null);
            // Held until the page goes away.
            return lock ? new Promise<never>(() => {}) : null;
          })
          .catch(reject);
      });
    },
  };
}

export interface StartMarkerSetup {
  /** localStorage (shared by the tabs), or null where it is blocked. */
  storage: MarkerStorage | null;
  /** sessionStorage (this tab's), or null where it is blocked. */
  session: Pick<MarkerStorage, 'getItem' | 'setItem'> | null;
  liveness: TabLiveness | null;
  newId: () => string;
  /** How long to wait before looking again at a tab that seems alive (milliseconds). */
  recheckMs?: number;
}

/**
 * The start check, before the first screen starts: this tab's id and lock, and the screen that
 * did not finish last time (null when none). The markers counted are cleared (the note is shown
 * once); those of live tabs are left to them.
 */
export async function openStartMarker({ storage, session, liveness, newId, recheckMs = 300 }: StartMarkerSetup): Promise<{ marker: StartMarker; unfinished: string | null }> {
  let tab: string | null = null;
  try {
    tab = session?.getItem(TAB_ID_KEY) ?? null;
  } catch {
    tab = null;
  }
  if (!tab || !/^[\w-]{1,64}$/.test(tab)) tab = newId();
  let alive: ReadonlySet<string> | null = null;
  if (liveness) {
    try {
      alive = await within(liveness.alive(), null);
    } catch {
      alive = null;
    }
  }
  const left = readMarkers(storage);
  // A tab that was just closed (or killed while frozen) may still hold its lock for a moment:
  // a leftover marker of a tab that seems alive is looked at once more, a little later.
  if (liveness && alive && left.some((m) => m.tab !== tab && alive!.has(m.tab))) {
    await new Promise((resolve) => setTimeout(resolve, recheckMs));
    try {
      alive = await within(liveness.alive(), alive);
    } catch {
      // keep the first answer
    }
  }
  const counted = unfinishedMarkers(left, tab, alive);
  // The own marker first: it is the screen this tab itself was showing.
  const mine = counted.find((m) => m.tab === tab) ?? counted[0];
  for (const m of counted) {
    try {
      storage?.removeItem(m.key);
    } catch {
      // as below
    }
  }
  if (liveness) {
    try {
      // A duplicated tab starts with its original's id while the original lives: a new one.
      if ((await within(liveness.claim(tab), true)) === false) {
        tab = newId();
        await within(liveness.claim(tab), true);
      }
    } catch {
      // Without the lock, other tabs count this one's markers as left over: as before.
    }
  }
  try {
    session?.setItem(TAB_ID_KEY, tab);
  } catch {
    // A blocked sessionStorage: a reload is then a new tab.
  }
  return { marker: new StartMarker(storage, tab), unfinished: mine?.hash ?? null };
}

/** A browser that never answers does not keep the app from starting. */
function within<T, F>(p: Promise<T>, fallback: F, ms = 2000): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]).finally(() => clearTimeout(timer));
}

/** This tab's start marker. */
export class StartMarker {
  readonly #storage: MarkerStorage | null;
  readonly #key: string;

  constructor(storage: MarkerStorage | null, tab: string) {
    this.#storage = storage;
    this.#key = markerKey(tab);
  }

  /** The screen (its address) this tab is starting and has not painted yet, or null. */
  current(): string | null {
    try {
      const raw = this.#storage?.getItem(this.#key) ?? null;
      return raw === null ? null : parseHash(raw);
    } catch {
      return null;
    }
  }

  /** A screen starts. */
  starting(hash: string): void {
    try {
      this.#storage?.setItem(this.#key, JSON.stringify({ hash }));
    } catch {
      // A full or blocked localStorage loses only this safety net.
    }
  }

  /** The screen at `hash` has been painted: clears the marker if it is that screen's. */
  painted(hash: string): void {
    try {
      if (this.current() === hash) this.#storage?.removeItem(this.#key);
    } catch {
      // as above
    }
  }

  clear(): void {
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // as above
    }
  }
}

/**
 * A page left the ordinary way (the person reloads it, closes it, goes elsewhere) while its screen
 * is still starting, say while a large strategy is still loading, did not freeze: its handlers
 * still run. So on `pagehide` the marker is cleared, and the next start reopens that screen. Kept
 * are only the signs of real trouble: a hung tab runs no `pagehide` at all, and a page that had an
 * uncaught error (a screen that throws while rendering, which leaves it blank) keeps its marker, so
 * the next start lands on the list as before.
 */
export function clearWhenLeftNormally(marker: StartMarker, page: Pick<EventTarget, 'addEventListener'>): void {
  let failed = false;
  const fail = () => {
    failed = true;
  };
  page.addEventListener('error', fail);
  page.addEventListener('unhandledrejection', fail);
  page.addEventListener('pagehide', () => {
    if (!failed) marker.clear();
  });
}
