/**
 * The IndexedDB database, through Dexie. Every schema version and its upgrade function live in
 * this file and nowhere else. To change the schema: add `this.version(n + 1).stores({...})` below
 * the last one (never edit an old version), give it an `.upgrade()` when existing rows need
 * rewriting, and add a test in test/storage/db-upgrade.test.ts that writes data under version n
 * and reads it back under n + 1.
 *
 * The database schema version and the bundle-file format version are different things with two
 * migration paths: this one is about how a browser keeps data, the other about files people mail.
 */
import Dexie, { type DBCore, type EntityTable, type Middleware, type Transaction } from 'dexie';
import { decodeStamps, encodeStamps } from './stamp-codec';
import type { Strategy } from '../domain/entities/strategy';
import type { Goal } from '../domain/entities/goal';
import type { Measure } from '../domain/entities/measure';
import type { Project } from '../domain/entities/project';
import type { Kpi } from '../domain/entities/kpi';
import type { KpiYear } from '../domain/entities/kpi-year';
import type { ProjectYear } from '../domain/entities/project-year';
import type { Meeting } from '../domain/entities/meeting';
import type { Opinion } from '../domain/entities/opinion';
import { RECORD_KINDS, type WorkbookRecords } from '../domain/workbook';
import type { BundleScope } from '../bundle';
import type { SnapshotContent } from './snapshot-payload';

/** One app setting (editor name, last opened place …). */
export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * A bundle file this device wrote (`sent`, with the records it held: the common ancestor when the
 * file comes back) or took in (`received`). Merges find their divergence points here.
 */
export interface SyncLogRow {
  /** The file's exportId. */
  id: string;
  strategyId: string;
  direction: 'sent' | 'received';
  exportedAt: string;
  scope: BundleScope;
  /** The copy (device/database) that wrote the file. */
  copyId: string;
  fileName: string;
  /** When this device sent or took it in. */
  loggedAt: string;
  /**
   * Version 2 kept the records of a sent file here; version 3 keeps them in `sentSnapshots` (so
   * that reading the log does not read every file ever sent) and moved them there.
   */
  snapshot?: WorkbookRecords | null;
}

/**
 * What a file this device sent held: the common ancestor when the file comes back. Apart from its
 * log row, read only when a returning file names it.
 */
export interface SentSnapshotRow {
  /** The file's exportId (its SyncLogRow's id). */
  id: string;
  strategyId: string;
  /**
   * The file's envelope as canonical UTF-8 JSON, without its checksum: the bytes its checksum was
   * computed over (src/bundle/canonical.ts), kept as they are (no copy of every record to store).
   * A Blob: Chromium refuses single values over about 127 MB, and the largest strategies are more.
   */
  canonical?: Blob | string; // text where Blobs cannot be stored (blob-storage.ts)
  /** Or the records themselves (snapshots moved from version 2's log rows). */
  records?: WorkbookRecords;
}

/** What this device's copy of a strategy is: its own copy id, and whether it came from a department bundle. */
export interface CopyRow {
  strategyId: string;
  copyId: string;
  /** The scope this copy was created from (a department bundle), or null for the owner's copy. */
  createdFromScope: BundleScope | null;
}

/**
 * A whole-workbook snapshot taken before an import or merge (undo), or automatically. Its records
 * are a JSON Blob (`payload`) with a `summary` (snapshot-payload.ts); rows written before that
 * hold `records` instead, and are read as they are (no schema change: neither field is indexed).
 */
export interface SnapshotRow extends SnapshotContent {
  id: string;
  strategyId: string;
  createdAt: string;
  reason: 'import' | 'auto' | 'beforeRestore';
  /** What it is for, in the user's words (e.g. the imported file's name). */
  label: string;
}

export const DB_NAME = 'senryaku-workbook';

/** Schema of version 1. Indexed fields only; every record also carries its full JSON. */
export const SCHEMA_V1 = {
  strategies: 'id',
  goals: 'id, strategyId',
  measures: 'id, strategyId, goalId',
  projects: 'id, strategyId, goalId',
  kpis: 'id, strategyId, goalId, projectId',
  kpiYears: 'id, strategyId, kpiId, [kpiId+fiscalYear]',
  projectYears: 'id, strategyId, projectId, [projectId+fiscalYear]',
  settings: 'key',
} as const;

