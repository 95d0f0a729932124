import { describe, expect, it } from 'vitest';
import { START_MARKER_KEY, StartMarker } from '../../src/state/start-marker';

function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('StartMarker', () => {
  it('remembers a screen that started and did not finish, until it is painted', () => {
    const storage = memory();
    const marker = new StartMarker(storage);
    expect(marker.unfinished()).toBeNull();
    marker.starting('#/s/abc/dashboard');
    // A new start (another StartMarker on the same storage) sees it.
    expect(new StartMarker(storage).unfinished()).toBe('#/s/abc/dashboard');
    marker.painted('#/s/abc/dashboard');
    expect(new StartMarker(storage).unfinished()).toBeNull();
  });

  it('is not cleared by the paint of a screen that was left before (only the current one counts)', () => {
    const storage = memory();
    const marker = new StartMarker(storage);
    marker.starting('#/s/abc');
    marker.starting('#/s/abc/reports');
    marker.painted('#/s/abc');
    expect(marker.unfinished()).toBe('#/s/abc/reports');
  });

  it('treats an unreadable marker as a marker, and a missing or blocked storage as none', () => {
    const storage = memory();
    storage.map.set(START_MARKER_KEY, '{not json');
    expect(new StartMarker(storage).unfinished()).toBe('#/');
    expect(new StartMarker(null).unfinished()).toBeNull();
    const throwing = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('full'); }, removeItem: () => { throw new Error('blocked'); } };
    const m = new StartMarker(throwing);
    expect(m.unfinished()).toBeNull();
    expect(() => m.starting('#/')).not.toThrow();
    expect(() => m.painted('#/')).not.toThrow();
    expect(() => m.clear()).not.toThrow();
  });
});
