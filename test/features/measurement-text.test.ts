// What screens show for a year's target: a range target (「80〜90%」) as typed in every screen that
// states a target (KPI detail, to-do list, meeting mode), never only its lower bound.
import { afterEach, describe, expect, test } from 'vitest';
import { setLocale } from '../../src/i18n';
import { readCell, targetCellText } from '../../src/features/shared/measurement-text';
import { kpiDefaults, type Kpi } from '../../src/domain/entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../../src/domain/entities/kpi-year';
import { createRecord } from '../../src/domain/records';
import { evaluateKpi } from '../../src/domain/achievement';
import { testContext } from '../support/context';

afterEach(async () => {
  await setLocale('ja');
});

const ctx = testContext();
const kpi = (over: Partial<Kpi>): Kpi => ({ ...createRecord<Kpi>(ctx, 's', { ...kpiDefaults('g', 'p', 0), unit: '%' }), ...over });

function read(text: string) {
  const r = readCell(text, { unit: '%', kind: 'numeric' }, 'target');
  if (!r.ok || !r.measurement) throw new Error(text);
  return r.measurement;
}

describe('targetCellText', () => {
  test('a range target of a year is shown as typed, in both languages, and a plain one with its threshold word', async () => {
    const k = kpi({ direction: 'atLeast', target: read('80〜90%'), targetYear: 2024 });
    const year: KpiYear = { ...createRecord<KpiYear>(ctx, 's', kpiYearDefaults(k.id, 2024)), fiscalYear: 2024, actual: { value: 85 } };
    const e = evaluateKpi(k, [year], 2024);
    expect(e.verdict).toBe('achieved');
    expect(targetCellText(e.target!, k)).toBe('80〜90%');
    const joined = { value: 80, measurement: read('80%以上90%未満') };
    expect(targetCellText(joined, k)).toBe('80%以上90%未満');
    // A plain number keeps the KPI's threshold word, as before.
    expect(targetCellText({ value: 87.5, measurement: { value: 87.5 } }, k)).toBe('87.5%以上');
    expect(targetCellText({ value: 87.5, measurement: null }, k)).toBe('87.5%以上');
    await setLocale('en');
    expect(targetCellText(e.target!, k)).toBe('80〜90%');
    expect(targetCellText({ value: 87.5, measurement: null }, k)).toBe('87.5% or more');
  });

  test('a range typed as an actual is refused with a Japanese message that names it', () => {
    const r = readCell('80〜90%', { unit: '%', kind: 'numeric' }, 'actual');
    expect(r).toEqual({ ok: false, message: expect.stringContaining('「80〜90%」は範囲です') });
  });
});

describe('truncatedPercent (the 達成率 / 進捗率 cells of a spreadsheet)', () => {
  test('truncates as the screens do, so a cell never reads 100.0 beside 未達成', async () => {
    const { truncatedPercent, formatPercent } = await import('../../src/domain/achievement');
    expect(truncatedPercent(99_990 / 100_000)).toBe(99.9);
    expect(truncatedPercent(0.99996)).toBe(99.9);
    // The engine's ratios are the doubles nearest the exact fractions (1.2 ÷ 1.5 comes as 0.8).
    expect(truncatedPercent(0.8)).toBe(80);
    expect(truncatedPercent((2372 - 3534) / (3817 - 3534))).toBe(-410.7);
    expect(truncatedPercent(-0.00001)).toBe(-0.1);
    expect(Object.is(truncatedPercent(0), 0)).toBe(true);
    for (const r of [0.99996, 0.8, 1.125, -4.106007, 0.333333]) expect(`${truncatedPercent(r)}%`.replace('-', '−')).toBe(formatPercent(r).replace(/,/g, ''));
  });
});

describe('a baseline that is a remark (「（事業開始前）」)', () => {
  test('is kept with no value, shown and printed as typed, and judged without progress from it', async () => {
    const { buildWorkbook } = await import('../../src/domain/sample/build');
    const { SEKI_SAMPLE } = await import('../../src/domain/sample/seki');
    const { WorkbookView } = await import('../../src/domain/workbook');
    const { kpiLine, grantKpi } = await import('../../src/features/reports/report-model');
    const r = readCell('（事業開始前）', { unit: '件', kind: 'numeric' }, 'baseline');
    expect(r).toEqual({ ok: true, measurement: { value: null, remark: '事業開始前' } });
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    const i = records.kpis.findIndex((k) => k.name.startsWith('関市ビジネスサポートセンター'));
    records.kpis[i] = { ...records.kpis[i]!, baseline: { value: null, remark: '事業開始前' } };
    const view = new WorkbookView(records);
    const k = records.kpis[i]!;
    const line = kpiLine(view, k, 2020);
    expect(line.baseline).toBe('（事業開始前）');
    expect(line.evaluation.baseline).toBeNull();
    expect(line.evaluation.progress).toBeNull();
    expect(grantKpi(view, k, 2020).rows[0]!.actual).toBe('（事業開始前）');
    await setLocale('en');
    expect(kpiLine(view, k, 2020).baseline).toBe('(事業開始前)');
  });

  test('a remark alone as an actual or a target is refused, saying it belongs to a baseline', () => {
    for (const role of ['actual', 'target'] as const) {
      const r = readCell('（事業開始前）', { unit: '件', kind: 'numeric' }, role);
      expect(r).toEqual({ ok: false, message: expect.stringContaining('補足だけの値（（事業開始前） など）は基準値にだけ入力できます') });
    }
  });
});

describe('the KPI chart', () => {
  test('draws a range target by both its bounds', async () => {
    const { chartPoints } = await import('../../src/features/dashboard/kpi-chart');
    const { evaluateKpiYears } = await import('../../src/domain/achievement');
    const k = kpi({ direction: 'higher', target: read('80〜90%'), targetYear: 2022 });
    const year: KpiYear = { ...createRecord<KpiYear>(ctx, 's', kpiYearDefaults(k.id, 2021)), fiscalYear: 2021, target: read('70〜75%'), actual: { value: 72 } };
    const points = chartPoints(evaluateKpiYears(k, [year], [2021, 2022]));
    expect(points.filter((p) => p.series === 'target')).toEqual([
      { year: 2021, value: 70, series: 'target' },
      { year: 2021, value: 75, series: 'target' },
      // The final year's target is the final range itself.
      { year: 2022, value: 80, series: 'target' },
      { year: 2022, value: 90, series: 'target' },
    ]);
    expect(points.filter((p) => p.series === 'final').map((p) => p.value)).toEqual([80, 90]);
  });
});
