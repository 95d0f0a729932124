/**
 * The dashboard's head kept with a strategy, so that a start paints its totals and goals' cards
 * before the strategy's records are read (a 10,000-KPI strategy takes seconds to read on a tablet).
 *
 * A kept head is a statement about the stored records, so it must never be shown once they have
 * changed. The guard is a write mark, not a rule each write has to remember:
 * - `markWrites` (a Dexie middleware, db.ts) widens every read-write transaction that touches a
 *   record table to `settings` and puts a new mark there (`WRITE_MARK_KEY`), in that transaction,
 *   before its first record write, or deletes the mark if the transaction only deletes records: no
 *   write reaches the records without changing the mark, and no head is valid without a mark.
 * - A head is computed from one read transaction that reads the records and the marks together
 *   (compute-kept.ts, run by the reader worker), and kept only if the marks are still the same, read
 *   in the transaction that keeps it (keep-dashboard.ts, loaded when first needed).
 * - A start shows a kept head only if, read in one transaction, the marks are still those it was
 *   computed under, and it was kept by this build from this schema version (`readKept`).
 * The marks include the row by which a build takes the database over (write-gate.ts): a build
 * that wrote without marking (an older one) had to take the database over first, and taking it
 * back changes that row again, so a head kept before is not shown after.
 */
import type { DBCore, Middleware } from 'dexie';
import { RECORD_KINDS } from '../domain/workbook';
import type { DashboardHead } from '../domain/achievement/dashboard';
import { OPENED_BY_KEY } from './write-gate';

/** The settings row whose value changes with every write to a record table. */
export const WRITE_MARK_KEY = 'writeMark';

/** The settings row of strategy `strategyId`'s kept head. */
export const keptKey = (strategyId: string) => `keptDashboard:${strategyId}`;

/** What a kept head was computed under: the write mark and the take-over row, as text (null: none). */
export interface Marks {
  write: string | null;
  openedBy: string | null;
}

/** A kept head, as stored. */
export interface KeptRow {
  strategyId: string;
  /** The build that computed it (its code decides what a head says). */
  build: string;
  /** IndexedDB's version of the database it was read from. */
  schema: number;
  marks: Marks;
  head: DashboardHead;
}

const RECORD_TABLES: ReadonlySet<string> = new Set(RECORD_KINDS);

/** The marks of settings rows as read (undefined: no row). */
export function marksOf(write: { value?: unknown } | undefined, openedBy: { value?: unknown } | undefined): Marks {
  return {
    write: typeof write?.value === 'string' ? write.value : null,
    openedBy: openedBy === undefined ? null : JSON.stringify(openedBy.value ?? null),
  };
}

export const sameMarks = (a: Marks, b: Marks) => a.write === b.write && a.openedBy === b.openedBy;

/**
 * Middleware: every read-write transaction that touches a record table also holds `settings`, and
 * before its first record write changes the write mark there. A transaction that adds or puts
 * records puts a new mark (`newMark()`); one that only deletes records deletes the mark instead:
 * a put needs room, and removing a strategy must work on a full device. A missing mark (null) is
 * never a mark a head is kept or shown under, so a deletion invalidates every kept head until a
 * later write puts a new mark.
 */
export const markWrites = (newMark: () => string): Middleware<DBCore> => ({
  stack: 'dbcore',
  name: 'markWrites',
  create(down) {
    // Per transaction: the mark's change so far ('deleted', then maybe 'put').
    const marked = new WeakMap<object, { how: 'deleted' | 'put'; done: Promise<unknown> }>();
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen = mode === 'readwrite' && !stores.includes('settings') && stores.some((s) => RECORD_TABLES.has(s));
        return down.transaction(widen ? [...stores, 'settings'] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!RECORD_TABLES.has(name)) return table;
        return {
          ...table,
          mutate(req) {
            const adds = req.type === 'add' || req.type === 'put';
            let mark = marked.get(req.trans);
            if (!mark || (adds && mark.how === 'deleted')) {
              const settings = down.table('settings');
              const done = adds
                ? settings.mutate({ type: 'put', trans: req.trans, values: [{ key: WRITE_MARK_KEY, value: newMark() }] })
                : settings.mutate({ type: 'delete', trans: req.trans, keys: [WRITE_MARK_KEY] });
              mark = { how: adds ? 'put' : 'deleted', done: (mark?.done ?? Promise.resolve()).then(() => done) };
              marked.set(req.trans, mark);
            }
            return mark.done.then(() => table.mutate(req));
          },
        };
      },
    };
  },
});

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The marks, read in transaction `tx` (which holds `settings`). */
export async function readMarks(tx: IDBTransaction): Promise<Marks> {
  const settings = tx.objectStore('settings');
  const [write, openedBy] = await Promise.all([request(settings.get(WRITE_MARK_KEY)), request(settings.get(OPENED_BY_KEY))]);
  return marksOf(write as { value?: unknown } | undefined, openedBy as { value?: unknown } | undefined);
}

/**
 * The head of strategy `strategyId` kept by build `build`, if the records have not changed since it
 * was computed (one read transaction); otherwise null.
 */
export async function readKept(db: IDBDatabase, strategyId: string, build: string): Promise<DashboardHead | null> {
  if (!build || !db.objectStoreNames.contains('settings')) return null;
  const tx = db.transaction('settings', 'readonly');
  const [row, marks] = await Promise.all([request(tx.objectStore('settings').get(keptKey(strategyId))), readMarks(tx)]);
  const kept = (row as { value?: Partial<KeptRow> } | undefined)?.value;
  if (!kept || kept.strategyId !== strategyId || kept.build !== build || kept.schema !== db.version || !kept.marks || !kept.head) return null;
  if (marks.write === null || !sameMarks(kept.marks, marks) || kept.head.strategy?.id !== strategyId) return null;
  return kept.head;
}
