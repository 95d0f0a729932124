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
import { decodeStamps, encodeStamps, type StampRepair } from './stamp-codec';
import { StampRepairs } from './stamp-repairs';
import { OPENED_BY_KEY, OutdatedVersionError, isOpenedBy, writeGateOf, type WriteGate } from './write-gate';
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
import { markWrites } from './kept-dashboard';

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
  /** Who wrote the file (its exportedBy); rows logged before this was kept have none. */
  exportedBy?: string;
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
  /** For an import (bundle or spreadsheet): exactly what it wrote, so that undoing it writes back exactly what was there. */
  undo?: ImportUndo;
}

/** What an import changed: the stored rows before it, and the rows it added. */
export interface ImportUndo {
  /** The received bundle file's export id (its row in syncLog); null for a spreadsheet, which is not logged. */
  exportId: string | null;
  /** syncLog's row of that id before the import (a file read again), or null. */
  logBefore: SyncLogRow | null;
  /** Per record table: the rows the import replaced, as they were. */
  before: Record<string, unknown[]>;
  /** Per record table: the ids the import added. */
  added: Record<string, string[]>;
  /** Per record table: id and revision of every row as the import wrote it. */
  written: Record<string, { id: string; rev: number }[]>;
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
 * Version 2: committee meetings and opinions (委員意見), the bundle exchange log, this device's copy
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
 * rows written before are read as they are. Stamps in any other shape are repaired on read and the
 * repair is noted (stamp-repairs.ts).
 */
const compactStamps = (onRepair: (kind: string, repair: StampRepair) => void): Middleware<DBCore> => ({
  stack: 'dbcore',
  name: 'compactStamps',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (!RECORD_TABLE_NAMES.has(name)) return table;
        // Stamps in an unexpected shape are repaired as they are read (stamp-codec.ts).
        const report = (repair: StampRepair) => onRepair(name, repair);
        const decode = <T>(row: T): T => decodeStamps(row, report);
        return {
          ...table,
          mutate: (req) => table.mutate(req.type === 'add' || req.type === 'put' ? { ...req, values: req.values.map(encodeStamps) } : req),
          get: (req) => table.get(req).then(decode),
          getMany: (req) => table.getMany(req).then((rows) => rows.map(decode)),
          query: (req) =>
            table.query(req).then((res) => {
              if (!req.values) return res;
              // Rows from Dexie's cache are frozen: those are decoded into copies.
              if (res.result.some((row) => Object.isFrozen(row))) return { ...res, result: res.result.map(decode) };
              for (const row of res.result) decode(row);
              return res;
            }),
          openCursor: (req) =>
            table.openCursor(req).then((cursor) =>
              cursor && req.values !== false ? Object.create(cursor, { value: { get: () => decode(cursor.value) } }) : cursor,
            ),
        };
      },
    };
  },
});

/**
 * Middleware: a page that may not write (write-gate.ts) cannot start a read-write transaction,
 * and in every read-write transaction the database is first checked to be still this build's:
 * a newer build that took it over stops this one at its next write, in the same transaction.
 */
const gateWrites = (gate: WriteGate): Middleware<DBCore> => ({
  stack: 'dbcore',
  name: 'writeGate',
  create(down) {
    const checks = new WeakMap<object, Promise<void>>();
    const settings = () => down.table('settings');
    return {
      ...down,
      transaction(stores, mode, options) {
        if (mode !== 'readwrite') return down.transaction(stores, mode, options);
        gate.assertWriter();
        return down.transaction(gate.build && !stores.includes('settings') ? [...stores, 'settings'] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate(req) {
            if (!gate.build) return table.mutate(req);
            // Taking the database over is the one write not checked against the row it writes.
            if (name === 'settings' && req.type === 'put' && req.values.every((v) => (v as { key?: unknown })?.key === OPENED_BY_KEY)) return table.mutate(req);
            let check = checks.get(req.trans);
            if (!check) {
              check = settings()
                .get({ trans: req.trans, key: OPENED_BY_KEY })
                .then((row: { value?: unknown } | undefined) => {
                  if (isOpenedBy(row?.value) && row.value.build !== gate.build) {
                    gate.outdate();
                    throw new OutdatedVersionError(`the database was taken over by build ${row.value.build}`);
                  }
                });
              checks.set(req.trans, check);
            }
            return check.then(() => table.mutate(req));
          },
        };
      },
    };
  },
});

