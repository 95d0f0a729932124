import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  START_MARKER_KEY,
  TAB_ID_KEY,
  TAB_LOCK_PREFIX,
  StartMarker,
  clearWhenLeftNormally,
  markerKey,
  openStartMarker,
  readMarkers,
  unfinishedMarkers,
  webLocksLiveness,
  type TabLiveness,
} from '../../src/state/start-marker';

function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
  };
}

/** The tabs of one browser: a shared localStorage, a lock manager, one sessionStorage per tab. */
function browser() {
  const local = memory();
  const held = new Set<string>();
  let n = 0;
  const liveness: TabLiveness = {
    alive: async () => new Set(held),
    claim: async (tab) => {
      if (held.has(tab)) return false;
      held.add(tab);
      return true;
    },
  };
  const newId = () => `tab-${++n}`;
  /** A page starts in a tab (a new tab: a new sessionStorage). */
  const start = (session = memory(), locks: TabLiveness | null = liveness) => openStartMarker({ storage: local, session, liveness: locks, newId, recheckMs: 5 }).then((r) => ({ ...r, session }));
  return { local, held, liveness, start };
}

describe('StartMarker', () => {
  it('remembers a screen that started and did not finish, until it is painted', () => {
    const storage = memory();
    const marker = new StartMarker(storage, 'a');
    expect(marker.current()).toBeNull();
    marker.starting('#/s/abc/dashboard');
    expect(readMarkers(storage)).toEqual([{ tab: 'a', key: markerKey('a'), hash: '#/s/abc/dashboard' }]);
    marker.painted('#/s/abc/dashboard');
    expect(readMarkers(storage)).toEqual([]);
  });

  it('is not cleared by the paint of a screen that was left before (only the current one counts)', () => {
    const storage = memory();
    const marker = new StartMarker(storage, 'a');
    marker.starting('#/s/abc');
    marker.starting('#/s/abc/reports');
    marker.painted('#/s/abc');
    expect(marker.current()).toBe('#/s/abc/reports');
  });

  it('treats an unreadable marker as a marker, and a missing or blocked storage as none', () => {
    const storage = memory();
    storage.map.set(markerKey('a'), '{not json');
    storage.map.set(START_MARKER_KEY, '{"hash":"#/s/x"}');
    storage.map.set('other', 'x');
    expect(readMarkers(storage)).toEqual([
      { tab: 'a', key: markerKey('a'), hash: '#/' },
      { tab: '', key: START_MARKER_KEY, hash: '#/s/x' },
    ]);
    expect(readMarkers(null)).toEqual([]);
    const throwing = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('full'); }, removeItem: () => { throw new Error('blocked'); }, get length(): number { throw new Error('blocked'); }, key: () => null };
    expect(readMarkers(throwing)).toEqual([]);
    const m = new StartMarker(throwing, 'a');
    expect(m.current()).toBeNull();
    expect(() => m.starting('#/')).not.toThrow();
    expect(() => m.painted('#/')).not.toThrow();
    expect(() => m.clear()).not.toThrow();
  });
});

describe('clearWhenLeftNormally (a screen still loading when the page is left is not frozen)', () => {
  it('clears the marker of a screen still starting when the page is left normally, and the next start reopens it', async () => {
    const b = browser();
    const first = await b.start();
    const page = new EventTarget();
    clearWhenLeftNormally(first.marker, page);
    first.marker.starting('#/s/abc/project/p1');
    page.dispatchEvent(new Event('pagehide'));
    expect(readMarkers(b.local)).toEqual([]);
    b.held.clear(); // the reloaded page's lock is gone
    const again = await b.start(first.session);
    expect(again.unfinished).toBeNull();
  });

  it('keeps the marker of a page that had an uncaught error (a screen that threw while rendering)', async () => {
    for (const failure of ['error', 'unhandledrejection']) {
      const b = browser();
      const first = await b.start();
      const page = new EventTarget();
      clearWhenLeftNormally(first.marker, page);
      first.marker.starting('#/s/abc/dashboard');
      page.dispatchEvent(new Event(failure));
      page.dispatchEvent(new Event('pagehide'));
      expect(readMarkers(b.local).map((m) => m.hash)).toEqual(['#/s/abc/dashboard']);
      b.held.clear();
      expect((await b.start(first.session)).unfinished).toBe('#/s/abc/dashboard');
    }
  });

  it('keeps the marker of a page that never left (hung or killed: no pagehide ran)', async () => {
    const b = browser();
    const first = await b.start();
    clearWhenLeftNormally(first.marker, new EventTarget());
    first.marker.starting('#/s/abc/project/p1');
    b.held.clear();
    expect((await b.start(first.session)).unfinished).toBe('#/s/abc/project/p1');
  });
});

describe('unfinishedMarkers (which leftover markers mean a screen did not finish)', () => {
  const m = (tab: string, hash = `#/s/${tab}`) => ({ tab, key: markerKey(tab), hash });

  it('counts the own tab (a reload) and dead tabs, never a live other tab', () => {
    const markers = [m('self'), m('live'), m('dead'), m('')];
    expect(unfinishedMarkers(markers, 'self', new Set(['self', 'live'])).map((x) => x.tab)).toEqual(['self', 'dead', '']);
    expect(unfinishedMarkers([m('live')], 'self', new Set(['live']))).toEqual([]);
  });

  it('without Web Locks counts every leftover marker (the behaviour before)', () => {
    const markers = [m('self'), m('live'), m('dead')];
    expect(unfinishedMarkers(markers, 'self', null)).toEqual(markers);
  });

  it('property: a marker counts exactly when it is the own tab, liveness is unknown, or its tab is not alive', () => {
    const tab = fc.constantFrom('a', 'b', 'c', 'd', '');
    fc.assert(
      fc.property(fc.uniqueArray(tab), tab, fc.option(fc.uniqueArray(tab), { nil: null }), (tabs, self, alive) => {
        const aliveSet = alive === null ? null : new Set(alive);
        const counted = new Set(unfinishedMarkers(tabs.map((t) => m(t)), self, aliveSet).map((x) => x.tab));
        for (const t of tabs) expect(counted.has(t)).toBe(t === self || aliveSet === null || !aliveSet.has(t));
      }),
    );
  });
});

