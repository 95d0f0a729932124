/**
 * Storage side of the exchange of files between copies of a strategy (there is no server and no
 * syncing: people mail bundle files): this device's copy id per strategy, the exchange log of files
 * sent and taken in (with the records each sent file held, the common ancestor when it comes back),
 * and the one path for whole-strategy changes (bundle merge, spreadsheet update, snapshot restore)
 * with the snapshots that make them undoable. Every import, merge and restore is one IndexedDB
 * transaction: a failure leaves the workbook exactly as it was.
 */
import type { Table } from 'dexie';
import type { BundleMeta, BundleScope, SyncHistory } from '../bundle';
import { sentRecords } from '../bundle/sent';
import { CHILD_KINDS, type RecordKind, type RecordOfKind, type WorkbookRecords } from '../domain/workbook';
import type { CopyRow, ImportUndo, SyncLogRow, WorkbookDb } from './db';
import { unpackSnapshot } from './snapshot-payload';
import { addSnapshot } from './snapshot-writer';
import { probeBlobStorage, storableBlob } from './blob-storage';
import { RecordNotFoundError, type WorkbookRepository } from './workbook-repository';

export type Progress = (done: number, total: number) => void;

/** An import's undo found records changed after the import (listed as `kind/id`): nothing was written. */
export class UndoConflictError extends Error {
  constructor(readonly records: string[]) {
    super(`${records.length} records changed after the import`);
    this.name = 'UndoConflictError';
  }
}

/** The records a whole-strategy change writes, per kind. */
export type WrittenByKind = { [K in RecordKind]: RecordOfKind[K][] };

/** The strategy changed after the preview a write was planned from (another tab): nothing was written. */
export class StaleWorkbookError extends Error {
  constructor() {
    super('the workbook changed after the preview');
    this.name = 'StaleWorkbookError';
  }
}

export class ExchangeRepository {
  readonly #db: WorkbookDb;
  readonly #workbooks: WorkbookRepository;
  readonly #newId: () => string;
  readonly #now: () => string;

  constructor(db: WorkbookDb, workbooks: WorkbookRepository, clock: { newId: () => string; now: () => string }) {
    this.#db = db;
    this.#workbooks = workbooks;
    this.#newId = clock.newId;
    this.#now = clock.now;
  }

  /** This device's copy of a strategy, if it has one yet (reads only: a preview writes nothing). */
  async findCopy(strategyId: string): Promise<CopyRow | undefined> {
    return this.#db.copies.get(strategyId);
  }

