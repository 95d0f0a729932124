/**
 * The app's services (store, router, safety, file flows …) and their access from any component
 * below App (Svelte context). composition.ts makes them; screens ask `services()`. This lives in
 * state/, below the screens, so that features depend on state and never on app/ (which imports the
 * feature pages).
 */
import { getContext, setContext } from 'svelte';
import type { Safety } from '../safety/safety.svelte';
import type { WorkbookStore } from './workbook.svelte';
import type { BundleFlow } from './bundle-flow';
import type { ExchangeRepository } from '../storage/exchange-repository';
import type { PendingFile } from './pending-file.svelte';
import type { Router } from './router.svelte';
import type { PwaState } from '../pwa/pwa.svelte';
import type { StorageStatus } from '../pwa/storage-status.svelte';

export interface AppServices {
  /** Automatic snapshots, backup reminders, lost-storage detection (src/safety). */
  safety: Safety;
  store: WorkbookStore;
  /** Bundle files (export/import); loaded on first use, so the first load stays small. */
  bundles: () => Promise<BundleFlow>;
  /** Whole-strategy writes that can be undone (spreadsheet imports, restores); loaded on first use. */
  exchange: () => Promise<ExchangeRepository>;
  /** The departments of a copy made from a department bundle, or null for the owner's copy. */
  departmentScopeOf: (strategyId: string) => Promise<string[] | null>;
  /** A file handed to the app (drop, launch queue) waiting for the import screen. */
  pendingFile: PendingFile;
  router: Router;
  pwa: PwaState;
  storageStatus: StorageStatus;
}

const KEY = Symbol('services');

export function provideServices(services: AppServices): void {
  setContext(KEY, services);
}

export function services(): AppServices {
  const s = getContext<AppServices | undefined>(KEY);
  if (!s) throw new Error('services not provided');
  return s;
}
