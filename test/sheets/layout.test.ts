// The two layout families of the published tables are recognised and read; anything else is
// refused (never mapped to junk); a corrected recognition changes what is read.
import { expect, test } from 'vitest';
import { WorkbookView } from '../../src/domain/workbook';
import { formatMeasurement } from '../../src/domain/numbers';
import { loadSpreadsheet, newWorkbookRecords, planImport, readLayout, recognizeLayout, guessMapping, cellString, parseCsv, type PlanTarget, type RawCell } from '../../src/sheets';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { kpiTable, tableRows } from '../../src/sheets';
import { crossTabRows, crossTabWorkbook, rowPerKpiWorkbook } from '../support/xlsx-fixture';
import { testContext } from '../support/context';

const target: PlanTarget = { mode: 'create', strategy: { municipality: '見本市', name: '交付金事業', startYear: 2020, endYear: 2022 }, defaultGoalTitle: '交付金事業' };

async function sheetOf(bytes: Uint8Array): Promise<RawCell[][]> {
  const loaded = await loadSpreadsheet('x.xlsx', bytes);
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.file.sheets[0]!.rows;
}

test('the row-per-KPI table (関市) is recognised as rows with its head row', async () => {
  expect(recognizeLayout(await sheetOf(rowPerKpiWorkbook()))).toEqual({ kind: 'rows', headerRow: 1 });
});

test('the app’s own KPI表 (「年度 | 目標 | 実績」 side by side in its head row) is rows, not a cross-tab', () => {
  const view = new WorkbookView(buildWorkbook(SEKI_SAMPLE, testContext()));
  const grid = tableRows(kpiTable(view));
  expect(recognizeLayout(grid)).toEqual({ kind: 'rows', headerRow: 0 });
});

test('the 交付金 cross-tab (山陽小野田市) is recognised: 目標/実績 row and year column', async () => {
  expect(recognizeLayout(await sheetOf(crossTabWorkbook()))).toEqual({ kind: 'crossTab', pairRow: 7, yearColumn: 0 });
});

test('the cross-tab becomes projects, KPIs and each year’s 目標 and 実績 — no KPI named R2 or 当初', async () => {
  const grid = await sheetOf(crossTabWorkbook());
  const layout = recognizeLayout(grid);
  if (layout.kind !== 'crossTab') throw new Error(layout.kind);
  const plan = planImport(readLayout(grid, layout), target, testContext('取込'));
  expect(plan.issues).toEqual([]);
  const view = new WorkbookView(newWorkbookRecords(plan));
  const projects = view.goals.flatMap((g) => view.projectsOf(g.id));
  expect(projects.map((p) => `${p.number} ${p.name}`)).toEqual(['A 見本ガラスのブランド化推進事業', 'B 交流・にぎわい創出事業']);
  expect(projects[0]!.summary).toBe('本市の誇る「ガラスの文化」を活用し、作家の作品をブランド化する。');
  const kpis = projects.flatMap((p) => view.kpisOf(p.id));
  expect(kpis.map((k) => k.name)).toEqual(['ブランド化したガラス商品の販売額', '見本ガラス館の来客数', 'ブランド化したガラス商品数', '健康づくり実施箇所数', '観光客数']);
  const years = (name: string) => {
    const k = kpis.find((x) => x.name === name)!;
    const ys = plan.written.kpiYears.filter((y) => y.kpiId === k.id).sort((a, b) => a.fiscalYear - b.fiscalYear);
    return {
      unit: k.unit,
      baseline: k.baseline && formatMeasurement(k.baseline, k.unit),
      baselineYear: k.baselineYear,
      target: k.target && formatMeasurement(k.target, k.unit),
      targetYear: k.targetYear,
      years: ys.map((y) => [y.fiscalYear, y.target ? formatMeasurement(y.target, k.unit) : '', y.actual ? formatMeasurement(y.actual, k.unit) : '', y.shortfallReason]),
    };
  };
  expect(years('ブランド化したガラス商品の販売額')).toEqual({
    unit: '円',
    baseline: '0円',
    baselineYear: 2019,
    target: '15,000,000円',
    targetYear: 2022,
    years: [
      // The sheet's 目標 for R2 is kept: it differs from the straight line the engine would draw.
      [2020, '0円', '0円', ''],
      [2021, '10,000,000円', '134,280円', '新型コロナウイルス感染症の影響により協議が進まなかった。'],
    ],
  });
  const visitors = years('見本ガラス館の来客数');
  expect(visitors.years.find((y) => y[0] === 2020)).toEqual([2020, '12,672人', '8,016人', '']);
  expect(visitors.years.find((y) => y[0] === 2021)![3]).toBe('来客数がコロナ前に戻っていない。');
  // 「コロナのため省略」 is left empty, not an error.
  const health = years('健康づくり実施箇所数');
  expect(health.target).toBe('70件');
  expect(health.years.find((y) => y[0] === 2022)?.[2] ?? '').toBe('');
  // Every stored value, checked against the sheet: 3 + 2 KPIs × their year values.
  expect(plan.added).toEqual({ goals: 1, measures: 0, projects: 2, kpis: 5 });
});

test('the same table as CSV (text cells) reads the same', () => {
  const csv = crossTabRows()
    .map((r) => r.map((c) => (c === null ? '' : typeof c === 'object' ? `${c.v}円` : `"${String(c).replace(/"/g, '""')}"`)).join(','))
    .join('\r\n');
  const grid = parseCsv(csv);
  const layout = recognizeLayout(grid);
  expect(layout.kind).toBe('crossTab');
  if (layout.kind !== 'crossTab') return;
  const plan = planImport(readLayout(grid, layout), target, testContext('取込'));
  expect(plan.issues).toEqual([]);
  expect(plan.added.kpis).toBe(5);
});

test('a sheet in neither layout is refused, not mapped', () => {
  const grid = [['交付金事業の状況について'], ['事業の概要は以下のとおり。'], ['R2', '当初', '達成状況'], ['本市の誇る「ガラスの文化」…']];
  expect(recognizeLayout(grid)).toEqual({ kind: 'none' });
});

test('a corrected year column changes what is read', async () => {
  const grid = await sheetOf(crossTabWorkbook());
  // Years read from the wrong column: no year rows, so no values.
  const wrong = readLayout(grid, { kind: 'crossTab', pairRow: 7, yearColumn: 1 });
  expect(wrong.rows.flatMap((r) => r.values)).toEqual([]);
  const right = readLayout(grid, { kind: 'crossTab', pairRow: 7, yearColumn: 0 });
  expect(right.rows.flatMap((r) => r.values).length).toBeGreaterThan(20);
  // And a row-per-KPI reading of the cross-tab is what the old screen offered: junk KPIs.
  const mapping = guessMapping((grid[7] ?? []).map(cellString));
  expect(mapping.map((m) => m.kind)).not.toContain('kpiName');
});
