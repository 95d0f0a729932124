/**
 * Second pass of an import: the rows read from a sheet (read.ts), matched against the open
 * strategy (or a new one), become the records to write and a list of what will be created or
 * changed. Nothing is written here: the plan is shown, and only a confirmed plan is stored (in one
 * transaction, after a snapshot that undoes it).
 *
 * Rules:
 * - Matching: a 基本目標 by number, else title; a 施策 by number and title within its goal; a
 *   事業 by No. within its goal, else by name (without a goal column or heading: by name across
 *   the strategy); a KPI by name within its project (or among the goal's 数値目標). Anything not
 *   found is added.
 * - An empty cell changes nothing; an import never deletes.
 * - Values are read with the KPI's unit (the 単位 column, else the KPI's own, else the unit the
 *   cells show: 「1,636件」 makes a new KPI a 件 KPI) by the workbook's parser; a number cell of
 *   an .xlsx file is the number itself.
 * - A row with any unreadable cell is left out whole, and reported with its row number.
 * - A year's target (目標) equal to the one the achievement engine already derives (the final
 *   target, a threshold or the straight line from the baseline) is not stored as an entered
 *   target: the KPI table exports derived targets, and taking it back must change nothing.
 */
import { applyPatch, createRecord, sameValue, type RecordContext, type RecordMeta } from '../domain/records';
import { strategyDefaults, type Strategy } from '../domain/entities/strategy';
import { goalDefaults, type Goal } from '../domain/entities/goal';
import { measureDefaults, type Measure } from '../domain/entities/measure';
import { projectDefaults, type Project, type ProjectLink } from '../domain/entities/project';
import { alsoUnderCellText, NO_GOAL_CELLS } from './links';
import { kpiDefaults, type Kpi, type KpiDirection, type KpiKind } from '../domain/entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../domain/entities/kpi-year';
import { projectYearDefaults, type ProjectYear } from '../domain/entities/project-year';
import type { Measurement } from '../domain/entities/measurement';
import { nextOrder, type RecordKind, type RecordOfKind, type WorkbookRecords } from '../domain/workbook';
import { formatMeasurement, formatNumber, normalizeWidth, type MeasurementParseError } from '../domain/numbers';
// The worker plans imports (no i18n there: its locale lives on the page); fiscal years read as 和暦.
import { formatFiscalYear } from '../domain/eras';
import { indexYears, resolveYearTarget, roundToSense } from '../domain/achievement';
import type { NumberedTitle, ReadSheet, RowValue, SheetRow, ValueKind } from './read';
import {
  DIRECTION_WORDS,
  THRESHOLD_REMARKS,
  cumulativeWords,
  readCumulative,
  looksLikeMilestone,
  mergeNumber,
  readDirection,
  cellString,
  readValue,
  readYear,
  splitDepartments,
  unitOf,
  type RawCell,
} from './values';

export type IssueCode = 'value' | 'year' | 'noYear' | 'direction' | 'cumulative' | 'noSubject' | 'noKpi' | 'noGoal' | 'alsoUnder';

/** Why a row was left out. `column` is the column head as the sheet writes it. */
export interface RowIssue {
  row: number;
  code: IssueCode;
  column: string;
  input: string;
  error?: MeasurementParseError;
}

export type ChangeField =
  | 'number'
  | 'title'
  | 'directions'
  | 'name'
  | 'summary'
  | 'departments'
  | 'measure'
  | 'alsoUnder'
  | 'unit'
  | 'direction'
  | 'cumulative'
  | 'kind'
  | 'baseline'
  | 'baselineYear'
  | 'target'
  | 'targetYear'
  | 'note'
  | 'yearTarget'
  | 'actual'
  | 'shortfallReason'
  | 'progress';

/** One line of the preview: a record added, or one field set or changed. */
export interface PlanChange {
  kind: 'add' | 'change';
  recordKind: RecordKind;
  /** The row that set it (the last one, when several did). */
  row: number;
  /** What it is about: 「2 商工活動支援事業 / 相談件数 / 令和3年度」. */
  subject: string;
  field: ChangeField | null;
  before: string;
  after: string;
}

export type WrittenRecords = { [K in RecordKind]: RecordOfKind[K][] };

export interface ImportPlan {
  mode: 'create' | 'update';
  strategy: Strategy;
  /** Records to put: new ones and changed ones (for a new strategy, all of them, itself included). */
  written: WrittenRecords;
  changes: PlanChange[];
  /** Counts of records added, by kind. */
  added: { goals: number; measures: number; projects: number; kpis: number };
  /** Number of values (fields of existing records, yearly values) set or changed. */
  changedValues: number;
  issues: RowIssue[];
  /** Values off by a factor of 100 or 1,000 from their KPI's others. */
  warnings: ScaleWarning[];
  /**
   * The KPIs the import gives a value, with their 基準値, 目標値 and each year's 目標 and 実績 (the
   * first {@link PREVIEW_KPIS}; `previewTotal` counts them all).
   */
  preview: PreviewKpi[];
  previewTotal: number;
  /** How many records are added and how many values set or changed (`changes` keeps the first {@link KEPT_CHANGES} of each). */
  changeTotals: { add: number; change: number };
  /** The fiscal years the preview's columns show. */
  previewYears: number[];
  rowsRead: number;
  rowsSkipped: number;
}

/** The preview shows this many KPIs' values and lines of each kind (a 100,000-row sheet would make a list nobody reads). */
export const PREVIEW_KPIS = 200;
export const KEPT_CHANGES = 500;

/** Called while a plan is made: rows done of all. */
export type PlanProgress = (done: number, total: number) => void;

export interface NewStrategyFields {
  municipality: string;
  name: string;
  startYear: number;
  endYear: number;
}

export type PlanTarget = { mode: 'update'; records: WorkbookRecords } | { mode: 'create'; strategy: NewStrategyFields; defaultGoalTitle: string };

