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
import Dexie, { type EntityTable } from 'dexie';
import type { Strategy } from '../domain/entities/strategy';
import type { Goal } from '../domain/entities/goal';
import type { Measure } from '../domain/entities/measure';
import type { Project } from '../domain/entities/project';
import type { Kpi } from '../domain/entities/kpi';
import type { KpiYear } from '../domain/entities/kpi-year';
import type { ProjectYear } from '../domain/entities/project-year';

/** One app setting (editor name, last opened place …). */
export interface SettingRow {
  key: string;
  value: unknown;
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

export class WorkbookDb extends Dexie {
  strategies!: EntityTable<Strategy, 'id'>;
  goals!: EntityTable<Goal, 'id'>;
  measures!: EntityTable<Measure, 'id'>;
  projects!: EntityTable<Project, 'id'>;
  kpis!: EntityTable<Kpi, 'id'>;
  kpiYears!: EntityTable<KpiYear, 'id'>;
  projectYears!: EntityTable<ProjectYear, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
  }

  /** The tables that hold records of a strategy, by kind. */
  get recordTables() {
    return [this.strategies, this.goals, this.measures, this.projects, this.kpis, this.kpiYears, this.projectYears];
  }
}
