/**
 * The one undo history of the app. Every action a person may take back — a deletion, a bundle
 * import, a spreadsheet import, a restore of a snapshot — is offered here, and one toast
 * (app/Toasts.svelte) shows the newest offer; a page may also show its own button for its entry,
 * which goes through {@link UndoHistory.undo} as well, so an action is never undone twice or by two
 * different routes.
 *
 * Modelled on mutators that return their inverse: the action does its write and hands over the
 * function that undoes it. Undoing runs that function; if it fails (say, a record the import wrote
 * was changed since), the entry stays, and `failure` holds the message for the person.
 */

export interface UndoEntry {
  readonly id: number;
  /** What the toast says: 「削除しました」, 「令和3年度_返送.json を取り込みました」. */
  readonly message: string;
  /** The strategy the action changed (null for none). */
  readonly strategyId: string | null;
}

export interface UndoOptions {
  strategyId?: string | null;
  /** The message for a failure the person should read; null for an unexpected one (rethrown). */
  failureText?: (error: unknown) => string | null;
}

interface Held {
  entry: UndoEntry;
  run: () => Promise<void>;
  failureText: (error: unknown) => string | null;
}

/** Entries kept; older offers can no longer be taken back from here. */
export const UNDO_HISTORY_SIZE = 20;

export class UndoHistory {
  /** The newest offer, shown by the toast; null once dismissed or undone. */
  latest = $state.raw<UndoEntry | null>(null);
  /** Why the last undo failed, in words for the person; '' if it did not. */
  failure = $state('');
  /** Entries undone so far (pages show 「元に戻しました」 for theirs). */
  undoneIds = $state.raw<ReadonlySet<number>>(new Set());

  #held: Held[] = [];
  #nextId = 1;

  /** Offers `run` as the undo of the action just done, and shows it in the toast. */
  offer(message: string, run: () => Promise<void>, options: UndoOptions = {}): UndoEntry {
    const entry: UndoEntry = { id: this.#nextId++, message, strategyId: options.strategyId ?? null };
    this.#held.push({ entry, run, failureText: options.failureText ?? (() => null) });
    if (this.#held.length > UNDO_HISTORY_SIZE) this.#held.shift();
    this.latest = entry;
    this.failure = '';
    return entry;
  }

  /** Whether `entry` can still be undone. */
  canUndo(entry: UndoEntry | null): boolean {
    return entry !== null && this.#held.some((h) => h.entry.id === entry.id);
  }

  /**
   * Undoes `entry` (the newest by default). Returns true when it was undone; false when it is gone
   * or failed with a message for the person (`failure`). Another error is rethrown.
   */
  async undo(entry: UndoEntry | null = this.latest): Promise<boolean> {
    const held = entry ? this.#held.find((h) => h.entry.id === entry.id) : undefined;
    if (!held) return false;
    // Taken off first: a second tap while it runs does nothing.
    this.#held = this.#held.filter((h) => h !== held);
    if (this.latest?.id === held.entry.id) this.latest = null;
    this.failure = '';
    try {
      await held.run();
    } catch (e) {
      const text = held.failureText(e);
      this.#held.push(held);
      if (text === null) throw e;
      this.failure = text;
      return false;
    }
    this.undoneIds = new Set([...this.undoneIds, held.entry.id]);
    return true;
  }

  /** Hides the toast; the entry stays undoable from its page. */
  dismiss(): void {
    this.latest = null;
    this.failure = '';
  }

  /** Forgets the entries of a strategy (it was deleted for good, or replaced). */
  forget(strategyId: string): void {
    this.#held = this.#held.filter((h) => h.entry.strategyId !== strategyId);
    if (this.latest?.strategyId === strategyId) this.latest = null;
  }
}
