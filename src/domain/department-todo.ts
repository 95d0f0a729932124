/**
 * 入力してほしい項目: what a department (担当課) is asked to fill in for one fiscal year of its
 * copy — each of its KPIs' actual (実績値), each of its projects' 進捗 (実施内容・進捗状況), and a
 * 未達理由 wherever the actual entered misses the year's target. Every item is listed whether it is
 * filled or not, in the outline's order, so the list stays put while the person works down it;
 * `left` counts what is still empty.
 */
import type { Kpi } from './entities/kpi';
import type { Project } from './entities/project';
import { isEmptyMeasurement } from './entities/measurement';
import { evaluatedOf, evaluateKpi, interimJudgementOf, resolveRankScheme, type RankScheme } from './achievement';
import type { WorkbookView } from './workbook';

export type TodoItem =
  | { kind: 'actual'; key: string; project: Project; kpi: Kpi; done: boolean }
  | { kind: 'reason'; key: string; project: Project; kpi: Kpi; done: boolean }
  | { kind: 'progress'; key: string; project: Project; done: boolean };

export interface DepartmentTodo {
  fiscalYear: number;
  items: TodoItem[];
  /** How many items are still empty. */
  left: number;
}

/** The projects naming one of `departments`, in outline order (goal, then the goal's project order). */
export function departmentProjects(view: WorkbookView, departments: readonly string[]): Project[] {
  const wanted = new Set(departments);
  return view.goals.flatMap((g) => view.projectsOf(g.id).filter((p) => p.departments.some((d) => wanted.has(d))));
}

/** The to-do list of `departments` for `fiscalYear` (see the module comment). */
export function departmentTodo(view: WorkbookView, departments: readonly string[], fiscalYear: number, scheme: RankScheme | null): DepartmentTodo {
  const items: TodoItem[] = [];
  // The strategy's evaluated view when judged with its scheme (as the to-do page does).
  const evaluated = evaluatedOf(view);
  const judged = (kpi: Kpi) =>
    resolveRankScheme(scheme) === evaluated.scheme
      ? evaluated.evaluation(kpi, fiscalYear)
      : evaluateKpi(kpi, view.kpiYearsOf(kpi.id), fiscalYear, scheme, interimJudgementOf(view.strategy));
  for (const project of departmentProjects(view, departments)) {
    const py = view.projectYear(project.id, fiscalYear);
    items.push({ kind: 'progress', key: `progress/${project.id}`, project, done: (py?.progress ?? '').trim() !== '' });
    for (const kpi of view.kpisOf(project.id)) {
      const ky = view.kpiYear(kpi.id, fiscalYear);
      items.push({ kind: 'actual', key: `actual/${kpi.id}`, project, kpi, done: !isEmptyMeasurement(ky?.actual) });
      if (ky && !isEmptyMeasurement(ky.actual) && judged(kpi).verdict === 'notAchieved')
        items.push({ kind: 'reason', key: `reason/${kpi.id}`, project, kpi, done: ky.shortfallReason.trim() !== '' });
    }
  }
  return { fiscalYear, items, left: items.filter((i) => !i.done).length };
}

/**
 * The year a department is asked about: the fiscal year before the one in which planning sent the
 * file (results are collected once a year has ended: a file sent in May 2022 asks for 令和3年度),
 * kept inside the plan period. The date is passed in as a fiscal year (the domain reads no clock).
 */
export function todoYear(view: WorkbookView, sentFiscalYear: number): number {
  const first = view.years[0] ?? view.strategy.startYear;
  const last = view.years.at(-1) ?? view.strategy.endYear;
  return Math.min(Math.max(sentFiscalYear - 1, first), last);
}
