/**
 * A synchronous journal of writes not yet confirmed by IndexedDB, kept in localStorage.
 *
 * Text is saved a moment after typing stops (so every keystroke does not rebuild the screen);
 * the journal closes the gap: each keystroke's pending write is recorded synchronously, and
 * removed once IndexedDB has committed it. If the tab is closed or crashes in between, the next
 * start replays what is left. IndexedDB stays the only real store; the journal holds at most a
 * few pending field values.
 *
 * Every tab of the app shares the one localStorage entry: each change reads it again and changes
 * only its own key, so that one tab never drops what another keeps there (an older tab that may
 * no longer write keeps its typing here until the new version writes it).
 */
import type { WriteOp } from './write-ops';
import type { KeyValueStorage } from '../storage/key-value';

export type { KeyValueStorage };

const STORAGE_KEY = 'senryaku-workbook:pending-writes';

export class DraftJournal {
  readonly #storage: KeyValueStorage | null;
  #entries: Record<string, WriteOp>;

  constructor(storage: KeyValueStorage | null) {
    this.#storage = storage;
    this.#entries = this.#read();
  }

  #read(): Record<string, WriteOp> {
    try {
      const raw = this.#storage?.getItem(STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, WriteOp>) : {};
    } catch {
      return {};
    }
  }

  /** Changes one key of the shared entry (as it is now, with other tabs' keys). */
  #write(key: string, op: WriteOp | null) {
    try {
      const shared = this.#read();
      if (op) shared[key] = op;
      else delete shared[key];
      if (Object.keys(shared).length === 0) this.#storage?.removeItem(STORAGE_KEY);
      else this.#storage?.setItem(STORAGE_KEY, JSON.stringify(shared));
    } catch {
      // A full or blocked localStorage only loses the safety net, never the write itself.
    }
  }

  record(key: string, op: WriteOp): void {
    this.#entries[key] = op;
    this.#write(key, op);
  }

  /** Removes the entry if it still holds `op` (a newer keystroke may have replaced it). */
  settle(key: string, op: WriteOp): void {
    if (this.#entries[key] === op) {
      delete this.#entries[key];
      // Another tab's newer edit of the same field stays.
      const shared = this.#read()[key];
      if (!shared || JSON.stringify(shared) === JSON.stringify(op)) this.#write(key, null);
    }
  }

  /** Writes left over from an earlier session, and edits of this page not yet written. */
  pending(): [string, WriteOp][] {
    return Object.entries(this.#entries);
  }
}