const canonCache = new Map<string, string>();
/** A name reduced for matching (half-width, no spaces, lower case); remembered, as every row asks again. */
function canon(s: string): string {
  let c = canonCache.get(s);
  if (c === undefined) {
    if (canonCache.size > 200_000) canonCache.clear();
    c = normalizeWidth(s).replace(/[\s　]+/g, '').toLowerCase();
    canonCache.set(s, c);
  }
  return c;
}
const EMPTY: ReadonlySet<string> = new Set();
/** The parent of a KPI for lookups: its project, its 施策, or its goal for a goal's 数値目標. */
const kpiParent = (goalId: string | null, projectId: string | null, measureId: string | null = null) =>
  projectId ? `p:${projectId}` : measureId ? `m:${measureId}` : `g:${goalId}`;
const kpiParentOf = (k: Kpi) => kpiParent(k.goalId, k.projectId, k.measureId ?? null);

const isNoGoal = (g: NumberedTitle | null) => g !== null && g.number === '' && NO_GOAL_CELLS.some((c) => canon(g.title) === canon(c));

/** A measure of a goal named by number and title as a sheet writes it. */
function findMeasure(w: Work, goalId: string, mt: NumberedTitle): Measure | undefined {
  const ms = w.all('measures').filter((m) => m.goalId === goalId);
  return (
    ms.find((m) => canon(m.number) === canon(mt.number) && canon(m.title) === canon(mt.title)) ??
    (mt.title !== '' ? ms.find((m) => canon(m.title) === canon(mt.title)) : undefined) ??
    (mt.number !== '' ? ms.find((m) => canon(m.number) === canon(mt.number)) : undefined)
  );
}

/** Reads 他の基本目標 back: the links, or the part no goal (or measure) of the strategy matches. */
function readAlsoUnder(w: Work, text: string): { links: ProjectLink[]; unknown: string | null } {
  const links: ProjectLink[] = [];
  for (const part of normalizeWidth(text).split(/[、,，;；]/)) {
    const p = part.trim();
    if (p === '') continue;
    const [gPart, mPart] = p.split(/\s*\/\s*/);
    const goal = w.all('goals').find((g) => canon(g.number) === canon(gPart ?? '') || canon(g.title) === canon(gPart ?? ''));
    if (!goal) return { links, unknown: p };
    let measureId: string | null = null;
    if (mPart) {
      const m = findMeasure(w, goal.id, { number: mPart, title: '' }) ?? findMeasure(w, goal.id, { number: '', title: mPart });
      if (!m) return { links, unknown: p };
      measureId = m.id;
    }
    if (!links.some((l) => l.goalId === goal.id)) links.push({ goalId: goal.id, measureId });
  }
  return { links, unknown: null };
}
const live = <T extends { deletedAt: string | null }>(r: T) => r.deletedAt === null;

/** A value read from a cell: the measurement, and whether it came from a number cell. */
interface ReadValue {
  m: Measurement | null;
  numeric: boolean;
  year: number | null;
  kind: ValueKind;
  column: string;
  input: string;
}

/** Where an imported value landed: a KPI's 基準値 / 目標値, or a year's 目標 / 実績. */
export type LandedField = 'baseline' | 'finalTarget' | 'yearTarget' | 'actual';

interface Landed {
  field: LandedField;
  fy: number | null;
  m: Measurement;
  row: number;
  column: string;
  input: string;
}

/**
 * A value that is off from its KPI's other values by a factor of about 100 or 1,000 (a percent
 * cell typed as 0.875 among 87.5s, 千円 among 円): shown on the cell in the preview, not refused.
 */
export interface ScaleWarning {
  row: number;
  column: string;
  input: string;
  /** 「2 商工活動支援事業 / 相談件数」 */
  subject: string;
  /** 100 or 1000: how far off. */
  factor: 100 | 1000;
  /** Whether the value is that much larger (true) or smaller than the others. */
  larger: boolean;
  /** The KPI's other values, as the preview shows them: 「87.5%」. */
  typical: string;
}

/** One cell of the preview's value table. */
export interface PreviewCell {
  /** The value after the import, as the KPI page shows it. */
  text: string;
  /** The value before, when the import changes it ('' = empty before). */
  before: string | null;
  /** Row and column of the sheet it came from; null when the import did not touch it. */
  row: number | null;
  column: string;
  warning: ScaleWarning | null;
}

/** One KPI of the preview's value table: where the values land, and what they are. */
export interface PreviewKpi {
  kpiId: string;
  subject: string;
  unit: string;
  isNew: boolean;
  baseline: PreviewCell | null;
  finalTarget: PreviewCell | null;
  years: { fy: number; target: PreviewCell | null; actual: PreviewCell | null }[];
}

type ListedKind = 'goals' | 'measures';

/** The working copy of the strategy: records as they will be after the import. */
class Work {
  readonly strategy: Strategy;
  readonly ctx: RecordContext;
  readonly original = new Map<string, unknown>();
  readonly current = new Map<string, { kind: RecordKind; record: RecordOfKind[RecordKind] }>();
  readonly created = new Set<string>();
  readonly touched = new Set<string>();
  readonly rowOf = new Map<string, number>();
  /** Values the sheet gave each KPI, in sheet order. */
  readonly landed = new Map<string, Landed[]>();
  /** Goals and 施策 by id (the kinds whose whole list is asked for; the others are many and looked up by index). */
  readonly #byKind = new Map<ListedKind, Map<string, RecordOfKind[ListedKind]>>();
  /**
   * Yearly records by KPI (or project) and fiscal year, and each KPI's yearly records. Maps in
   * maps, not `${kpiId}:${fiscalYear}` keys: a key string made, hashed and dropped per lookup was
   * a good part of a 100,000-row import.
   */
  readonly #kpiYearIds = new Map<string, Map<number, string>>();
  readonly #projectYearIds = new Map<string, Map<number, string>>();
  readonly #kpiYearsOf = new Map<string, Set<string>>();
  /**
   * Lookups kept up to date as records are created and patched, so that each row is matched in
   * constant time (scanning and sorting every project per row made 10,000 rows take half a minute).
   */
  readonly #index = new Map<string, Set<string>>();
  /** The next free `order` under a parent: `g:` goals, `p:<goal>` projects, `k:<parent>` KPIs. */
  readonly #nextOrder = new Map<string, number>();

