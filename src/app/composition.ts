/**
 * The composition root: builds the database, repositories and state objects once, and wires the
 * browser's capabilities (clock, UUIDs, localStorage, storage persistence) into them.
 */
import { DB_NAME, WorkbookDb } from '../storage/db';
import { startEarlyRead, type EarlyRead } from '../storage/early-read';
import { strategyOf } from './screens';
import { probeBlobStorage } from '../storage/blob-storage';
import { WorkbookRepository } from '../storage/workbook-repository';
import { WorkerReader } from '../storage/workbook-reader';
import { readKept } from '../storage/kept-dashboard';
import type { DashboardKeeper } from '../state/dashboard-keeper';
import { SettingsRepository } from '../storage/settings-repository';
import { DraftJournal } from '../state/draft-journal';
import { WorkbookStore } from '../state/workbook.svelte';
import { Router, narrowed, parseRoute } from '../state/router.svelte';
import { clearWhenLeftNormally, openStartMarker, webLocksLiveness, type StartMarker } from '../state/start-marker';
import { PwaState } from '../pwa/pwa.svelte';
import { StorageStatus } from '../pwa/storage-status.svelte';
import type { BundleFlow } from '../state/bundle-flow';
import type { ExchangeRepository } from '../storage/exchange-repository';
import { PendingFile } from '../state/pending-file.svelte';
import { Safety } from '../safety/safety.svelte';
import type { AppServices } from '../state/services';

export type { AppServices };


function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Resolves after the browser has painted the current frame (a frame, then a task after it) and
 * then has nothing else to do (or half a second passed): the first screen is finished by then.
 * A hidden tab draws no frames, but its timers run: after a second it goes on without the frame,
 * so that a strategy opened in a tab behind another still reads the rest of its records.
 */