/**
 * Version 2: committee meetings and opinions (委員意見), the bundle sync log, this device's copy
 * ids, and snapshots for undoing an import. New tables only: existing rows need no rewriting.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  meetings: 'id, strategyId',
  opinions: 'id, strategyId, subjectId',
  syncLog: 'id, strategyId, [strategyId+direction]',
  copies: 'strategyId',
  snapshots: 'id, strategyId, createdAt',
} as const;

/**
 * Version 3: the records of sent files move from their log rows to `sentSnapshots`. Listing a
 * strategy's files (at every export and import) then reads a few hundred bytes a file instead of a
 * whole strategy a file.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  sentSnapshots: 'id, strategyId',
} as const;

/** The upgrade to version 3: one sent file at a time, so a device with many keeps little in memory. */
async function moveSentSnapshots(tx: Transaction): Promise<void> {
  const log = tx.table<SyncLogRow, string>('syncLog');
  const snapshots = tx.table<SentSnapshotRow, string>('sentSnapshots');
  for (const id of await log.toCollection().primaryKeys()) {
    const row = await log.get(id);
    if (!row?.snapshot) continue;
    await snapshots.put({ id: row.id, strategyId: row.strategyId, records: row.snapshot });
    const { snapshot: _, ...rest } = row;
    await log.put(rest);
  }
}

/** The tables that hold a strategy's records (their field stamps are stored compactly). */
const RECORD_TABLE_NAMES: ReadonlySet<string> = new Set(RECORD_KINDS);

/**
 * Middleware: records are written with compact field stamps and read back with them expanded
 * (stamp-codec.ts), whichever way they are read. Not a schema change: nothing indexed changes, and
 * rows written before are read as they are.
 */
const compactStamps: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'compactStamps',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (!RECORD_TABLE_NAMES.has(name)) return table;
        return {
          ...table,
          mutate: (req) => table.mutate(req.type === 'add' || req.type === 'put' ? { ...req, values: req.values.map(encodeStamps) } : req),
          get: (req) => table.get(req).then(decodeStamps),
          getMany: (req) => table.getMany(req).then((rows) => rows.map(decodeStamps)),
          query: (req) =>
            table.query(req).then((res) => {
              if (req.values) for (const row of res.result) decodeStamps(row);
              return res;
            }),
          openCursor: (req) =>
            table.openCursor(req).then((cursor) =>
              cursor && req.values !== false ? Object.create(cursor, { value: { get: () => decodeStamps(cursor.value) } }) : cursor,
            ),
        };
      },
    };
  },
};

export class WorkbookDb extends Dexie {
  strategies!: EntityTable<Strategy, 'id'>;
  goals!: EntityTable<Goal, 'id'>;
  measures!: EntityTable<Measure, 'id'>;
  projects!: EntityTable<Project, 'id'>;
  kpis!: EntityTable<Kpi, 'id'>;
  kpiYears!: EntityTable<KpiYear, 'id'>;
  projectYears!: EntityTable<ProjectYear, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  meetings!: EntityTable<Meeting, 'id'>;
  opinions!: EntityTable<Opinion, 'id'>;
  syncLog!: EntityTable<SyncLogRow, 'id'>;
  copies!: EntityTable<CopyRow, 'strategyId'>;
  snapshots!: EntityTable<SnapshotRow, 'id'>;
  sentSnapshots!: EntityTable<SentSnapshotRow, 'id'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3).stores(SCHEMA_V3).upgrade(moveSentSnapshots);
    this.use(compactStamps);
  }

  /** The tables that hold records of a strategy, by kind. */
  get recordTables() {
    return [
      this.strategies,
      this.goals,
      this.measures,
      this.projects,
      this.kpis,
      this.kpiYears,
      this.projectYears,
      this.meetings,
      this.opinions,
    ];
  }
}
