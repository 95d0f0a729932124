// Exact arithmetic at the thresholds: for decimal inputs of up to 6 decimals, the rank the engine
// gives equals the rank computed with exact BigInt rational arithmetic, at and around every
// threshold of every preset; and a shown rate (truncated) never contradicts the verdict or the rank.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiDefaults, type Kpi, type KpiDirection } from '../../../src/domain/entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../../../src/domain/entities/kpi-year';
import { createRecord } from '../../../src/domain/records';
import {
  PRESET_IDS,
  RANK_SCHEME_PRESETS,
  evaluateKpi,
  explain,
  formatPercent,
  rational,
  type RankScheme,
  type RatioRankScheme,
} from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;
const ctx = testContext();
const KPI_BASE = createRecord<Kpi>(ctx, 's', kpiDefaults('g', 'p', 0));
const YEAR_BASE = createRecord<KpiYear>(ctx, 's', kpiYearDefaults(KPI_BASE.id, 0));

/** A decimal of up to 6 places: the integer m ÷ 10^places, written as digits and read back. */
const dec = (m: bigint, places: number): number => {
  const neg = m < 0n;
  const s = (neg ? -m : m).toString().padStart(places + 1, '0');
  const text = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
  return Number(`${neg ? '-' : ''}${text}`);
};

interface Case {
  direction: KpiDirection;
  baseline: number | null;
  target: number;
  actual: number;
}

function evaluate(c: Case, scheme: RankScheme) {
  const kpi: Kpi = {
    ...KPI_BASE,
    direction: c.direction,
    baseline: c.baseline === null ? null : { value: c.baseline },
    baselineYear: c.baseline === null ? null : 2019,
    target: { value: c.target },
    targetYear: 2024,
  };
  const year: KpiYear = { ...YEAR_BASE, fiscalYear: 2024, actual: { value: c.actual } };
  return evaluateKpi(kpi, [year], 2024, scheme);
}

type Q = { n: bigint; d: bigint };
const q = (x: number): Q => rational(x);
const subQ = (a: Q, b: Q): Q => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
const divQ = (a: Q, b: Q): Q | null => (b.n === 0n ? null : b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n });
/** a ≥ p % with p a decimal threshold. */
const atLeast = (a: Q, p: number) => a.n * 100n * q(p).d >= q(p).n * a.d;

/** The reference: the rank of a ratio scheme computed on BigInt fractions only. */
function referenceRank(c: Case, scheme: RatioRankScheme): string {
  const sign = c.direction === 'lower' || c.direction === 'atMost' ? -1 : 1;
  const a = q(c.actual);
  const t = q(c.target);
  const achieved = sign * Math.sign(Number(subQ(a, t).n)) >= 0;
  const attainment = t.n > 0n && (sign > 0 || a.n > 0n) ? (sign > 0 ? divQ(a, t) : divQ(t, a)) : null;
  let progress: Q | null = null;
  if (c.baseline !== null) {
    const b = q(c.baseline);
    const span = subQ(t, b);
    if (sign * Math.sign(Number(span.n)) > 0) progress = divQ(subQ(a, b), span);
  }
  // Evaluated in the final year, the year-scaled line is the final target: 年度按分 = 進捗率.
  const basis = scheme.basis === 'attainment' ? attainment : progress;
  const other = scheme.basis === 'attainment' ? progress : progress ?? attainment;
  const levels = scheme.levels;
  const by = (r: Q) => levels.find((l) => l.min === null || atLeast(r, l.min))!.key;
  if (basis) return by(basis);
  if (achieved) return levels[0]!.key;
  if (other) return by(other);
  return levels[levels.length - 1]!.key;
}

const RATIO_PRESETS = PRESET_IDS.map((id) => RANK_SCHEME_PRESETS[id]).filter((s): s is RatioRankScheme => s.kind === 'ratio');

