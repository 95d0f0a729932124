/**
 * What the dashboard shows, computed from the workbook and the filters: one row per KPI with its
 * evaluation, and tallies per goal over the rows the filters keep. Pure, so it is tested in Node
 * and run in the reader worker, which keeps the head of it (`DashboardHead`) with the strategy
 * (storage/kept-dashboard.ts) for the next start to paint before the strategy is read.
 */
import { evaluatedOf } from './evaluated-view';
import type { KpiEvaluation } from './evaluate';
import { tally, type StrategyRollup, type Tally } from './rollup';
import type { RankScheme } from './rank-schemes';
import type { WorkbookView } from '../workbook';
import type { Kpi } from '../entities/kpi';
import type { Goal } from '../entities/goal';
import { goalsOfProject, type Project } from '../entities/project';
import type { Measure } from '../entities/measure';

/** What the dashboard is narrowed to (its address's query); null: not narrowed (fy: the default year). */
export interface DashboardFilters {
  fy: number | null;
  goal: string | null;
  dept: string | null;
  rank: string | null;
  verdict: string | null;
}
export interface KpiRow {
  kpi: Kpi;
  /** The KPI's primary goal; null for a project directly under the strategy. */
  goal: Goal | null;
  /** Every goal the KPI counts in (a project listed under several goals: each once). */
  goalIds: string[];
  project: Project | null;
  /** A 施策's own KPI: its measure. */
  measure: Measure | null;
  evaluation: KpiEvaluation;
  shortfallReason: string;
}

export interface GoalSummary {
  goal: Goal;
  tally: Tally;
  rows: KpiRow[];
  /** Rows of this goal that also count in another goal (their project is listed under several). */
  shared: number;
}

export interface DashboardModel {
  fiscalYear: number;
  rollup: StrategyRollup;
  rows: KpiRow[];
  total: Tally;
  goals: GoalSummary[];
  /** Not achieved, in outline order, with or without a 未達理由. */
  behind: KpiRow[];
  missingReasons: number;
}

export { defaultYear } from './default-year';
import { defaultYear } from './default-year';

export function buildDashboard(view: WorkbookView, filters: DashboardFilters): DashboardModel {
  const fiscalYear = filters.fy ?? defaultYear(view);
  // The evaluated view of the open strategy: computed once per change, shared with other screens.
  const rollup = evaluatedOf(view).rollup(fiscalYear);
  const all: KpiRow[] = [];
  // One row per KPI (a project listed under several goals is listed once, at its primary place).
  const live = new Set(view.goals.map((g) => g.id));
  for (const goal of [...view.goals, null]) {
    const add = (kpi: Kpi, project: Project | null, measure: Measure | null = null) => {
      const evaluation = rollup.evaluations.get(kpi.id);
      const goalIds = project ? goalsOfProject(project).filter((id) => live.has(id)) : goal ? [goal.id] : [];
      if (evaluation)
        all.push({ kpi, goal, goalIds, project, measure, evaluation, shortfallReason: view.kpiYear(kpi.id, fiscalYear)?.shortfallReason.trim() ?? '' });
    };
    if (goal) {
      for (const k of view.goalKpis(goal.id)) add(k, null);
      for (const m of view.allMeasuresOf(goal.id)) for (const k of view.measureKpis(m.id)) add(k, null, m);
    }
    for (const p of view.projectsOf(goal?.id ?? null)) for (const k of view.kpisOf(p.id)) add(k, p);
  }
  const rows = all.filter(
    (r) =>
      (!filters.goal || r.goalIds.includes(filters.goal)) &&
      (!filters.dept || (r.project?.departments.includes(filters.dept) ?? false)) &&
      (!filters.rank || r.evaluation.rank.key === filters.rank) &&
      (!filters.verdict || r.evaluation.verdict === filters.verdict),
  );
  const scheme = rollup.scheme;
  // Rows by goal, a project listed under several goals in each of them (one pass over the rows).
  const rowsByGoal = new Map<string, KpiRow[]>();
  for (const r of rows)
    for (const id of r.goalIds) {
      const list = rowsByGoal.get(id);
      if (list) list.push(r);
      else rowsByGoal.set(id, [r]);
    }
  const goals = view.goals
    .filter((g) => !filters.goal || g.id === filters.goal)
    .map((goal) => {
      // A project listed under several goals counts in each of them once (and once in the total).
      const goalRows = rowsByGoal.get(goal.id) ?? [];
      const shared = goalRows.filter((r) => r.goalIds.length > 1).length;
      return { goal, rows: goalRows, tally: tally(goalRows.map((r) => r.evaluation), scheme), shared };
    });
  const behind = rows.filter((r) => r.evaluation.verdict === 'notAchieved');
  return {
    fiscalYear,
    rollup,
    rows,
    total: tally(rows.map((r) => r.evaluation), scheme),
    goals,
    behind,
    missingReasons: behind.filter((r) => r.shortfallReason === '').length,
  };
}

/** A tally without its lists of KPI ids: what the totals and a goal's card show. */
export type TallyHead = Omit<Tally, 'kpiIds' | 'notAchievedIds' | 'pendingIds' | 'excludedIds'>;

/**
 * The dashboard above its two lists (the filters, the totals and the goals' cards), as plain data:
 * what the page draws there, whether from a model or from a head kept with the strategy.
 */
export interface DashboardHead {
  strategy: { id: string; municipality: string; name: string };
  fiscalYear: number;
  /** The years the year filter offers. */
  years: number[];
  departments: string[];
  scheme: RankScheme;
  total: TallyHead;
  goals: { goal: { id: string; number: string; title: string }; tally: TallyHead; shared: number; rows: number }[];
  /** Every goal, for the goal filter (the cards may be narrowed to one). */
  goalChoices: { id: string; number: string; title: string }[];
  behind: number;
  missingReasons: number;
  rows: number;
}

function tallyHead(t: Tally): TallyHead {
  const { kpiIds: _k, notAchievedIds: _n, pendingIds: _p, excludedIds: _e, ...head } = t;
  return head;
}

const goalHead = (g: Goal) => ({ id: g.id, number: g.number, title: g.title });

/** The head of `model`, the dashboard of `view`. */
export function dashboardHead(view: WorkbookView, model: DashboardModel): DashboardHead {
  const { strategy } = view;
  return {
    strategy: { id: strategy.id, municipality: strategy.municipality, name: strategy.name },
    fiscalYear: model.fiscalYear,
    years: [...view.years],
    departments: [...view.departments],
    scheme: model.rollup.scheme,
    total: tallyHead(model.total),
    goals: model.goals.map((g) => ({ goal: goalHead(g.goal), tally: tallyHead(g.tally), shared: g.shared, rows: g.rows.length })),
    goalChoices: view.goals.map(goalHead),
    behind: model.behind.length,
    missingReasons: model.missingReasons,
    rows: model.rows.length,
  };
}
