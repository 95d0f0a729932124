// Cell formats are read, not only cell values: Excel keeps 87.5% as 0.875 with a percent format,
// 3,534千円 as 3534 with a custom format (or 3534000 with `#,##0,"千円"`), dates as serials. Read
// without the format, a percent KPI got 0.875 % and was judged 1.1 % achieved, silently.
import { describe, expect, test } from 'vitest';
import { WorkbookView } from '../../src/domain/workbook';
import {
  findHeaderRow,
  formatMeaning,
  formatNumberCell,
  guessMapping,
  loadSpreadsheet,
  newWorkbookRecords,
  planImport,
  readRows,
  serialDate,
  warningMessage,
  cellString,
  type PlanTarget,
} from '../../src/sheets';
import { buildXlsx, rowPerKpiWorkbook } from '../support/xlsx-fixture';
import { testContext } from '../support/context';

const createTarget: PlanTarget = {
  mode: 'create',
  strategy: { municipality: '見本市', name: '第2期見本市まち・ひと・しごと創生総合戦略', startYear: 2020, endYear: 2022 },
  defaultGoalTitle: '基本目標',
};

async function planOf(bytes: Uint8Array) {
  const loaded = await loadSpreadsheet('見本市.xlsx', bytes);
  if (!loaded.ok) throw new Error(loaded.reason);
  const rows = loaded.file.sheets[0]!.rows;
  const h = findHeaderRow(rows);
  const mapping = guessMapping(rows[h]!.map(cellString));
  return { rows, plan: planImport(readRows(rows, h, mapping), createTarget, testContext('取込')) };
}

describe('number formats', () => {
  test('what a format code shows', () => {
    expect(formatMeaning('0.0%')).toEqual({ kind: 'percent', prefix: '', suffix: '' });
    expect(formatMeaning('#,##0"千円"')).toEqual({ kind: 'shown', prefix: '', suffix: '千円', divide: 1 });
    expect(formatMeaning('#,##0,"千円"')).toEqual({ kind: 'shown', prefix: '', suffix: '千円', divide: 1000 });
    expect(formatMeaning('#,##0.0,,"百万円"')).toEqual({ kind: 'shown', prefix: '', suffix: '百万円', divide: 1_000_000 });
    expect(formatMeaning('"約"#,##0"人";"約△"#,##0"人"')).toEqual({ kind: 'shown', prefix: '約', suffix: '人', divide: 1 });
    expect(formatMeaning('#,##0\\円')).toEqual({ kind: 'shown', prefix: '', suffix: '円', divide: 1 });
    expect(formatMeaning('[$¥-411]#,##0')).toEqual({ kind: 'shown', prefix: '¥', suffix: '', divide: 1 });
    expect(formatMeaning('#,##0;"△"#,##0')).toEqual({ kind: 'plain' });
    expect(formatMeaning('#,##0;[Red]-#,##0')).toEqual({ kind: 'plain' });
    expect(formatMeaning('General')).toEqual({ kind: 'plain' });
    expect(formatMeaning('yyyy/m/d')).toEqual({ kind: 'date' });
    expect(formatMeaning('[$-ja-JP]ggge"年"m"月"d"日"')).toEqual({ kind: 'date' });
  });

  test('a number cell as shown: ×100 with %, divided by 1,000 per comma, dates as days', () => {
    expect(formatNumberCell(0.935, formatMeaning('0.0%'))).toBe('93.5%');
    expect(formatNumberCell(0.07, formatMeaning('0%'))).toBe('7%');
    expect(formatNumberCell(3620000, formatMeaning('#,##0,"千円"'))).toBe('3620千円');
    expect(formatNumberCell(-65, formatMeaning('#,##0"件";"△"#,##0"件"'))).toBe('-65件');
    expect(formatNumberCell(1636, formatMeaning('#,##0;"△"#,##0'))).toBe(1636);
    expect(serialDate(44286)).toBe('2021-03-31');
    expect(serialDate(1)).toBe('1900-01-01');
    expect(serialDate(61)).toBe('1900-03-01');
  });
});