  constructor(strategy: Strategy, records: WorkbookRecords | null, ctx: RecordContext) {
    this.strategy = strategy;
    this.ctx = ctx;
    if (records) {
      const put = <K extends RecordKind>(kind: K, list: RecordOfKind[K][]) => {
        for (const r of list.filter(live)) {
          this.original.set(r.id, r);
          this.#set(kind, r);
        }
      };
      put('goals', records.goals);
      put('measures', records.measures);
      put('projects', records.projects);
      put('kpis', records.kpis);
      put('kpiYears', records.kpiYears);
      put('projectYears', records.projectYears);
    }
  }

  /** The index keys of a record (its parent, number and name, canonicalised). */
  static keys(kind: RecordKind, r: RecordOfKind[RecordKind]): string[] {
    if (kind === 'projects') {
      const p = r as Project;
      return [`pg:${p.goalId}`, `pn:${canon(p.name)}`, `pno:${p.goalId}:${canon(p.number)}`];
    }
    if (kind === 'kpis') {
      const k = r as Kpi;
      const parent = kpiParentOf(k);
      return [`kp:${parent}`, `kn:${parent}:${canon(k.name)}`];
    }
    return [];
  }

  /** Ids under an index key. */
  ids(key: string): ReadonlySet<string> {
    return this.#index.get(key) ?? EMPTY;
  }

  /** Of the ids under a key, the records in display order. */
  ordered<K extends RecordKind>(key: string): RecordOfKind[K][] {
    const list = [...this.ids(key)].map((id) => this.get<K>(id));
    return list.sort((a, b) => ((a as { order: number }).order ?? 0) - ((b as { order: number }).order ?? 0));
  }

  nextOrder(parent: string): number {
    return this.#nextOrder.get(parent) ?? 0;
  }

