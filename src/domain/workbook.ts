/**
 * A workbook is one strategy with every record under it. This module holds the pure helpers that
 * read a workbook as a tree (goal → measures → projects → KPIs) and put children in order. A measure
 * may carry KPIs of its own; a project may stand directly under the strategy, and may be listed
 * under further goals by links (Project.alsoUnder).
 */
import type { Strategy } from './entities/strategy';
import type { Goal } from './entities/goal';
import type { Measure } from './entities/measure';
import type { Project } from './entities/project';
import type { Kpi } from './entities/kpi';
import type { KpiYear } from './entities/kpi-year';
import type { ProjectYear } from './entities/project-year';
import type { Meeting } from './entities/meeting';
import type { Opinion } from './entities/opinion';

/** Every record of one strategy (tombstones included where a caller asks for them). */
export interface WorkbookRecords {
  strategy: Strategy;
  goals: Goal[];
  measures: Measure[];
  projects: Project[];
  kpis: Kpi[];
  kpiYears: KpiYear[];
  projectYears: ProjectYear[];
  /** 会議 and 委員意見 (committee meetings and opinions). */
  meetings: Meeting[];
  opinions: Opinion[];
}

/** A project listed under a goal (and optionally a measure) besides its primary place. */
export interface LinkedProject {
  project: Project;
  goalId: string;
  measureId: string | null;
}

/** The record kinds, named as their storage tables. */
export type RecordKind =
  | 'strategies'
  | 'goals'
  | 'measures'
  | 'projects'
  | 'kpis'
  | 'kpiYears'
  | 'projectYears'
  | 'meetings'
  | 'opinions';
export const CHILD_KINDS = ['goals', 'measures', 'projects', 'kpis', 'kpiYears', 'projectYears', 'meetings', 'opinions'] as const;
export type ChildKind = (typeof CHILD_KINDS)[number];
/** Every record kind: the strategy and its children. */
export const RECORD_KINDS: readonly RecordKind[] = ['strategies', ...CHILD_KINDS];

export interface RecordOfKind {
  strategies: Strategy;
  goals: Goal;
  measures: Measure;
  projects: Project;
  kpis: Kpi;
  kpiYears: KpiYear;
  projectYears: ProjectYear;
  meetings: Meeting;
  opinions: Opinion;
}

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;
const live = <T extends { deletedAt: string | null }>(r: T) => r.deletedAt === null;
/** Japanese order, as `localeCompare(b, 'ja')` gives it: one collator (a new one per comparison cost 0.1 ms). */
const japaneseOrder = new Intl.Collator('ja').compare;

/** Read-only indexed view of a workbook, with tombstones left out. */
export class WorkbookView {
  readonly strategy: Strategy;
  readonly goals: Goal[];
  readonly #measuresByGoal = new Map<string, Measure[]>();
  readonly #projectsByGoal = new Map<string | null, Project[]>();
  readonly #linksByGoal = new Map<string, LinkedProject[]>();
  readonly #kpisByProject = new Map<string, Kpi[]>();
  readonly #goalKpis = new Map<string, Kpi[]>();
  readonly #measureKpis = new Map<string, Kpi[]>();
  /**
   * Each KPI's live yearly records: one list per KPI, no map per KPI (a KPI has a handful of years,
   * and a scan of them is cheaper than building and hashing a map; at 10,000 KPIs the maps were
   * most of the view's garbage). A list is in year order with one record per year, except those of
   * the KPIs in #kpiYearsUnsorted.
   */
  readonly #kpiYearLists: Map<string, KpiYear[]>;
  /**
   * KPIs whose list is not in strict year order as the records arrived (out of order, or two
   * records for one year): {@link WorkbookView.kpiYearsOf} sorts such a list once, on first
   * reading. Usually empty, so reading a list costs one map lookup.
   */
  readonly #kpiYearsUnsorted: Set<string>;
  /**
   * A patched view's yearly records of the KPIs edited since its indexes were built, sorted, one
   * per year (null: none live), read before the indexes (see the constructor).
   */
  readonly #kpiYearOverlay: Map<string, KpiYear[] | null> | null = null;
  readonly #projectYears = new Map<string, Map<number, ProjectYear>>();
  readonly #byId = new Map<string, Goal | Measure | Project | Kpi>();
  readonly #meetings: Meeting[];
  readonly #opinions = new Map<string, Opinion[]>();
  /** KPIs with two live records for one year (the later wins); a patch does not handle them. */
  readonly #duplicateYears = new Set<string>();
  #departments: readonly string[] | null = null;

