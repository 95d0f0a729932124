/**
 * The safety service: automatic snapshots, the backup reminder's facts, the data marker that
 * detects lost storage, and reopening a lost database connection. Built once in composition.ts,
 * before the database opens (it installs the write-watch middleware).
 *
 * The decisions are pure functions (snapshot-policy.ts, backup-reminder.ts, notes.ts); this class
 * reads and writes IndexedDB and localStorage for them and keeps what the screens show as state.
 */
import type { Strategy } from '../domain/entities/strategy';
import type { WorkbookDb } from '../storage/db';
import type { RepairedRecord } from '../storage/stamp-repairs';

export type { RepairedRecord };
import type { ExchangeRepository } from '../storage/exchange-repository';
import type { WorkbookRepository } from '../storage/workbook-repository';
import type { KeyValueStorage } from '../storage/key-value';
import type { ExportMark, ReminderDismissal } from './backup-reminder';
import type { LossReport, SafetyNotes } from './notes';
import type { SnapshotKey, SnapshotPolicy } from './snapshot-policy';
import type { SnapshotKeeper } from './snapshots';
import { writeWatch, type SentFile } from './write-watch';

export interface SafetyDeps {
  db: WorkbookDb;
  workbooks: WorkbookRepository;
  clock: { now: () => string; newId: () => string };
  /** localStorage (null where it is blocked). */
  storage: KeyValueStorage | null;
  policy?: SnapshotPolicy;
  /** Milliseconds between the edit that makes a snapshot due and taking it (a burst settles). */
  snapshotDelay?: number;
  /** navigator.storage, or null where there is none. */
  storageManager?: Pick<StorageManager, 'persisted'> | null;
  /** The app's one ExchangeRepository (loaded on first use): restores go through its whole-strategy writes. */
  exchange: () => Promise<Pick<ExchangeRepository, 'restoreSnapshot'>>;
}

