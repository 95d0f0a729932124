// Rules of the engine, one KPI at a time, on small hand-made KPIs.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi } from '../../../src/domain/sample/types';
import type { Kpi } from '../../../src/domain/entities/kpi';
import type { KpiYear } from '../../../src/domain/entities/kpi-year';
import { strategyDefaults } from '../../../src/domain/entities/strategy';
import { strategySchema } from '../../../src/domain/entities/strategy.schema';
import {
  evaluateKpi,
  projectionOf,
  evaluateKpiYears,
  explain,
  linearTarget,
  presetRankScheme,
  resolveYearTarget,
  indexYears,
} from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

/** One KPI (and its yearly records) built from plain data. */
function make(plain: PlainKpi): { kpi: Kpi; years: KpiYear[] } {
  const r = buildWorkbook(
    { municipality: 'テスト町', name: 'テスト', startYear: 2020, endYear: 2024, goals: [{ number: '1', title: 'テスト', kpis: [plain] }] },
    testContext(),
  );
  return { kpi: r.kpis[0]!, years: r.kpiYears };
}
// The engine's rules with interpolated targets adopted (setting (c)); seeds.test.ts covers (a) and (b).
const evaluate = (plain: PlainKpi, fy: number, preset: Parameters<typeof presetRankScheme>[0] = 'default') => {
  const { kpi, years } = make(plain);
  return evaluateKpi(kpi, years, fy, presetRankScheme(preset), 'interpolated');
};

/** The projection to the final year beside {@link evaluate}'s evaluation. */
const project = (plain: PlainKpi, fy: number) => {
  const { kpi, years } = make(plain);
  return projectionOf(kpi, years, evaluateKpi(kpi, years, fy, presetRankScheme('default'), 'interpolated'));
};

/** 待機児童数: 12人 (平成30年度) → 0人 (令和4年度), less is better. */
const waiting = (actuals: Record<number, number>): PlainKpi => ({
  name: '待機児童数',
  unit: '人',
  direction: 'lower',
  baseline: { value: 12 },
  baselineYear: 2018,
  target: { value: 0 },
  targetYear: 2022,
  years: Object.entries(actuals).map(([fy, v]) => ({ fiscalYear: Number(fy), actual: { value: v } })),
});

