// Decrease-type KPIs that got worse relative to the baseline (issue: ごみ排出量 950 → target 900,
// actual 1,000 ranks B under the default 達成率 scheme): flagged 「基準値より悪化」 in the
// explanation, the consistency hints and the drafted summary; the 進捗率 preset ranks it D.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi } from '../../../src/domain/sample/types';
import { WorkbookView } from '../../../src/domain/workbook';
import { evaluateKpi, explain, presetRankScheme } from '../../../src/domain/achievement';
import { consistencyHints, draftSummary } from '../../../src/domain/verification';
import { testContext } from '../../support/context';

const R3 = 2021;

function view(kpi: Partial<PlainKpi>) {
  const plain: PlainKpi = {
    name: '1人1日当たりごみ排出量',
    unit: 'g',
    direction: 'lower',
    baseline: { value: 950 },
    baselineYear: 2019,
    target: { value: 900 },
    targetYear: R3,
    years: [{ fiscalYear: R3, actual: { value: 1000 } }],
    ...kpi,
  };
  const v = new WorkbookView(
    buildWorkbook(
      {
        municipality: 'テスト市',
        name: 'テスト市総合戦略',
        startYear: 2020,
        endYear: 2024,
        goals: [{ number: '1', title: '基本目標1', projects: [{ number: 'P', name: '事業P', departments: ['環境課'], kpis: [plain], years: [{ fiscalYear: R3, effectiveness: 'effective' }] }] }],
      },
      testContext(),
    ),
  );
  const project = v.projectsOf(v.goals[0]!.id)[0]!;
  return { v, project, kpi: v.kpisOf(project.id)[0]! };
}

describe('基準値より悪化', () => {
  it('ごみ排出量 950 → 900, actual 1,000: rank B by 達成率 (900 ÷ 1,000), flagged worse than the baseline', () => {
    const { v, kpi } = view({});
    const e = evaluateKpi(kpi, v.kpiYearsOf(kpi.id), R3);
    expect(e.verdict).toBe('notAchieved');
    expect(e.rank.key).toBe('B');
    expect(e.worseThanBaseline).toBe(true);
    expect(explain(e)).toBe('達成率 = 900 ÷ 1,000 = 90%（少ないほど良い指標のため目標値 ÷ 実績値、目標値を上回り未達成、基準値 950 より悪化）');
  });

  it('the 進捗率 preset ranks it D: (1,000 − 950) ÷ (900 − 950) = −100%', () => {
    const { v, kpi } = view({});
    const e = evaluateKpi(kpi, v.kpiYearsOf(kpi.id), R3, presetRankScheme('progress'));
    expect(e.rank).toMatchObject({ key: 'D', measure: 'progress', fallback: false });
    expect(explain(e)).toBe('進捗率 = (1,000 − 950) ÷ (900 − 950) = −100%（目標値を上回り未達成、基準値 950 より悪化）');
  });

  it('「〜以下」 too; not flagged when the actual improved on the baseline, nor for more-is-better KPIs', () => {
    const atMost = view({ direction: 'atMost' });
    expect(evaluateKpi(atMost.kpi, atMost.v.kpiYearsOf(atMost.kpi.id), R3).worseThanBaseline).toBe(true);
    const better = view({ years: [{ fiscalYear: R3, actual: { value: 920 } }] });
    expect(evaluateKpi(better.kpi, better.v.kpiYearsOf(better.kpi.id), R3).worseThanBaseline).toBe(false);
    const higher = view({ direction: 'higher', baseline: { value: 950 }, target: { value: 1100 }, years: [{ fiscalYear: R3, actual: { value: 900 } }] });
    expect(evaluateKpi(higher.kpi, higher.v.kpiYearsOf(higher.kpi.id), R3).worseThanBaseline).toBe(false);
  });

  it('the drafted summary and the consistency hints say so', () => {
    const { v, project, kpi } = view({});
    const d = draftSummary(v, project.id, R3);
    expect(d.text).toContain('成果目標は基準値より悪化している。');
    expect(d.basis.map((b) => b.kind)).toContain('worseThanBaseline');
    const hints = consistencyHints(v, project.id, R3);
    const worse = hints.find((h) => h.code === 'worseThanBaseline');
    expect(worse?.params).toMatchObject({ kpiId: kpi.id });
    expect(worse?.message).toBe('成果目標（1人1日当たりごみ排出量）は基準値より悪化しています（ランクBは達成率によるもので、基準値から目標と反対の方向に動いています）。');
  });
});
