// Range targets (「80〜90%」, 「80%以上90%以下」): read from what people type, shown as typed, and
// judged 達成 when the actual lies within the range — bounds as the words say, on the entered digits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiDefaults, type Kpi } from '../../../src/domain/entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../../../src/domain/entities/kpi-year';
import type { Measurement } from '../../../src/domain/entities/measurement';
import { createRecord } from '../../../src/domain/records';
import { evaluateKpi, explain, RANK_SCHEME_PRESETS } from '../../../src/domain/achievement';
import { formatMeasurement, parseMeasurement } from '../../../src/domain/numbers';
import { testContext } from '../../support/context';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;
const ctx = testContext();
const KPI_BASE = createRecord<Kpi>(ctx, 's', { ...kpiDefaults('g', 'p', 0), unit: '%' });
const YEAR_BASE = createRecord<KpiYear>(ctx, 's', kpiYearDefaults(KPI_BASE.id, 0));

const target = (text: string): Measurement => {
  const r = parseMeasurement(text, { unit: '%', kind: 'numeric', role: 'target' });
  if (!r.ok || !r.measurement) throw new Error(`not read: ${text} ${JSON.stringify(r)}`);
  return r.measurement;
};

function judge(targetText: string, actual: number, opts: { yearly?: boolean; baseline?: number } = {}) {
  const t = target(targetText);
  const kpi: Kpi = {
    ...KPI_BASE,
    target: opts.yearly ? { value: 100 } : t,
    targetYear: 2024,
    baseline: opts.baseline === undefined ? null : { value: opts.baseline },
    baselineYear: opts.baseline === undefined ? null : 2019,
  };
  const year: KpiYear = { ...YEAR_BASE, fiscalYear: 2024, actual: { value: actual }, target: opts.yearly ? t : null };
  return evaluateKpi(kpi, [year], 2024);
}

describe('reading and showing a range target', () => {
  it.each([
    ['80〜90%', { value: 80, range: { upper: 90 } }, '80〜90%'],
    ['８０～９０％', { value: 80, range: { upper: 90 } }, '80〜90%'],
    ['80%〜90%', { value: 80, range: { upper: 90 } }, '80〜90%'],
    ['80%以上90%以下', { value: 80, range: { upper: 90, lowerWord: '以上', upperWord: '以下', joined: true } }, '80%以上90%以下'],
    ['80%超、90%未満', { value: 80, range: { upper: 90, lowerWord: '超', upperWord: '未満', joined: true } }, '80%超90%未満'],
    ['80%以上〜90%未満', { value: 80, range: { upper: 90, lowerWord: '以上', upperWord: '未満' } }, '80%以上〜90%未満'],
    ['87.5〜92.25%', { value: 87.5, range: { upper: 92.25 } }, '87.5〜92.25%'],
  ])('%s', (input, expected, shown) => {
    const m = target(input);
    expect(m).toEqual(expected);
    expect(formatMeasurement(m, '%')).toBe(shown);
    // What is shown reads back to the same range.
    expect(target(shown)).toEqual(m);
  });

  it('takes the unit written once after the upper bound for both bounds (3〜5千人 in a 人 KPI)', () => {
    const r = parseMeasurement('3〜5千人', { unit: '人', kind: 'numeric', role: 'target' });
    expect(r).toEqual({ ok: true, measurement: { value: 3000, range: { upper: 5000 } } });
  });

  it('refuses a range typed as an actual or a baseline, and a range upside down, with its own message', () => {
    expect(parseMeasurement('80〜90%', { unit: '%', kind: 'numeric', role: 'actual' })).toEqual({ ok: false, error: { code: 'rangeNotTarget', input: '80〜90%' } });
    expect(parseMeasurement('80〜90%', { unit: '%', kind: 'numeric', role: 'baseline' })).toMatchObject({ ok: false, error: { code: 'rangeNotTarget' } });
    expect(parseMeasurement('90〜80%', { unit: '%', kind: 'numeric', role: 'target' })).toMatchObject({ ok: false, error: { code: 'rangeOrder' } });
    expect(parseMeasurement('80〜80%', { unit: '%', kind: 'numeric', role: 'target' })).toMatchObject({ ok: false, error: { code: 'rangeOrder' } });
    expect(parseMeasurement('80〜90件', { unit: '%', kind: 'numeric', role: 'target' })).toMatchObject({ ok: false, error: { code: 'unitMismatch' } });
  });

  it('keeps reading a statistic period with ~ and several numbers as before', () => {
    expect(parseMeasurement('1,045人 [平成27~28年度]', { unit: '人', kind: 'numeric', role: 'target' })).toEqual({
      ok: true,
      measurement: { value: 1045, statPeriod: '平成27~28年度' },
    });
    expect(parseMeasurement('5件 10件', { unit: '件', kind: 'numeric', role: 'target' })).toMatchObject({ ok: false, error: { code: 'severalNumbers' } });
  });
});

