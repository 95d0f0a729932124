// Roll-ups over a small strategy with nested measures, goal-level 数値目標 and every verdict.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi, PlainStrategy } from '../../../src/domain/sample/types';
import type { Measurement } from '../../../src/domain/entities/measurement';
import { WorkbookView } from '../../../src/domain/workbook';
import { presetRankScheme, rollUp, tally, type KpiEvaluation } from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

const FY = 2021;
/** Target 100 in 令和3年度 (baseline 0 in 令和元年度); `actual` decides the verdict. */
const kpi = (name: string, actual: Measurement | null): PlainKpi => ({
  name,
  unit: '件',
  baseline: { value: 0 },
  baselineYear: 2019,
  target: { value: 100 },
  targetYear: FY,
  years: actual ? [{ fiscalYear: FY, actual }] : [],
});
const hit = (name: string, value = 120) => kpi(name, { value });
const miss = (name: string, value = 60) => kpi(name, { value });
const waiting = (name: string) => kpi(name, { value: null, status: 'collecting' });
const elsewhere = (name: string) => kpi(name, { value: null, status: 'evaluatedElsewhere' });

const PLAIN: PlainStrategy = {
  municipality: 'テスト町',
  name: 'テスト町総合戦略',
  startYear: 2020,
  endYear: 2024,
  goals: [
    {
      number: '1',
      title: 'しごと',
      kpis: [hit('数値目標1'), waiting('数値目標2')],
      projects: [{ number: '1-0', name: '施策外の事業', departments: ['企画課'], kpis: [miss('直下1')] }],
      measures: [
        {
          number: '1',
          title: '施策1',
          projects: [{ number: '1-1', name: '事業1', departments: ['商工課'], kpis: [hit('事業1-a'), miss('事業1-b', 85)] }],
          measures: [
            {
              number: '1-1',
              title: '施策1-1',
              projects: [
                { number: '1-1-1', name: '事業2', departments: ['商工課'], kpis: [miss('事業2-a', 30), elsewhere('事業2-b')] },
                { number: '1-1-2', name: '事業3', departments: ['観光課'], kpis: [kpi('事業3-a', { value: 100, provisional: true })] },
              ],
            },
          ],
        },
        { number: '2', title: '施策2（KPIなし）' },
      ],
    },
    {
      number: '2',
      title: 'ひと',
      projects: [{ number: '2-1', name: '事業4', departments: ['企画課'], kpis: [waiting('事業4-a'), elsewhere('事業4-b')] }],
    },
  ],
};

const records = buildWorkbook(PLAIN, testContext());
const view = new WorkbookView(records);
const names = (ids: string[]) => ids.map((id) => view.kpi(id)?.name);

describe('rollUp', () => {
  const r = rollUp(view, FY);
  const [g1, g2] = r.goals;

  it('strategy: pending and excluded are left out of the denominator and reported beside it', () => {
    expect(r.strategy.byVerdict).toEqual({ achieved: 3, notAchieved: 3, pending: 2, excluded: 2 });
    expect(r.strategy).toMatchObject({ total: 10, evaluated: 6, achievedShare: 0.5, pending: 2, excluded: 2, provisional: 1 });
    expect(r.strategy.byRank).toEqual({ A: 3, B: 1, C: 1, D: 1, unevaluable: 4 });
    expect(r.strategy.ranks.map((x) => x.count)).toEqual([3, 1, 1, 1, 4]);
  });

  it('goal: its 数値目標 count for the goal (and the strategy) besides its projects', () => {
    expect(g1!.goalKpis).toMatchObject({ total: 2, evaluated: 1, achievedShare: 1, pending: 1 });
    expect(names(g1!.goalKpis.kpiIds)).toEqual(['数値目標1', '数値目標2']);
    expect(g1!.tally).toMatchObject({ total: 8, evaluated: 6, achievedShare: 0.5, pending: 1, excluded: 1 });
    expect(names(g1!.tally.notAchievedIds)).toEqual(['直下1', '事業1-b', '事業2-a']);
    expect(names(g1!.tally.pendingIds)).toEqual(['数値目標2']);
    expect(names(g1!.tally.excludedIds)).toEqual(['事業2-b']);
  });

  it('goal with nothing evaluable: share null, not 0%', () => {
    expect(g2!.tally).toMatchObject({ total: 2, evaluated: 0, achievedShare: null, pending: 1, excluded: 1 });
  });

  it('measure: its own projects plus those of nested measures; goal-level KPIs and projects outside measures do not count', () => {
    expect(g1!.measures.map((m) => view.measure(m.measureId)?.number)).toEqual(['1', '1-1', '2']);
    const [m1, m11, m2] = g1!.measures;
    expect(names(m1!.tally.kpiIds)).toEqual(['事業1-a', '事業1-b', '事業2-a', '事業2-b', '事業3-a']);
    expect(m1!.tally).toMatchObject({ evaluated: 4, excluded: 1 });
    expect(m1!.tally.achievedShare).toBe(0.5);
    expect(m11!.parentId).toBe(m1!.measureId);
    expect(m11!.tally).toMatchObject({ total: 3, evaluated: 2, achievedShare: 0.5, excluded: 1, provisional: 1 });
    expect(m2!.tally).toMatchObject({ total: 0, evaluated: 0, achievedShare: null });
    expect(r.measure(m11!.measureId)).toBe(m11);
  });

  it('project', () => {
    const p2 = g1!.projects.find((p) => view.project(p.projectId)?.number === '1-1-1')!;
    expect(p2.tally).toMatchObject({ total: 2, evaluated: 1, achievedShare: 0, excluded: 1 });
    expect(p2.tally.byRank).toEqual({ A: 0, B: 0, C: 0, D: 1, unevaluable: 1 });
    expect(r.project(p2.projectId)).toBe(p2);
  });

  it('uses the strategy’s own rank scheme unless one is given', () => {
    const withNagano = new WorkbookView({ ...records, strategy: { ...records.strategy, rankScheme: presetRankScheme('nagano') } });
    const nagano = rollUp(withNagano, FY);
    expect(nagano.scheme.id).toBe('nagano');
    expect(nagano.strategy.byRank).toEqual({ onTrack: 3, mostlyOnTrack: 1, needsEffort: 2, unevaluable: 4 });
    expect(rollUp(withNagano, FY, presetRankScheme('default')).scheme.id).toBe('default');
    expect(r.scheme.id).toBe('default');
  });

  it('keeps every evaluation by KPI id', () => {
    expect(r.evaluations.size).toBe(10);
    expect(r.goal(g1!.goalId)).toBe(g1);
  });
});

describe('tally', () => {
  it('counts any selection (e.g. one department’s KPIs)', () => {
    const r = rollUp(view, FY);
    const shoko = view.goals
      .flatMap((g) => view.projectsOf(g.id))
      .filter((p) => p.departments.includes('商工課'))
      .flatMap((p) => view.kpisOf(p.id))
      .map((k) => r.evaluations.get(k.id)!);
    const t = tally(shoko, r.scheme);
    expect(t).toMatchObject({ total: 4, evaluated: 3, excluded: 1 });
    expect(t.achievedShare).toBeCloseTo(1 / 3, 10);
  });

  it('of nothing: zero counts and no share', () => {
    const t = tally([] as KpiEvaluation[], presetRankScheme('ino'));
    expect(t).toMatchObject({ total: 0, evaluated: 0, achievedShare: null, kpiIds: [] });
    expect(t.ranks.map((x) => x.symbol)).toEqual(['◎', '○', '△', '×', '−']);
  });
});