  /**
   * `patch`: this view is `patch.from` with some KPIs' own records and yearly records replaced (see
   * {@link WorkbookView.patched}); everything else is shared with it.
   */
  constructor(records: WorkbookRecords, patch?: ViewPatch & { from: WorkbookView }) {
    if (patch) {
      const from = patch.from;
      this.strategy = records.strategy;
      this.goals = from.goals;
      this.#measuresByGoal = from.#measuresByGoal;
      this.#projectsByGoal = from.#projectsByGoal;
      this.#departments = from.#departments;
      this.#projectYears = from.#projectYears;
      this.#meetings = from.#meetings;
      this.#opinions = from.#opinions;
      this.#duplicateYears = from.#duplicateYears;
      this.#byId = from.#byId;
      this.#linksByGoal = from.#linksByGoal;
      this.#goalKpis = from.#goalKpis;
      this.#measureKpis = from.#measureKpis;
      this.#kpisByProject = from.#kpisByProject;
      if (patch.kpis.length > 0) {
        this.#byId = new Map(from.#byId);
        this.#goalKpis = new Map(from.#goalKpis);
        this.#measureKpis = new Map(from.#measureKpis);
        this.#kpisByProject = new Map(from.#kpisByProject);
        for (const k of patch.kpis) {
          this.#byId.set(k.id, k);
          // The same list the full build puts it in (its place did not change: see ViewPatch).
          const [lists, key] =
            k.projectId !== null
              ? [this.#kpisByProject, k.projectId]
              : k.measureId != null
                ? [this.#measureKpis, k.measureId]
                : [this.#goalKpis, k.goalId];
          if (key === null) continue;
          lists.set(key, (lists.get(key) ?? []).map((old) => (old.id === k.id ? k : old)));
        }
      }
      // The yearly records: this view reads the changed KPIs' from an overlay over the indexes it
      // shares with `from` (copying them would cost the whole strategy at every edit); the
      // overlay is folded into new indexes once it holds a 32nd of the KPIs (so that folding
      // costs each edit about 32 entries on average).
      this.#kpiYearLists = from.#kpiYearLists;
      this.#kpiYearsUnsorted = from.#kpiYearsUnsorted;
      const overlay = new Map(from.#kpiYearOverlay ?? []);
      for (const [kpiId, list] of patch.kpiYears) {
        // One record per year (WorkbookView.patched refuses two live records for one year).
        const sorted = list.filter(live).sort((a, b) => a.fiscalYear - b.fiscalYear);
        overlay.set(kpiId, sorted.length === 0 ? null : sorted);
      }
      if (overlay.size <= Math.max(8, from.#kpiYearLists.size >> 5)) {
        this.#kpiYearOverlay = overlay;
        return;
      }
      this.#kpiYearLists = new Map(from.#kpiYearLists);
      this.#kpiYearsUnsorted = new Set(from.#kpiYearsUnsorted);
      for (const [kpiId, list] of overlay) {
        this.#kpiYearsUnsorted.delete(kpiId);
        if (list) this.#kpiYearLists.set(kpiId, list);
        else this.#kpiYearLists.delete(kpiId);
      }
      return;
    }
    this.strategy = records.strategy;
    this.#kpiYearLists = new Map();
    this.#kpiYearsUnsorted = new Set();
    this.goals = records.goals.filter(live).sort(byOrder);
    for (const g of this.goals) this.#byId.set(g.id, g);
    for (const m of records.measures.filter(live).sort(byOrder)) {
      push(this.#measuresByGoal, m.goalId, m);
      this.#byId.set(m.id, m);
    }
    for (const p of records.projects.filter(live).sort(byOrder)) {
      push(this.#projectsByGoal, p.goalId, p);
      this.#byId.set(p.id, p);
      const seen = new Set<string | null>([p.goalId]);
      for (const link of p.alsoUnder ?? []) {
        // One listing per goal: a link to the primary goal, or a second link to one goal, adds nothing.
        if (seen.has(link.goalId)) continue;
        seen.add(link.goalId);
        // A link to a measure that is gone (or of another goal) lists the project directly under the goal.
        const m = link.measureId === null ? undefined : this.#byId.get(link.measureId);
        const measureId = m && 'parentId' in m && m.goalId === link.goalId ? m.id : null;
        push(this.#linksByGoal, link.goalId, { project: p, goalId: link.goalId, measureId });
      }
    }
    for (const k of records.kpis.filter(live).sort(byOrder)) {
      if (k.projectId !== null) push(this.#kpisByProject, k.projectId, k);
      else if (k.measureId != null) push(this.#measureKpis, k.measureId, k);
      else if (k.goalId !== null) push(this.#goalKpis, k.goalId, k);
      this.#byId.set(k.id, k);
    }
    for (const y of records.kpiYears) {
      if (y.deletedAt !== null) continue;
      const list = this.#kpiYearLists.get(y.kpiId);
      if (!list) {
        this.#kpiYearLists.set(y.kpiId, [y]);
        continue;
      }
      // While a list is in strict year order, a record after its last one cannot repeat a year.
      if (this.#kpiYearsUnsorted.has(y.kpiId) || list[list.length - 1]!.fiscalYear >= y.fiscalYear) {
        this.#kpiYearsUnsorted.add(y.kpiId);
        if (list.some((r) => r.fiscalYear === y.fiscalYear)) this.#duplicateYears.add(y.kpiId);
      }
      list.push(y);
    }
    this.#meetings = (records.meetings ?? []).filter(live).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
    for (const o of (records.opinions ?? []).filter(live).sort(byOrder)) push(this.#opinions, `${o.subjectKind}:${o.subjectId}`, o);
    for (const y of records.projectYears.filter(live)) {
      let m = this.#projectYears.get(y.projectId);
      if (!m) this.#projectYears.set(y.projectId, (m = new Map()));
      m.set(y.fiscalYear, y);
    }
  }

  /**
   * The view of `records`, which differ from this view's records only in the KPIs `patch` names:
   * their own records (same place in the outline: goal, project, order, not deleted) and their
   * yearly records. Shares every other index with this view, so an edit costs the changed KPIs,
   * not the strategy. Undefined when the patch cannot say it (a KPI with two live records for one
   * year): build a new view then.
   */
  patched(records: WorkbookRecords, patch: ViewPatch): WorkbookView | undefined {
    for (const [kpiId, list] of patch.kpiYears) {
      if (this.#duplicateYears.has(kpiId)) return undefined;
      const years = new Set<number>();
      for (const y of list) {
        if (!live(y)) continue;
        if (years.has(y.fiscalYear)) return undefined;
        years.add(y.fiscalYear);
      }
    }
    return new WorkbookView(records, { ...patch, from: this });
  }

  /** Every live yearly record of a KPI, as held now (in no particular order). */
  liveKpiYears(kpiId: string): readonly KpiYear[] {
    const patched = this.#kpiYearOverlay?.get(kpiId);
    if (patched !== undefined) return patched ?? [];
    return this.#kpiYearLists.get(kpiId) ?? [];
  }

  /** Fiscal years of the strategy's period, in order. */
  get years(): number[] {
    const out: number[] = [];
    for (let y = this.strategy.startYear; y <= this.strategy.endYear; y++) out.push(y);
    return out;
  }

  /** The goal of an id (undefined for null: a project directly under the strategy has none). */
  goal(id: string | null): Goal | undefined {
    if (id === null) return undefined;
    const r = this.#byId.get(id);
    return r && 'directions' in r ? r : undefined;
  }
  measure(id: string): Measure | undefined {
    const r = this.#byId.get(id);
    return r && 'parentId' in r ? r : undefined;
  }
  project(id: string): Project | undefined {
    const r = this.#byId.get(id);
    return r && 'departments' in r ? r : undefined;
  }
  kpi(id: string): Kpi | undefined {
    const r = this.#byId.get(id);
    return r && 'direction' in r ? r : undefined;
  }

  /** Measures of a goal directly under `parentId` (null = top level). */
  measuresOf(goalId: string, parentId: string | null = null): Measure[] {
    return (this.#measuresByGoal.get(goalId) ?? []).filter((m) => m.parentId === parentId);
  }
  allMeasuresOf(goalId: string | null): Measure[] {
    if (goalId === null) return [];
    return this.#measuresByGoal.get(goalId) ?? [];
  }
  /**
   * Projects whose primary place is goal `goalId` (null = directly under the strategy), under
   * measure `measureId` (null = directly under the goal; undefined = all of the goal).
   */
  projectsOf(goalId: string | null, measureId: string | null | undefined = undefined): Project[] {
    const all = this.#projectsByGoal.get(goalId) ?? [];
    return measureId === undefined ? all : all.filter((p) => p.measureId === measureId);
  }
  /** Projects standing directly under the strategy (no 基本目標), e.g. a 交付金 project. */
  get directProjects(): Project[] {
    return this.#projectsByGoal.get(null) ?? [];
  }
  /**
   * Projects listed in goal `goalId` by a link (their primary place is another goal or the
   * strategy), under measure `measureId` (null = directly under the goal; undefined = all).
   */
  linkedProjectsOf(goalId: string, measureId: string | null | undefined = undefined): LinkedProject[] {
    const all = this.#linksByGoal.get(goalId) ?? [];
    return measureId === undefined ? all : all.filter((l) => l.measureId === measureId);
  }
  /** Goal-level KPIs (数値目標). */
  goalKpis(goalId: string): Kpi[] {
    return this.#goalKpis.get(goalId) ?? [];
  }
  /** KPIs of a 施策 (measure), not of its projects. */
  measureKpis(measureId: string): Kpi[] {
    return this.#measureKpis.get(measureId) ?? [];
  }
  kpisOf(projectId: string): Kpi[] {
    return this.#kpisByProject.get(projectId) ?? [];
  }
  /** The KPI's live record of a fiscal year (of two records for one year, the later one). */
  kpiYear(kpiId: string, fiscalYear: number): KpiYear | undefined {
    for (const y of this.kpiYearsOf(kpiId)) if (y.fiscalYear === fiscalYear) return y;
    return undefined;
  }
  /**
   * The KPI's live yearly records in year order, one per year (of two records for one year, the
   * later one): the index the engine reads for every KPI.
   */
  kpiYearsOf(kpiId: string): KpiYear[] {
    // A patched KPI's records are sorted, one per year (WorkbookView.patched refuses duplicates).
    const patched = this.#kpiYearOverlay?.get(kpiId);
    if (patched !== undefined) return patched ?? [];
    const list = this.#kpiYearLists.get(kpiId);
    if (!list) return [];
    if (this.#kpiYearsUnsorted.size > 0 && this.#kpiYearsUnsorted.has(kpiId)) {
      // Records usually arrive in year order; sort (and drop a duplicate year) only when needed.
      const byYear = new Map<number, KpiYear>();
      for (const y of list) byYear.set(y.fiscalYear, y);
      const unique = [...byYear.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
      list.splice(0, list.length, ...unique);
      this.#kpiYearsUnsorted.delete(kpiId);
    }
    return list;
  }
  projectYear(projectId: string, fiscalYear: number): ProjectYear | undefined {
    return this.#projectYears.get(projectId)?.get(fiscalYear);
  }
  /** The project's yearly records (live), in no particular order. */
  projectYearsOf(projectId: string): ProjectYear[] {
    return [...(this.#projectYears.get(projectId)?.values() ?? [])];
  }
  /** Meetings, by date; those reviewing `fiscalYear` when given. */
  meetingsOf(fiscalYear?: number): Meeting[] {
    return fiscalYear === undefined ? this.#meetings : this.#meetings.filter((m) => m.fiscalYear === fiscalYear);
  }
  /** 委員意見 on a project or goal, all years or one fiscal year. */
  opinionsFor(subjectKind: Opinion['subjectKind'], subjectId: string, fiscalYear?: number): Opinion[] {
    const all = this.#opinions.get(`${subjectKind}:${subjectId}`) ?? [];
    return fiscalYear === undefined ? all : all.filter((o) => o.fiscalYear === fiscalYear);
  }
  /** Every department named by any project, sorted in Japanese order. */
  get departments(): string[] {
    if (!this.#departments) {
      const set = new Set<string>();
      for (const ps of this.#projectsByGoal.values()) for (const p of ps) for (const d of p.departments) set.add(d);
      this.#departments = [...set].sort(japaneseOrder);
    }
    return [...this.#departments];
  }
  get projectCount(): number {
    let n = 0;
    for (const ps of this.#projectsByGoal.values()) n += ps.length;
    return n;
  }
  get kpiCount(): number {
    let n = 0;
    for (const ks of this.#kpisByProject.values()) n += ks.length;
    for (const ks of this.#goalKpis.values()) n += ks.length;
    for (const ks of this.#measureKpis.values()) n += ks.length;
    return n;
  }
}

/** What changed between two views' records, for {@link WorkbookView.patched}. */
export interface ViewPatch {
  /** KPI records changed in place (new versions). */
  kpis: readonly Kpi[];
  /** For each KPI whose yearly records changed: every yearly record it has now (tombstones may be included). */
  kpiYears: ReadonlyMap<string, readonly KpiYear[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The next `order` value after the given siblings. */
export function nextOrder(siblings: readonly { order: number }[]): number {
  return siblings.reduce((max, s) => Math.max(max, s.order + 1), 0);
}