describe('judging against a range', () => {
  it.each([
    // 〜 and 以上/以下 include both bounds.
    ['80〜90%', 79.999999, 'notAchieved'],
    ['80〜90%', 80, 'achieved'],
    ['80〜90%', 80.000001, 'achieved'],
    ['80〜90%', 85, 'achieved'],
    ['80〜90%', 89.999999, 'achieved'],
    ['80〜90%', 90, 'achieved'],
    ['80〜90%', 90.000001, 'notAchieved'],
    ['80%以上90%以下', 80, 'achieved'],
    ['80%以上90%以下', 90, 'achieved'],
    ['80%以上90%以下', 79.999999, 'notAchieved'],
    ['80%以上90%以下', 90.000001, 'notAchieved'],
    // 超 and 未満 exclude them.
    ['80%超90%未満', 80, 'notAchieved'],
    ['80%超90%未満', 80.000001, 'achieved'],
    ['80%超90%未満', 89.999999, 'achieved'],
    ['80%超90%未満', 90, 'notAchieved'],
    ['80%以上〜90%未満', 80, 'achieved'],
    ['80%以上〜90%未満', 90, 'notAchieved'],
    // Bounds whose binary forms are inexact: 0.1 + 0.2 style digits compare on the digits.
    ['0.3〜0.7%', 0.3, 'achieved'],
    ['0.3〜0.7%', 0.7, 'achieved'],
    ['0.3%超0.7%未満', 0.3, 'notAchieved'],
    ['0.3%超0.7%未満', 0.7, 'notAchieved'],
  ])('%s with %s is %s', (t, a, verdict) => {
    expect(judge(t, a).verdict).toBe(verdict);
    // A yearly range target is judged the same way.
    expect(judge(t, a, { yearly: true }).verdict).toBe(verdict);
  });

  it('states no 達成率 or 進捗率 for a range, and the explanation says why and where the actual stands', () => {
    const e = judge('80〜90%', 85, { baseline: 70 });
    expect(e.attainment).toBeNull();
    expect(e.progress).toBeNull();
    expect(e.rank.measure).toBe('comparison');
    expect(e.rank.index).toBe(0);
    expect(explain(e)).toBe('実績値 85、目標範囲 80〜90（目標範囲内で達成、範囲目標のため達成率・進捗率は示さない）');
    expect(explain(judge('80〜90%', 95))).toContain('目標範囲を超えて未達成');
    expect(explain(judge('80〜90%', 75))).toContain('目標範囲に届かず未達成');
    expect(explain(judge('80%超90%未満', 80))).toContain('目標範囲に届かず未達成');
  });

  it('ranks a range met as 目標どおり (not 上回る) under the target scheme', () => {
    const scheme = Object.values(RANK_SCHEME_PRESETS).find((s) => s.kind === 'target');
    if (!scheme) throw new Error('no target preset');
    const t = target('80〜90%');
    const kpi: Kpi = { ...KPI_BASE, target: t, targetYear: 2024 };
    const e = evaluateKpi(kpi, [{ ...YEAR_BASE, fiscalYear: 2024, actual: { value: 89 } }], 2024, scheme);
    expect(e.rank.index).toBe(1);
  });

  it('never interpolates toward a range: years before a range final target have no adopted target (adoptedOnly)', () => {
    const kpi: Kpi = { ...KPI_BASE, target: target('80〜90%'), targetYear: 2024, baseline: { value: 60 }, baselineYear: 2019 };
    const early = evaluateKpi(kpi, [{ ...YEAR_BASE, fiscalYear: 2021, actual: { value: 85 } }], 2021);
    expect(early.verdict).toBe('achieved');
    expect(early.early).toBe(true);
    const notYet = evaluateKpi(kpi, [{ ...YEAR_BASE, fiscalYear: 2021, actual: { value: 70 } }], 2021);
    expect(notYet.verdict).toBe('excluded');
    expect(notYet.reason).toBe('noAdoptedTarget');
    expect(notYet.referenceTarget).toBeNull();
    expect(notYet.finalProgress).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the verdict equals a BigInt rational computation on the digits.

type Q = { n: bigint; d: bigint };
/** m ÷ 10^places as digits. */
const text = (m: bigint, places: number): string => {
  const neg = m < 0n;
  const s = (neg ? -m : m).toString().padStart(places + 1, '0');
  return `${neg ? '-' : ''}${places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`}`;
};
const cmp = (a: Q, b: Q) => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

describe('range verdicts equal exact rational arithmetic (property)', () => {
  it('at, next to and between the bounds, for decimals of up to 6 places', () => {
    const words = fc.constantFrom(
      { lw: '', uw: '', sep: '〜' },
      { lw: '以上', uw: '以下', sep: '' },
      { lw: '超', uw: '未満', sep: '' },
      { lw: '以上', uw: '未満', sep: '〜' },
      { lw: '超', uw: '以下', sep: '、' },
    );
    const decimal = fc.record({ m: fc.bigInt({ min: 0n, max: 10n ** 9n }), p: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(decimal, decimal, fc.integer({ min: 0, max: 4 }), fc.bigInt({ min: -3n, max: 3n }), words, (lo, hi, pick, nudge, w) => {
        const loQ: Q = { n: lo.m, d: 10n ** BigInt(lo.p) };
        const hiQ: Q = { n: hi.m, d: 10n ** BigInt(hi.p) };
        fc.pre(cmp(loQ, hiQ) < 0);
        // The actual: a bound itself or a millionth around it, or a point between.
        const places = 6;
        const scale = 10n ** BigInt(places);
        const at = (q: Q) => (q.n * scale) / q.d;
        const base = pick === 0 ? at(loQ) : pick === 1 ? at(hiQ) : pick === 2 ? (at(loQ) + at(hiQ)) / 2n : pick === 3 ? at(loQ) - 1n : at(hiQ) + 1n;
        const am = base + nudge;
        fc.pre(am >= 0n);
        const aQ: Q = { n: am, d: scale };
        const lower = w.lw === '超' ? cmp(aQ, loQ) > 0 : cmp(aQ, loQ) >= 0;
        const upper = w.uw === '未満' ? cmp(aQ, hiQ) < 0 : cmp(aQ, hiQ) <= 0;
        const expected = lower && upper ? 'achieved' : 'notAchieved';
        const typed = w.sep === '〜' ? `${text(lo.m, lo.p)}${w.lw ? `%${w.lw}` : ''}〜${text(hi.m, hi.p)}%${w.uw}` : `${text(lo.m, lo.p)}%${w.lw}${w.sep}${text(hi.m, hi.p)}%${w.uw}`;
        const e = judge(typed, Number(text(am, places)));
        expect(e.verdict, `${typed} with ${text(am, places)}`).toBe(expected);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
