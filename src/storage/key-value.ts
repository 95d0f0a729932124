/**
 * A small synchronous key-value store: the part of the Web Storage API (`localStorage`) the app
 * uses. The draft journal (state/) and the safety notes (safety/) keep a few entries in it; tests
 * pass an in-memory one. It lives here, below both, so neither layer reaches into the other for it.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