test('an .xlsx with percent, 千円 and custom formats, merged title and line breaks reads as shown', async () => {
  const loaded = await loadSpreadsheet('見本市.xlsx', rowPerKpiWorkbook());
  expect(loaded.ok).toBe(true);
  if (!loaded.ok) return;
  const sheet = loaded.file.sheets[0]!;
  expect(sheet.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 7 }]);
  // ふりがな runs are left out of the text.
  expect(sheet.rows[0]![0]).toBe('第2期見本市まち・ひと・しごと創生総合戦略（令和2年～4年度）進捗状況');
  expect(sheet.rows[1]![5]).toBe('令和2年度\n(実績値)');
  expect(sheet.rows[3]!.slice(4)).toEqual(['85%', '87.5%', '93.5%', '90%']);
  expect(sheet.rows[4]!.slice(4)).toEqual(['3534千円', '3620千円', '3700千円', '4000千円以上']);
  expect(sheet.rows[6]![6]).toBe(816.325);
  expect(sheet.rows[7]![7]).toBe('約200件');
});

test('percent cells become a % KPI with the values Excel shows (fails when the format is ignored)', async () => {
  const { plan } = await planOf(rowPerKpiWorkbook());
  expect(plan.issues).toEqual([]);
  const view = new WorkbookView(newWorkbookRecords(plan));
  const kpis = view.goals.flatMap((g) => view.projectsOf(g.id).flatMap((p) => view.kpisOf(p.id)));
  const rate = kpis.find((k) => k.name === '就職率')!;
  expect(rate.unit).toBe('%');
  expect(rate.baseline).toEqual({ value: 85 });
  expect(rate.baselineYear).toBe(2018);
  expect(rate.target).toEqual({ value: 90 });
  const years = plan.written.kpiYears.filter((y) => y.kpiId === rate.id);
  expect(years.find((y) => y.fiscalYear === 2020)!.actual).toEqual({ value: 87.5 });
  expect(years.find((y) => y.fiscalYear === 2021)!.actual).toEqual({ value: 93.5 });

  const tax = kpis.find((k) => k.name === '法人市民税収')!;
  expect(tax.unit).toBe('千円');
  expect(tax.baseline).toEqual({ value: 3534 });
  expect(tax.target).toEqual({ value: 4000, remark: '以上' });
  expect(tax.direction).toBe('atLeast');
  const taxYears = plan.written.kpiYears.filter((y) => y.kpiId === tax.id);
  expect(taxYears.find((y) => y.fiscalYear === 2020)!.actual).toEqual({ value: 3620 });

  const consult = kpis.find((k) => k.name === '移住相談件数')!;
  expect(consult.target).toEqual({ value: 200, approximate: true });
});

test('a value off by a factor of 1,000 from its KPI’s others is flagged on its cell', async () => {
  const { plan } = await planOf(rowPerKpiWorkbook());
  expect(plan.warnings).toHaveLength(1);
  const w = plan.warnings[0]!;
  expect(w).toMatchObject({ row: 7, column: '令和3年度\n(実績値)', input: '816.325', factor: 1000, larger: false });
  expect(warningMessage(w)).toContain('7行目');
  expect(warningMessage(w)).toContain('約1,000分の1');
  // The preview's table carries the warning on that very cell, and the values of every KPI.
  const visitors = plan.preview.find((k) => k.subject.endsWith('観光客数'))!;
  expect(visitors.years.find((y) => y.fy === 2021)!.actual).toMatchObject({ text: '816.325人', row: 7, warning: w });
  expect(visitors.years.find((y) => y.fy === 2020)!.actual).toMatchObject({ text: '739,034人', warning: null });
  expect(visitors.baseline).toMatchObject({ text: '1,072,438人', row: 7 });
  const rate = plan.preview.find((k) => k.subject.endsWith('就職率'))!;
  expect(rate.baseline!.text).toBe('85%');
  expect(rate.finalTarget!.text).toBe('90%');
  expect(rate.years.map((y) => [y.fy, y.actual?.text])).toEqual([
    [2020, '87.5%'],
    [2021, '93.5%'],
  ]);
  expect(plan.previewYears).toEqual([2020, 2021]);
});

test('a percent KPI typed as a fraction among percents is flagged ×100', async () => {
  const bytes = buildXlsx([
    {
      name: 'KPI',
      rows: [
        ['事業名', 'KPI', '単位', '基準値', '令和2年度 (実績値)', '令和3年度 (実績値)', '令和4年度 KPI目標値'],
        ['就業支援事業', '就職率', '%', 85, 0.875, 93.5, 90],
      ],
    },
  ]);
  const { plan } = await planOf(bytes);
  expect(plan.warnings.map((w) => [w.row, w.input, w.factor, w.larger])).toEqual([[2, '0.875', 100, false]]);
});
