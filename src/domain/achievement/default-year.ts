/**
 * The fiscal year a screen shows when none is chosen (dashboard, project and measure pages,
 * meeting mode, reports): the latest year of the plan period with any actual entered.
 */
import type { WorkbookView } from '../workbook';
import type { Kpi } from '../entities/kpi';

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
    for (const m of view.allMeasuresOf(g.id)) for (const k of view.measureKpis(m.id)) visit(k);
    for (const p of view.projectsOf(g.id)) for (const k of view.kpisOf(p.id)) visit(k);
  }
  // Projects directly under the strategy.
  for (const p of view.projectsOf(null)) for (const k of view.kpisOf(p.id)) visit(k);
  return latest ?? startYear;
}

