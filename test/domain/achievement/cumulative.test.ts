// 累計 KPIs: single-year figures and cumulative totals, one entered and the other computed on the
// digits, either judged against the targets adopted in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiDefaults, type Kpi } from '../../../src/domain/entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../../../src/domain/entities/kpi-year';
import { createRecord } from '../../../src/domain/records';
import { cumulativeFigures, evaluateKpi, explain, judgedYears } from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;
const ctx = testContext();
const BASE = createRecord<Kpi>(ctx, 's', { ...kpiDefaults('g', 'p', 0), unit: '人', cumulative: true });
const YEAR = createRecord<KpiYear>(ctx, 's', kpiYearDefaults(BASE.id, 0));

const kpi = (over: Partial<Kpi>): Kpi => ({ ...BASE, ...over });
const years = (actuals: Record<number, number | null>, targets: Record<number, number> = {}): KpiYear[] =>
  Object.keys({ ...actuals, ...targets })
    .map(Number)
    .sort((a, b) => a - b)
    .map((y) => ({
      ...YEAR,
      id: `y${y}`,
      fiscalYear: y,
      actual: actuals[y] === undefined || actuals[y] === null ? null : { value: actuals[y]! },
      target: targets[y] === undefined ? null : { value: targets[y]! },
    }));

describe('the two figures of a 累計 KPI', () => {
  it('single-year figures entered: totals from the baseline (累計 up to 平成30年度) on', () => {
    const k = kpi({ cumulativeEntry: 'yearly', baseline: { value: 120 }, baselineYear: 2018 });
    expect(cumulativeFigures(k, years({ 2019: 50, 2020: 60, 2021: 0.1 }))).toEqual([
      { fiscalYear: 2019, entered: 'yearly', yearly: 50, total: 170 },
      { fiscalYear: 2020, entered: 'yearly', yearly: 60, total: 230 },
      { fiscalYear: 2021, entered: 'yearly', yearly: 0.1, total: 230.1 },
    ]);
  });

  it('totals entered (as earlier files hold them): single-year figures as differences, from 0 before cumulativeFrom', () => {
    const k = kpi({ cumulativeFrom: 2020 });
    expect(cumulativeFigures(k, years({ 2020: 0.3, 2021: 0.4, 2023: 1 }))).toEqual([
      { fiscalYear: 2020, entered: 'total', total: 0.3, yearly: 0.3 },
      // 0.4 − 0.3 on the digits: 0.1, not 0.10000000000000003.
      { fiscalYear: 2021, entered: 'total', total: 0.4, yearly: 0.1 },
      // 2022 is missing: 2023's single-year figure is unknown.
      { fiscalYear: 2023, entered: 'total', total: 1, yearly: null },
    ]);
  });

  it('a gap leaves every later total unknown, and a year judged on it 評価保留', () => {
    const k = kpi({ cumulativeEntry: 'yearly', cumulativeFrom: 2020, target: { value: 100 }, targetYear: 2022 });
    const ys = years({ 2020: 30, 2022: 40 });
    expect(cumulativeFigures(k, ys).map((f) => f.total)).toEqual([30, null]);
    expect(evaluateKpi(k, ys, 2022).verdict).toBe('pending');
  });

  it('nothing changes for a KPI that is not cumulative, or one entered as it is judged', () => {
    const ys = years({ 2020: 30 });
    expect(cumulativeFigures(kpi({ cumulative: false, cumulativeFrom: 2020 }), ys)).toEqual([]);
    expect(judgedYears(kpi({ cumulativeFrom: 2020 }), ys)).toBe(ys);
    expect(judgedYears(kpi({ cumulativeFrom: 2020, cumulativeEntry: 'yearly', cumulativeJudged: 'yearly' }), ys)).toBe(ys);
  });
});

describe('judging a 累計 KPI', () => {
  it('single-year figures entered, the total judged against the cumulative final target', () => {
    // 移住者数（累計）: 0 before 令和2年度, 令和4年度 target 100 (累計).
    const k = kpi({ cumulativeEntry: 'yearly', cumulativeFrom: 2020, target: { value: 100 }, targetYear: 2022 });
    const missed = evaluateKpi(k, years({ 2020: 30, 2021: 30, 2022: 39 }), 2022);
    expect(missed.actual).toBe(99);
    expect(missed.verdict).toBe('notAchieved');
    expect(explain(missed)).toContain('99');
    const met = evaluateKpi(k, years({ 2020: 30, 2021: 30, 2022: 40 }), 2022);
    expect(met.actual).toBe(100);
    expect(met.verdict).toBe('achieved');
    expect(met.attainment).toBe(1);
    // The explanation says the actual compared is the total, not the figure typed for the year.
    expect(met.computedFigure).toBe('total');
    expect(explain(met)).toBe('達成率 = 100 ÷ 100 = 100%（目標値以上で達成、実績値は単年度の値の累計）');
  });

  it('totals entered, the single year judged against yearly targets (30人/年), with no baseline progress', () => {
    const k = kpi({ cumulativeJudged: 'yearly', cumulativeFrom: 2020, baseline: { value: 500 }, baselineYear: 2019, target: { value: 30 }, targetYear: 2022 });
    const ys = years({ 2020: 530, 2021: 555, 2022: 590 }, { 2020: 30, 2021: 30 });
    const e2021 = evaluateKpi(k, ys, 2021);
    expect(e2021.actual).toBe(25);
    expect(e2021.verdict).toBe('notAchieved');
    expect(e2021.baseline).toBeNull();
    expect(explain(e2021)).toContain('実績値は累計値の前年度との差（単年度の値）');
    expect(evaluateKpi(k, ys, 2020).verdict).toBe('achieved');
    expect(evaluateKpi(k, ys, 2022).actual).toBe(35);
  });

  it('property: entering single-year figures or their running totals gives the same verdicts', () => {
    const digits = fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000);
    fc.assert(
      fc.property(fc.array(digits, { minLength: 1, maxLength: 8 }), digits, fc.constantFrom('total', 'yearly') as fc.Arbitrary<'total' | 'yearly'>, (yearly, target, judged) => {
        const start = 2020;
        const last = start + yearly.length - 1;
        const byYear: Record<number, number> = {};
        const totals: Record<number, number> = {};
        // Running totals as a person would type them: the exact decimal sum, printed.
        let thousandths = 0;
        yearly.forEach((v, i) => {
          byYear[start + i] = v;
          thousandths += Math.round(v * 1000);
          totals[start + i] = thousandths / 1000;
        });
        const common = { cumulativeFrom: start, cumulativeJudged: judged, target: { value: target }, targetYear: last } as const;
        const a = kpi({ ...common, cumulativeEntry: 'yearly' });
        const b = kpi({ ...common, cumulativeEntry: 'total' });
        for (let y = start; y <= last; y++) {
          const ea = evaluateKpi(a, years(byYear), y);
          const eb = evaluateKpi(b, years(totals), y);
          expect(ea.actual).toBe(eb.actual);
          expect(ea.verdict).toBe(eb.verdict);
          expect(ea.rank.symbol).toBe(eb.rank.symbol);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
