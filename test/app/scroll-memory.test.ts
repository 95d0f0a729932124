// @vitest-environment jsdom
/**
 * Where a screen starts: a new entry at the top, a revisited one at its place. jsdom has no layout,
 * so the page's scroll position is a plain number here that `scrollTo` sets and `scroll` reports.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ScrollMemory } from '../../src/app/scroll-memory';
import type { Route } from '../../src/state/router.svelte';

let y = 0;
const projectA: Route = { name: 'project', sid: 's1', id: 'p1' } as Route;
const projectB: Route = { name: 'project', sid: 's1', id: 'p2' } as Route;

function scrollTo(to: number): void {
  y = to;
  window.dispatchEvent(new Event('scroll'));
}

/** A tap on an outline link: the browser makes a new entry (no state) and announces it later. */
function followLink(hash: string): void {
  history.pushState(null, '', hash);
}

let memory: ScrollMemory;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
  y = 0;
  Object.defineProperty(window, 'scrollY', { configurable: true, get: () => y });
  window.scrollTo = ((_x: number, to: number) => scrollTo(to)) as typeof window.scrollTo;
  history.replaceState(null, '', '#/s/s1/project/p1');
  memory = new ScrollMemory();
  memory.arrived(projectA);
});
afterEach(() => {
  memory.dispose();
  vi.useRealTimers();
});

describe('ScrollMemory', () => {
  test('a new entry starts at the top', () => {
    scrollTo(1500);
    vi.advanceTimersByTime(500);
    followLink('#/s/s1/project/p2');
    memory.arrived(projectB);
    expect(y).toBe(0);
  });

  test('a save due when the address has already changed is not written into the new entry', () => {
    scrollTo(1500);
    // The link is followed within the save's delay, and the app hears of it only after the save is due.
    vi.advanceTimersByTime(50);
    followLink('#/s/s1/project/p2');
    vi.advanceTimersByTime(500);
    expect((history.state as { scrollY?: number } | null)?.scrollY).toBeUndefined();
    memory.arrived(projectB);
    vi.advanceTimersByTime(500);
    expect(y).toBe(0);
  });

  test('going back returns to the place saved on that entry', () => {
    scrollTo(1500);
    vi.advanceTimersByTime(500);
    followLink('#/s/s1/project/p2');
    memory.arrived(projectB);
    expect(y).toBe(0);
    history.back();
    // jsdom moves through history in a task of its own.
    return vi.waitFor(() => expect(location.hash).toBe('#/s/s1/project/p1')).then(() => {
      memory.arrived(projectA);
      vi.advanceTimersByTime(1000);
      expect(y).toBe(1500);
    });
  });
});