/** A write mark: unique, so that no two writes leave the same mark (crypto's UUID where there is one). */
let marks = 0;
function newMark(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  return `${Date.now().toString(36)}.${++marks}.${random}`;
}

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
  /** Records whose stamps were repaired on read: written back and logged (stamp-repairs.ts). */
  readonly stampRepairs: StampRepairs;

  /**
   * `gate`: the write gate of the page (write-gate.ts); every connection of a page to the same
   * database shares one, which is the default.
   */
  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1], gate: WriteGate = writeGateOf(name)) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3).stores(SCHEMA_V3).upgrade(moveSentSnapshots);
    this.stampRepairs = new StampRepairs(this);
    this.use(compactStamps((kind, repair) => this.stampRepairs.note(kind, repair)));
    this.gate = gate;
    this.use(gateWrites(gate));
    // Every write to the records changes the write mark, in its own transaction (kept-dashboard.ts).
    this.use(markWrites(newMark));
    // A newer version asks to upgrade the schema: this connection closes for good (never reopened
    // behind the person's back), and this page never writes again.
    this.on('versionchange', (ev: IDBVersionChangeEvent) => {
      if (ev.newVersion === null) return undefined; // deleted: Dexie's own handling
      this.gate.outdate();
      this.close({ disableAutoOpen: true });
      return false;
    });
    // The accepted version takes the database over at open (write-gate.ts).
    this.on('ready', (vip) => this.#takeOver(vip as WorkbookDb), true);
  }

  /** The write gate this connection shares with every other of the page (write-gate.ts). */
  readonly gate: WriteGate;

  async #takeOver(vip: WorkbookDb): Promise<void> {
    const gate = this.gate;
    if (!gate.build || gate.state !== 'writer') return;
    const row = await vip.settings.get(OPENED_BY_KEY);
    if (isOpenedBy(row?.value) && row.value.build === gate.build && row.value.schema === this.verno) return;
    await vip.settings.put({ key: OPENED_BY_KEY, value: gate.openedBy(this.verno, new Date().toISOString()) });
    this.onTakenOver?.();
  }

  /** Called after this page took the database over from another build (the app tells its other tabs). */
  onTakenOver: (() => void) | null = null;

  /**
   * Opens the database once this page's role is known (write-gate.ts): an outdated page never
   * opens it again, and a held page never upgrades its schema (it waits for the accepted update,
   * which reloads it).
   */
  override open() {
    const gate = this.gate;
    if (gate.state === 'outdated') return Dexie.Promise.reject(new OutdatedVersionError()) as ReturnType<Dexie['open']>;
    if (!gate.decide) return super.open();
    return Dexie.Promise.resolve(gate.role())
      .then(async (role) => {
        if (role === 'outdated') throw new OutdatedVersionError();
        if (role === 'held' && (await installedVersion(this.name)) < this.verno) await new Promise<never>(() => {});
      })
      .then(() => super.open()) as ReturnType<Dexie['open']>;
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

/** The schema version database `name` has now (0: none), without opening or upgrading it. */
async function installedVersion(name: string): Promise<number> {
  const list = await indexedDB.databases?.().catch(() => null);
  const found = list?.find((d) => d.name === name);
  if (list) return found?.version ? found.version / 10 : 0;
  return new Promise((resolve) => {
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => {
      const v = req.result.version;
      req.result.close();
      resolve(v / 10);
    };
    req.onerror = () => resolve(0);
  });
}
