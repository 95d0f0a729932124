/**
 * Keeps one strategy's records live, in this tab, without reading all of them again after every
 * write.
 *
 * Dexie fires `storagemutated` after every committed write transaction, in this tab and (through a
 * BroadcastChannel) in every other tab of the app, naming the primary keys it wrote per table. For
 * a typical edit that is one or two keys: those records are read again (one small read
 * transaction) and patched into the lists, which stay in the order a full read gives (by id).
 * Everything else — a write that names a range (a clear, a deleteRange), thousands of keys (an
 * import), the first read — reads the whole workbook, as `liveQuery` did after every write.
 *
 * A record of another strategy never changes the lists, and a write that changes nothing here
 * does not call `next` (so no screen recomputes for it).
 */
import Dexie, { type IntervalTree, type ObservabilitySet } from 'dexie';
import { RECORD_KINDS, type RecordKind, type WorkbookRecords } from '../domain/workbook';
import type { WorkbookDb } from './db';

export interface WorkbookObserver {
  /**
   * The strategy's records (a new object when something changed), or undefined when it is gone.
   * `complete` is false for the quick first part (see `watchWorkbook`'s `staged`), true after.
   */
  next(records: WorkbookRecords | undefined, complete: boolean): void;
  error(e: unknown): void;
}

export interface LiveSubscription {
  unsubscribe(): void;
}

/** More keys than this in one change and the whole workbook is read instead. */
export const MAX_PATCHED_KEYS = 500;


/** What a change touched: some keys per record table, or too much to say (read everything). */
export type ChangedKeys = 'all' | Map<RecordKind, Set<string>>;

/**
 * The record keys a `storagemutated` event names for database `dbName`: null when it touched no
 * record table, 'all' when it names a range or more than `max` keys.
 */
export function changedKeys(parts: ObservabilitySet, dbName: string, max = MAX_PATCHED_KEYS): ChangedKeys | null {
  let out: Map<RecordKind, Set<string>> | null = null;
  let count = 0;
  for (const kind of RECORD_KINDS) {
    for (const suffix of ['', ':dels']) {
      const tree = parts[`idb://${dbName}/${kind}/${suffix}`];
      if (!tree) continue;
      const keys = keysOf(tree, max - count);
      if (keys === null) return 'all';
      if (keys.length === 0) continue;
      out ??= new Map();
      const set: Set<string> = out.get(kind) ?? new Set<string>();
      for (const k of keys) if (!set.has(k)) (set.add(k), count++);
      out.set(kind, set);
      if (count > max) return 'all';
    }
  }
  return out;
}

/** The single string keys of an interval tree, or null for a range or more than `max` keys. */
function keysOf(tree: IntervalTree, max: number): string[] | null {
  const keys: string[] = [];
  const stack: IntervalTree[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('from' in node)) continue; // an empty tree
    if (typeof node.from !== 'string' || node.from !== node.to) return null;
    keys.push(node.from);
    if (keys.length > max) return null;
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return keys;
}

type AnyRecord = { id: string; strategyId: string };

/**
 * The workbook with fresh copies of some records: `rows` maps each changed key of `kind` to the
 * record as stored now (undefined: deleted). Records of other strategies are left out (or taken
 * out, if one moved). Lists stay sorted by id, as a full read returns them. Returns `records`
 * itself when nothing changed, and undefined when the strategy record itself is gone.
 */
export function patchWorkbook(
  records: WorkbookRecords,
  kind: RecordKind,
  rows: ReadonlyMap<string, AnyRecord | undefined>,
): WorkbookRecords | undefined {
  const strategyId = records.strategy.id;
  if (kind === 'strategies') {
    if (!rows.has(strategyId)) return records;
    const row = rows.get(strategyId);
    if (!row) return undefined;
    return { ...records, strategy: row as unknown as WorkbookRecords['strategy'] };
  }
  const key = kind;
  const list = records[key] as unknown as AnyRecord[];
  let next: AnyRecord[] | null = null;
  for (const [id, row] of rows) {
    const current = next ?? list;
    const at = indexById(current, id);
    const found = at < current.length && current[at]!.id === id;
    const belongs = row !== undefined && row.strategyId === strategyId;
    if (!found && !belongs) continue;
    if (found && belongs && current[at] === row) continue;
    next ??= list.slice();
    if (found && belongs) next[at] = row;
    else if (found) next.splice(at, 1);
    else next.splice(at, 0, row!);
  }
  return next ? { ...records, [key]: next } : records;
}

