// The screen whose code starts loading at start-up, before the database says where the user was.
import { describe, expect, it } from 'vitest';
import { LAST_ROUTE_HINT_KEY, rememberRoute, screenOf, startingRoute, strategyOf } from '../../src/app/screens';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

describe('screens at start-up', () => {
  it('names the screen of a strategy address, and nothing for other addresses', () => {
    expect(screenOf('#/s/abc/dashboard?fy=2020')).toBe('dashboard');
    expect(screenOf('#/s/abc/project/p1/y/2021')).toBe('project');
    expect(screenOf('#/s/abc/kpi/k1?fy=2020')).toBe('kpi');
    expect(screenOf('#/s/abc')).toBe('strategy');
    expect(screenOf('#/settings')).toBeNull();
    expect(screenOf('#/')).toBeNull();
    expect(screenOf('')).toBeNull();
  });

  it('names the strategy of an address, whose first part starts being read at once', () => {
    expect(strategyOf('#/s/abc/dashboard?fy=2020')).toBe('abc');
    expect(strategyOf('#/s/abc')).toBe('abc');
    expect(strategyOf('#/s/a%20b/kpi/k1')).toBe('a b');
    expect(strategyOf('#/s/%E0%A4%A/kpi/k1')).toBeNull(); // not decodable
    expect(strategyOf('#/settings')).toBeNull();
    expect(strategyOf('#/s/')).toBeNull();
  });

  it('prefers the typed address, else the route remembered last', () => {
    const storage = new MemoryStorage();
    expect(startingRoute('', storage)).toBe('');
    rememberRoute('#/s/abc/dashboard', storage);
    expect(storage.map.get(LAST_ROUTE_HINT_KEY)).toBe('#/s/abc/dashboard');
    expect(startingRoute('', storage)).toBe('#/s/abc/dashboard');
    expect(startingRoute('#/', storage)).toBe('#/s/abc/dashboard');
    expect(startingRoute('#/s/xyz/goal/g1', storage)).toBe('#/s/xyz/goal/g1');
  });

  it('a storage that refuses is no error: the route is simply not remembered', () => {
    const refusing = {
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
      getItem(): string | null {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(() => rememberRoute('#/s/abc', refusing)).not.toThrow();
    expect(startingRoute('', refusing)).toBe('');
  });
});