describe('exact thresholds (property)', () => {
  it('covers every ratio preset', () => {
    expect(RATIO_PRESETS.map((s) => s.id).sort()).toEqual(['default', 'nagano', 'osakaLibrary', 'progress', 'tama'].sort());
  });

  for (const scheme of RATIO_PRESETS) {
    const thresholds = scheme.levels.map((l) => l.min).filter((m): m is number => m !== null);
    it(`${scheme.id}: the rank equals the exact rank at and around every threshold (${thresholds.join(', ')}%)`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...thresholds),
          fc.constantFrom<KpiDirection>('higher', 'lower', 'atLeast', 'atMost'),
          fc.bigInt({ min: 1n, max: 99_999_999n }), // target digits
          fc.integer({ min: 0, max: 4 }), // target decimals
          fc.bigInt({ min: 0n, max: 9_999_999n }), // baseline share (of the target), for 進捗率
          fc.integer({ min: -3, max: 3 }), // steps of 10^-6 around the threshold
          (p, direction, tDigits, tPlaces, bShare, k) => {
            const less = direction === 'lower' || direction === 'atMost';
            const target = dec(tDigits, tPlaces);
            // A baseline on the far side of the target (below it for more-is-better).
            const bDigits = (tDigits * bShare) / 10_000_000n;
            const baseline = scheme.basis === 'attainment' ? null : less ? dec(tDigits + bDigits + 1n, tPlaces) : dec(bDigits, tPlaces);
            // The actual exactly at p % (as 6-decimal digits), then k millionths off.
            const T = BigInt(Math.round(target * 10 ** tPlaces)); // target × 10^tPlaces, exact
            let actualQ: Q;
            if (scheme.basis === 'attainment') {
              // more: a = t·p/100; less: a = t·100/p (only where it has ≤ 6 decimals; else nudge from the floor).
              actualQ = less ? { n: T * 100n, d: 10n ** BigInt(tPlaces) * BigInt(p) } : { n: T * BigInt(p), d: 10n ** BigInt(tPlaces) * 100n };
            } else {
              const B = BigInt(Math.round((baseline as number) * 10 ** tPlaces));
              actualQ = { n: B * 100n + (T - B) * BigInt(p), d: 10n ** BigInt(tPlaces) * 100n };
            }
            const micro = (actualQ.n * 1_000_000n) / actualQ.d + BigInt(k);
            const actual = dec(micro, 6);
            const c: Case = { direction, baseline, target, actual };
            const e = evaluate(c, scheme);
            expect(e.rank.key).toBe(referenceRank(c, scheme));
          },
        ),
        { seed: SEED, numRuns: 400 },
      );
    });
  }

  it('1.2 ÷ 1.5 and 2.4 ÷ 3 are exactly 80% (B), shown as 80%', () => {
    for (const [a, t] of [[1.2, 1.5], [2.4, 3], [0.24, 0.3]] as const) {
      const e = evaluate({ direction: 'higher', baseline: null, target: t, actual: a }, RANK_SCHEME_PRESETS.default);
      expect(e.rank.key).toBe('B');
      expect(e.attainment).toBe(0.8);
      expect(explain(e)).toContain('= 80%');
    }
  });

  it('a 進捗率 from nearly equal large numbers is still exact: (33,554,432.2 − 33,554,433) ÷ (33,554,432 − 33,554,433) is 80% (B)', () => {
    // Found by the property with ten times its cases: the binary difference lost digits (0.79999999702).
    const e = evaluate({ direction: 'lower', baseline: 33554433, target: 33554432, actual: 33554432.2 }, RANK_SCHEME_PRESETS.progress);
    expect(e.progress).toBe(0.8);
    expect(e.rank.key).toBe('B');
  });

  it('99,990 against 100,000 is 99.9%, never 100%', () => {
    const e = evaluate({ direction: 'higher', baseline: null, target: 100000, actual: 99990 }, RANK_SCHEME_PRESETS.default);
    expect(e.verdict).toBe('notAchieved');
    expect(explain(e)).toBe('達成率 = 99,990 ÷ 100,000 = 99.9%（目標値に届かず未達成）');
  });

  it('a shown rate never contradicts the verdict or the rank (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (tm, am, tp, ap) => {
          const e = evaluate({ direction: 'higher', baseline: null, target: dec(tm, tp), actual: dec(am, ap) }, RANK_SCHEME_PRESETS.default);
          const shown = Number(formatPercent(e.attainment as number).replace(/[,%]/g, ''));
          if (shown >= 100) expect(e.verdict).toBe('achieved');
          if (e.verdict === 'achieved') expect(shown).toBeGreaterThanOrEqual(100);
          if (shown >= 80) expect(['A', 'B']).toContain(e.rank.key);
          if (shown < 80) expect(['C', 'D']).toContain(e.rank.key);
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
