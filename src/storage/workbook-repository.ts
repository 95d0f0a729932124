/**
 * Reads and writes workbooks. Every write that spans records runs in one IndexedDB transaction, so
 * a failure leaves nothing half-written. The repository stamps records through the domain's
 * `applyPatch` / `createRecord`, so `updatedAt`, `updatedBy`, `rev` and the field stamps are always
 * set the same way.
 */
import {
  applyPatch,
  createRecord,
  markDeleted,
  markRestored,
  type Editable,
  type RecordContext,
} from '../domain/records';
import type { Strategy } from '../domain/entities/strategy';
import { kpiYearDefaults, type KpiYear } from '../domain/entities/kpi-year';
import { carriedForward, projectYearDefaults, type ProjectYear } from '../domain/entities/project-year';
import { deletionSet, projectPatches } from '../domain/cascade';
import type { NewPeriod } from '../domain/copy';
import { CHILD_KINDS, type ChildKind, type RecordKind, type RecordOfKind, type WorkbookRecords } from '../domain/workbook';
import type { WorkbookDb } from './db';
import { watchWorkbook, type LiveSubscription, type WorkbookObserver } from './live-workbook';
import type { ReadPart, WorkbookReader } from './workbook-reader';
import type { EarlyRead } from './early-read';
import { packSnapshot, storablePacked, type PackedSnapshot } from './snapshot-payload';
import { probeBlobStorage } from './blob-storage';
import type { Table } from 'dexie';
import { keptKey } from './kept-dashboard';

export class RecordNotFoundError extends Error {
  constructor(
    readonly kind: RecordKind,
    readonly id: string,
  ) {
    super(`${kind} ${id} not found`);
  }
}

export class WorkbookRepository {
  readonly #db: WorkbookDb;
  readonly #ctx: () => RecordContext;
  readonly #reader: WorkbookReader | null;
  readonly #early: EarlyRead | null;

  /**
   * `ctx` is called for every write, so a changed editor name applies at once. `reader`, if
   * given, reads watched strategies off the page (the app's reader worker, workbook-reader.ts).
   * `early`, if given, is the first part of the strategy a start is about to show, read before
   * the repository existed (early-read.ts): the first watch of that strategy takes it over.
   */
  constructor(db: WorkbookDb, ctx: () => RecordContext, reader: WorkbookReader | null = null, early: EarlyRead | null = null) {
    this.#db = db;
    this.#ctx = ctx;
    this.#reader = reader;
    this.#early = early;
  }