describe('openStartMarker (the start check of a tab)', () => {
  it('two tabs starting at once do not take each other for a failed screen', async () => {
    const b = browser();
    const one = await b.start();
    one.marker.starting('#/s/abc/dashboard');
    // The second tab starts while the first is still drawing its screen.
    const two = await b.start();
    expect(two.unfinished).toBeNull();
    two.marker.starting('#/s/abc/dashboard');
    // The first one's marker is left to it.
    expect(readMarkers(b.local).map((x) => x.tab).sort()).toEqual(['tab-1', 'tab-2']);
    one.marker.painted('#/s/abc/dashboard');
    two.marker.painted('#/s/abc/dashboard');
    expect(readMarkers(b.local)).toEqual([]);
  });

  it('a tab reloaded while its screen was starting, and a start after a tab died while starting, land on the list', async () => {
    const b = browser();
    const one = await b.start();
    one.marker.starting('#/s/abc/kpi/1');
    // Reload: the same sessionStorage; the old page's lock is gone (or not yet: the id is its own either way).
    b.held.delete('tab-1');
    const again = await b.start(one.session);
    expect(again.unfinished).toBe('#/s/abc/kpi/1');
    expect(one.session.getItem(TAB_ID_KEY)).toBe('tab-1');
    // Shown once: the marker is gone.
    expect(readMarkers(b.local)).toEqual([]);

    // A tab that dies (closed while frozen): the next new tab sees its screen.
    again.marker.starting('#/s/abc/meeting');
    b.held.delete('tab-1');
    const next = await b.start();
    expect(next.unfinished).toBe('#/s/abc/meeting');
    expect(readMarkers(b.local)).toEqual([]);
  });

  it('prefers the own tab\'s screen, clears only the markers it counted', async () => {
    const b = browser();
    const live = await b.start();
    live.marker.starting('#/s/live');
    new StartMarker(b.local, 'gone').starting('#/s/gone');
    const self = memory();
    self.setItem(TAB_ID_KEY, 'me');
    new StartMarker(b.local, 'me').starting('#/s/me');
    const r = await b.start(self);
    expect(r.unfinished).toBe('#/s/me');
    expect(readMarkers(b.local).map((x) => x.tab)).toEqual(['tab-1']);
  });

  it('a duplicated tab (same sessionStorage id while the original lives) takes a new id', async () => {
    const b = browser();
    const one = await b.start();
    const copy = memory();
    copy.setItem(TAB_ID_KEY, one.session.getItem(TAB_ID_KEY)!);
    const two = await b.start(copy);
    expect(copy.getItem(TAB_ID_KEY)).not.toBe(one.session.getItem(TAB_ID_KEY));
    two.marker.starting('#/s/x');
    one.marker.painted('#/s/x');
    expect(readMarkers(b.local).map((x) => x.tab)).toEqual([copy.getItem(TAB_ID_KEY)]);
  });

  it('looks once more at a tab that seems alive: one that was just closed counts once its lock is gone', async () => {
    const b = browser();
    const closing = await b.start();
    closing.marker.starting('#/s/abc/project/1');
    // Closed while its screen was starting; the lock goes a moment later.
    setTimeout(() => b.held.delete('tab-1'), 1);
    const next = await b.start();
    expect(next.unfinished).toBe('#/s/abc/project/1');
    // A tab that stays alive is left alone after the second look too.
    const live = await b.start();
    live.marker.starting('#/s/abc');
    expect((await b.start()).unfinished).toBeNull();
  });

  it('without Web Locks, any leftover marker counts (the fallback)', async () => {
    const b = browser();
    const one = await b.start(memory(), null);
    one.marker.starting('#/s/abc');
    const two = await b.start(memory(), null);
    expect(two.unfinished).toBe('#/s/abc');
  });

  it('starts even when the lock manager never answers or fails', async () => {
    const b = browser();
    const failing: TabLiveness = { alive: () => Promise.reject(new Error('no')), claim: () => Promise.reject(new Error('no')) };
    new StartMarker(b.local, 'x').starting('#/s/x');
    const r = await b.start(memory(), failing);
    expect(r.unfinished).toBe('#/s/x');
  });
});

describe('webLocksLiveness', () => {
  it('is null without a lock manager, and reads held and pending tab locks', async () => {
    expect(webLocksLiveness(undefined)).toBeNull();
    const requests: string[] = [];
    const locks = {
      query: async () => ({ held: [{ name: `${TAB_LOCK_PREFIX}a` }, { name: 'other' }], pending: [{ name: `${TAB_LOCK_PREFIX}b` }] }),
      request: (name: string, _opts: unknown, cb: (lock: { name: string } | null) => unknown) => {
        requests.push(name);
        void cb(name.endsWith('taken') ? null : { name });
        return Promise.resolve();
      },
    } as unknown as LockManager;
    const live = webLocksLiveness(locks)!;
    expect([...(await live.alive())].sort()).toEqual(['a', 'b']);
    expect(await live.claim('c')).toBe(true);
    expect(await live.claim('taken')).toBe(false);
    expect(requests).toEqual([`${TAB_LOCK_PREFIX}c`, `${TAB_LOCK_PREFIX}taken`]);
  });
});
