/**
 * The composition root: builds the database, repositories and state objects once, and wires the
 * browser's capabilities (clock, UUIDs, localStorage, storage persistence) into them.
 */
import { WorkbookDb } from '../storage/db';
import { probeBlobStorage } from '../storage/blob-storage';
import { WorkbookRepository } from '../storage/workbook-repository';
import { WorkerReader } from '../storage/workbook-reader';
import { SettingsRepository } from '../storage/settings-repository';
import { DraftJournal } from '../state/draft-journal';
import { WorkbookStore } from '../state/workbook.svelte';
import { Router } from '../state/router.svelte';
import { StartMarker, START_MARKER_KEY, type MarkerStorage } from '../state/start-marker';
import { PwaState, consumeUpdateReload } from '../pwa/pwa.svelte';
import { StorageStatus } from '../pwa/storage-status.svelte';
import type { BundleFlow } from '../state/bundle-flow';
import { PendingFile } from '../state/pending-file.svelte';
import { Safety } from '../safety/safety.svelte';

export interface AppServices {
  /** Automatic snapshots, backup reminders, lost-storage detection (src/safety). */
  safety: Safety;
  store: WorkbookStore;
  /** Bundle files (export/import); loaded on first use, so the first load stays small. */
  bundles: () => Promise<BundleFlow>;
  /** The departments of a copy made from a department bundle, or null for the owner's copy. */
  departmentScopeOf: (strategyId: string) => Promise<string[] | null>;
  /** A file handed to the app (drop, launch queue) waiting for the import screen. */
  pendingFile: PendingFile;
  router: Router;
  pwa: PwaState;
  storageStatus: StorageStatus;
}

/**
 * The start marker's storage. After an update every tab reloads at once and they share the
 * marker: the first look of a tab reloaded for an update ignores it (another tab's screen may be
 * starting); later looks, and every other start, see it as it is.
 */
function markerStorage(storage: Storage | null): MarkerStorage | null {
  if (!storage || !consumeUpdateReload()) return storage;
  let first = true;
  return {
    getItem: (key) => {
      if (key === START_MARKER_KEY && first) {
        first = false;
        return null;
      }
      return storage.getItem(key);
    },
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
  };
}

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
 */
function afterPaint(): Promise<void> {
  const idle = (done: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(done, { timeout: 500 }) : setTimeout(done, 0));
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => idle(resolve), 0)));
}

export function createServices(): AppServices {
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
  const repo = new WorkbookRepository(db, () => store.context(), reader);
  const safety = new Safety({ db, workbooks: repo, clock, storage: safeLocalStorage(), storageManager: navigator.storage ?? null });
  store = new WorkbookStore({
    reconnect: () => safety.reconnect(),
    repo,
    settings,
    journal: new DraftJournal(safeLocalStorage()),
    clock,
    // The rest of an opened strategy is read once its first screen has painted.
    beforeRest: afterPaint,
    onFirstSave: () => {
      void storageStatus.requestPersistence().then(() => store.setSetting('persistAsked', true));
    },
  });
  pwa.connect(db.gate, () => store.flush());
  let bundleFlow: Promise<BundleFlow> | null = null;
  const bundles = () =>
    (bundleFlow ??= Promise.all([import('../storage/sync-repository'), import('../state/bundle-flow')]).then(
      ([{ SyncRepository }, { BundleFlow }]) =>
        new BundleFlow({
          workbooks: repo,
          sync: new SyncRepository(db, repo, clock),
          clock,
          editor: () => store.context().editor,
          appVersion: __APP_VERSION__,
        }),
    ));
  const departmentScopeOf = async (strategyId: string) => {
    const scope = (await db.copies.get(strategyId))?.createdFromScope;
    return scope?.kind === 'department' ? [...scope.departments] : null;
  };
  return { store, safety, bundles, departmentScopeOf, pendingFile: new PendingFile(), router: new Router(new StartMarker(markerStorage(safeLocalStorage()))), pwa, storageStatus };
}
