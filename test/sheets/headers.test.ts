// Guessing what each column holds from its head: the published table's heads (seed 000, with
// their OCR spacing) and the heads of the app's own exports.
import { describe, expect, test } from 'vitest';
import { findHeaderRow, guessColumn, guessMapping, kpiTableColumns, mappingProblems, yearInHeader, type ColumnMapping } from '../../src/sheets';

describe('seed 000 heads', () => {
  test.each<[string, ColumnMapping]>([
    ['No.', { kind: 'projectNumber', year: null }],
    ['主な事業等', { kind: 'projectName', year: null }],
    ['事業内容', { kind: 'projectSummary', year: null }],
    ['KPI (重要業績評価指標)', { kind: 'kpiName', year: null }],
    ['担当課', { kind: 'department', year: null }],
    ['平成30年度 (策定時)', { kind: 'baseline', year: 2018 }],
    ['令和2年度 (実績値)', { kind: 'actual', year: 2020 }],
    ['令和2年度進捗状況・課題等', { kind: 'progress', year: 2020 }],
    ['令和3年度 (実績値)', { kind: 'actual', year: 2021 }],
    ['令和3年度進捗状況・課題等', { kind: 'progress', year: 2021 }],
    ['令和4年度 KPI目標値', { kind: 'finalTarget', year: 2022 }],
    ['令和4年度 KPI 目標値', { kind: 'finalTarget', year: 2022 }],
    ['KPI達成・未達成の状況', { kind: 'computed', year: null }],
    ['事業の評価（達成・未達成）', { kind: 'computed', year: null }],
  ])('%s', (head, expected) => {
    expect(guessColumn(head)).toEqual(expected);
  });

  test('full-width and short era forms', () => {
    expect(guessColumn('Ｒ３ 実績')).toEqual({ kind: 'actual', year: 2021 });
    expect(guessColumn('H30 基準値')).toEqual({ kind: 'baseline', year: 2018 });
    expect(guessColumn('令和元年度 実績値')).toEqual({ kind: 'actual', year: 2019 });
    expect(guessColumn('2024年度 目標値')).toEqual({ kind: 'finalTarget', year: 2024 });
    expect(guessColumn('令和5年度')).toEqual({ kind: 'actual', year: 2023 });
  });

  test('other wordings seen in municipal tables', () => {
    expect(guessColumn('所管課').kind).toBe('department');
    expect(guessColumn('事業名').kind).toBe('projectName');
    expect(guessColumn('成果指標').kind).toBe('kpiName');
    expect(guessColumn('現状値').kind).toBe('baseline');
    expect(guessColumn('未達理由').kind).toBe('shortfallReason');
    expect(guessColumn('達成率 (%)').kind).toBe('computed');
    expect(guessColumn('メモ欄').kind).toBe('ignore');
  });
});

test('the heads of the app’s KPI table map to their own fields', () => {
  const heads = kpiTableColumns().map((c) => c.header);
  expect(guessMapping(heads).map((m) => m.kind)).toEqual([
    'goal',
    'measure',
    'projectNumber',
    'projectName',
    'department',
    'kpiName',
    'unit',
    'direction',
    'baseline',
    'baselineYear',
    'finalTarget',
    'targetYear',
    'fiscalYear',
    'fiscalYear',
    'yearTarget',
    'actual',
    'computed',
    'computed',
    'computed',
    'computed',
    'shortfallReason',
    'kpiNote',
    'cumulative',
    'alsoUnder',
  ]);
});

test('several dated target columns: the latest is the final target, the others yearly targets', () => {
  expect(guessMapping(['KPI', '令和3年度 目標値', '令和4年度 目標値', '令和5年度 目標値'])).toEqual([
    { kind: 'kpiName', year: null },
    { kind: 'yearTarget', year: 2021 },
    { kind: 'yearTarget', year: 2022 },
    { kind: 'finalTarget', year: 2023 },
  ]);
});

test('yearInHeader keeps the rest of the head', () => {
  expect(yearInHeader('令和2年度進捗状況・課題等')).toEqual({ year: 2020, rest: '進捗状況・課題等' });
  expect(yearInHeader('KPI (重要業績評価指標)')).toEqual({ year: null, rest: 'KPI (重要業績評価指標)' });
});

test('the head row is found below title lines', () => {
  const rows = [
    [],
    ['第2期関市まち・ひと・しごと創生総合戦略（令和2年～4年度）進捗状況 ※令和2年度末時点'],
    ['基本目標1 産業の振興と人材を育成するまち'],
    ['No.', '主な事業等', '事業内容', 'KPI (重要業績評価指標)', '担当課', '平成30年度 (策定時)'],
    ['1', '企業競争力強化支援事業', '…', 'ビジネスマッチング数', '商工課', '93件'],
  ];
  expect(findHeaderRow(rows)).toBe(3);
  expect(findHeaderRow([['a', 'b'], ['1', '2']])).toBe(-1);
});

test('mapping problems', () => {
  expect(mappingProblems([{ kind: 'actual', year: 2020 }])).toEqual(['noSubject']);
  expect(mappingProblems([{ kind: 'kpiName', year: null }, { kind: 'actual', year: null }])).toEqual(['noYearForValues']);
  expect(
    mappingProblems([
      { kind: 'kpiName', year: null },
      { kind: 'actual', year: 2020 },
      { kind: 'actual', year: 2020 },
    ]),
  ).toEqual(['duplicate']);
  expect(mappingProblems([{ kind: 'kpiName', year: null }, { kind: 'actual', year: null }, { kind: 'fiscalYear', year: null }])).toEqual([]);
});
