// Reading rows into a plan: the published progress table (seed 000, as a town keeps it in Excel,
// in UTF-8 and as LibreOffice saved it in Shift_JIS) becomes a new strategy; a department's sheet
// updates the open one; unreadable cells are reported per row, in Japanese, with the row number.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView, type WorkbookRecords } from '../../src/domain/workbook';
import {
  findHeaderRow,
  guessMapping,
  guessStrategy,
  issueMessage,
  loadSpreadsheet,
  newWorkbookRecords,
  planImport,
  readRows,
  type PlanTarget,
  type RawCell,
} from '../../src/sheets';
import { testContext } from '../support/context';

/** A context whose ids never meet those of the records built with testContext(). */
function importContext(editor = '取込') {
  let n = 0;
  return { ...testContext(editor), newId: () => `import-${++n}` };
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/sheets/${name}`, import.meta.url)));

async function rowsOf(name: string): Promise<RawCell[][]> {
  const loaded = await loadSpreadsheet(name, fixture(name));
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.file.sheets[0]!.rows;
}

function read(rows: RawCell[][]) {
  const h = findHeaderRow(rows);
  const mapping = guessMapping(rows[h]!.map((c) => String(c ?? '')));
  return { sheet: readRows(rows, h, mapping), mapping };
}

const createTarget: PlanTarget = {
  mode: 'create',
  strategy: { municipality: '関市', name: '第2期関市まち・ひと・しごと創生総合戦略', startYear: 2020, endYear: 2022 },
  defaultGoalTitle: '基本目標',
};

describe.each(['seki-progress-utf8.csv', 'seki-progress-sjis.csv'])('seed 000 table %s', (name) => {
  test('guesses the strategy from the title line', async () => {
    const { sheet, mapping } = read(await rowsOf(name));
    expect(guessStrategy(sheet, mapping, name)).toEqual({
      municipality: '関市',
      name: '第2期関市まち・ひと・しごと創生総合戦略',
      startYear: 2020,
      endYear: 2022,
    });
  });

  test('creates the goals, projects and KPIs with their values', async () => {
    const { sheet } = read(await rowsOf(name));
    const plan = planImport(sheet, createTarget, importContext());
    const view = new WorkbookView(newWorkbookRecords(plan));

    expect(view.goals.map((g) => `${g.number} ${g.title}`)).toEqual([
      '1 産業の振興と人材を育成するまち',
      '2 魅力を高めて交流・定住・関係人口を増やすまち',
      '3 子どもを生み・育てやすく、誰もが活躍できるまち',
      '4 時代に合った「ちょうどいい暮らし」ができるまち',
    ]);
    expect(view.goals[0]!.directions).toContain('地域経済の好循環の促進');
    expect(view.projectCount).toBe(10);
    expect(view.kpiCount).toBe(10);

    const kpi = (n: string) => [...view.goals.flatMap((g) => view.projectsOf(g.id).flatMap((p) => view.kpisOf(p.id)))].find((k) => k.name === n)!;
    const consult = kpi('関市ビジネスサポートセンターへの相談件数');
    expect(consult).toMatchObject({
      unit: '件',
      direction: 'atLeast',
      baseline: { value: 1636 },
      baselineYear: 2018,
      target: { value: 1620, remark: '以上' },
      targetYear: 2022,
    });
    expect(view.kpiYear(consult.id, 2020)?.actual).toEqual({ value: 1823 });

    const visitors = kpi('市内全域の観光入込客数');
    expect(visitors).toMatchObject({ unit: '千人', direction: 'higher', baseline: { value: 3534 }, target: { value: 3817 } });
    expect(view.kpiYear(visitors.id, 2020)?.actual).toEqual({ value: 2372 });

    const matching = kpi('ビジネスマッチング数（ビジネスプラス展）');
    expect(view.kpiYear(matching.id, 2020)?.actual).toEqual({ value: 0, remark: 'コロナのため中止' });
    expect(kpi('子育て支援の市民満足度（市民アンケート調査結果）')).toMatchObject({ unit: '%', baseline: { value: 87.5 } });
    expect(kpi('地域子育て支援拠点数（箇所数）').unit).toBe('カ所');

    const project = view.projectsOf(view.goals[0]!.id)[1]!;
    expect(project).toMatchObject({ number: '2', departments: ['商工課'] });
    expect(view.projectYear(project.id, 2020)?.progress).toMatch(/^関市の産業支援拠点として/);
  });

  test('reports the unreadable row with its row number and leaves it out', async () => {
    const { sheet } = read(await rowsOf(name));
    const plan = planImport(sheet, createTarget, importContext());
    expect(plan.issues.map(issueMessage)).toEqual(['62行目: 「令和2年度 (実績値)」の「たくさん」は数値として読めません']);
    expect(plan.rowsSkipped).toBe(1);
    expect(plan.written.projects.map((p) => p.name)).not.toContain('テスト入力事業');
  });
});

describe('updating the open strategy', () => {
  const records: WorkbookRecords = buildWorkbook(SEKI_SAMPLE, testContext());
  const update: PlanTarget = { mode: 'update', records };
  const plan = (rows: RawCell[][]) => {
    const { sheet } = read(rows);
    return planImport(sheet, update, importContext('商工課 佐藤'));
  };
  const head = ['No.', '主な事業等', 'KPI (重要業績評価指標)', '担当課', '令和3年度 (実績値)', '令和3年度進捗状況・課題等'];

  test('a department’s FY2021 actuals: one change per value, matched by project name', () => {
    const p = plan([
      head,
      ['2', '商工活動支援事業（関市ビジネスサポートセンター事業）', '関市ビジネスサポートセンターへの相談件数', '商工課', '１，９０５件', '相談件数が増加した。'],
      ['3', '刃物ミュージアム回廊事業/ 観光宣伝事業', '市内全域の観光入込客数', '観光課', '2,801千人', ''],
    ]);
    expect(p.issues).toEqual([]);
    expect(p.added).toEqual({ goals: 0, measures: 0, projects: 0, kpis: 0 });
    expect(p.changes.map((c) => [c.row, c.field, c.before, c.after])).toEqual([
      [2, 'progress', '', '相談件数が増加した。'],
      [2, 'actual', '', '1,905件'],
      [3, 'actual', '', '2,801千人'],
    ]);
    expect(p.written.kpiYears).toHaveLength(2);
    expect(p.written.projectYears).toHaveLength(1);
    expect(p.written.kpiYears[0]).toMatchObject({ fiscalYear: 2021, actual: { value: 1905 }, updatedBy: '商工課 佐藤' });
  });

  test('a value in another unit of the same kind is converted; another kind of unit is an error', () => {
    const p = plan([
      head,
      ['3', '刃物ミュージアム回廊事業/ 観光宣伝事業', '市内全域の観光入込客数', '観光課', '2,801,000人', ''],
      ['2', '商工活動支援事業（関市ビジネスサポートセンター事業）', '関市ビジネスサポートセンターへの相談件数', '商工課', '1,905人', ''],
    ]);
    expect(p.written.kpiYears[0]).toMatchObject({ actual: { value: 2801 } });
    expect(p.issues.map(issueMessage)).toEqual(['3行目: 「令和3年度 (実績値)」の「1,905人」は単位「人」が KPI の単位「件」と合いません']);
  });

  test('changed values show before and after; unchanged ones are not listed', () => {
    const p = plan([
      ['No.', '主な事業等', 'KPI', '令和2年度 (実績値)', '令和4年度 KPI目標値'],
      ['2', '商工活動支援事業（関市ビジネスサポートセンター事業）', '関市ビジネスサポートセンターへの相談件数', '1,823件', '1,700件以上'],
    ]);
    expect(p.changes.map((c) => [c.field, c.before, c.after])).toEqual([['target', '1,620件', '1,700件以上']]);
  });

  test('long layout (the KPI table): the row’s 年度 decides the year', () => {
    const p = plan([
      ['基本目標', '事業名', 'KPI', '単位', '年度', '実績', '未達理由'],
      ['1 産業の振興と人材を育成するまち', '新規就農事業', '就農計画認定者数', '人', '令和3年度', '3', '相談はあるが就農に至らない'],
      ['1 産業の振興と人材を育成するまち', '新規就農事業', '就農計画認定者数', '人', 'R4', '△1', ''],
      ['1 産業の振興と人材を育成するまち', '新規就農事業', '就農計画認定者数', '人', '来年', '5', ''],
      ['1 産業の振興と人材を育成するまち', '新規就農事業', '就農計画認定者数', '人', '', '5', ''],
    ]);
    expect(p.written.kpiYears.map((y) => [y.fiscalYear, y.actual?.value, y.shortfallReason])).toEqual([
      [2021, 3, '相談はあるが就農に至らない'],
      [2022, -1, ''],
    ]);
    expect(p.issues.map(issueMessage)).toEqual([
      '4行目: 「年度」の「来年」は年度として読めません（令和2年度・R2・2020 のように）',
      '5行目: 「年度」が空欄のため、実績・目標の年度がわかりません',
    ]);
  });

  test('new projects and KPIs are added under their goal; without a goal they are refused', () => {
    const p = plan([
      ['基本目標', 'No.', '主な事業等', 'KPI', '担当課', '令和4年度 KPI目標値'],
      ['1 産業の振興と人材を育成するまち', '5', 'サテライトオフィス誘致事業', '進出企業数', '商工課', '3社'],
    ]);
    expect(p.added).toEqual({ goals: 0, measures: 0, projects: 1, kpis: 1 });
    expect(p.written.projects[0]).toMatchObject({ goalId: records.goals[0]!.id, number: '5', departments: ['商工課'] });
    expect(p.written.kpis[0]).toMatchObject({ unit: '社', target: { value: 3 }, targetYear: 2022 });

    const q = plan([
      ['No.', '主な事業等', 'KPI'],
      ['5', 'サテライトオフィス誘致事業', '進出企業数'],
    ]);
    expect(q.issues.map(issueMessage)).toEqual([
      '2行目: 「サテライトオフィス誘致事業」はこの総合戦略にないため追加しますが、基本目標がわかりません（「基本目標」の列を入れてください）',
    ]);
    expect(q.written.projects).toEqual([]);
  });

  test('.xlsx number cells keep what the number does not say (以上, 約)', () => {
    const p = plan([
      ['主な事業等', 'KPI', '令和4年度 KPI目標値'],
      ['商工活動支援事業（関市ビジネスサポートセンター事業）', '関市ビジネスサポートセンターへの相談件数', 1620],
      ['新規就農事業', '就農計画認定者数', 20],
    ]);
    expect(p.changes.map((c) => [c.field, c.before, c.after])).toEqual([['target', '15人', '20人']]);
  });

  test('rows with neither project nor KPI but with values are reported; empty ones are skipped', () => {
    const p = plan([head, ['', '', '', '商工課', '5件', ''], ['', '', '', '', '', '']]);
    expect(p.issues.map(issueMessage)).toEqual(['2行目: 事業名・事業番号・KPI がどれも空欄です']);
  });
});
