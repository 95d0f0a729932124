// Export → import round trips: taking back an unchanged export changes nothing; a changed value
// is exactly one change; a new strategy made from an export has the same KPIs and values.
import { describe, expect, test } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView, type WorkbookRecords } from '../../src/domain/workbook';
import { DEFAULT_INTERIM_JUDGEMENT, type InterimJudgement } from '../../src/domain/achievement';
import {
  findHeaderRow,
  guessMapping,
  kpiTable,
  latestActualYear,
  loadSpreadsheet,
  planImport,
  progressTable,
  readRows,
  tableRows,
  writeCsv,
  writeXlsx,
  newWorkbookRecords,
  issueMessage,
  type RawCell,
  type SheetTable,
} from '../../src/sheets';
import { testContext } from '../support/context';

const records = buildWorkbook(SEKI_SAMPLE, testContext());
const view = new WorkbookView(records);

/**
 * The same records judged under another 年度目標がない年度の判定. A spreadsheet does not carry the
 * strategy's settings (the sample's is 'finalYearOnly'); a strategy made from one gets the default,
 * so its verdicts are compared with the original's under that same setting.
 */
const judgedAs = (r: WorkbookRecords, judgement: InterimJudgement) => new WorkbookView({ ...r, strategy: { ...r.strategy, interimJudgement: judgement } });

async function grid(table: SheetTable, as: 'csv' | 'xlsx'): Promise<RawCell[][]> {
  const bytes = as === 'csv' ? new TextEncoder().encode(writeCsv(tableRows(table))) : new Uint8Array(await (await writeXlsx([table])).arrayBuffer());
  const loaded = await loadSpreadsheet(`t.${as}`, bytes);
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.file.sheets[0]!.rows;
}

function plan(rows: RawCell[][], target: Parameters<typeof planImport>[1] = { mode: 'update', records }) {
  const h = findHeaderRow(rows);
  const mapping = guessMapping(rows[h]!.map((c) => String(c ?? '')));
  let n = 0;
  return planImport(readRows(rows, h, mapping), target, { ...testContext('取込'), newId: () => `import-${++n}` });
}

describe.each(['csv', 'xlsx'] as const)('%s round trip', (as) => {
  test.each([
    ['KPI表', () => kpiTable(view)],
    ['進捗状況一覧', () => progressTable(view, latestActualYear(view))],
  ])('an unchanged %s changes nothing', async (_, make) => {
    const p = plan(await grid(make(), as));
    expect(p.issues.map(issueMessage)).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.added).toEqual({ goals: 0, measures: 0, projects: 0, kpis: 0 });
  });

  test('a new strategy from the KPI table has every KPI with its values', async () => {
    const p = plan(await grid(kpiTable(view), as), { mode: 'create', strategy: { municipality: '関市', name: 'コピー', startYear: 2020, endYear: 2022 }, defaultGoalTitle: '基本目標' });
    expect(p.issues).toEqual([]);
    const copy = newWorkbookRecords(p);
    const created = new WorkbookView(copy);
    expect(created.kpiCount).toBe(view.kpiCount);
    expect(created.projectCount).toBe(view.projectCount);
    expect(created.goals.map((g) => g.title)).toEqual(view.goals.map((g) => g.title));
    expect(view.strategy.interimJudgement).toBe('finalYearOnly');
    expect(created.strategy.interimJudgement).toBe(DEFAULT_INTERIM_JUDGEMENT);
    // A second export of the copy is the same table, under the same setting either way: the
    // records came back the same, and so do the verdicts.
    expect(tableRows(kpiTable(created))).toEqual(tableRows(kpiTable(judgedAs(records, DEFAULT_INTERIM_JUDGEMENT))));
    expect(tableRows(kpiTable(judgedAs(copy, 'finalYearOnly')))).toEqual(tableRows(kpiTable(view)));
  });

  test('a new strategy from the progress table', async () => {
    const p = plan(await grid(progressTable(view, 2020), as), { mode: 'create', strategy: { municipality: '関市', name: 'コピー', startYear: 2020, endYear: 2022 }, defaultGoalTitle: '基本目標' });
    expect(p.issues).toEqual([]);
    const copy = newWorkbookRecords(p);
    const created = new WorkbookView(copy);
    expect(created.kpiCount).toBe(view.kpiCount);
    expect(created.strategy.interimJudgement).toBe(DEFAULT_INTERIM_JUDGEMENT);
    expect(tableRows(progressTable(created, 2020)).slice(1)).toEqual(tableRows(progressTable(judgedAs(records, DEFAULT_INTERIM_JUDGEMENT), 2020)).slice(1));
    expect(tableRows(progressTable(judgedAs(copy, 'finalYearOnly'), 2020)).slice(1)).toEqual(tableRows(progressTable(view, 2020)).slice(1));
  });
});
