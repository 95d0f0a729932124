/**
 * Records whose field stamps were repaired on read (stamp-codec.ts): each is written back once
 * in its repaired form (so the database heals, and the next read finds nothing to repair), and
 * kept in a log the person sees in the settings (「修復した記録」).
 *
 * A read cannot write (it may run inside a read-only transaction), so repairs are noted and
 * written a moment later in a transaction of their own. A repair that cannot be written (this tab
 * may not write: see write-gate.ts) is still read repaired every time; only the log waits.
 */
import Dexie from 'dexie';
import type { WorkbookDb } from './db';
import type { StampRepair } from './stamp-codec';

/** One entry of the log (settings row `repairedRecords`), newest last. */
export interface RepairedRecord {
  /** When it was repaired (ISO-8601). */
  at: string;
  /** Its table (record kind). */
  kind: string;
  id: string;
  strategyId: string;
  /** Its name or title when it was repaired, to tell the person which record it was. */
  name: string;
  /** Fields whose stamp was unknown and is now the record's last change. */
  replaced: string[];
}

export const REPAIR_LOG_KEY = 'repairedRecords';
/** The log keeps the latest entries only. */
export const REPAIR_LOG_LIMIT = 500;

export class StampRepairs {
  readonly #db: WorkbookDb;
  readonly #now: () => string;
  /** Records noted in this session (each is written back once). */
  readonly #seen = new Set<string>();
  #queue = new Map<string, { kind: string; repair: StampRepair }>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> = Promise.resolve();

  constructor(db: WorkbookDb, now: () => string = () => new Date().toISOString()) {
    this.#db = db;
    this.#now = now;
  }

  /** A read repaired this record (called by the database's read path). */
  note(kind: string, repair: StampRepair): void {
    const key = `${kind}\u0000${repair.id}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#queue.set(key, { kind, repair });
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      this.#running = this.#running.then(() => this.#writeBack());
    }, 0);
  }

  /** Resolves once every repair noted so far is written back (or could not be). */
  async settled(): Promise<void> {
    while (this.#timer || this.#queue.size > 0) await new Promise((r) => setTimeout(r, 0)).then(() => this.#running);
    await this.#running;
  }

  async #writeBack(): Promise<void> {
    const batch = [...this.#queue.values()];
    this.#queue = new Map();
    if (batch.length === 0) return;
    const db = this.#db;
    const kinds = [...new Set(batch.map((b) => b.kind))];
    try {
      await Dexie.ignoreTransaction(() =>
        db.transaction('rw', [...kinds.map((k) => db.table(k)), db.settings], async () => {
          const logged: RepairedRecord[] = [];
          for (const { kind, repair } of batch) {
            // Read again (repaired again) and written back as it now is: a change made since the
            // first read is kept; one deleted since stays deleted.
            const row = (await db.table(kind).get(repair.id)) as Record<string, unknown> | undefined;
            if (!row) continue;
            await db.table(kind).put(row);
            const name = typeof row['name'] === 'string' ? row['name'] : typeof row['title'] === 'string' ? row['title'] : '';
            logged.push({ at: this.#now(), kind, id: repair.id, strategyId: repair.strategyId, name, replaced: repair.replaced });
          }
          const before = ((await db.settings.get(REPAIR_LOG_KEY))?.value as RepairedRecord[] | undefined) ?? [];
          await db.settings.put({ key: REPAIR_LOG_KEY, value: [...(Array.isArray(before) ? before : []), ...logged].slice(-REPAIR_LOG_LIMIT) });
        }),
      );
    } catch {
      // Not written (this tab may not write, or the database is closing): read repaired anyway;
      // the next session notes it again.
      for (const { kind, repair } of batch) this.#seen.delete(`${kind}\u0000${repair.id}`);
    }
  }

  /** The log, newest first. */
  async list(): Promise<RepairedRecord[]> {
    const value = (await this.#db.settings.get(REPAIR_LOG_KEY))?.value;
    return Array.isArray(value) ? ([...value] as RepairedRecord[]).reverse() : [];
  }
}