  #table<K extends RecordKind>(kind: K): Table<RecordOfKind[K], string> {
    return this.#db.table(kind) as Table<RecordOfKind[K], string>;
  }

  /** Live (not deleted) strategies, by name. */
  async listStrategies(): Promise<Strategy[]> {
    const all = await this.#db.strategies.toArray();
    return all.filter((s) => s.deletedAt === null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Every record of a strategy, tombstones included. With `withProjectYears` false the yearly
   * project records (the long texts: 進捗状況, 評価 …, about half the bytes of a big strategy) are
   * left out: what the dashboard needs, read first so that it shows sooner.
   */
  async loadWorkbook(strategyId: string, withProjectYears = true): Promise<WorkbookRecords | undefined> {
    const db = this.#db;
    return db.transaction('r', db.recordTables, async () => {
      const strategy = await db.strategies.get(strategyId);
      if (!strategy) return undefined;
      const [goals, measures, projects, kpis, kpiYears, projectYears, meetings, opinions] = await Promise.all([
        db.goals.where('strategyId').equals(strategyId).toArray(),
        db.measures.where('strategyId').equals(strategyId).toArray(),
        db.projects.where('strategyId').equals(strategyId).toArray(),
        db.kpis.where('strategyId').equals(strategyId).toArray(),
        db.kpiYears.where('strategyId').equals(strategyId).toArray(),
        withProjectYears ? db.projectYears.where('strategyId').equals(strategyId).toArray() : [],
        db.meetings.where('strategyId').equals(strategyId).toArray(),
        db.opinions.where('strategyId').equals(strategyId).toArray(),
      ]);
      return { strategy, goals, measures, projects, kpis, kpiYears, projectYears, meetings, opinions };
    });
  }

  /**
   * All of a strategy packed for a snapshot (undefined if it is not there): by the reader (off the
   * page) if there is one and it can, else read and packed here.
   */
  async packWorkbook(strategyId: string): Promise<PackedSnapshot | undefined> {
    const packed = this.#reader ? await this.#reader.pack(strategyId) : null;
    if (packed !== null) return packed && storablePacked(packed);
    await probeBlobStorage(); // packSnapshot asks blobsStorable()
    const records = await this.loadWorkbook(strategyId);
    return records && packSnapshot(records);
  }

  /**
   * Keeps a strategy's records live: `observer.next` gets them at once — first without the yearly
   * project records (complete = false), then all of them — and again after every write (from any
   * tab) that changed one of them. See live-workbook.ts. `beforeRest`, if given, is awaited between
   * the two parts (the app waits until the first screen has painted: reading the rest blocks the
   * page while it is decoded).
   */
  watchWorkbook(strategyId: string, observer: WorkbookObserver, beforeRest?: () => Promise<void>): LiveSubscription {
    // Through the reader if there is one; what it cannot read is read here.
    const read = async <T>(part: ReadPart, here: () => Promise<T>): Promise<T> => {
      const result = this.#reader ? await this.#reader.read(strategyId, part) : null;
      return result === null ? here() : (result as T);
    };
    return watchWorkbook(this.#db, strategyId, () => read('all', () => this.loadWorkbook(strategyId)), observer, {
      // The first part is read on the page: at a cold start the page is waiting for it and idle,
      // and starting the worker would only delay it. A start may have begun reading it already
      // (early-read.ts). The rest arrives while the page is in use.
      first: async () => {
        const early = this.#early?.take(strategyId);
        const records = early ? await early.records : null;
        const missed = early ? early.missed() : null;
        if (records === null || !early) return this.loadWorkbook(strategyId, false);
        for (const { kind, ...repair } of early.repairs) this.#db.stampRepairs.note(kind, repair);
        return { records, missed };
      },
      rest: async (part) => {
        await beforeRest?.();
        const projectYears = await read('rest', () => this.#db.projectYears.where('strategyId').equals(strategyId).toArray());
        return { ...part, projectYears };
      },
    });
  }

  /** Stores a whole workbook (a new strategy, the sample, a copy) in one transaction. */
  async addWorkbook(records: WorkbookRecords): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.recordTables, async () => {
      await db.strategies.add(records.strategy);
      await db.goals.bulkAdd(records.goals);
      await db.measures.bulkAdd(records.measures);
      await db.projects.bulkAdd(records.projects);
      await db.kpis.bulkAdd(records.kpis);
      await db.kpiYears.bulkAdd(records.kpiYears);
      await db.projectYears.bulkAdd(records.projectYears);
      await db.meetings.bulkAdd(records.meetings);
      await db.opinions.bulkAdd(records.opinions);
    });
  }

  /** Creates one record of `kind` in strategy `strategyId`. */
  async create<K extends RecordKind>(kind: K, strategyId: string | null, fields: Editable<RecordOfKind[K]>): Promise<RecordOfKind[K]> {
    const record = createRecord<RecordOfKind[K]>(this.#ctx(), strategyId, fields);
    await this.#table(kind).add(record);
    return record;
  }

  /** Applies `patch` to one record; fields that did not change are not stamped. */
  async update<K extends RecordKind>(kind: K, id: string, patch: Partial<Editable<RecordOfKind[K]>>): Promise<RecordOfKind[K]> {
    const table = this.#table(kind);
    return this.#db.transaction('rw', table, async () => {
      const current = await table.get(id);
      if (!current) throw new RecordNotFoundError(kind, id);
      const next = applyPatch(this.#ctx(), current, patch);
      if (next !== current) await table.put(next);
      return next;
    });
  }

  /** Updates the KPI's record for one fiscal year, creating it on first use. */
  async upsertKpiYear(strategyId: string, kpiId: string, fiscalYear: number, patch: Partial<Editable<KpiYear>>): Promise<KpiYear> {
    const table = this.#db.kpiYears;
    return this.#db.transaction('rw', table, async () => {
      const existing = (await table.where('[kpiId+fiscalYear]').equals([kpiId, fiscalYear]).toArray()).find(
        (r) => r.deletedAt === null,
      );
      const ctx = this.#ctx();
      const next = existing
        ? applyPatch(ctx, existing, patch)
        : createRecord<KpiYear>(ctx, strategyId, { ...kpiYearDefaults(kpiId, fiscalYear), ...patch, kpiId, fiscalYear });
      if (next !== existing) await table.put(next);
      return next;
    });
  }

  /** Updates the project's record for one fiscal year, creating it on first use. */
  async upsertProjectYear(
    strategyId: string,
    projectId: string,
    fiscalYear: number,
    patch: Partial<Editable<ProjectYear>>,
  ): Promise<ProjectYear> {
    const table = this.#db.projectYears;
    return this.#db.transaction('rw', table, async () => {
      const existing = (await table.where('[projectId+fiscalYear]').equals([projectId, fiscalYear]).toArray()).find(
        (r) => r.deletedAt === null,
      );
      const ctx = this.#ctx();
      // A new year starts with what carries over from the years before it (交付金の名称).
      const carried = existing ? null : carriedForward(await table.where('projectId').equals(projectId).toArray(), fiscalYear);
      const next = existing
        ? applyPatch(ctx, existing, patch)
        : createRecord<ProjectYear>(ctx, strategyId, {
            ...projectYearDefaults(projectId, fiscalYear),
            ...carried,
            ...patch,
            projectId,
            fiscalYear,
          });
      if (next !== existing) await table.put(next);
      return next;
    });
  }

  /**
   * Deletes a record and everything under it as tombstones, in one transaction. Returns the batch
   * id that {@link restoreBatch} takes to undo it.
   */
  async deleteWithChildren(kind: ChildKind | 'strategies', id: string, strategyId: string): Promise<string> {
    const db = this.#db;
    const ctx = this.#ctx();
    const batch = ctx.newId();
    // A deleted strategy's kept dashboard head could never be shown again (the deletion changes the
    // write mark): it goes with the strategy, in the same transaction.
    const tables = kind === 'strategies' ? [...db.recordTables, db.settings] : db.recordTables;
    await db.transaction('rw', tables, async () => {
      const records = await this.loadWorkbook(strategyId);
      if (!records) throw new RecordNotFoundError('strategies', strategyId);
      if (kind === 'strategies') await db.settings.delete(keptKey(strategyId));
      const refs = deletionSet(records, kind, id);
      for (const [projectId, patch] of projectPatches(records, refs)) {
        const p = await db.projects.get(projectId);
        if (p) await db.projects.put(applyPatch(ctx, p, patch));
      }
      for (const ref of refs) {
        const table = this.#table(ref.kind);
        const current = await table.get(ref.id);
        if (current && current.deletedAt === null) await table.put(markDeleted(ctx, current, batch));
      }
    });
    return batch;
  }

  /**
   * Moves a project to another primary place: a goal and measure, or (goalId null) directly under
   * the strategy. Its KPIs move with it, and a link to the new goal is dropped (the project is
   * counted once per goal); one transaction.
   */
  async moveProject(projectId: string, goalId: string | null, measureId: string | null): Promise<void> {
    const db = this.#db;
    const ctx = this.#ctx();
    await db.transaction('rw', [db.projects, db.kpis], async () => {
      const project = await db.projects.get(projectId);
      if (!project || project.deletedAt !== null) throw new RecordNotFoundError('projects', projectId);
      const alsoUnder = (project.alsoUnder ?? []).filter((l) => l.goalId !== goalId);
      await db.projects.put(applyPatch(ctx, project, { goalId, measureId: goalId === null ? null : measureId, alsoUnder }));
      for (const k of await db.kpis.where('projectId').equals(projectId).toArray())
        if (k.deletedAt === null && k.goalId !== goalId) await db.kpis.put(applyPatch(ctx, k, { goalId }));
    });
  }

  /** Undoes a deletion: every record of the batch comes back, in one transaction. */
  async restoreBatch(strategyId: string, batch: string): Promise<number> {
    const db = this.#db;
    const ctx = this.#ctx();
    let restored = 0;
    await db.transaction('rw', db.recordTables, async () => {
      const strategy = await db.strategies.get(strategyId);
      if (strategy?.deletedBatch === batch) {
        await db.strategies.put(markRestored(ctx, strategy));
        restored++;
      }
      for (const kind of CHILD_KINDS) {
        const table = this.#table(kind);
        const rows = await table.where('strategyId').equals(strategyId).toArray();
        for (const row of rows)
          if (row.deletedBatch === batch) {
            await table.put(markRestored(ctx, row));
            restored++;
          }
      }
    });
    return restored;
  }

  /** Copies a strategy's structure into a new period; returns the new strategy (its code loads when first asked). */
  async copyToNewPeriod(strategyId: string, period: NewPeriod): Promise<Strategy> {
    const [{ copyToNewPeriod }, source] = await Promise.all([import('../domain/copy'), this.loadWorkbook(strategyId)]);
    if (!source) throw new RecordNotFoundError('strategies', strategyId);
    const copy = copyToNewPeriod(source, period, this.#ctx());
    await this.addWorkbook(copy);
    return copy.strategy;
  }
}