  /** This device's copy of a strategy (made on first use). */
  async copyOf(strategyId: string): Promise<CopyRow> {
    return this.#db.transaction('rw', this.#db.copies, async () => {
      const row = await this.#db.copies.get(strategyId);
      if (row) return row;
      const created: CopyRow = { strategyId, copyId: this.#newId(), createdFromScope: null };
      await this.#db.copies.add(created);
      return created;
    });
  }

  async history(strategyId: string): Promise<SyncHistory> {
    const rows = await this.#db.syncLog.where('strategyId').equals(strategyId).toArray();
    const entry = (r: SyncLogRow) => ({ exportId: r.id, exportedAt: r.exportedAt, scope: r.scope, copyId: r.copyId });
    return {
      sent: rows.filter((r) => r.direction === 'sent').map(entry),
      received: rows.filter((r) => r.direction === 'received').map((r) => ({ ...entry(r), takenAt: r.loggedAt })),
    };
  }

  /** The records a file this device sent held (the common ancestor of a returning file). */
  async sentSnapshot(exportId: string): Promise<WorkbookRecords | null> {
    const db = this.#db;
    const [row, sent] = await db.transaction('r', db.syncLog, db.sentSnapshots, () => Promise.all([db.syncLog.get(exportId), db.sentSnapshots.get(exportId)]));
    if (row?.direction !== 'sent') return null;
    if (sent?.canonical) return sentRecords(sent.canonical);
    return sent?.records ?? row.snapshot ?? null;
  }

  /**
   * Remembers a file this device wrote, with what it held: the file's canonical bytes
   * (SerializedBundle.canonical, kept as they are) or its records.
   */
  async recordSent(meta: BundleMeta, strategyId: string, fileName: string, held: Blob | WorkbookRecords): Promise<void> {
    const db = this.#db;
    // Where Blobs cannot be stored (WebKit's private browsing), the bytes are kept as text.
    const canonical = held instanceof Blob ? await storableBlob(held) : null;
    await db.transaction('rw', db.syncLog, db.sentSnapshots, async () => {
      await db.sentSnapshots.put(canonical !== null ? { id: meta.exportId, strategyId, canonical } : { id: meta.exportId, strategyId, records: held as WorkbookRecords });
      await db.syncLog.put(this.#logRow('sent', meta, strategyId, fileName));
    });
  }

  /** The exchange log's row of a file sent or taken in. */
  #logRow(direction: SyncLogRow['direction'], meta: BundleMeta, strategyId: string, fileName: string): SyncLogRow {
    return {
      id: meta.exportId,
      strategyId,
      direction,
      exportedAt: meta.exportedAt,
      scope: meta.scope,
      copyId: meta.copyId,
      fileName,
      loggedAt: this.#now(),
      exportedBy: meta.exportedBy,
    };
  }

  /** Every file of a strategy this device sent or took in (for 返送状況), oldest first. */
  async log(strategyId: string): Promise<SyncLogRow[]> {
    const rows = await this.#db.syncLog.where('strategyId').equals(strategyId).toArray();
    return rows.sort((a, b) => a.loggedAt.localeCompare(b.loggedAt));
  }

  /** Has this device already taken in (or sent) the file with this export id? */
  async knownFile(exportId: string): Promise<SyncLogRow | undefined> {
    return this.#db.syncLog.get(exportId);
  }

  /**
   * Adds a strategy this device did not have, from a file: its records, this device's copy (which
   * remembers a department scope), and the log entry, in one transaction.
   */
  async importNew(records: WorkbookRecords, meta: BundleMeta, fileName: string, onProgress?: Progress): Promise<void> {
    const db = this.#db;
    const strategyId = records.strategy.id;
    await db.transaction('rw', [...db.recordTables, db.copies, db.syncLog], async () => {
      if (await db.strategies.get(strategyId)) throw new Error('strategy exists');
      await this.#putAll(records, onProgress);
      await db.copies.put({
        strategyId,
        copyId: this.#newId(),
        createdFromScope: meta.scope.kind === 'department' ? meta.scope : null,
      });
      await db.syncLog.put(this.#logRow('received', meta, strategyId, fileName));
    });
  }

  /**
   * Writes a merge in one transaction: reads the workbook and the file log as stored now, lets
   * `merge` work out the records to write from them (it may throw, e.g. StalePreviewError, and then
   * nothing is written), snapshots the workbook first (for 「取り込みを元に戻す」 and the settings'
   * list of snapshots), puts the records and logs the file. Returns the snapshot's id, which
   * {@link undoImport} takes.
   *
   * `merge` runs inside the transaction, so it must not wait for anything but this database.
   */
  async applyMerge(
    strategyId: string,
    meta: BundleMeta,
    fileName: string,
    merge: (current: WorkbookRecords, history: SyncHistory) => WrittenByKind,
    onProgress?: Progress,
  ): Promise<string> {
    return this.applyChange(strategyId, { label: fileName, received: meta }, merge, onProgress);
  }

  /**
   * Writes the records of a spreadsheet import into the open strategy, undoably, in one
   * transaction. Every record is checked against the revision the preview was read at, and a year
   * record the sheet adds must not have been added meanwhile under another id (another tab entering
   * the same KPI's year: two records for one year would hide one edit). If anything changed since
   * the preview, StaleWorkbookError and nothing is written. Returns the id {@link undoImport} takes.
   */
  async applySheet(strategyId: string, written: WrittenByKind, label: string): Promise<string> {
    const db = this.#db;
    return this.applyChange(strategyId, { label, received: null }, async (current) => {
      const yearKeys = new Map<string, string>();
      for (const y of current.kpiYears) if (y.deletedAt === null) yearKeys.set(`k:${y.kpiId}:${y.fiscalYear}`, y.id);
      for (const y of current.projectYears) if (y.deletedAt === null) yearKeys.set(`p:${y.projectId}:${y.fiscalYear}`, y.id);
      for (const y of written.kpiYears) {
        const other = yearKeys.get(`k:${y.kpiId}:${y.fiscalYear}`);
        if (other !== undefined && other !== y.id) throw new StaleWorkbookError();
      }
      for (const y of written.projectYears) {
        const other = yearKeys.get(`p:${y.projectId}:${y.fiscalYear}`);
        if (other !== undefined && other !== y.id) throw new StaleWorkbookError();
      }
      for (const [kind, list] of Object.entries(written) as [RecordKind, { id: string; rev: number }[]][]) {
        if (list.length === 0) continue;
        const stored = (await db.table(kind).bulkGet(list.map((r) => r.id))) as ({ rev: number } | undefined)[];
        list.forEach((r, i) => {
          const before = stored[i];
          // A new record must not exist yet; a changed one must still be at the revision it was read at.
          if (before ? before.rev !== r.rev - 1 : r.rev !== 1) throw new StaleWorkbookError();
        });
      }
      return written;
    });
  }

  /**
   * The one path for a change to a whole strategy that the person may undo (a bundle merge, a
   * spreadsheet import), in one transaction: reads the workbook (and file log) as stored now, lets
   * `compute` work out the records to write from them — it checks that its preview still holds and
   * throws if not, and then nothing is written — snapshots the workbook with exactly what is
   * replaced and added, puts the records, and logs the received bundle file if there is one.
   * Returns the snapshot's id, which {@link undoImport} takes.
   *
   * `compute` runs inside the transaction, so it must not wait for anything but this database.
   */
  async applyChange(
    strategyId: string,
    what: { label: string; received: BundleMeta | null },
    compute: (current: WorkbookRecords, history: SyncHistory) => WrittenByKind | Promise<WrittenByKind>,
    onProgress?: Progress,
  ): Promise<string> {
    const db = this.#db;
    const snapshotId = this.#newId();
    const meta = what.received;
    await probeBlobStorage(); // packSnapshot asks blobsStorable()
    await db.transaction('rw', [...db.recordTables, db.syncLog, db.snapshots], async () => {
      const current = await this.#workbooks.loadWorkbook(strategyId);
      if (!current) throw new RecordNotFoundError('strategies', strategyId);
      const written = await compute(current, await this.history(strategyId));
      const undo: ImportUndo = {
        exportId: meta ? meta.exportId : null,
        logBefore: meta ? ((await db.syncLog.get(meta.exportId)) ?? null) : null,
        before: {},
        added: {},
        written: {},
      };
      for (const [kind, list] of Object.entries(written) as [RecordKind, RecordOfKind[RecordKind][]][]) {
        if (list.length === 0) continue;
        const stored = new Map((kind === 'strategies' ? [current.strategy] : (current[kind] as { id: string }[])).map((r) => [r.id, r]));
        undo.before[kind] = list.flatMap((r) => (stored.has(r.id) ? [stored.get(r.id)] : []));
        undo.added[kind] = list.filter((r) => !stored.has(r.id)).map((r) => r.id);
        undo.written[kind] = list.map((r) => ({ id: r.id, rev: r.rev }));
      }
      await addSnapshot(db, { id: snapshotId, strategyId, createdAt: this.#now(), reason: 'import', label: what.label, undo }, current);
      const total = Object.values(written).reduce((n, list) => n + list.length, 0);
      const puts = new PipelinedPuts(total, onProgress);
      for (const [kind, list] of Object.entries(written) as [RecordKind, RecordOfKind[RecordKind][]][]) await puts.put(db.table(kind), list);
      await puts.done();
      if (meta) await db.syncLog.put(this.#logRow('received', meta, strategyId, what.label));
    });
    return snapshotId;
  }

  /**
   * Undoes an import (a bundle file or a spreadsheet) exactly, in one transaction: the rows it
   * replaced are put back as they were, the rows it added are removed, a bundle file's entry in the
   * received-files log is put back as it was before (so the file counts as never taken in, and the next export names the same base as
   * before the import), and the import's snapshot goes. The database is then as before the import.
   *
   * If a record the import wrote was changed since (another tab), nothing is written and
   * UndoConflictError says so: the import's snapshot stays in the settings' list of snapshots.
   * An import snapshot of an older version (without `undo`) is restored whole.
   */
  async undoImport(snapshotId: string): Promise<void> {
    const db = this.#db;
    const row = await db.snapshots.get(snapshotId);
    if (!row) throw new Error(`snapshot ${snapshotId} not found`);
    if (!row.undo) {
      await this.restoreSnapshot(snapshotId);
      return;
    }
    await db.transaction('rw', [...db.recordTables, db.syncLog, db.snapshots], async () => {
      const snap = await db.snapshots.get(snapshotId);
      const undo = snap?.undo;
      if (!snap || !undo) throw new Error(`snapshot ${snapshotId} not found`);
      const changed: string[] = [];
      for (const [kind, list] of Object.entries(undo.written)) {
        const stored = (await db.table(kind).bulkGet(list.map((r) => r.id))) as ({ rev: number } | undefined)[];
        list.forEach((r, i) => {
          if (stored[i]?.rev !== r.rev) changed.push(`${kind}/${r.id}`);
        });
      }
      if (changed.length > 0) throw new UndoConflictError(changed);
      for (const [kind, ids] of Object.entries(undo.added)) if (ids.length) await db.table(kind).bulkDelete(ids);
      for (const [kind, rows] of Object.entries(undo.before)) if (rows.length) await db.table(kind).bulkPut(rows);
      if (undo.logBefore) await db.syncLog.put(undo.logBefore);
      else if (undo.exportId !== null) await db.syncLog.delete(undo.exportId);
      await db.snapshots.delete(snapshotId);
    });
  }

  /**
   * Puts a strategy back exactly as a snapshot holds it, in one transaction; the state replaced is
   * itself kept as a snapshot, so a restore can be undone too. Returns that snapshot's id.
   */
  async restoreSnapshot(snapshotId: string): Promise<string> {
    const db = this.#db;
    const undoId = this.#newId();
    // The snapshot's records first: reading its Blob inside the transaction would end it.
    const held = await db.snapshots.get(snapshotId);
    if (!held) throw new Error(`snapshot ${snapshotId} not found`);
    const records = await unpackSnapshot(held);
    await probeBlobStorage(); // packSnapshot asks blobsStorable()
    await db.transaction('rw', [...db.recordTables, db.snapshots], async () => {
      const snap = await db.snapshots.get(snapshotId);
      if (!snap) throw new Error(`snapshot ${snapshotId} not found`);
      const current = await this.#workbooks.loadWorkbook(snap.strategyId);
      if (current)
        await addSnapshot(db, { id: undoId, strategyId: snap.strategyId, createdAt: this.#now(), reason: 'beforeRestore', label: snap.label }, current);
      await this.#deleteAll(snap.strategyId);
      await this.#putAll(records);
    });
    return undoId;
  }

  async #deleteAll(strategyId: string) {
    const db = this.#db;
    await db.strategies.delete(strategyId);
    for (const kind of CHILD_KINDS) await db.table(kind).where('strategyId').equals(strategyId).delete();
  }

  async #putAll(records: WorkbookRecords, onProgress?: Progress) {
    const db = this.#db;
    const puts = new PipelinedPuts(
      CHILD_KINDS.reduce((n, k) => n + records[k].length, 1),
      onProgress,
    );
    await puts.put(db.strategies, [records.strategy]);
    for (const kind of CHILD_KINDS) await puts.put(db.table(kind), records[kind]);
    await puts.done();
  }
}

/** Records put per request batch: the progress shown moves this many at a time. */
const CHUNK = 500;
/** Batches handed to the database before waiting for the oldest to finish. */
const IN_FLIGHT = 3;

/**
 * Puts records in batches within the caller's transaction without waiting for each batch before
 * handing over the next: the page copies a batch out (structured clone, on its own thread) while
 * the browser's storage writes the ones before, instead of each waiting for the other. Waiting
 * for the oldest batch once a few are under way keeps the page responsive and the progress moving.
 * A failed batch fails the transaction (nothing is written); `put` or `done` rejects with it.
 */
class PipelinedPuts {
  readonly #inFlight: Promise<unknown>[] = [];
  readonly #total: number;
  readonly #onProgress: Progress | undefined;
  #done = 0;

  constructor(total: number, onProgress: Progress | undefined) {
    this.#total = total;
    this.#onProgress = onProgress;
  }

  async put(table: Table, list: readonly unknown[]): Promise<void> {
    for (let i = 0; i < list.length; i += CHUNK) {
      const batch = list.slice(i, i + CHUNK);
      const put = table.bulkPut(batch).then(() => {
        this.#done += batch.length;
        this.#onProgress?.(this.#done, this.#total);
      });
      // Only the batch waited for reports a failure; the transaction's abort fails the others too.
      put.catch(() => undefined);
      this.#inFlight.push(put);
      if (this.#inFlight.length >= IN_FLIGHT) await this.#inFlight.shift();
    }
  }

  async done(): Promise<void> {
    while (this.#inFlight.length > 0) await this.#inFlight.shift();
  }
}

export type { BundleScope };