function afterPaint(): Promise<void> {
  const idle = (done: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(done, { timeout: 500 }) : setTimeout(done, 0));
  return new Promise((resolve) => {
    let started = false;
    const next = () => {
      if (started) return;
      started = true;
      clearTimeout(fallback);
      setTimeout(() => idle(resolve), 0);
    };
    const fallback = setTimeout(next, 1000);
    requestAnimationFrame(next);
  });
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Starts reading the first part of the strategy that address `hash` shows (null for any other
 * address), before the start check and the services: storage/early-read.ts.
 */
export function startReading(hash: string): EarlyRead | null {
  const strategyId = strategyOf(hash);
  if (!strategyId || typeof indexedDB === 'undefined') return null;
  // A dashboard not narrowed can be drawn from a kept head: its records wait until it is.
  const route = parseRoute(hash);
  const hold = route.name === 'dashboard' && !narrowed(route.filters);
  return startEarlyRead(DB_NAME, strategyId, { build: __BUILD_ID__, hold });
}

/** The start check (state/start-marker.ts): run once, before the services and the first screen. */
export async function startCheck(): Promise<{ marker: StartMarker; unfinished: string | null }> {
  const start = await openStartMarker({
    storage: safeLocalStorage(),
    session: safeSessionStorage(),
    liveness: webLocksLiveness(typeof navigator === 'undefined' ? null : navigator.locks),
    newId: () => crypto.randomUUID(),
  });
  // A reload (or close) of a screen that is merely still loading is no sign of a frozen screen.
  if (typeof window !== 'undefined') clearWhenLeftNormally(start.marker, window);
  return start;
}

export function createServices(start: { marker: StartMarker; unfinished: string | null }, early: EarlyRead | null = null): AppServices {
  const db = new WorkbookDb();
  // Whether Blobs can be kept in IndexedDB here (not in WebKit's private browsing): asked once, early.
  void probeBlobStorage();
  // One version of the app writes at a time (storage/write-gate.ts): this build's name, and its
  // role decided by the service worker before the database opens (pwa/pwa.svelte.ts).
  db.gate.build = __BUILD_ID__;
  db.gate.appVersion = __APP_VERSION__;
  const pwa = new PwaState();
  db.onTakenOver = () => pwa.announceTakeOver();
  const settings = new SettingsRepository(db);
  const storageStatus = new StorageStatus();
  const clock = { now: () => new Date().toISOString(), newId: () => crypto.randomUUID() };
  let store: WorkbookStore;
  // The open strategy is read in a worker (see workbook-reader.ts).
  const reader = new WorkerReader(
    db.name,
    () => new Worker(new URL('../storage/workbook-reader.worker.ts', import.meta.url), { type: 'module' }),
    ({ kind, ...repair }) => db.stampRepairs.note(kind, repair),
  );
  const repo = new WorkbookRepository(db, () => store.context(), reader, early);
  // The open strategy's dashboard head is kept with it for the next start (storage/kept-dashboard.ts);
  // the code that keeps it is loaded when a strategy's records are first read whole.
  let dashboardKeeper: Promise<DashboardKeeper> | null = null;
  const keeper = {
    changed: (sid: string) =>
      void (dashboardKeeper ??= Promise.all([import('../state/dashboard-keeper'), import('../storage/keep-dashboard')]).then(
        ([{ DashboardKeeper }, { keepDashboard }]) =>
          new DashboardKeeper({
            isKept: async (id) => {
              await db.open();
              return (await readKept(db.backendDB(), id, db.gate.build ?? '')) !== null;
            },
            compute: (id) => reader.head(id),
            // At least 4 MB left (a head is a few KB; a full device keeps its room for edits).
            hasRoom: async () => {
              const e = await navigator.storage?.estimate?.().catch(() => null);
              return !e?.quota || e.usage === undefined || e.quota - e.usage > 4 * 1024 * 1024;
            },
            keep: (id, computed) => keepDashboard(db, id, computed),
            later: (run, ms) => {
              let idle = 0;
              const timer = setTimeout(() => (idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 5000 }) : (run(), 0)), ms);
              return () => {
                clearTimeout(timer);
                if (idle && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
              };
            },
          }),
      )).then((k) => k.changed(sid), () => void (dashboardKeeper = null)),
  };
  // The one ExchangeRepository: bundle files, spreadsheet imports and restores write whole strategies
  // through it (loaded on first use, so the first load stays small).
  let exchangeRepository: Promise<ExchangeRepository> | null = null;
  const exchange = () => (exchangeRepository ??= import('../storage/exchange-repository').then(({ ExchangeRepository }) => new ExchangeRepository(db, repo, clock)));
  const safety = new Safety({ db, workbooks: repo, clock, storage: safeLocalStorage(), storageManager: navigator.storage ?? null, exchange });
  store = new WorkbookStore({
    reconnect: () => safety.reconnect(),
    repo,
    settings,
    journal: new DraftJournal(safeLocalStorage()),
    clock,
    // The rest of an opened strategy is read once its first screen has painted.
    beforeRest: afterPaint,
    keeper,
    onKeptShown: () => early?.release(),
    onFirstSave: () => {
      // Not remembered on a full device: it is asked again after the next start's first save.
      void storageStatus
        .requestPersistence()
        .then(() => store.setSetting('persistAsked', true))
        .catch(() => {});
    },
  });
  pwa.connect(db.gate, () => store.flush());
  // A start's kept dashboard head, if still valid: shown until the strategy's records are read.
  void early?.kept.then((head) => head && store.offerKept(head));
  let bundleFlow: Promise<BundleFlow> | null = null;
  const bundles = () =>
    (bundleFlow ??= Promise.all([exchange(), import('../state/bundle-flow')]).then(
      ([exchangeRepo, { BundleFlow }]) =>
        new BundleFlow({
          workbooks: repo,
          exchange: exchangeRepo,
          clock,
          editor: () => store.context().editor,
          appVersion: __APP_VERSION__,
        }),
    ));
  const departmentScopeOf = async (strategyId: string) => {
    const scope = (await db.copies.get(strategyId))?.createdFromScope;
    return scope?.kind === 'department' ? [...scope.departments] : null;
  };
  return { store, safety, bundles, exchange, departmentScopeOf, pendingFile: new PendingFile(), router: new Router(start.marker, start.unfinished), pwa, storageStatus };
}
