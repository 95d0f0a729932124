// The sentence beside every rank, and the number formats it uses.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi } from '../../../src/domain/sample/types';
import {
  JA,
  evaluateKpi,
  explain,
  formatPercent,
  formatValue,
  presetRankScheme,
  rankSchemeProblemMessage,
  targetSourceLabel,
  trendLabel,
  verdictLabel,
  type AchievementCatalog,
} from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

function evaluate(plain: PlainKpi, fy: number, preset: Parameters<typeof presetRankScheme>[0] = 'default') {
  const r = buildWorkbook(
    { municipality: 'テスト町', name: 'テスト', startYear: 2020, endYear: 2024, goals: [{ number: '1', title: 'テスト', kpis: [plain] }] },
    testContext(),
  );
  return evaluateKpi(r.kpis[0]!, r.kpiYears, fy, presetRankScheme(preset));
}

describe('formatPercent', () => {
  it('truncates (切り捨て) to one decimal and drops a trailing .0', () => {
    expect(formatPercent(1823 / 1620)).toBe('112.5%');
    expect(formatPercent(-108 / 65)).toBe('−166.2%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(12.345)).toBe('1,234.5%');
  });
  it('truncates toward −∞, so a shown rate is never above the true one', () => {
    expect(formatPercent(0.0005)).toBe('0%');
    expect(formatPercent(0.0019)).toBe('0.1%');
    expect(formatPercent(-0.0005)).toBe('−0.1%');
    expect(formatPercent(-0.0004)).toBe('−0.1%');
    // 99,990 of 100,000 is not 100%; 2 ÷ 3 is 66.6%.
    expect(formatPercent(99990 / 100000)).toBe('99.9%');
    expect(formatPercent(0.99999999)).toBe('99.9%');
    expect(formatPercent(2 / 3)).toBe('66.6%');
  });
  it('works on the entered digits: 1.2 ÷ 1.5 and 2.4 ÷ 3 show 80%, 0.29 shows 29%', () => {
    expect(formatPercent({ n: 12n, d: 15n })).toBe('80%');
    expect(formatPercent({ n: 24n, d: 30n })).toBe('80%');
    expect(formatPercent(0.29)).toBe('29%');
  });
  it('never prints NaN or Infinity', () => {
    expect(formatPercent(NaN)).toBe('');
    expect(formatPercent(Infinity)).toBe('∞%');
    expect(formatPercent(-1e307)).toBe('−∞%');
  });
});

describe('formatValue', () => {
  it('writes numbers with thousands separators and a true minus sign', () => {
    expect(formatValue(1823)).toBe('1,823');
    expect(formatValue(-65)).toBe('−65');
    expect(formatValue(3675.5)).toBe('3,675.5');
    expect(formatValue(-0)).toBe('0');
  });
});

describe('explain', () => {
  const base: PlainKpi = { name: 'x', unit: '人', baseline: { value: 200 }, baselineYear: 2019, target: { value: 100 }, targetYear: 2021, direction: 'lower' };
  it('長与町 on a less-is-better KPI: 基準値比 = (baseline − actual) ÷ |baseline|', () => {
    const e = evaluate({ ...base, years: [{ fiscalYear: 2021, actual: { value: 150 } }] }, 2021, 'nagayo');
    expect(e.rank).toMatchObject({ key: 'A', measure: 'baselineChange', ratio: 0.25 });
    expect(explain(e)).toBe('基準値比 = (200 − 150) ÷ 200 = 25%（目標値を上回り未達成）');
  });
  it('いの町: △ says the actual improved on the baseline', () => {
    const e = evaluate({ ...base, years: [{ fiscalYear: 2021, actual: { value: 150 } }] }, 2021, 'ino');
    expect(e.rank.symbol).toBe('△');
    expect(explain(e)).toBe(
      '達成率 = 100 ÷ 150 = 66.6%（少ないほど良い指標のため目標値 ÷ 実績値、目標値を上回り未達成、基準値 200 より改善）',
    );
  });
  it('excluded and pending keep the flags of the value (統計期間, 備考)', () => {
    const e = evaluate({ ...base, years: [{ fiscalYear: 2021, actual: { value: null, status: 'notApplicable', remark: '事業終了' } }] }, 2021);
    expect(explain(e)).toBe('該当なしのため評価対象外（備考: 事業終了）');
    const p = evaluate({ ...base, years: [{ fiscalYear: 2021, actual: { value: null, status: 'collecting', statPeriod: '令和3年' } }] }, 2021);
    expect(explain(p)).toBe('実績値が集計中のため評価保留（統計期間: 令和3年）');
  });
  it('takes another catalog of the same shape (a later English one)', () => {
    const en: AchievementCatalog = {
      ...JA,
      formula: { ...JA.formula, attainment: 'Attainment' },
      clause: { ...JA.clause, missedAbove: 'target not met', inverted: 'less is better: target ÷ actual' },
      sentence: { open: ' (', close: ')', separator: '; ' },
    };
    const e = evaluate({ ...base, years: [{ fiscalYear: 2021, actual: { value: 150 } }] }, 2021);
    expect(explain(e, en)).toBe('Attainment = 100 ÷ 150 = 66.6% (less is better: target ÷ actual; target not met)');
  });
});

describe('labels', () => {
  it('come from the catalog', () => {
    expect(verdictLabel('notAchieved')).toBe('未達成');
    expect(verdictLabel('pending')).toBe('評価保留');
    expect(trendLabel('better')).toBe('改善');
    expect(targetSourceLabel('interpolated')).toBe('按分目標');
    expect(rankSchemeProblemMessage('labelEmpty', 0)).toBe('第1区分の名称を入力してください。');
    expect(rankSchemeProblemMessage('symbolEmpty', 'unevaluable')).toBe('評価不能の区分の記号を入力してください（色だけでは区別できません）。');
  });
});
