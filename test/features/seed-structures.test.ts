// One structure each from seeds 002 and 003, entered as the reports print them, rolled up and
// printed (進捗状況一覧, KPI table):
// - 002: a KPI set on a 施策 (基本目標2 → 1 移住・定住・地元回帰の促進 → (1) 移住・定住の促進:
//   「移住定住施策によるテレワーク実践者数（累計）」 0件 (2020) → 12件 (2024)).
// - 003 (室蘭市): sheet 1-03 大学連携推進事業 belongs to 基本目標1 and to プラス1.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import type { PlainStrategy } from '../../src/domain/sample/types';
import { WorkbookView } from '../../src/domain/workbook';
import { rollUp } from '../../src/domain/achievement';
import { progressReport } from '../../src/features/reports/report-model';
import type { ReportOptions } from '../../src/features/reports/report-params';
import { kpiTable, tableRows } from '../../src/sheets';
import { referenceIssues } from '../../src/bundle/integrity';
import { testContext } from '../support/context';

const options = (fiscalYear: number): ReportOptions => ({ kind: 'progress', fiscalYear, goalIds: [], departments: [], wholePeriod: false, grantOnly: false });

const SEED_002: PlainStrategy = {
  municipality: '（seed 002）',
  name: '第2期総合戦略（改訂）',
  startYear: 2020,
  endYear: 2024,
  goals: [
    {
      number: '2',
      title: 'ひとの交わりを加速させ、移住者や関係人口を増やす',
      measures: [
        {
          number: '1',
          title: '移住・定住・地元回帰の促進',
          measures: [
            {
              number: '(1)',
              title: '移住・定住の促進',
              kpis: [
                {
                  name: '移住定住施策によるテレワーク実践者数（累計）',
                  unit: '件',
                  cumulative: true,
                  baseline: { value: 0 },
                  baselineYear: 2020,
                  target: { value: 12 },
                  targetYear: 2024,
                },
              ],
              projects: [{ number: '', name: '新型コロナウイルス感染症対策UIターンテレワーク支援事業', departments: [] }],
            },
          ],
        },
      ],
    },
  ],
};

const SEED_003: PlainStrategy = {
  municipality: '室蘭市',
  name: '室蘭市まち・ひと・しごと創生総合戦略',
  startYear: 2015,
  endYear: 2019,
  goals: [
    {
      number: '1',
      title: 'まちの特性を活かした産業振興と魅力ある雇用の創出',
      projects: [
        {
          number: '1-03',
          name: '大学連携推進事業',
          departments: ['企画課'],
          alsoUnder: ['プラス1'],
          kpis: [
            {
              name: '室蘭工業大学卒業生の道内就職者数',
              unit: '%',
              direction: 'atLeast',
              target: { value: 58 },
              targetYear: 2019,
              years: [{ fiscalYear: 2016, actual: { value: 42.8 } }],
            },
          ],
        },
      ],
    },
    {
      number: 'プラス1',
      title: '広域連携等による魅力ある地域づくり',
      kpis: [{ name: '西胆振圏域3市3町の総人口', unit: '人', target: { value: 184000 }, targetYear: 2019, years: [{ fiscalYear: 2016, actual: { value: 187741 } }] }],
    },
  ],
};

describe('seed 002: a KPI on a 施策', () => {
  const records = buildWorkbook(SEED_002, testContext());
  const view = new WorkbookView(records);
  const outer = records.measures.find((m) => m.number === '1')!;
  const inner = records.measures.find((m) => m.number === '(1)')!;

  it('belongs to its 施策, not to a project or the goal, and counts for the 施策, the one above it, and the goal', () => {
    expect(referenceIssues(records)).toEqual([]);
    const [kpi] = view.measureKpis(inner.id);
    expect(kpi?.name).toBe('移住定住施策によるテレワーク実践者数（累計）');
    expect(view.goalKpis(records.goals[0]!.id)).toEqual([]);
    const r = rollUp(view, 2024);
    expect(r.measure(inner.id)!.ownKpis.kpiIds).toEqual([kpi!.id]);
    expect(r.measure(outer.id)!.tally.kpiIds).toEqual([kpi!.id]);
    expect(r.measure(outer.id)!.ownKpis.total).toBe(0);
    expect(r.goals[0]!.tally.kpiIds).toEqual([kpi!.id]);
    expect(r.strategy.total).toBe(1);
  });

  it('prints under its goal with its 施策, and in the KPI table with the 施策 and no project', () => {
    const report = progressReport(view, options(2020));
    expect(report.goals[0]!.measureKpis.map((m) => [m.measure.title, m.kpis.map((l) => [l.kpi.name, l.baseline, l.finalTarget])])).toEqual([
      ['移住・定住の促進', [['移住定住施策によるテレワーク実践者数（累計）', '0件', '12件']]],
    ]);
    const table = tableRows(kpiTable(view));
    const head = table[0]!;
    const row = table.find((r) => r[head.indexOf('KPI')] === '移住定住施策によるテレワーク実践者数（累計）')!;
    expect(row[head.indexOf('施策')]).toBe('(1) 移住・定住の促進');
    expect(row[head.indexOf('事業名')]).toBe('');
  });
});

describe('seed 003: 1-03 大学連携推進事業 under 基本目標1 and プラス1', () => {
  const records = buildWorkbook(SEED_003, testContext());
  const view = new WorkbookView(records);
  const [g1, plus1] = view.goals;

  it('has one primary place and one link; each goal counts its KPI once, the strategy once, and says so', () => {
    expect(referenceIssues(records)).toEqual([]);
    const project = view.projectsOf(g1!.id)[0]!;
    expect(project.alsoUnder).toEqual([{ goalId: plus1!.id, measureId: null }]);
    const r = rollUp(view, 2016);
    // 42.8% against 58%: not achieved, in goal 1 and in プラス1; プラス1's own 数値目標 besides.
    expect(r.goal(g1!.id)!.tally.byVerdict.notAchieved).toBe(1);
    expect(r.goal(plus1!.id)!.tally.total).toBe(2);
    expect(r.goal(plus1!.id)!.shared).toBe(1);
    expect(r.goal(g1!.id)!.shared).toBe(1);
    expect(r.strategy.total).toBe(2);
  });

  it('prints under both goals, marked （再掲） under プラス1, as the published sheets list it', () => {
    const report = progressReport(view, options(2016));
    const listed = report.goals.map((g) => [g.goal?.number, g.projects.map((p) => [p.project.number, p.project.name, p.linked])]);
    expect(listed).toEqual([
      ['1', [['1-03', '大学連携推進事業', false]]],
      ['プラス1', [['1-03', '大学連携推進事業', true]]],
    ]);
    const table = tableRows(kpiTable(view));
    const head = table[0]!;
    expect(table.filter((r) => r[head.indexOf('事業名')] === '大学連携推進事業').map((r) => r[head.indexOf('他の基本目標')])).toEqual(
      Array(view.years.length).fill('プラス1'),
    );
  });
});
