/**
 * What the dashboard shows, computed from the workbook and the filters: one row per KPI with its
 * evaluation, and tallies per goal over the rows the filters keep. Pure, so it is tested in Node.
 */
import { evaluatedOf, tally, type KpiEvaluation, type StrategyRollup, type Tally } from '../../domain/achievement';
import type { WorkbookView } from '../../domain/workbook';
import type { Kpi } from '../../domain/entities/kpi';
import type { Goal } from '../../domain/entities/goal';
import type { Project } from '../../domain/entities/project';
import type { DashboardFilters } from '../../state/router.svelte';

export interface KpiRow {
  kpi: Kpi;
  goal: Goal;
  project: Project | null;
  evaluation: KpiEvaluation;
  shortfallReason: string;
}

export interface GoalSummary {
  goal: Goal;
  tally: Tally;
  rows: KpiRow[];
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

/** The year shown when none is chosen: the latest year of the period with any actual entered. */
export function defaultYear(view: WorkbookView): number {
  const { startYear, endYear } = view.strategy;
  let latest: number | null = null;
  // Each KPI's yearly records once (not every KPI once per year).
  const visit = (k: Kpi) => {
    for (const y of view.kpiYearsOf(k.id)) {
      if (y.actual && y.fiscalYear >= startYear && y.fiscalYear <= endYear && (latest === null || y.fiscalYear > latest)) latest = y.fiscalYear;
    }
  };
  for (const g of view.goals) {
    for (const k of view.goalKpis(g.id)) visit(k);
    for (const p of view.projectsOf(g.id)) for (const k of view.kpisOf(p.id)) visit(k);
  }
  return latest ?? startYear;
}

export function buildDashboard(view: WorkbookView, filters: DashboardFilters): DashboardModel {
  const fiscalYear = filters.fy ?? defaultYear(view);
  // The evaluated view of the open strategy: computed once per change, shared with other screens.
  const rollup = evaluatedOf(view).rollup(fiscalYear);
  const all: KpiRow[] = [];
  for (const goal of view.goals) {
    const add = (kpi: Kpi, project: Project | null) => {
      const evaluation = rollup.evaluations.get(kpi.id);
      if (evaluation)
        all.push({ kpi, goal, project, evaluation, shortfallReason: view.kpiYear(kpi.id, fiscalYear)?.shortfallReason.trim() ?? '' });
    };
    for (const k of view.goalKpis(goal.id)) add(k, null);
    for (const p of view.projectsOf(goal.id)) for (const k of view.kpisOf(p.id)) add(k, p);
  }
  const rows = all.filter(
    (r) =>
      (!filters.goal || r.goal.id === filters.goal) &&
      (!filters.dept || (r.project?.departments.includes(filters.dept) ?? false)) &&
      (!filters.rank || r.evaluation.rank.key === filters.rank) &&
      (!filters.verdict || r.evaluation.verdict === filters.verdict),
  );
  const scheme = rollup.scheme;
  const rowsByGoal = new Map<string, KpiRow[]>();
  for (const r of rows) {
    const list = rowsByGoal.get(r.goal.id);
    if (list) list.push(r);
    else rowsByGoal.set(r.goal.id, [r]);
  }
  const goals = view.goals
    .filter((g) => !filters.goal || g.id === filters.goal)
    .map((goal) => {
      const goalRows = rowsByGoal.get(goal.id) ?? [];
      return { goal, rows: goalRows, tally: tally(goalRows.map((r) => r.evaluation), scheme) };
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