/** Where `id` is, or would be inserted, in a list sorted by id (IndexedDB's key order). */
function indexById(list: readonly AnyRecord[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Watches strategy `strategyId`: `load` reads the whole workbook (the repository's loadWorkbook);
 * single records are read from `db` directly. Calls `observer.next` once loaded and after every
 * change that touched the strategy, in order; a failed read calls `observer.error` and stops.
 * `staged`, if given, splits the first read in two: `first` reads a part that some screens can
 * show sooner (delivered with complete = false), `rest` adds what it left out. Writes made
 * meanwhile are read again afterwards, as after any other read; `first` may also name records
 * changed since a read that began before this watch (early-read.ts), which are read again too.
 */
export function watchWorkbook(
  db: WorkbookDb,
  strategyId: string,
  load: () => Promise<WorkbookRecords | undefined>,
  observer: WorkbookObserver,
  staged?: {
    first: () => Promise<WorkbookRecords | undefined | { records: WorkbookRecords | undefined; missed: ChangedKeys | null }>;
    rest: (part: WorkbookRecords) => Promise<WorkbookRecords>;
  },
): LiveSubscription {
  let closed = false;
  let current: WorkbookRecords | undefined;
  let loaded = false;
  let pending: ChangedKeys | null = 'all';
  let running = false;

  const listener = (parts: ObservabilitySet) => {
    if (closed) return;
    const changed = changedKeys(parts, db.name);
    if (!changed) return;
    pending = mergeChangedKeys(pending, changed);
    void run();
  };
  Dexie.on('storagemutated', listener);

  async function run(): Promise<void> {
    if (running) return;
    running = true;
    try {
      if (staged && !loaded) {
        pending = null; // this read is the whole first read; writes from now on queue again
        const read = await staged.first();
        const part = read && 'missed' in read ? read.records : read;
        if (read && 'missed' in read && read.missed) pending = mergeChangedKeys(pending, read.missed);
        if (!closed) observer.next(part, part === undefined);
        current = part && !closed ? await staged.rest(part) : part;
        loaded = true;
        if (!closed && current) observer.next(current, true);
      }
      while (pending && !closed) {
        const work: ChangedKeys = pending;
        pending = null;
        const before = current;
        if (work === 'all' || !loaded || !current) {
          current = await load();
          loaded = true;
        } else {
          current = await readChanged(current, work);
        }
        if (!closed && (current !== before || work === 'all')) observer.next(current, true);
      }
    } catch (e) {
      if (!closed) {
        closed = true;
        Dexie.on('storagemutated').unsubscribe(listener);
        observer.error(e);
      }
    } finally {
      running = false;
    }
  }

  async function readChanged(records: WorkbookRecords, changed: Map<RecordKind, Set<string>>): Promise<WorkbookRecords | undefined> {
    const kinds = [...changed.keys()];
    const fetched = await db.transaction(
      'r',
      kinds.map((k) => db.table(k)),
      () => Promise.all(kinds.map((k) => db.table(k).bulkGet([...changed.get(k)!]) as Promise<(AnyRecord | undefined)[]>)),
    );
    let out: WorkbookRecords | undefined = records;
    kinds.forEach((kind, i) => {
      if (!out) return;
      const keys = [...changed.get(kind)!];
      out = patchWorkbook(out, kind, new Map(keys.map((k, j) => [k, fetched[i]![j]])));
    });
    return out;
  }

  void run();
  return {
    unsubscribe() {
      closed = true;
      Dexie.on('storagemutated').unsubscribe(listener);
    },
  };
}

/** Both sets of changed keys together ('all' past `MAX_PATCHED_KEYS`). */
export function mergeChangedKeys(a: ChangedKeys | null, b: ChangedKeys): ChangedKeys {
  if (a === null) return b;
  if (a === 'all' || b === 'all') return 'all';
  const out = new Map(a);
  let count = 0;
  for (const [kind, keys] of b) out.set(kind, new Set([...(out.get(kind) ?? []), ...keys]));
  for (const keys of out.values()) count += keys.size;
  return count > MAX_PATCHED_KEYS ? 'all' : out;
}
