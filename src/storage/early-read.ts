/**
 * The first part of the strategy a start is about to show, read as soon as the page starts.
 *
 * A start from the home-screen icon reopens the last screen (app/screens.ts keeps its address as
 * a hint). Reading that strategy's quick first part (everything but the yearly project records)
 * waited for the start check, the services and the strategy shell; most of the read is IndexedDB's
 * own work outside the page, so it can run meanwhile. main.ts starts it with IndexedDB itself
 * (read-workbook.ts, the reader worker's code: the same records as Dexie's read, compared by unit
 * tests), and the strategy's live watch takes it over instead of reading again.
 *
 * Nothing is lost between this read and the watch: writes committed after the read began (in this
 * tab or another) are collected from Dexie's `storagemutated` until the watch takes the read over
 * (whose own listener is on by then), and the watch reads them again as it does for writes during
 * its own first read. A read that fails or finds no database (a first start, an upgrade under way)
 * is read through Dexie instead. The read is only taken by the first watch of the same strategy,
 * and only within `EARLY_READ_TTL_MS`; otherwise it is dropped.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type { WorkbookRecords } from '../domain/workbook';
import { changedKeys, mergeChangedKeys, type ChangedKeys } from './live-workbook';
import { openExisting, readWorkbookPart, type ReadRepair } from './read-workbook';
import { readKept } from './kept-dashboard';
import type { DashboardHead } from '../domain/achievement/dashboard';

export type { ReadRepair };

/** A read not taken over within this time is dropped (the person went elsewhere). */
export const EARLY_READ_TTL_MS = 30_000;

export interface TakenRead {
  /** The first part (undefined: no such strategy), or null: read it another way. */
  records: Promise<WorkbookRecords | undefined | null>;
  /** Stops collecting writes and says which records changed since the read began (null: none). */
  missed(): ChangedKeys | null;
  /** Records whose stamps the read repaired (stamp-codec.ts), to be written back as usual. */
  repairs: readonly ReadRepair[];
}

export interface EarlyRead {
  /** The read of `strategyId`, once; null if it is of another strategy, already taken or dropped. */
  take(strategyId: string): TakenRead | null;
  /**
   * The dashboard's head kept with the strategy, if it is still valid (kept-dashboard.ts): read
   * first, in a transaction of its own, so it arrives long before the records of a big strategy.
   */
  kept: Promise<DashboardHead | null>;
  /** With `hold`: the dashboard from the kept head has painted, so the records may be read now. */
  release(): void;
}

/** The longest a read held for a kept head waits for its dashboard to paint. */
export const HOLD_MAX_MS = 3000;

export interface EarlyReadDeps {
  open?: (name: string) => Promise<IDBDatabase>;
  now?: () => number;
  /** Where writes are announced (Dexie's global `storagemutated` event). */
  mutations?: { subscribe(f: (parts: ObservabilitySet) => void): void; unsubscribe(f: (parts: ObservabilitySet) => void): void };
  /** This build's id: only a head this build kept is read (none: no head is read). */
  build?: string;
  /**
   * If a valid head is kept, the records are read after `release()` (or `HOLD_MAX_MS`): reading a
   * big strategy's records decodes them on the page's thread, which would keep the dashboard from
   * the kept head from being drawn (the start of a dashboard sets it).
   */
  hold?: boolean;
}

const dexieMutations = {
  subscribe: (f: (parts: ObservabilitySet) => void) => Dexie.on('storagemutated', f),
  unsubscribe: (f: (parts: ObservabilitySet) => void) => Dexie.on('storagemutated').unsubscribe(f),
};

/** Starts reading the first part of `strategyId` from database `dbName`. */
export function startEarlyRead(dbName: string, strategyId: string, deps: EarlyReadDeps = {}): EarlyRead {
  const { open = openExisting, now = () => Date.now(), mutations = dexieMutations, build = '', hold = false } = deps;
  const started = now();
  let missed: ChangedKeys | null = null;
  let listening = true;
  const listener = (parts: ObservabilitySet) => {
    const changed = changedKeys(parts, dbName);
    if (changed) missed = mergeChangedKeys(missed, changed);
  };
  const stop = () => {
    if (listening) mutations.unsubscribe(listener);
    listening = false;
  };
  // Before the read begins: a write announced from now on is collected.
  mutations.subscribe(listener);
  const repairs: ReadRepair[] = [];
  const opened = open(dbName);
  const kept = opened.then((db) => readKept(db, strategyId, build)).catch(() => null);
  let release = () => {};
  const released = hold
    ? new Promise<void>((resolve) => {
        release = resolve;
        setTimeout(resolve, HOLD_MAX_MS);
      })
    : null;
  const records: Promise<WorkbookRecords | undefined | null> = (async () => {
    let db: IDBDatabase | null = null;
    try {
      db = await opened;
      if (released && (await kept)) await released;
      return (await readWorkbookPart(db, strategyId, 'first', (r) => void repairs.push(r))) as WorkbookRecords | undefined;
    } catch {
      return null;
    } finally {
      await kept;
      db?.close();
    }
  })();
  let taken = false;
  // Dropped if nobody takes it in time: the listener does not stay on for nothing.
  const drop = setTimeout(stop, EARLY_READ_TTL_MS);
  return {
    kept,
    release: () => release(),
    take(id) {
      if (taken || !listening || id !== strategyId || now() - started > EARLY_READ_TTL_MS) return null;
      taken = true;
      clearTimeout(drop);
      return {
        records,
        repairs,
        missed() {
          stop();
          return missed;
        },
      };
    },
  };
}
