/**
 * The screens of an open strategy load when first opened (StrategyShell), so the first load is the
 * shell alone. A start from the home-screen icon reopens the last screen; so that its code does not
 * wait for the database to say which screen that was, the last route is also kept as a hint in
 * localStorage (synchronous), and main.ts starts loading that screen's code at once, while the
 * database opens (through the shell's own loaders, features/strategy/screens.ts). A wrong or
 * missing hint only loads a screen nobody asked for yet.
 */
import { screenCodeOf } from '../features/strategy/screens';

export const LAST_ROUTE_HINT_KEY = 'chiho-senryaku.last-route';

/** The screen of a route address: `#/s/<id>/<kind>/…` → kind; `#/s/<id>` → strategy. */
export function screenOf(hash: string): string | null {
  const m = /^#\/s\/[^/?#]+(?:\/([a-z]+))?/.exec(hash);
  if (!m) return null;
  return m[1] ?? 'strategy';
}

/** The strategy of a route address (`#/s/<id>…`), or null. */
export function strategyOf(hash: string): string | null {
  const m = /^#\/s\/([^/?#]+)/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** Starts loading the code of the screen `hash` shows (nothing for other addresses). */
export function prefetchScreen(hash: string): void {
  const screen = screenOf(hash);
  if (screen) void screenCodeOf(screen)?.load().catch(() => {});
}

/** Remembers the last route for the next start (a convenience: a full or blocked storage is ignored). */
export function rememberRoute(hash: string, storage: Pick<Storage, 'setItem'> | null = globalThis.localStorage ?? null): void {
  try {
    storage?.setItem(LAST_ROUTE_HINT_KEY, hash);
  } catch {
    /* not remembered */
  }
}

/** The address the app is about to show: the one typed, else the last route remembered. */
export function startingRoute(hash: string, storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): string {
  if (hash.length > 2) return hash;
  try {
    return storage?.getItem(LAST_ROUTE_HINT_KEY) ?? '';
  } catch {
    return '';
  }
}
