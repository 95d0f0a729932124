// The dashboard's model (src/domain/achievement/dashboard.ts) over the embedded 関市 sample:
// every KPI of the outline gets one row, filters keep exactly what they name, and the tallies add up
// to the rows they were made from.
import { describe, expect, it } from 'vitest';
import { buildDashboard, dashboardHead, defaultYear } from '../../src/domain/achievement/dashboard';
import { WorkbookView } from '../../src/domain/workbook';
import { NO_FILTERS } from '../../src/state/router.svelte';
import { sample } from '../bundle/helpers';

const view = new WorkbookView(sample().records);
const kpisInOutline = view.goals.flatMap((g) => [
  ...view.goalKpis(g.id),
  ...view.projectsOf(g.id).flatMap((p) => view.kpisOf(p.id)),
]);

describe('dashboard model', () => {
  it('opens on the latest year of the plan with an actual entered', () => {
    const year = defaultYear(view);
    const hasActual = (y: number) => kpisInOutline.some((k) => view.kpiYear(k.id, y)?.actual);
    expect(hasActual(year)).toBe(true);
    for (const later of view.years.filter((y) => y > year)) expect(hasActual(later)).toBe(false);
  });

  it('has one row per KPI of the outline, in outline order, and tallies that add up', () => {
    const model = buildDashboard(view, NO_FILTERS);
    expect(model.rows.map((r) => r.kpi.id)).toEqual(kpisInOutline.map((k) => k.id));
    expect(model.total.total).toBe(model.rows.length);
    const byVerdict = Object.values(model.total.byVerdict).reduce((a, b) => a + b, 0);
    expect(byVerdict).toBe(model.rows.length);
    expect(model.goals.reduce((n, g) => n + g.tally.total, 0)).toBe(model.total.total);
    expect(model.behind.every((r) => r.evaluation.verdict === 'notAchieved')).toBe(true);
    expect(model.behind.length).toBe(model.total.byVerdict.notAchieved);
    expect(model.missingReasons).toBe(model.behind.filter((r) => r.shortfallReason === '').length);
  });

  it('keeps only the chosen goal, department, verdict and rank', () => {
    const all = buildDashboard(view, NO_FILTERS);
    const goal = view.goals[1]!;
    const byGoal = buildDashboard(view, { ...NO_FILTERS, goal: goal.id });
    expect(byGoal.rows.length).toBeGreaterThan(0);
    expect(byGoal.rows.every((r) => r.goal?.id === goal.id)).toBe(true);
    expect(byGoal.goals.map((g) => g.goal.id)).toEqual([goal.id]);
    expect(byGoal.rows.length).toBe(all.rows.filter((r) => r.goal?.id === goal.id).length);

    const dept = all.rows.find((r) => r.project && r.project.departments.length > 0)!.project!.departments[0]!;
    const byDept = buildDashboard(view, { ...NO_FILTERS, dept });
    expect(byDept.rows.length).toBeGreaterThan(0);
    expect(byDept.rows.every((r) => r.project?.departments.includes(dept))).toBe(true);

    for (const verdict of new Set(all.rows.map((r) => r.evaluation.verdict))) {
      const m = buildDashboard(view, { ...NO_FILTERS, verdict });
      expect(m.rows.length).toBe(all.rows.filter((r) => r.evaluation.verdict === verdict).length);
    }
    const rank = all.rows[0]!.evaluation.rank.key;
    const byRank = buildDashboard(view, { ...NO_FILTERS, rank });
    expect(byRank.rows.every((r) => r.evaluation.rank.key === rank)).toBe(true);
  });

  it('counts the years judged against no adopted target apart from the other exclusions', () => {
    // The sample judges its final year only (令和4年度), as 関市's 令和2年度 table did: in 令和2年度
    // every KPI is 判定なし; with interpolated targets adopted, none is.
    const first = view.strategy.startYear;
    expect(view.strategy.interimJudgement).toBe('finalYearOnly');
    const published = buildDashboard(view, { ...NO_FILTERS, fy: first });
    expect(published.total.unjudged).toBe(published.total.total);
    expect(published.total.evaluated).toBe(0);
    const records = sample().records;
    const interpolated = new WorkbookView({ ...records, strategy: { ...records.strategy, interimJudgement: 'interpolated' } });
    const judged = buildDashboard(interpolated, { ...NO_FILTERS, fy: first });
    expect(judged.total.unjudged).toBe(0);
    expect(judged.total.evaluated).toBeGreaterThan(0);
    expect(judged.total.unjudged).toBeLessThanOrEqual(judged.total.excluded);
  });

  it('evaluates the year asked for', () => {
    const first = view.strategy.startYear;
    const model = buildDashboard(view, { ...NO_FILTERS, fy: first });
    expect(model.fiscalYear).toBe(first);
    expect(model.rows.every((r) => r.evaluation.fiscalYear === first)).toBe(true);
  });

  it('has a head that says what the model says, as plain data that survives being stored', () => {
    for (const filters of [NO_FILTERS, { ...NO_FILTERS, goal: view.goals[1]!.id }, { ...NO_FILTERS, verdict: 'notAchieved' }]) {
      const model = buildDashboard(view, filters);
      const head = dashboardHead(view, model);
      expect(structuredClone(head)).toEqual(head);
      expect(JSON.parse(JSON.stringify(head))).toEqual(head);
      expect(head.fiscalYear).toBe(model.fiscalYear);
      expect(head.total.total).toBe(model.total.total);
      expect(head.total.achievedShare).toBe(model.total.achievedShare);
      expect(head.total.ranks).toEqual(model.total.ranks);
      expect(head.goals.map((g) => [g.goal.id, g.tally.total, g.rows, g.shared])).toEqual(model.goals.map((g) => [g.goal.id, g.tally.total, g.rows.length, g.shared]));
      expect(head.goalChoices.map((g) => g.id)).toEqual(view.goals.map((g) => g.id));
      expect([head.behind, head.missingReasons, head.rows]).toEqual([model.behind.length, model.missingReasons, model.rows.length]);
      expect(head.years).toEqual(view.years);
      expect(head.departments).toEqual(view.departments);
      expect('kpiIds' in head.total).toBe(false);
    }
  });
});
