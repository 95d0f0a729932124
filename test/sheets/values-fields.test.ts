// The KPI table carries what format 3 added to KPI values: a 累計 KPI's setting (start year, the
// figure entered, the figure judged) and range targets, out and back in, with Japanese messages
// for what cannot be read.
import { describe, expect, test } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView, type WorkbookRecords } from '../../src/domain/workbook';
import { findHeaderRow, guessMapping, kpiTable, issueMessage, loadSpreadsheet, newWorkbookRecords, planImport, readRows, tableRows, writeCsv, type RawCell, type SheetTable } from '../../src/sheets';
import { cumulativeWords, readCumulative } from '../../src/sheets/values';
import { testContext } from '../support/context';

function withValues(): WorkbookRecords {
  const r = buildWorkbook(SEKI_SAMPLE, testContext());
  const i = r.kpis.findIndex((k) => k.name.startsWith('空き家バンク'));
  r.kpis[i] = { ...r.kpis[i]!, cumulative: true, cumulativeFrom: 2019, cumulativeEntry: 'yearly', cumulativeJudged: 'total' };
  const j = r.kpis.findIndex((k) => k.name.startsWith('子育て支援の市民満足度'));
  r.kpis[j] = { ...r.kpis[j]!, target: { value: 90, range: { upper: 95 } } };
  const c = r.kpis.findIndex((k) => k.name.startsWith('関市ビジネスサポートセンター'));
  r.kpis[c] = { ...r.kpis[c]!, cumulative: true, cumulativeFrom: null };
  return r;
}

async function grid(table: SheetTable): Promise<RawCell[][]> {
  const loaded = await loadSpreadsheet('t.csv', new TextEncoder().encode(writeCsv(tableRows(table))));
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.file.sheets[0]!.rows;
}

function plan(rows: RawCell[][], target: Parameters<typeof planImport>[1]) {
  const h = findHeaderRow(rows);
  const mapping = guessMapping(rows[h]!.map((c) => String(c ?? '')));
  let n = 0;
  return planImport(readRows(rows, h, mapping), target, { ...testContext('取込'), newId: () => `import-${++n}` });
}

describe('the 累計 cell', () => {
  test('says what differs from plain running totals, and reads back the same', () => {
    const cases = [
      { cumulative: false, cumulativeFrom: null },
      { cumulative: true, cumulativeFrom: null },
      { cumulative: true, cumulativeFrom: 2020 },
      { cumulative: true, cumulativeFrom: 2019, cumulativeEntry: 'yearly', cumulativeJudged: 'total' },
      { cumulative: true, cumulativeFrom: null, cumulativeJudged: 'yearly' },
    ] as const;
    expect(cases.map((c) => cumulativeWords(c))).toEqual(['', '累計', '累計（令和2年度から）', '累計（令和元年度から、単年度の値で入力、累計値で判定）', '累計（単年度の値で判定）']);
    for (const c of cases.slice(1)) expect(readCumulative(cumulativeWords(c))).toEqual(c);
    expect(readCumulative('なし')).toEqual({ cumulative: false, cumulativeFrom: null });
    expect(readCumulative('累計(R2から, 単年度の値で入力)')).toEqual({ cumulative: true, cumulativeFrom: 2020, cumulativeEntry: 'yearly' });
    expect(readCumulative('毎年')).toBeNull();
    expect(readCumulative('累計（毎月）')).toBeNull();
  });
});

describe('KPI table round trip', () => {
  test('an unchanged export changes nothing; a new strategy from it has the same 累計 settings and range target', async () => {
    const records = withValues();
    const view = new WorkbookView(records);
    const rows = await grid(kpiTable(view));
    const head = rows[0]!.map(String);
    expect(head).toContain('累計');
    const same = plan(rows, { mode: 'update', records });
    expect(same.issues.map(issueMessage)).toEqual([]);
    expect(same.changes).toEqual([]);

    const p = plan(rows, { mode: 'create', strategy: { municipality: '関市', name: 'コピー', startYear: 2020, endYear: 2022 }, defaultGoalTitle: '基本目標' });
    expect(p.issues.map(issueMessage)).toEqual([]);
    const copy = newWorkbookRecords(p);
    const akiya = copy.kpis.find((k) => k.name.startsWith('空き家バンク'))!;
    expect([akiya.cumulative, akiya.cumulativeFrom, akiya.cumulativeEntry, akiya.cumulativeJudged]).toEqual([true, 2019, 'yearly', 'total']);
    const plain = copy.kpis.find((k) => k.name.startsWith('関市ビジネスサポートセンター'))!;
    expect([plain.cumulative, plain.cumulativeEntry, plain.cumulativeJudged]).toEqual([true, undefined, undefined]);
    expect(copy.kpis.find((k) => k.name.startsWith('子育て支援の市民満足度'))!.target).toEqual({ value: 90, range: { upper: 95 } });
  });

  test('a changed 累計 cell is one change; an unreadable one and a range as an actual are refused with where and why', async () => {
    const records = withValues();
    const rows = await grid(kpiTable(new WorkbookView(records)));
    const head = rows[0]!.map(String);
    const cum = head.indexOf('累計');
    const actual = head.indexOf('実績');
    // One row per KPI and year: the KPI's cells repeat on each of its rows.
    const row = rows.findIndex((r) => String(r[5]).startsWith('空き家バンク'));
    const edited = rows.map((r) => (String(r[5]).startsWith('空き家バンク') ? Object.assign([...r], { [cum]: '累計（令和元年度から、単年度の値で入力、単年度の値で判定）' }) : [...r]));
    const p = plan(edited, { mode: 'update', records });
    expect(p.changes.map((c) => c.kind === 'change' && [c.field, c.before, c.after])).toEqual([
      ['cumulative', '累計（令和元年度から、単年度の値で入力、累計値で判定）', '累計（令和元年度から、単年度の値で入力、単年度の値で判定）'],
    ]);
    const bad = rows.map((r) => [...r]);
    bad[row]![cum] = '累計（毎月）';
    bad[row]![actual] = '80〜90';
    const q = plan(bad, { mode: 'update', records });
    expect(q.issues.map(issueMessage)).toEqual(
      expect.arrayContaining([expect.stringContaining('「累計（毎月）」は累計の指定として読めません'), expect.stringContaining('「80〜90」は範囲です')]),
    );
  });
});
