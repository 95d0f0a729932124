// Meeting mode's "behind only" keeps exactly what the engine judged 未達成 for the year, under the
// strategy's own 年度目標がない年度の判定.
import { expect, test } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView } from '../../src/domain/workbook';
import { rollUp } from '../../src/domain/achievement';
import { buildSlides } from '../../src/features/meeting/slides';
import { testContext } from '../support/context';

const records = buildWorkbook(SEKI_SAMPLE, testContext());
const sample = (interimJudgement?: 'finalYearOnly' | 'adoptedOnly' | 'interpolated') =>
  new WorkbookView(interimJudgement ? { ...records, strategy: { ...records.strategy, interimJudgement } } : records);
const names = (view: WorkbookView, behind: boolean) =>
  buildSlides(view, rollUp(view, 2020), behind).map((s) => (s.kind === 'goal' ? `G${view.goal(s.id)!.number}` : `${view.goal(s.goalId)!.number}-${view.project(s.id)!.number}`));

test('all slides: every goal and project, whatever the setting', () => {
  expect(names(sample(), false)).toHaveLength(14);
  expect(names(sample('interpolated'), false)).toEqual(names(sample(), false));
});

test("the sample's own setting (final year only) judges nothing in 令和2年度: nothing is behind", () => {
  expect(sample().strategy.interimJudgement).toBe('finalYearOnly');
  expect(names(sample(), true)).toEqual([]);
});

test('against interpolated yearly targets, and against adopted targets only', () => {
  expect(names(sample('interpolated'), true)).toEqual(['G1', '1-1', '1-3', '1-4', 'G2', '2-1', '2-2']);
  expect(names(sample('adoptedOnly'), true)).toEqual(['G1', '1-1', 'G2', '2-1']);
});
