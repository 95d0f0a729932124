/**
 * Storage side of a spreadsheet import. A new strategy is added in one transaction
 * (WorkbookRepository.addWorkbook) and undone by deleting it (as tombstones, like any deletion).
 * An update of the open strategy snapshots the workbook and puts the changed records in one
 * transaction, and is undone by restoring the snapshot (SyncRepository.restoreSnapshot).
 *
 * The update does not go through SyncRepository.applyMerge: that one also logs a received bundle
 * file, whose export id later bundles would name as their base; a spreadsheet is no bundle.
 *
 * Before writing, every changed record is checked against the revision the preview was made
 * from: if someone changed it meanwhile (another tab), nothing is written and the person reads
 * the file again.
 */
import { WorkbookDb } from '../../storage/db';
import { WorkbookRepository } from '../../storage/workbook-repository';
import { SyncRepository } from '../../storage/sync-repository';
import type { RecordContext } from '../../domain/records';
import type { RecordKind, WorkbookRecords } from '../../domain/workbook';
import type { WrittenRecords } from '../../sheets/plan';

export class StaleWorkbookError extends Error {
  constructor() {
    super('the workbook changed after the preview');
    this.name = 'StaleWorkbookError';
  }
}

export class SheetStore {
  readonly #db: WorkbookDb;
  readonly #repo: WorkbookRepository;
  readonly #sync: SyncRepository;
  readonly #ctx: () => RecordContext;

  constructor(db: WorkbookDb, ctx: () => RecordContext) {
    this.#db = db;
    this.#ctx = ctx;
    this.#repo = new WorkbookRepository(db, ctx);
    this.#sync = new SyncRepository(db, this.#repo, { newId: () => ctx().newId(), now: () => ctx().now() });
  }

  /** Adds a strategy made from a sheet, in one transaction. */
  async addNew(records: WorkbookRecords): Promise<void> {
    await this.#repo.addWorkbook(records);
  }

  /** Undoes {@link addNew}: the strategy and everything under it become tombstones. */
  async undoNew(strategyId: string): Promise<void> {
    await this.#repo.deleteWithChildren('strategies', strategyId, strategyId);
  }

  /**
   * Snapshots the strategy, then puts the written records, in one transaction. Returns the
   * snapshot's id, which {@link undoUpdate} restores.
   */
  async applyUpdate(strategyId: string, written: WrittenRecords, label: string): Promise<string> {
    const db = this.#db;
    const snapshotId = this.#ctx().newId();
    await db.transaction('rw', [...db.recordTables, db.snapshots], async () => {
      const current = await this.#repo.loadWorkbook(strategyId);
      if (!current) throw new StaleWorkbookError();
      // A year's record the import adds must not have been added meanwhile under another id (another
      // tab entering the same KPI's year): two records for one KPI and year would hide one edit.
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
        const table = db.table(kind);
        const stored = (await table.bulkGet(list.map((r) => r.id))) as ({ rev: number } | undefined)[];
        list.forEach((r, i) => {
          const before = stored[i];
          // A new record must not exist yet; a changed one must still be at the revision it was read at.
          if (before ? before.rev !== r.rev - 1 : r.rev !== 1) throw new StaleWorkbookError();
        });
      }
      await db.snapshots.add({ id: snapshotId, strategyId, createdAt: this.#ctx().now(), reason: 'import', label, records: current });
      for (const [kind, list] of Object.entries(written) as [RecordKind, unknown[]][]) {
        for (let i = 0; i < list.length; i += 500) await db.table(kind).bulkPut(list.slice(i, i + 500));
      }
    });
    return snapshotId;
  }

  /** Puts the strategy back as it was before the import (itself undoable: a snapshot is kept). */
  async undoUpdate(snapshotId: string): Promise<void> {
    await this.#sync.restoreSnapshot(snapshotId);
  }
}

let shared: SheetStore | null = null;

/**
 * The store of this page. It opens its own connection to the app's database (the app's services
 * do not hand theirs out); Dexie tells every connection of the page about the changes, so the
 * open workbook updates as after any other write.
 */
export function sheetStore(ctx: () => RecordContext): SheetStore {
  shared ??= new SheetStore(new WorkbookDb(), ctx);
  return shared;
}