describe('evaluateKpi', () => {
  describe('less is better (待機児童数)', () => {
    it('5人 in 令和2年度 vs the interpolated 6人: achieved, 達成率 = target ÷ actual = 120%', () => {
      const e = evaluate(waiting({ 2020: 5 }), 2020);
      expect(e.target).toMatchObject({ value: 6, source: 'interpolated' });
      expect(e.verdict).toBe('achieved');
      expect(e.attainmentInverted).toBe(true);
      expect(e.attainment).toBeCloseTo(1.2, 10);
      expect(e.progress).toBeCloseTo(7 / 6, 10);
      expect(e.rank.key).toBe('A');
      expect(explain(e)).toBe(
        '達成率 = 6 ÷ 5 = 120%（目標値 6 は平成30年度の 12 から令和4年度の 0 までを年度で按分、少ないほど良い指標のため目標値 ÷ 実績値、目標値以下で達成）',
      );
    });

    it('0人 vs 0人 in 令和4年度: achieved; 達成率 undefined (0 ÷ 0), 進捗率 100%', () => {
      const e = evaluate(waiting({ 2022: 0 }), 2022);
      expect(e.target).toMatchObject({ value: 0, source: 'final' });
      expect(e.verdict).toBe('achieved');
      expect(e.attainment).toBeNull();
      expect(e.progress).toBe(1);
      expect(e.rank).toMatchObject({ key: 'A', measure: 'comparison' });
      expect(explain(e)).toBe('進捗率 = (0 − 12) ÷ (0 − 12) = 100%（目標値以下で達成）');
    });

    it('3人 vs 0人: not achieved, ranked by 進捗率 75% (C) since 達成率 is undefined with a zero target', () => {
      const e = evaluate(waiting({ 2022: 3 }), 2022);
      expect(e.verdict).toBe('notAchieved');
      expect(e.attainment).toBeNull();
      expect(e.progress).toBe(0.75);
      expect(e.rank).toMatchObject({ key: 'C', measure: 'progress', ratio: 0.75 });
    });

    it('trend: fewer is better', () => {
      expect(evaluate(waiting({ 2020: 8, 2021: 5 }), 2021).trend).toBe('better');
      expect(evaluate(waiting({ 2020: 5, 2021: 8 }), 2021).trend).toBe('worse');
      expect(evaluate(waiting({ 2020: 5, 2021: 5 }), 2021).trend).toBe('same');
    });

    it('projection: 8 → 5 goes on to 2 in 令和4年度 (off track); 8 → 4 reaches 0 (on track)', () => {
      expect(project(waiting({ 2020: 8, 2021: 5 }), 2021)).toMatchObject({ method: 'lastTwoActuals', projected: 2, onTrack: false });
      expect(project(waiting({ 2020: 8, 2021: 4 }), 2021)).toMatchObject({ projected: 0, onTrack: true });
    });
  });

  describe('「〜以下」 (at most)', () => {
    const atMost = (actual: number, baseline = 950): PlainKpi => ({
      name: '1人1日あたりごみ排出量',
      unit: 'g',
      direction: 'atMost',
      baseline: { value: baseline },
      baselineYear: 2019,
      target: { value: 900 },
      targetYear: 2024,
      years: [{ fiscalYear: 2021, actual: { value: actual } }],
    });
    it('the threshold holds every year (not interpolated)', () => {
      const e = evaluate(atMost(905), 2021);
      expect(e.target).toMatchObject({ value: 900, source: 'threshold', interpolated: false });
      expect(e.verdict).toBe('notAchieved');
      expect(e.attainment).toBeCloseTo(900 / 905, 10);
      expect(e.progress).toBeCloseTo(45 / 50, 10);
      expect(explain(e)).toBe('達成率 = 900 ÷ 905 = 99.4%（少ないほど良い指標のため目標値 ÷ 実績値、目標値を上回り未達成）');
    });
    it('equal to the threshold counts as achieved', () => {
      expect(evaluate(atMost(900), 2021)).toMatchObject({ verdict: 'achieved', attainment: 1 });
    });
    it('target = baseline (「10件以下」 from 10件): a threshold, no division by zero', () => {
      const e = evaluate(atMost(912, 900), 2021);
      expect(e.progress).toBeNull();
      expect(e.verdict).toBe('notAchieved');
      expect(e.attainment).toBeCloseTo(900 / 912, 10);
    });
  });

  describe('zero and signed values', () => {
    const kpi = (target: number, baseline: number | null, actual: number, direction: PlainKpi['direction'] = 'higher'): PlainKpi => ({
      name: 'x',
      unit: '人',
      direction,
      ...(baseline === null ? {} : { baseline: { value: baseline }, baselineYear: 2019 }),
      target: { value: target },
      targetYear: 2021,
      years: [{ fiscalYear: 2021, actual: { value: actual } }],
    });
    it('zero target, zero baseline, zero actual: achieved with no ratio at all', () => {
      const e = evaluate(kpi(0, 0, 0), 2021);
      expect(e).toMatchObject({ verdict: 'achieved', attainment: null, progress: null, baselineChange: null });
      expect(e.rank).toMatchObject({ key: 'A', measure: 'comparison', ratio: null });
      expect(explain(e)).toBe('実績値 0 = 目標値 0（目標値以上で達成）');
    });
    it('zero target missed without a baseline: the lowest level, explained by the comparison', () => {
      const e = evaluate(kpi(0, null, -3), 2021);
      expect(e).toMatchObject({ verdict: 'notAchieved', attainment: null, progress: null });
      expect(e.rank.key).toBe('D');
      expect(explain(e)).toBe('実績値 −3 < 目標値 0（目標値に届かず未達成）');
    });
    it('a negative target: 達成率 undefined, 進捗率 defined', () => {
      const e = evaluate(kpi(-20, -100, -60), 2021);
      expect(e.attainment).toBeNull();
      expect(e.progress).toBe(0.5);
      expect(e.verdict).toBe('notAchieved');
      expect(e.rank.key).toBe('C');
    });
    it('a negative actual against a positive target: a negative 達成率', () => {
      expect(evaluate(kpi(50, 10, -10), 2021).attainment).toBe(-0.2);
    });
    it('less is better with an actual of 0 and a positive target: achieved, 達成率 undefined (division by zero)', () => {
      const e = evaluate(kpi(5, 10, 0, 'lower'), 2021);
      expect(e).toMatchObject({ verdict: 'achieved', attainment: null, progress: 2 });
    });
    it('a target below the baseline for a more-is-better KPI is a threshold (no 進捗率)', () => {
      const e = evaluate(kpi(50_000, 52_000, 51_000), 2021);
      expect(e).toMatchObject({ verdict: 'achieved', progress: null });
    });
  });

  describe('速報値, remarks and statistic periods', () => {
    it('速報値: achieved, flagged provisional and said so', () => {
      const e = evaluate(
        {
          name: '相談件数',
          unit: '件',
          direction: 'atLeast',
          baseline: { value: 1636 },
          baselineYear: 2018,
          target: { value: 1620 },
          targetYear: 2022,
          years: [{ fiscalYear: 2021, actual: { value: 1700, provisional: true, statPeriod: '令和3年' } }],
        },
        2021,
      );
      expect(e).toMatchObject({ verdict: 'achieved', provisional: true, statPeriod: '令和3年' });
      expect(explain(e)).toBe('達成率 = 1,700 ÷ 1,620 = 104.9%（目標値以上で達成、速報値、統計期間: 令和3年）');
    });
  });

  describe('pending and excluded', () => {
    const base: PlainKpi = { name: '満足度', unit: '%', baseline: { value: 35 }, baselineYear: 2019, target: { value: 50 }, targetYear: 2024 };
    const withActual = (actual: PlainKpi['years']): PlainKpi => ({ ...base, years: actual });
    it('blank (no record, or a record without an actual): pending', () => {
      expect(evaluate(base, 2021)).toMatchObject({ verdict: 'pending', reason: 'noActual' });
      expect(evaluate(withActual([{ fiscalYear: 2021, shortfallReason: '' }]), 2021)).toMatchObject({ verdict: 'pending', reason: 'noActual' });
      expect(explain(evaluate(base, 2021))).toBe('実績値が未入力のため評価保留');
    });
    it('集計中 and 未実施: pending', () => {
      expect(evaluate(withActual([{ fiscalYear: 2021, actual: { value: null, status: 'collecting' } }]), 2021)).toMatchObject({
        verdict: 'pending',
        reason: 'collecting',
      });
      expect(evaluate(withActual([{ fiscalYear: 2021, actual: { value: null, status: 'notConducted' } }]), 2021).reason).toBe('notConducted');
    });
    it('a text that is no number: pending (undetermined), quoted in the explanation', () => {
      const e = evaluate(withActual([{ fiscalYear: 2021, actual: { value: null, text: '確認中' } }]), 2021);
      expect(e).toMatchObject({ verdict: 'pending', reason: 'undetermined' });
      expect(explain(e)).toBe('実績「確認中」から達成・未達成を判断できないため評価保留');
    });
    it('県全体で評価 and 該当なし, on the actual, the yearly target or the final target: excluded', () => {
      expect(evaluate(withActual([{ fiscalYear: 2021, actual: { value: null, status: 'evaluatedElsewhere' } }]), 2021)).toMatchObject({
        verdict: 'excluded',
        reason: 'evaluatedElsewhere',
      });
      expect(evaluate(withActual([{ fiscalYear: 2021, target: { value: null, status: 'notApplicable' }, actual: { value: 40 } }]), 2021).reason).toBe(
        'notApplicable',
      );
      expect(evaluate({ ...base, target: { value: null, status: 'evaluatedElsewhere' } }, 2021).reason).toBe('evaluatedElsewhere');
    });
    it('no target at all: excluded, even with an actual', () => {
      const e = evaluate({ name: '参加者数', unit: '人', years: [{ fiscalYear: 2021, actual: { value: 40 } }] }, 2021);
      expect(e).toMatchObject({ verdict: 'excluded', reason: 'noTarget', actual: 40 });
      expect(explain(e)).toBe('目標値が設定されていないため評価対象外');
    });
    it('the baseline year itself: excluded (nothing to judge yet)', () => {
      const e = evaluate(withActual([{ fiscalYear: 2019, actual: { value: 35 } }]), 2019);
      expect(e).toMatchObject({ verdict: 'excluded', reason: 'beforeBaseline' });
      expect(explain(e)).toBe('基準年度（令和元年度）以前のため評価対象外');
    });
    it('pending and excluded are ranked unevaluable under every preset', () => {
      for (const preset of ['default', 'nagano', 'osakaLibrary', 'ino', 'nagayo', 'tama'] as const) {
        const e = evaluate(base, 2021, preset);
        expect(e.rank.evaluable).toBe(false);
        expect(e.rank.key).toBe('unevaluable');
        expect(e.rank.label).not.toBe('');
        expect(e.rank.symbol).not.toBe('');
      }
      expect(evaluate(base, 2021, 'ino').rank.label).toBe('評価なし');
    });
  });

  describe('targets of the year', () => {
    const line: PlainKpi = {
      name: '観光入込客数',
      unit: '千人',
      baseline: { value: 3534 },
      baselineYear: 2018,
      target: { value: 3817 },
      targetYear: 2022,
    };
    it('after the target year: the final target', () => {
      expect(evaluate({ ...line, years: [{ fiscalYear: 2024, actual: { value: 3900 } }] }, 2024).target).toMatchObject({
        value: 3817,
        source: 'final',
        interpolated: false,
      });
    });
    it('an explicit yearly target wins; other years are interpolated between the nearest known points', () => {
      const { kpi, years } = make({ ...line, years: [{ fiscalYear: 2020, target: { value: 3000 } }] });
      const byYear = indexYears(kpi, years);
      expect(resolveYearTarget(kpi, byYear, 2020)).toMatchObject({ value: 3000, source: 'yearly', interpolated: false });
      expect(resolveYearTarget(kpi, byYear, 2019)).toMatchObject({ value: 3267, source: 'interpolated', from: { year: 2018 }, to: { year: 2020 } });
      expect(resolveYearTarget(kpi, byYear, 2021)).toMatchObject({ value: 3408.5, source: 'interpolated', from: { year: 2020 }, to: { year: 2022 } });
      // The 多摩市 line ignores yearly targets: baseline to final target.
      expect(linearTarget(kpi, 2020)).toBe(3675.5);
    });
    it('no baseline: the final target itself in the interim years', () => {
      const e = evaluate({ ...line, baseline: undefined, baselineYear: undefined, years: [{ fiscalYear: 2020, actual: { value: 3700 } }] }, 2020);
      expect(e.target).toMatchObject({ value: 3817, source: 'final' });
      expect(explain(e)).toBe('達成率 = 3,700 ÷ 3,817 = 96.9%（令和4年度の最終目標値と比較、目標値に届かず未達成）');
    });
    it('interpolated targets are rounded to the unit\'s sense: an actual equal to the printed target is achieved', () => {
      // 10 + (20 − 10) × 1/3 = 13.333333333333334 before rounding: 13件 (a count), 13.3% (the
      // precision of the adopted 10.5%), never 13.33333333.
      const count = evaluate(
        { name: 'x', unit: '件', baseline: { value: 10 }, baselineYear: 2019, target: { value: 20 }, targetYear: 2022, years: [{ fiscalYear: 2020, actual: { value: 13 } }] },
        2020,
      );
      expect(count.target?.value).toBe(13);
      expect(count.verdict).toBe('achieved');
      const rate = evaluate(
        { name: 'x', unit: '%', baseline: { value: 10.5 }, baselineYear: 2019, target: { value: 20 }, targetYear: 2022, years: [{ fiscalYear: 2020, actual: { value: 13.7 } }] },
        2020,
      );
      // 10.5 + 9.5 / 3 = 13.666…: 13.7.
      expect(rate.target?.value).toBe(13.7);
      expect(rate.verdict).toBe('achieved');
      // 10,235.25人 is 10,235人.
      const people = evaluate(
        { name: 'x', unit: '人', baseline: { value: 10000 }, baselineYear: 2019, target: { value: 10941 }, targetYear: 2023, years: [{ fiscalYear: 2020, actual: { value: 1 } }] },
        2020,
      );
      expect(people.target?.value).toBe(10235);
    });
    it('records of other KPIs and deleted records are ignored', () => {
      const { kpi, years } = make({ ...line, years: [{ fiscalYear: 2020, actual: { value: 4000 } }] });
      const deleted = years.map((y) => ({ ...y, deletedAt: '2026-04-01T00:00:00.000Z' }));
      const foreign = years.map((y) => ({ ...y, kpiId: 'other', actual: { value: 1 } }));
      expect(evaluateKpi(kpi, deleted, 2020, null, 'interpolated').verdict).toBe('pending');
      expect(evaluateKpi(kpi, [...foreign, ...years], 2020, null, 'interpolated').verdict).toBe('achieved');
    });
  });

  describe('milestones', () => {
    const plan = (actual?: object): PlainKpi => ({
      name: '構想の策定',
      unit: '',
      kind: 'milestone',
      target: { value: null, text: '策定' },
      targetYear: 2021,
      ...(actual ? { years: [{ fiscalYear: 2021, actual: { value: null, ...actual } }] } : {}),
    });
    it('done / not done from Measurement.done', () => {
      expect(evaluate(plan({ text: '策定済み', done: true }), 2021)).toMatchObject({ verdict: 'achieved', done: true });
      expect(evaluate(plan({ text: '策定中', done: false }), 2021)).toMatchObject({ verdict: 'notAchieved', done: false });
      expect(explain(evaluate(plan({ text: '策定中', done: false }), 2021))).toBe('目標「策定」は未達成');
    });
    it('a text that says neither: pending', () => {
      expect(evaluate(plan({ text: '協議会で検討' }), 2021)).toMatchObject({ verdict: 'pending', reason: 'undetermined' });
    });
    it('milestones rank at the top or bottom of ratio schemes, ○ / △ under いの町, S / B under 長与町', () => {
      expect(evaluate(plan({ done: true }), 2021, 'default').rank.key).toBe('A');
      expect(evaluate(plan({ done: false }), 2021, 'default').rank.key).toBe('D');
      expect(evaluate(plan({ done: true }), 2021, 'ino').rank.key).toBe('equal');
      expect(evaluate(plan({ done: false }), 2021, 'ino').rank.key).toBe('missed');
      expect(evaluate(plan({ done: true }), 2021, 'nagayo').rank.key).toBe('S');
      expect(evaluate(plan({ done: false }), 2021, 'nagayo').rank.key).toBe('B');
    });
    it('trend: not done → done is better', () => {
      const { kpi, years } = make({
        ...plan(),
        years: [
          { fiscalYear: 2020, actual: { value: null, text: '準備中', done: false } },
          { fiscalYear: 2021, actual: { value: null, text: '策定', done: true } },
        ],
      });
      expect(evaluateKpi(kpi, years, 2021).trend).toBe('better');
    });
  });

  describe('trend', () => {
    const kpi: PlainKpi = { name: 'x', unit: '件', baseline: { value: 10 }, baselineYear: 2019, target: { value: 20 }, targetYear: 2024 };
    it('null when the previous year has no number (blank or 集計中) or this year has none', () => {
      expect(evaluate({ ...kpi, years: [{ fiscalYear: 2021, actual: { value: 12 } }] }, 2021).trend).toBeNull();
      expect(
        evaluate({ ...kpi, years: [{ fiscalYear: 2020, actual: { value: null, status: 'collecting' } }, { fiscalYear: 2021, actual: { value: 12 } }] }, 2021)
          .trend,
      ).toBeNull();
      expect(evaluate({ ...kpi, years: [{ fiscalYear: 2020, actual: { value: 12 } }] }, 2021).trend).toBeNull();
    });
    it('is null for a pending year: there is no actual to compare', () => {
      const e = evaluate({ ...kpi, years: [{ fiscalYear: 2020, actual: { value: 12 } }, { fiscalYear: 2021, actual: { value: null, status: 'collecting' } }] }, 2021);
      expect(e.previous).toEqual({ year: 2020, value: 12, done: null });
      expect(e.trend).toBeNull();
    });
  });

  describe('projection', () => {
    const kpi: PlainKpi = { name: 'x', unit: '件', baseline: { value: 10 }, baselineYear: 2019, target: { value: 20 }, targetYear: 2024 };
    it('from the baseline through the only actual', () => {
      expect(project({ ...kpi, years: [{ fiscalYear: 2021, actual: { value: 14 } }] }, 2021)).toEqual({
        method: 'baselineAndActual',
        year: 2024,
        projected: 20,
        finalTarget: 20,
        onTrack: true,
        points: [
          { year: 2019, value: 10 },
          { year: 2021, value: 14 },
        ],
      });
    });
    it('through the last two actuals, skipping a pending year', () => {
      const projection = project(
        {
          ...kpi,
          years: [
            { fiscalYear: 2020, actual: { value: 11 } },
            { fiscalYear: 2021, actual: { value: 12 } },
            { fiscalYear: 2022, actual: { value: null, status: 'collecting' } },
          ],
        },
        2022,
      );
      expect(projection).toMatchObject({ method: 'lastTwoActuals', projected: 15, onTrack: false });
    });
    it('with one actual and no baseline year: whether that actual meets its year target', () => {
      const projection = project({ ...kpi, baseline: undefined, baselineYear: undefined, years: [{ fiscalYear: 2021, actual: { value: 21 } }] }, 2021);
      expect(projection).toMatchObject({ method: 'interimTarget', projected: null, onTrack: true });
    });
    it('null in and after the final year, and without any actual', () => {
      expect(project({ ...kpi, years: [{ fiscalYear: 2024, actual: { value: 21 } }] }, 2024)).toBeNull();
      expect(project(kpi, 2021)).toBeNull();
    });
  });
});