interface Cadence {
  /** Edits committed since the last snapshot of this session. */
  edits: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class Safety {
  /** Set when IndexedDB came back empty although the marker says strategies were here. */
  loss = $state<LossReport | null>(null);
  /** The last whole-strategy export of each strategy, as far as this device knows. */
  exports = $state<Record<string, ExportMark>>({});
  /** When each watched strategy was first taken in from a file (null: created on this device). */
  arrivals = $state<Record<string, string | null>>({});
  /** The backup reminder's 「あとで」 per strategy. */
  dismissals = $state<Record<string, ReminderDismissal | null>>({});
  /** Bumped when this tab takes, restores or deletes a snapshot (the settings list reloads). */
  snapshotsChanged = $state(0);
  /** The last automatic snapshot that could not be taken (e.g. the device is full), or null. */
  snapshotError = $state<unknown>(null);
  /**
   * The last restore of this session, for 「復元を元に戻す」 (kept while the person looks at the
   * restored data elsewhere): the snapshot that holds the state it replaced.
   */
  lastRestore = $state<{ undoId: string; strategyId: string; restoredAt: string; from: string } | null>(null);

  readonly #d: SafetyDeps;
  #notesP: Promise<{ notes: SafetyNotes; mod: typeof import('./notes') }> | null = null;
  #keeper: Promise<SnapshotKeeper> | null = null;
  readonly #cadence = new Map<string, Cadence>();
  readonly #queue = new Map<string, Promise<unknown>>();
  readonly #protected = new Set<string>();
  readonly #scanned = new Set<string>();

  constructor(deps: SafetyDeps) {
    this.#d = deps;
    deps.db.use(
      writeWatch({
        edited: (ids) => {
          for (const id of ids) this.#edited(id);
        },
        sent: (files) => this.#sent(files),
      }),
    );
  }

  /**
   * The notes kept in localStorage and the loss check (notes.ts): loaded at the first need, after
   * the first screen, not up front.
   */
  #notes(): Promise<{ notes: SafetyNotes; mod: typeof import('./notes') }> {
    return (this.#notesP ??= import('./notes').then((mod) => {
      const notes = new mod.SafetyNotes(this.#d.storage);
      this.exports = notes.exports();
      return { notes, mod };
    }));
  }

  /** Listens for other tabs' exports and dismissals; returns the clean-up. */
  start(): () => void {
    if (typeof window === 'undefined') return () => {};
    const onStorage = (e: StorageEvent) =>
      void this.#notes().then(({ notes, mod }) => {
        if (!mod.SafetyNotes.owns(e.key)) return;
        this.exports = notes.exports();
        for (const sid of Object.keys(this.dismissals)) this.dismissals[sid] = notes.dismissal(sid);
      });
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener('storage', onStorage);
      for (const c of this.#cadence.values()) if (c.timer) clearTimeout(c.timer);
    };
  }

  /** The database, for the snapshot list of the settings (snapshot-list.ts, loaded with it). */
  get db(): WorkbookDb {
    return this.#d.db;
  }

  /** 「修復した記録」: records whose field stamps were repaired when read, once the pending notes are written. */
  async repairedRecords(): Promise<RepairedRecord[]> {
    const repairs = this.#d.db.stampRepairs;
    await repairs.settled();
    return repairs.list();
  }

  // ---- lost connection --------------------------------------------------------------------------

  /** Closes and reopens the database (after WebKit dropped the connection). */
  async reconnect(): Promise<void> {
    const db = this.#d.db;
    if (db.isOpen()) db.close({ disableAutoOpen: false });
    await db.open();
  }

  // ---- automatic snapshots ----------------------------------------------------------------------

  /** The snapshot code, loaded at the first edit (it is not needed before). */
  #keeperOf(): Promise<SnapshotKeeper> {
    return (this.#keeper ??= import('./snapshots').then(
      ({ SnapshotKeeper }) =>
        new SnapshotKeeper({ db: this.#d.db, workbooks: this.#d.workbooks, clock: this.#d.clock, policy: this.#d.policy, protect: this.#protected }),
    ));
  }

  #cadenceOf(strategyId: string): Cadence {
    let c = this.#cadence.get(strategyId);
    if (!c) {
      c = { edits: 0, timer: null };
      this.#cadence.set(strategyId, c);
    }
    return c;
  }

  #edited(strategyId: string) {
    const c = this.#cadenceOf(strategyId);
    c.edits++;
    if (c.timer) return;
    c.timer = setTimeout(() => {
      c.timer = null;
      void this.#serial(strategyId, () => this.#snapshotIfDue(strategyId));
    }, this.#d.snapshotDelay ?? 1500);
  }

  /** Runs `work` after the strategy's earlier snapshot work (never two at once for one strategy). */
  #serial<T>(strategyId: string, work: () => Promise<T>): Promise<T> {
    const before = this.#queue.get(strategyId) ?? Promise.resolve();
    const next = before.then(work, work);
    this.#queue.set(
      strategyId,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Waits until every snapshot started so far is taken (tests, and before a restore). */
  async settled(): Promise<void> {
    for (const c of this.#cadence.values())
      if (c.timer) {
        clearTimeout(c.timer);
        c.timer = null;
      }
    await Promise.all([...this.#cadence.keys()].map((sid) => this.#serial(sid, () => this.#snapshotIfDue(sid))));
  }

  async #snapshotIfDue(strategyId: string): Promise<void> {
    const c = this.#cadenceOf(strategyId);
    const edits = c.edits;
    if (edits === 0) return;
    try {
      if (await (await this.#keeperOf()).ifDue(strategyId, edits)) {
        c.edits = Math.max(0, c.edits - edits);
        this.snapshotError = null;
        this.snapshotsChanged++;
      }
    } catch (e) {
      // Never in the way of editing: the next edit tries again.
      this.snapshotError = e;
    }
  }

  /** Takes an automatic snapshot now, whatever the cadence (the settings view's 「いまの状態を保存する」). */
  takeSnapshot(strategyId: string): Promise<string | null> {
    return this.#serial(strategyId, async () => {
      const id = await (await this.#keeperOf()).take(strategyId);
      if (id) {
        this.#cadenceOf(strategyId).edits = 0;
        this.snapshotsChanged++;
      }
      return id;
    });
  }

  /** Ids and times of a strategy's snapshots, read from the keys alone (never the records). */
  async snapshotKeys(strategyId: string): Promise<SnapshotKey[]> {
    return (await this.#keeperOf()).keys(strategyId);
  }

  /** Deletes the strategy's snapshots the policy no longer keeps; returns how many. */
  async prune(strategyId: string): Promise<number> {
    return (await this.#keeperOf()).prune(strategyId);
  }

  /**
   * Puts the strategy back as the snapshot holds it (one transaction). The state it replaces is
   * kept as a snapshot first; its id is returned, and restoring that one undoes the restore.
   */
  async restore(snapshotId: string): Promise<string> {
    const exchange = await this.#d.exchange();
    const db = this.#d.db;
    const source = await db.transaction('r', db.snapshots, () => db.snapshots.get(snapshotId));
    const undoId = await exchange.restoreSnapshot(snapshotId);
    this.#protected.add(undoId);
    this.lastRestore = source ? { undoId, strategyId: source.strategyId, restoredAt: this.#d.clock.now(), from: source.createdAt } : null;
    this.snapshotsChanged++;
    return undoId;
  }

  /** 「復元を元に戻す」: restores the state the last restore replaced (itself undoable again). */
  async undoRestore(): Promise<void> {
    const last = this.lastRestore;
    if (!last) return;
    await this.restore(last.undoId);
    this.lastRestore = null;
  }

  async deleteSnapshot(snapshotId: string): Promise<void> {
    this.#protected.delete(snapshotId);
    if (this.lastRestore?.undoId === snapshotId) this.lastRestore = null;
    await this.#d.db.snapshots.delete(snapshotId);
    this.snapshotsChanged++;
  }

  // ---- backup reminder ------------------------------------------------------------------------

  #sent(files: readonly SentFile[]) {
    const whole = files.filter((f) => f.scope.kind === 'strategy');
    if (whole.length === 0) return;
    // At once in the state (the banner goes), then in the note.
    const exports = { ...this.exports };
    for (const f of whole) if (!exports[f.strategyId] || exports[f.strategyId]!.at < f.loggedAt) exports[f.strategyId] = { at: f.loggedAt, fileName: f.fileName };
    this.exports = exports;
    void this.#notes().then(({ notes }) => {
      for (const f of whole) notes.setExport(f.strategyId, { at: f.loggedAt, fileName: f.fileName });
      this.exports = notes.exports();
    });
  }

  /**
   * Loads what the reminder needs for a strategy: its last export (from the note; once per
   * session from the exchange log if the note lacks it), when it arrived from a file, the dismissal.
   */
  async watch(strategyId: string): Promise<void> {
    const db = this.#d.db;
    const { notes } = await this.#notes();
    if (!(strategyId in this.dismissals)) this.dismissals[strategyId] = notes.dismissal(strategyId);
    if (!(strategyId in this.arrivals)) {
      const received = await db.syncLog.where('[strategyId+direction]').equals([strategyId, 'received']).toArray();
      let first: string | null = null;
      for (const r of received) if (first === null || r.loggedAt < first) first = r.loggedAt;
      this.arrivals[strategyId] = first;
    }
    if (!this.exports[strategyId] && !this.#scanned.has(strategyId)) {
      this.#scanned.add(strategyId);
      let best: ExportMark | null = null;
      await db.syncLog
        .where('[strategyId+direction]')
        .equals([strategyId, 'sent'])
        .each((r) => {
          if (r.scope.kind === 'strategy' && (!best || r.loggedAt > best.at)) best = { at: r.loggedAt, fileName: r.fileName };
        });
      if (best) {
        notes.setExport(strategyId, best);
        this.exports = notes.exports();
      }
    }
  }

  async dismissReminder(strategyId: string, changes: number): Promise<void> {
    const d: ReminderDismissal = { at: this.#d.clock.now(), changes };
    this.dismissals[strategyId] = d;
    (await this.#notes()).notes.dismiss(strategyId, d);
  }

  // ---- lost storage ---------------------------------------------------------------------------

  async #persisted(): Promise<boolean | null> {
    const sm = this.#d.storageManager;
    if (!sm?.persisted) return null;
    return sm.persisted().catch(() => null);
  }

  /**
   * Compares the strategies IndexedDB holds with the marker: writes the marker while there are
   * strategies, and reports a loss when the database is empty but the marker says otherwise.
   */
  async check(strategies: readonly Strategy[]): Promise<void> {
    const { notes, mod } = await this.#notes();
    if (strategies.length > 0) {
      if (this.loss) {
        const back = new Set(strategies.map((s) => s.id));
        const still = this.loss.strategies.filter((s) => !back.has(s.id));
        this.loss = still.length > 0 ? { ...this.loss, strategies: still, exports: this.loss.exports.filter((e) => !back.has(e.strategyId)) } : null;
      }
      notes.setMarker(mod.markerFor(strategies, this.#d.clock.now(), await this.#persisted()));
      return;
    }
    if (this.loss) return;
    const stored = await this.#d.db.strategies.count();
    const loss = mod.detectLoss(notes.marker(), stored, notes.exports());
    if (loss) this.loss = loss;
    // Every strategy was deleted on purpose (the rows remain as tombstones): nothing to miss.
    else if (stored > 0) notes.setMarker(null);
  }

  /** The person read the loss notice: forget the strategies that were here. */
  async dismissLoss(): Promise<void> {
    this.loss = null;
    (await this.#notes()).notes.setMarker(null);
  }
}
