import type { KeyValueStorage } from '../../src/storage/key-value';

export class MemoryStorage implements KeyValueStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

/** A clock the test moves: `advance(ms)`. */
export function movableClock(start = Date.parse('2026-04-01T00:00:00Z')) {
  let ms = start;
  let n = 0;
  return {
    now: () => new Date(ms).toISOString(),
    newId: () => `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`,
    advance(by: number) {
      ms += by;
    },
  };
}
