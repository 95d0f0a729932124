import { describe, expect, it } from 'vitest';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { buildWorkbook } from '../../src/domain/sample/build';
import { WorkbookView } from '../../src/domain/workbook';
import { departmentProjects, departmentTodo, todoYear } from '../../src/domain/department-todo';
import type { PlainStrategy } from '../../src/domain/sample/types';
import { testContext } from '../support/context';

/** The sample with 商工課's FY2021 filled in as given (KPI actual by KPI name, progress by project name). */
function sample(fill: { actuals?: Record<string, { value: number; reason?: string }>; progress?: Record<string, string> } = {}) {
  // Judged against adopted targets (the sample itself judges the final year only): 「90件以上」 holds in 令和3年度.
  const plain: PlainStrategy = { ...structuredClone(SEKI_SAMPLE), interimJudgement: 'adoptedOnly' };
  for (const g of plain.goals)
    for (const p of g.projects ?? []) {
      const text = fill.progress?.[p.name];
      if (text !== undefined) p.years = [...(p.years ?? []), { fiscalYear: 2021, progress: text }];
      for (const k of p.kpis ?? []) {
        const a = fill.actuals?.[k.name];
        if (a) k.years = [...(k.years ?? []), { fiscalYear: 2021, actual: { value: a.value }, ...(a.reason ? { shortfallReason: a.reason } : {}) }];
      }
    }
  return new WorkbookView(buildWorkbook(plain, testContext()));
}

const SHOKO = ['商工課'];
const CONSULT = '関市ビジネスサポートセンターへの相談件数';
const MATCH = 'ビジネスマッチング数（ビジネスプラス展）';

describe('departmentTodo', () => {
  it("lists every KPI actual and every project's 進捗 of the department's projects, all left to do", () => {
    const view = sample();
    const projects = departmentProjects(view, SHOKO);
    expect(projects.map((p) => p.departments.includes('商工課'))).toEqual(projects.map(() => true));
    const todo = departmentTodo(view, SHOKO, 2021, null);
    const kpis = projects.flatMap((p) => view.kpisOf(p.id));
    expect(todo.items.filter((i) => i.kind === 'actual')).toHaveLength(kpis.length);
    expect(todo.items.filter((i) => i.kind === 'progress')).toHaveLength(projects.length);
    expect(todo.items.filter((i) => i.kind === 'reason')).toHaveLength(0);
    expect(todo.left).toBe(kpis.length + projects.length);
  });

  it('counts down as actuals and 進捗 are filled; a missed target asks for its 未達理由 until it is given', () => {
    const before = departmentTodo(sample(), SHOKO, 2021, null).left;
    // 1,900 件 against a 1,620 件以上 target: reached, no reason asked.
    const reached = departmentTodo(sample({ actuals: { [CONSULT]: { value: 1900 } } }), SHOKO, 2021, null);
    expect(reached.left).toBe(before - 1);
    // A missed target: the actual is done, its 未達理由 now asked.
    const missed = departmentTodo(sample({ actuals: { [MATCH]: { value: 1 } } }), SHOKO, 2021, null);
    expect(missed.items.find((i) => i.kind === 'reason')?.done).toBe(false);
    expect(missed.left).toBe(before);
    const explained = departmentTodo(sample({ actuals: { [MATCH]: { value: 1, reason: '展示会の中止' } } }), SHOKO, 2021, null);
    expect(explained.left).toBe(before - 1);
    const progress = departmentTodo(sample({ progress: { '商工活動支援事業（関市ビジネスサポートセンター事業）': '相談件数は増加。' } }), SHOKO, 2021, null);
    expect(progress.left).toBe(before - 1);
  });

  it("leaves other departments' projects out", () => {
    const view = sample();
    const todo = departmentTodo(view, SHOKO, 2021, null);
    expect(todo.items.every((i) => i.project.departments.includes('商工課'))).toBe(true);
    expect(departmentTodo(view, ['存在しない課'], 2021, null).items).toEqual([]);
  });
});

describe('todoYear', () => {
  it('is the fiscal year before the one the file was sent in, inside the plan period', () => {
    const view = sample(); // plan 2020–2022
    expect(todoYear(view, 2022)).toBe(2021);
    expect(todoYear(view, 2021)).toBe(2020);
    expect(todoYear(view, 2020)).toBe(2020);
    expect(todoYear(view, 2030)).toBe(2022);
  });
});