  #set<K extends RecordKind>(kind: K, record: RecordOfKind[K]) {
    const prev = this.current.get(record.id)?.record;
    if (kind === 'projects' || kind === 'kpis') {
      const a = prev as (Project & Kpi) | undefined;
      const b = record as unknown as Project & Kpi;
      const moved = !a || a.name !== b.name || a.number !== b.number || a.goalId !== b.goalId || a.projectId !== b.projectId;
      if (moved) {
        if (a) for (const key of Work.keys(kind, a)) this.#index.get(key)?.delete(record.id);
        for (const key of Work.keys(kind, record)) {
          let set = this.#index.get(key);
          if (!set) this.#index.set(key, (set = new Set()));
          set.add(record.id);
        }
      }
    }
    if ('order' in record && typeof record.order === 'number') {
      const parent =
        kind === 'goals' ? 'g:' : kind === 'projects' ? `p:${(record as Project).goalId}` : kind === 'kpis' ? `k:${kpiParentOf(record as Kpi)}` : null;
      if (parent !== null) this.#nextOrder.set(parent, Math.max(this.#nextOrder.get(parent) ?? 0, record.order + 1));
    }
    this.current.set(record.id, { kind, record });
    if (kind === 'goals' || kind === 'measures') {
      let m = this.#byKind.get(kind);
      if (!m) this.#byKind.set(kind, (m = new Map()));
      m.set(record.id, record as RecordOfKind[ListedKind]);
    } else if (kind === 'kpiYears') {
      const y = record as KpiYear;
      let byYear = this.#kpiYearIds.get(y.kpiId);
      if (!byYear) this.#kpiYearIds.set(y.kpiId, (byYear = new Map()));
      byYear.set(y.fiscalYear, y.id);
      let ids = this.#kpiYearsOf.get(y.kpiId);
      if (!ids) this.#kpiYearsOf.set(y.kpiId, (ids = new Set()));
      ids.add(y.id);
    } else if (kind === 'projectYears') {
      const y = record as ProjectYear;
      let byYear = this.#projectYearIds.get(y.projectId);
      if (!byYear) this.#projectYearIds.set(y.projectId, (byYear = new Map()));
      byYear.set(y.fiscalYear, y.id);
    }
  }

  /** Live records of a kind, in their display order. */
  all<K extends ListedKind>(kind: K): RecordOfKind[K][] {
    const list = [...(this.#byKind.get(kind)?.values() ?? [])] as RecordOfKind[K][];
    return list.sort((a, b) => ('order' in a && 'order' in b ? (a.order as number) - (b.order as number) : 0));
  }

  get<K extends RecordKind>(id: string): RecordOfKind[K] {
    return this.current.get(id)!.record as RecordOfKind[K];
  }

  kpiYear(kpiId: string, fy: number): KpiYear | undefined {
    const id = this.#kpiYearIds.get(kpiId)?.get(fy);
    return id ? this.get<'kpiYears'>(id) : undefined;
  }

  kpiYearsOf(kpiId: string): KpiYear[] {
    return [...(this.#kpiYearsOf.get(kpiId) ?? [])].map((id) => this.get<'kpiYears'>(id));
  }

  projectYear(projectId: string, fy: number): ProjectYear | undefined {
    const id = this.#projectYearIds.get(projectId)?.get(fy);
    return id ? this.get<'projectYears'>(id) : undefined;
  }

  create<K extends RecordKind>(kind: K, fields: Omit<RecordOfKind[K], keyof RecordMeta>, row: number): RecordOfKind[K] {
    const record = createRecord<RecordOfKind[K]>(this.ctx, this.strategy.id, fields as never);
    this.#set(kind, record);
    this.created.add(record.id);
    this.touched.add(record.id);
    this.rowOf.set(record.id, row);
    return record;
  }

  patch<K extends RecordKind>(kind: K, id: string, patch: Partial<RecordOfKind[K]>, row: number): RecordOfKind[K] {
    const before = this.get<K>(id);
    // A record made by this import stays "new": it is created once with its final fields.
    let next = this.created.has(id) ? ({ ...before, ...patch } as RecordOfKind[K]) : applyPatch(this.ctx, before, patch as never);
    // Patched by several rows, a record is still written once: one revision past the stored one.
    const original = this.original.get(id) as RecordOfKind[K] | undefined;
    if (original && next !== before) next = { ...next, rev: original.rev + 1 };
    if (!sameValue(next, before)) {
      this.#set(kind, next);
      this.touched.add(id);
      this.rowOf.set(id, row);
    }
    return next;
  }
}

function findGoal(w: Work, g: NumberedTitle): Goal | undefined {
  const goals = w.all('goals');
  if (g.number !== '') {
    const byNumber = goals.find((x) => canon(x.number) === canon(g.number));
    if (byNumber) return byNumber;
  }
  if (g.title !== '') return goals.find((x) => canon(x.title) === canon(g.title));
  return undefined;
}

function findProject(w: Work, goal: Goal | undefined, row: SheetRow): Project | undefined {
  if (goal && row.projectNumber !== '') {
    const byNumber = w.ids(`pno:${goal.id}:${canon(row.projectNumber)}`);
    if (byNumber.size === 1) return w.get<'projects'>([...byNumber][0]!);
  }
  if (row.projectName === '') return undefined;
  const named = w.ordered<'projects'>(`pn:${canon(row.projectName)}`);
  return goal ? named.find((p) => p.goalId === goal.id) : named[0];
}

/** The KPIs of a project, a 施策's own, or a goal's own 数値目標 (no project); with a name, only those so named. */
function kpisUnder(w: Work, goal: Goal | undefined, project: Project | undefined, name?: string, measure?: Measure): Kpi[] {
  const parent = project ? kpiParent(project.goalId, project.id) : measure ? kpiParent(measure.goalId, null, measure.id) : goal ? kpiParent(goal.id, null) : null;
  if (parent === null) return [];
  return w.ordered<'kpis'>(name === undefined ? `kp:${parent}` : `kn:${parent}:${canon(name)}`);
}

function kpiCountUnder(w: Work, goal: Goal | undefined, project: Project | undefined): number {
  const parent = project ? kpiParent(project.goalId, project.id) : goal ? kpiParent(goal.id, null) : null;
  return parent === null ? 0 : w.ids(`kp:${parent}`).size;
}

/** Whether a measurement says no more than a number (約 and 以上 aside). */
function onlyNumber(m: Measurement): boolean {
  return (
    m.value !== null &&
    m.text === undefined &&
    m.status === undefined &&
    !m.provisional &&
    m.statPeriod === undefined &&
    (m.remark === undefined || (THRESHOLD_REMARKS as readonly string[]).includes(m.remark))
  );
}

/** Whether `read` is `stored` with only the KPI's own direction word (以上 / 以下) added. */
function restatesDirection(kpi: Kpi, stored: Measurement, read: Measurement): boolean {
  const word = kpi.direction === 'atLeast' ? '以上' : kpi.direction === 'atMost' ? '以下' : null;
  if (word === null || stored.remark !== undefined || read.remark !== word) return false;
  const { remark: _word, ...rest } = read;
  return JSON.stringify(Object.entries(rest).sort()) === JSON.stringify(Object.entries(stored).sort());
}

function valueOf(v: ReadValue, existing: Measurement | null | undefined): Measurement | null {
  if (v.numeric && v.m && v.m.value !== null) return mergeNumber(existing, v.m.value);
  return v.m;
}

/** Builds the plan for a sheet read against a strategy. */
export function planImport(sheet: ReadSheet, target: PlanTarget, ctx: RecordContext, progress?: PlanProgress): ImportPlan {
  const strategy =
    target.mode === 'update'
      ? target.records.strategy
      : createRecord<Strategy>(ctx, null, { ...strategyDefaults(target.strategy.startYear), ...target.strategy });
  const w = new Work(strategy, target.mode === 'update' ? target.records : null, ctx);
  const issues: RowIssue[] = [];
  let skipped = 0;
  const yearTargets: { kpiId: string; fy: number; value: ReadValue; row: number }[] = [];
  let defaultGoal: Goal | null = null;
  const pendingLinks: { projectId: string; text: string; column: string; row: number }[] = [];

  let rowsDone = 0;
  for (const row of sheet.rows) {
    if (progress && ++rowsDone % 2000 === 0) progress(rowsDone, sheet.rows.length);
    const rowIssues: RowIssue[] = [];
    const issue = (code: IssueCode, column: string, input: string, error?: MeasurementParseError) =>
      rowIssues.push({ row: row.row, code, column, input, ...(error ? { error } : {}) });

    // ---- identify (nothing is created before the whole row reads) --------------------------
    const hasProject = row.projectName !== '' || row.projectNumber !== '';
    const hasData = row.values.length > 0 || row.texts.length > 0;
    if (!hasProject && row.kpiName === '') {
      if (hasData) issue('noSubject', '', '');
      if (rowIssues.length) {
        issues.push(...rowIssues);
        skipped++;
      }
      continue;
    }
    // 「（基本目標なし）」: a project directly under the strategy.
    const direct = isNoGoal(row.goal) && hasProject;
    const goalRef = isNoGoal(row.goal) ? null : row.goal;
    const existingGoal = direct ? undefined : goalRef ? findGoal(w, goalRef) : (defaultGoal ?? undefined);
    // Without a goal column or heading, a project is looked for by name across the strategy.
    const existingProject = !hasProject
      ? undefined
      : direct
        ? findProject(w, undefined, row)
        : goalRef
          ? existingGoal
            ? findProject(w, existingGoal, row)
            : undefined
          : findProject(w, undefined, row);
    const goalKnown = !!goalRef || direct || !!existingProject || target.mode === 'create';
    if (!goalKnown) {
      issue('noGoal', '', row.projectName || row.projectNumber || row.kpiName);
    }
    // A row with a 施策 and a KPI but no project: the 施策's own KPI.
    const existingMeasure = !hasProject && row.measure && existingGoal ? findMeasure(w, existingGoal.id, row.measure) : undefined;
    const kpiScope = existingProject ? undefined : existingGoal;
    let existingKpi = row.kpiName !== '' ? kpisUnder(w, kpiScope, existingProject, row.kpiName, existingMeasure)[0] : undefined;
    if (!hasProject && row.measure && !existingMeasure) existingKpi = undefined;
    const kpiValues = row.values;
    if (row.kpiName === '' && (kpiValues.length > 0 || row.texts.some((x) => x.kind !== 'progress'))) {
      // Values without a KPI name belong to the project's only KPI.
      if (existingProject && kpiCountUnder(w, undefined, existingProject) === 1) existingKpi = kpisUnder(w, undefined, existingProject)[0];
      else issue('noKpi', '', row.projectName || row.projectNumber);
    }

    // ---- unit, kind, direction, years -------------------------------------------------------
    let unit = row.unit !== '' ? row.unit.trim() : (existingKpi?.unit ?? '');
    if (row.unit === '' && !existingKpi) {
      for (const v of kpiValues) {
        const u = unitOf(v.cell);
        if (u) {
          unit = u;
          break;
        }
      }
    }
    const finalCell = kpiValues.find((v) => v.kind === 'finalTarget')?.cell ?? null;
    const kind: KpiKind = existingKpi?.kind ?? (looksLikeMilestone(finalCell) ? 'milestone' : 'numeric');
    let direction: KpiDirection | null = null;
    if (row.direction) {
      direction = readDirection(row.direction.text);
      if (direction === null) issue('direction', row.direction.column, row.direction.text);
    }
    const cumulative = row.cumulative ? readCumulative(row.cumulative.text) : null;
    if (row.cumulative && cumulative === null) issue('cumulative', row.cumulative.column, row.cumulative.text);
    const readYearCell = (ref: { cell: RawCell; column: string } | null): number | null => {
      if (!ref) return null;
      const y = readYear(ref.cell);
      if (y === null) issue('year', ref.column, String(ref.cell ?? ''));
      return y;
    };
    const baselineYear = readYearCell(row.baselineYear);
    const targetYear = readYearCell(row.targetYear);
    const needsRowYear =
      kpiValues.some((v) => v.year === null && (v.kind === 'actual' || v.kind === 'yearTarget')) ||
      row.texts.some((x) => x.year === null && (x.kind === 'progress' || x.kind === 'shortfallReason'));
    let rowYear: number | null = null;
    if (needsRowYear) {
      if (!row.fiscalYear) issue('noYear', '', '');
      else rowYear = readYearCell(row.fiscalYear);
    }

    const values: ReadValue[] = [];
    for (const v of kpiValues) {
      const role = v.kind === 'baseline' ? 'baseline' : v.kind === 'actual' ? 'actual' : 'target';
      const r = readValue(v.cell, unit, kind, role);
      if (!r.ok) issue('value', v.column, String(v.cell ?? ''), r.error);
      else values.push({ m: r.measurement, numeric: typeof v.cell === 'number', year: yearOf(v, rowYear), kind: v.kind, column: v.column, input: cellString(v.cell) });
    }

    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      skipped++;
      continue;
    }

    // ---- apply ----------------------------------------------------------------------------
    const r = row.row;
    let goal: Goal | undefined = existingGoal;
    if (!goal && goalRef) {
      goal = w.create('goals', { ...goalDefaults(w.nextOrder('g:')), number: goalRef.number || String(w.all('goals').length + 1), title: goalRef.title }, r);
    }
    if (!goal && existingProject && existingProject.goalId !== null) goal = w.get<'goals'>(existingProject.goalId);
    const underStrategy = !goal && (direct || (existingProject !== undefined && existingProject.goalId === null));
    if (!goal && !underStrategy && target.mode === 'create') {
      defaultGoal ??= w.create('goals', { ...goalDefaults(0), number: '1', title: target.defaultGoalTitle }, r);
      goal = defaultGoal;
    }
    if (!goal && !underStrategy) continue;
    if (goal && goalRef && goalRef.title !== '' && canon(goal.title) !== canon(goalRef.title)) goal = w.patch('goals', goal.id, { title: goalRef.title }, r);
    if (goal && row.goalDirections.length > 0 && goal.directions.length === 0) goal = w.patch('goals', goal.id, { directions: row.goalDirections }, r);

    let measureId: string | null | undefined;
    if (row.measure && goal) {
      const ms = w.all('measures').filter((m) => m.goalId === goal!.id);
      const mt = row.measure;
      const found = findMeasure(w, goal.id, mt);
      measureId = (found ?? w.create('measures', { ...measureDefaults(goal.id, null, nextOrder(ms.filter((m) => m.parentId === null))), number: mt.number, title: mt.title }, r)).id;
    }
    const goalId = goal?.id ?? null;

    let project: Project | undefined = existingProject;
    if (hasProject) {
      const departments = row.departments !== '' ? splitDepartments(row.departments) : undefined;
      if (!project) {
        project = w.create(
          'projects',
          {
            ...projectDefaults(goalId, measureId ?? null, w.nextOrder(`p:${goalId}`)),
            number: row.projectNumber,
            name: row.projectName || row.projectNumber,
            summary: row.projectSummary,
            departments: departments ?? [],
          },
          r,
        );
      } else {
        const patch: Partial<Project> = {};
        if (row.projectName !== '' && canon(project.name) !== canon(row.projectName)) patch.name = row.projectName;
        if (row.projectNumber !== '' && canon(project.number) !== canon(row.projectNumber)) patch.number = row.projectNumber;
        if (row.projectSummary !== '') patch.summary = row.projectSummary;
        if (departments) patch.departments = departments;
        if (measureId !== undefined) patch.measureId = measureId;
        project = w.patch('projects', project.id, patch, r);
      }
    }

    // 他の基本目標 is read once every row is in: it may name a goal that a later row brings.
    if (project && row.alsoUnder) pendingLinks.push({ projectId: project.id, text: row.alsoUnder.text, column: row.alsoUnder.column, row: r });

    // Project texts of a year (進捗状況・課題等).
    for (const x of row.texts) {
      if (x.kind !== 'progress' || !project) continue;
      const fy = x.year ?? rowYear;
      if (fy === null) continue;
      const py = w.projectYear(project.id, fy);
      if (py) w.patch('projectYears', py.id, { progress: x.text }, r);
      else w.create('projectYears', { ...projectYearDefaults(project.id, fy), progress: x.text }, r);
    }

    let kpi: Kpi | undefined = existingKpi;
    if (!kpi && row.kpiName === '') continue;
    const value = (k: ValueKind) => values.find((v) => v.kind === k);
    const baseline = value('baseline');
    const final = value('finalTarget');
    const patch: Partial<Kpi> = {};
    if (row.unit !== '' || !kpi) patch.unit = unit;
    if (direction) patch.direction = direction;
    if (cumulative) {
      // The whole 累計 setting as the cell states it: what it leaves out is the plain running total.
      patch.cumulative = cumulative.cumulative;
      patch.cumulativeFrom = cumulative.cumulativeFrom;
      if (cumulative.cumulativeEntry || kpi?.cumulativeEntry) patch.cumulativeEntry = cumulative.cumulativeEntry ?? 'total';
      if (cumulative.cumulativeJudged || kpi?.cumulativeJudged) patch.cumulativeJudged = cumulative.cumulativeJudged ?? 'total';
    }
    else if (!kpi && final?.m?.remark === '以上') patch.direction = 'atLeast';
    else if (!kpi && final?.m?.remark === '以下') patch.direction = 'atMost';
    if (baseline?.m) patch.baseline = valueOf(baseline, kpi?.baseline);
    const by = baselineYear ?? (baseline?.m ? baseline.year : null);
    if (by !== null) patch.baselineYear = by;
    if (final?.m) {
      const m = valueOf(final, kpi?.target);
      // 「87.5%以上」 for a 〜以上 KPI whose target is 87.5: the word only restates the direction
      // (the progress table prints a threshold so), the target is unchanged.
      patch.target = kpi?.target && m && restatesDirection(kpi, kpi.target, m) ? kpi.target : m;
    }
    const ty = targetYear ?? (final?.m ? final.year : null);
    if (ty !== null) patch.targetYear = ty;
    const note = row.texts.find((x) => x.kind === 'kpiNote');
    if (note) patch.note = note.text;
    if (!kpi) {
      const kpiMeasure = project ? null : (measureId ?? null);
      kpi = w.create(
        'kpis',
        { ...kpiDefaults(goalId, project?.id ?? null, w.nextOrder(`k:${kpiParent(goalId, project?.id ?? null, kpiMeasure)}`), kpiMeasure), name: row.kpiName, kind, ...patch },
        r,
      );
    } else {
      kpi = w.patch('kpis', kpi.id, patch, r);
    }
    const kpiId = kpi.id;
    let landed = w.landed.get(kpiId);
    if (!landed) w.landed.set(kpiId, (landed = []));
    for (const v of values) {
      if (!v.m) continue;
      const fy = v.kind === 'baseline' ? (by ?? v.year) : v.kind === 'finalTarget' ? (ty ?? v.year) : v.year;
      landed.push({ field: v.kind, fy, m: v.m, row: r, column: v.column, input: v.input });
    }

    // Yearly values: actuals and 未達理由 now; targets once every KPI field is known.
    const upsertYear = (fy: number, p: Partial<KpiYear>) => {
      const y = w.kpiYear(kpiId, fy);
      if (y) w.patch('kpiYears', y.id, p, r);
      else w.create('kpiYears', { ...kpiYearDefaults(kpiId, fy), ...p }, r);
    };
    for (const v of values) {
      if (v.year === null || !v.m) continue;
      if (v.kind === 'actual') upsertYear(v.year, { actual: valueOf(v, w.kpiYear(kpiId, v.year)?.actual) });
      else if (v.kind === 'yearTarget') yearTargets.push({ kpiId, fy: v.year, value: v, row: r });
    }
    for (const x of row.texts) {
      if (x.kind !== 'shortfallReason') continue;
      const fy = x.year ?? rowYear;
      if (fy !== null) upsertYear(fy, { shortfallReason: x.text });
    }
  }

  // Further places of projects (他の基本目標): a cell naming no goal or measure of the strategy is
  // reported and leaves the project's places as they were.
  for (const l of pendingLinks) {
    const read = readAlsoUnder(w, l.text);
    if (read.unknown !== null) {
      issues.push({ row: l.row, code: 'alsoUnder', column: l.column, input: read.unknown });
      continue;
    }
    const project = w.get<'projects'>(l.projectId);
    const links = read.links.filter((x) => x.goalId !== project.goalId);
    if (JSON.stringify(links) !== JSON.stringify(project.alsoUnder ?? [])) w.patch('projects', project.id, { alsoUnder: links }, l.row);
  }

  // Yearly targets: stored only where they say more than the engine derives.
  for (const yt of yearTargets) {
    const kpi = w.get<'kpis'>(yt.kpiId);
    const record = w.kpiYear(yt.kpiId, yt.fy);
    const m = yt.value.m!;
    let next: Measurement | null = valueOf(yt.value, record?.target);
    if (!record?.target && onlyNumber(m)) {
      const others = w.kpiYearsOf(yt.kpiId).map((y) => (y.fiscalYear === yt.fy ? { ...y, target: null } : y));
      const index = indexYears(kpi, others);
      const derived = resolveYearTarget(kpi, index, yt.fy);
      // Interpolated targets are exported rounded to the unit's sense (3,675.5 → 3,676).
      const shown = derived?.value != null && derived.interpolated ? roundToSense(derived.value, kpi, index) : derived?.value;
      if (shown != null && m.value !== null && formatNumber(shown) === formatNumber(m.value)) next = null;
    }
    if (next === null) continue;
    if (record) w.patch('kpiYears', record.id, { target: next }, yt.row);
    else w.create('kpiYears', { ...kpiYearDefaults(yt.kpiId, yt.fy), target: next }, yt.row);
  }

  return finish(w, target.mode, issues, sheet.rows.length, skipped);
}

/** The factor (100 or 1,000) by which a is off from b, if it is (within a third either way). */
function scaleFactor(a: number, b: number): { factor: 100 | 1000; larger: boolean } | null {
  if (a === 0 || b === 0) return null;
  const ratio = Math.abs(a) / Math.abs(b);
  for (const factor of [100, 1000] as const) {
    if (ratio >= factor * 0.7 && ratio <= factor * 1.4) return { factor, larger: true };
    if (ratio <= 1 / (factor * 0.7) && ratio >= 1 / (factor * 1.4)) return { factor, larger: false };
  }
  return null;
}

/** The median of numbers (for a KPI's "usual" size). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function yearOf(v: RowValue, rowYear: number | null): number | null {
  if (v.kind === 'baseline' || v.kind === 'finalTarget') return v.year;
  return v.year ?? rowYear;
}

// ---------------------------------------------------------------------------------------------
// The preview

const wareki = (y: number | null | undefined) => (y == null ? '' : formatFiscalYear(y, 'wareki'));
const numbered = (n: string, t: string) => [n, t].filter((s) => s !== '').join(' ');

function finish(w: Work, mode: 'create' | 'update', issues: RowIssue[], rowsRead: number, rowsSkipped: number): ImportPlan {
  const written: WrittenRecords = { strategies: [], goals: [], measures: [], projects: [], kpis: [], kpiYears: [], projectYears: [], meetings: [], opinions: [] };
  if (mode === 'create') written.strategies.push(w.strategy);
  const kept: PlanChange[] = [];
  const changeTotals = { add: 0, change: 0 };
  const changes = {
    push(c: PlanChange) {
      if (changeTotals[c.kind]++ < KEPT_CHANGES) kept.push(c);
    },
  };
  const added = { goals: 0, measures: 0, projects: 0, kpis: 0 };
  let changedValues = 0;

  const kpiSubject = (k: Kpi) => {
    const p = k.projectId ? (w.current.get(k.projectId)?.record as Project | undefined) : undefined;
    return p ? `${numbered(p.number, p.name)} / ${k.name}` : k.name;
  };
  const projectSubject = (p: Project) => numbered(p.number, p.name);
  const unitOfKpi = (id: string) => (w.current.get(id)?.record as Kpi | undefined)?.unit ?? '';
  const measure = (m: Measurement | null | undefined, unit: string) => (m ? formatMeasurement(m, unit) : '');

  const fieldChanges = <T>(
    recordKind: RecordKind,
    id: string,
    subject: string,
    fields: [ChangeField, (r: T) => string][],
  ) => {
    const before = w.original.get(id) as T | undefined;
    const after = w.get(id) as unknown as T;
    for (const [field, show] of fields) {
      const a = show(after);
      const b = before ? show(before) : '';
      if (a === b) continue;
      changes.push({ kind: 'change', recordKind, row: w.rowOf.get(id) ?? 0, subject, field, before: b, after: a });
      changedValues++;
    }
  };

  for (const id of w.touched) {
    const { kind, record } = w.current.get(id)!;
    (written[kind] as unknown[]).push(record);
    const isNew = w.created.has(id);
    const row = w.rowOf.get(id) ?? 0;
    // The subject is made only for the lines kept (a 100,000-row sheet adds 200,000 records).
    const add = (subject: () => string) => {
      if (changeTotals.add < KEPT_CHANGES) changes.push({ kind: 'add', recordKind: kind, row, subject: subject(), field: null, before: '', after: '' });
      else changeTotals.add++;
    };
    switch (kind) {
      case 'goals': {
        const g = record as Goal;
        if (isNew) {
          added.goals++;
          add(() => numbered(g.number, g.title));
        } else
          fieldChanges<Goal>(kind, id, numbered(g.number, g.title), [
            ['title', (x) => x.title],
            ['directions', (x) => x.directions.join(' / ')],
          ]);
        break;
      }
      case 'measures': {
        const m = record as Measure;
        added.measures++;
        add(() => numbered(m.number, m.title));
        break;
      }
      case 'projects': {
        const p = record as Project;
        if (isNew) {
          added.projects++;
          add(() => projectSubject(p));
        } else
          fieldChanges<Project>(kind, id, projectSubject(p), [
            ['number', (x) => x.number],
            ['name', (x) => x.name],
            ['summary', (x) => x.summary],
            ['departments', (x) => x.departments.join('・')],
            ['measure', (x) => {
              const m = x.measureId ? (w.current.get(x.measureId)?.record as Measure | undefined) : undefined;
              return m ? numbered(m.number, m.title) : '';
            }],
            ['alsoUnder', (x) =>
              alsoUnderCellText(
                x.alsoUnder ?? [],
                (id) => w.current.get(id)?.record as Goal | undefined,
                (id) => w.current.get(id)?.record as Measure | undefined,
              ),
            ],
          ]);
        break;
      }
      case 'kpis': {
        const k = record as Kpi;
        if (isNew) {
          added.kpis++;
          add(() => kpiSubject(k));
        } else
          fieldChanges<Kpi>(kind, id, kpiSubject(k), [
            ['unit', (x) => x.unit],
            ['direction', (x) => DIRECTION_WORDS[x.direction]],
            ['cumulative', (x) => cumulativeWords(x)],
            ['baseline', (x) => measure(x.baseline, x.unit)],
            ['baselineYear', (x) => wareki(x.baselineYear)],
            ['target', (x) => measure(x.target, x.unit)],
            ['targetYear', (x) => wareki(x.targetYear)],
            ['note', (x) => x.note],
          ]);
        break;
      }
      case 'kpiYears': {
        const y = record as KpiYear;
        const k = w.current.get(y.kpiId)?.record as Kpi | undefined;
        if (k && w.created.has(k.id) && mode === 'create') {
          changedValues += [y.target, y.actual].filter(Boolean).length + (y.shortfallReason ? 1 : 0);
          break;
        }
        const unit = unitOfKpi(y.kpiId);
        fieldChanges<KpiYear>(kind, id, `${k ? kpiSubject(k) : ''} / ${wareki(y.fiscalYear)}`, [
          ['yearTarget', (x) => measure(x.target, unit)],
          ['actual', (x) => measure(x.actual, unit)],
          ['shortfallReason', (x) => x.shortfallReason],
        ]);
        break;
      }
      case 'projectYears': {
        const y = record as ProjectYear;
        const p = w.current.get(y.projectId)?.record as Project | undefined;
        if (mode === 'create') {
          changedValues += y.progress ? 1 : 0;
          break;
        }
        fieldChanges<ProjectYear>(kind, id, `${p ? projectSubject(p) : ''} / ${wareki(y.fiscalYear)}`, [['progress', (x) => x.progress]]);
        break;
      }
      default:
        break;
    }
  }
  kept.sort((a, b) => a.row - b.row);

  // ---- values as they land: the preview's table, and values off by ×100 / ×1,000 -------------
  const warnings: ScaleWarning[] = [];
  const preview: PreviewKpi[] = [];
  const years = new Set<number>();
  let previewTotal = 0;
  for (const [kpiId, landed] of w.landed) {
    const k = w.get<'kpis'>(kpiId);
    const subject = kpiSubject(k);
    const unit = k.unit;
    // The KPI's values after the import, each with where it came from (null: already stored).
    const all: { value: number; from: Landed | null }[] = [];
    const fromSheet = new Set<string>();
    for (const l of landed) fromSheet.add(`${l.field}:${l.fy ?? ''}`);
    for (const l of landed) if (l.m.value !== null && Number.isFinite(l.m.value)) all.push({ value: l.m.value, from: l });
    const stored = w.original.get(kpiId) as Kpi | undefined;
    if (stored?.baseline?.value != null && !fromSheet.has(`baseline:${stored.baselineYear ?? ''}`) && !landed.some((l) => l.field === 'baseline')) all.push({ value: stored.baseline.value, from: null });
    if (stored?.target?.value != null && !landed.some((l) => l.field === 'finalTarget')) all.push({ value: stored.target.value, from: null });
    for (const y of w.kpiYearsOf(kpiId)) {
      const before = w.original.get(y.id) as KpiYear | undefined;
      if (before?.actual?.value != null && !fromSheet.has(`actual:${y.fiscalYear}`)) all.push({ value: before.actual.value, from: null });
      if (before?.target?.value != null && !fromSheet.has(`yearTarget:${y.fiscalYear}`)) all.push({ value: before.target.value, from: null });
    }
    const warningOf = new Map<Landed, ScaleWarning>();
    const nonZero = all.filter((x) => x.value !== 0);
    for (const x of nonZero) {
      if (!x.from) continue;
      const others = nonZero.filter((o) => o !== x).map((o) => Math.abs(o.value));
      if (others.length === 0) continue;
      const usual = median(others);
      const off = scaleFactor(x.value, usual);
      // Only when the others agree among themselves (no other value is off the same way).
      if (!off || others.some((o) => scaleFactor(o, usual) !== null)) continue;
      const typicalOther = nonZero.find((o) => o !== x && scaleFactor(o.value, usual) === null)!;
      const warning: ScaleWarning = {
        row: x.from.row,
        column: x.from.column,
        input: x.from.input,
        subject,
        factor: off.factor,
        larger: off.larger,
        typical: formatMeasurement({ value: typicalOther.value }, unit),
      };
      warnings.push(warning);
      warningOf.set(x.from, warning);
    }

    if (previewTotal++ >= PREVIEW_KPIS) continue;
    const last = (field: LandedField, fy: number | null) => {
      let found: Landed | undefined;
      for (const l of landed) if (l.field === field && (fy === null || l.fy === fy)) found = l;
      return found;
    };
    const cell = (field: LandedField, fy: number | null, now: Measurement | null | undefined, then: Measurement | null | undefined, hasBefore: boolean): PreviewCell | null => {
      const l = last(field, fy);
      const text = measure(now, unit);
      if (!l && text === '') return null;
      const beforeText = hasBefore ? measure(then, unit) : '';
      return {
        text: text === '' && l ? formatMeasurement(l.m, unit) : text,
        before: l && hasBefore && beforeText !== text ? beforeText : null,
        row: l?.row ?? null,
        column: l?.column ?? '',
        warning: l ? (warningOf.get(l) ?? null) : null,
      };
    };
    const fys = new Set<number>();
    for (const l of landed) if ((l.field === 'actual' || l.field === 'yearTarget') && l.fy !== null) fys.add(l.fy);
    for (const y of fys) years.add(y);
    preview.push({
      kpiId,
      subject,
      unit,
      isNew: w.created.has(kpiId),
      baseline: cell('baseline', null, k.baseline, stored?.baseline, !!stored),
      finalTarget: cell('finalTarget', null, k.target, stored?.target, !!stored),
      years: [...fys]
        .sort((a, b) => a - b)
        .map((fy) => {
          const y = w.kpiYear(kpiId, fy);
          const before = y ? (w.original.get(y.id) as KpiYear | undefined) : undefined;
          return {
            fy,
            target: cell('yearTarget', fy, y?.target, before?.target, !!before),
            actual: cell('actual', fy, y?.actual, before?.actual, !!before),
          };
        }),
    });
  }
  warnings.sort((a, b) => a.row - b.row);
  const previewYears = [...years].sort((a, b) => a - b);
  return { mode, strategy: w.strategy, written, changes: kept, changeTotals, added, changedValues, issues, warnings, preview, previewTotal, previewYears, rowsRead, rowsSkipped };
}

/** The records of a new strategy, as {@link WorkbookRepository.addWorkbook} takes them. */
export function newWorkbookRecords(plan: ImportPlan): WorkbookRecords {
  return {
    strategy: plan.strategy,
    goals: plan.written.goals,
    measures: plan.written.measures,
    projects: plan.written.projects,
    kpis: plan.written.kpis,
    kpiYears: plan.written.kpiYears,
    projectYears: plan.written.projectYears,
    meetings: [],
    opinions: [],
  };
}
