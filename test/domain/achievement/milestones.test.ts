// Milestones are achieved when the person marks them (完了 / 未完了 / 一部); the wording only
// proposes. A file's text without `done` reads the same as the same text typed in the grid.
import { describe, expect, it } from 'vitest';
import { kpiDefaults, type Kpi } from '../../../src/domain/entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../../../src/domain/entities/kpi-year';
import type { Measurement } from '../../../src/domain/entities/measurement';
import { createRecord } from '../../../src/domain/records';
import { parseMeasurement } from '../../../src/domain/numbers';
import { evaluateKpi, explain } from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

const ctx = testContext();
// 「整備完了」 in 令和4年度.
const KPI: Kpi = { ...createRecord<Kpi>(ctx, 's', kpiDefaults('g', 'p', 0)), kind: 'milestone', target: { value: null, text: '整備完了' }, targetYear: 2022 };
const year = (actual: Measurement | null): KpiYear => ({ ...createRecord<KpiYear>(ctx, 's', kpiYearDefaults(KPI.id, 2022)), actual });
const typed = (text: string): Measurement => {
  const r = parseMeasurement(text, { unit: '', kind: 'milestone' });
  if (!r.ok || !r.measurement) throw new Error(text);
  return r.measurement;
};
const judge = (m: Measurement | null) => evaluateKpi(KPI, [year(m)], 2022);

describe('milestones: the person marks them', () => {
  it('「一部供用開始」 typed in the grid is no 達成 against 「整備完了」: pending, the wording only proposes', () => {
    const e = judge(typed('一部供用開始'));
    expect(e.verdict).toBe('pending');
    expect(explain(e)).toBe(
      '実績「一部供用開始」は完了・未完了が選ばれていないため評価保留（文言からは「完了」と推測されます。「完了」「未完了」「一部」のいずれかを選んでください）',
    );
  });

  it('a file with the text but no `done` reads the same as the same text typed in the grid', () => {
    for (const text of ['一部供用開始', '構想策定', '工事着手', '未策定', '関係機関と協議']) {
      const fromFile = judge({ value: null, text });
      const fromGrid = judge(typed(text));
      expect(fromGrid.verdict, text).toBe(fromFile.verdict);
      expect(explain(fromGrid), text).toBe(explain(fromFile));
    }
  });

  it('marked 完了 is 達成, 未完了 未達成, 一部 未達成 saying so', () => {
    expect(judge(typed('整備完了［完了］'))).toMatchObject({ verdict: 'achieved' });
    expect(judge(typed('工事着手［未完了］'))).toMatchObject({ verdict: 'notAchieved' });
    const partly = judge(typed('一部供用開始（一部）'));
    expect(partly.verdict).toBe('notAchieved');
    expect(explain(partly)).toBe('目標「整備完了」は一部のみ完了のため未達成');
  });

  it('「工事着手」 in its target year does not stay 評価保留 once marked', () => {
    expect(judge(typed('工事着手')).verdict).toBe('pending');
    expect(judge(typed('工事着手［未完了］')).verdict).toBe('notAchieved');
  });
});