describe('evaluateKpiYears', () => {
  it('evaluates a KPI across the period (the detail chart)', () => {
    const { kpi, years } = make(waiting({ 2020: 8, 2021: 5, 2022: 2 }));
    const series = evaluateKpiYears(kpi, years, [2019, 2020, 2021, 2022, 2023], null, 'interpolated');
    expect(series.map((e) => e.target?.value ?? null)).toEqual([9, 6, 3, 0, 0]);
    expect(series.map((e) => e.target?.interpolated ?? null)).toEqual([true, true, true, false, false]);
    expect(series.map((e) => e.verdict)).toEqual(['pending', 'notAchieved', 'notAchieved', 'notAchieved', 'pending']);
  });
});

describe('strategySchema', () => {
  it('reads a strategy stored before rank schemes existed as the default scheme (null)', () => {
    const r = buildWorkbook({ municipality: 'テスト町', name: 'テスト', startYear: 2020, endYear: 2024, goals: [] }, testContext());
    const { rankScheme, ...old } = r.strategy;
    expect(rankScheme).toBeNull();
    expect(strategySchema.parse(old).rankScheme).toBeNull();
    expect(strategyDefaults(2020).rankScheme).toBeNull();
  });
  it('keeps a preset or custom scheme', () => {
    const r = buildWorkbook({ municipality: 'テスト町', name: 'テスト', startYear: 2020, endYear: 2024, goals: [] }, testContext());
    const scheme = presetRankScheme('nagano');
    expect(strategySchema.parse({ ...r.strategy, rankScheme: scheme }).rankScheme).toEqual(scheme);
    expect(strategySchema.safeParse({ ...r.strategy, rankScheme: { kind: 'ratio' } }).success).toBe(false);
  });
});
