// Properties of the engine over many generated KPIs (a seeded generator, so every run checks the
// same cases and a failure can be replayed): it never throws, a better actual never ranks worse,
// mirrored directions mirror, and pending / excluded KPIs never enter a denominator.
import { describe, expect, it } from 'vitest';
import { kpiDefaults, KPI_DIRECTIONS, type Kpi, type KpiDirection } from '../../../src/domain/entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../../../src/domain/entities/kpi-year';
import { VALUE_STATUSES, type Measurement } from '../../../src/domain/entities/measurement';
import { createRecord } from '../../../src/domain/records';
import {
  PRESET_IDS,
  RANK_SCHEME_PRESETS,
  evaluateKpi,
  explain,
  tally,
  type KpiEvaluation,
} from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

/** mulberry32: a small seeded generator. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const ctx = testContext();
const SCHEMES = PRESET_IDS.map((id) => RANK_SCHEME_PRESETS[id]);

function makeKpi(fields: Partial<Kpi>): Kpi {
  return { ...createRecord<Kpi>(ctx, 's', kpiDefaults('g', 'p', 0)), ...fields };
}
function makeYear(kpi: Kpi, fiscalYear: number, fields: Partial<KpiYear>): KpiYear {
  return { ...createRecord<KpiYear>(ctx, 's', kpiYearDefaults(kpi.id, fiscalYear)), ...fields };
}

const NASTY = [NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, -5e-324, 0, -0, -1, 1, 0.1, 1e15, -65, 100];
const nastyNumber = (r: Rng) => (r.chance(0.5) ? r.pick(NASTY) : (r.next() - 0.5) * 10 ** r.int(0, 12));
function nastyMeasurement(r: Rng): Measurement | null {
  if (r.chance(0.15)) return null;
  const m: Measurement = { value: r.chance(0.85) ? nastyNumber(r) : null };
  if (r.chance(0.15)) m.status = r.pick(VALUE_STATUSES);
  if (r.chance(0.15)) m.text = r.pick(['策定', '未策定', '確認中', '']);
  if (r.chance(0.15)) m.done = r.chance(0.5);
  if (r.chance(0.1)) m.provisional = true;
  if (r.chance(0.1)) m.approximate = true;
  if (r.chance(0.1)) m.remark = 'コロナのため中止';
  if (r.chance(0.1)) m.statPeriod = '令和2年';
  return m;
}

describe('evaluateKpi', () => {
  it('never throws on any numeric input (NaN, ±Infinity, huge, tiny, negative, zero), nor does explain', () => {
    const r = rng(20260401);
    const verdicts = new Set(['achieved', 'notAchieved', 'pending', 'excluded']);
    const evaluations: KpiEvaluation[] = [];
    for (let i = 0; i < 3000; i++) {
      const year = () => (r.chance(0.9) ? r.int(2016, 2026) : r.pick([NaN, Infinity, -1, 2020.5]));
      const kpi = makeKpi({
        kind: r.chance(0.2) ? 'milestone' : 'numeric',
        direction: r.pick(KPI_DIRECTIONS),
        cumulative: r.chance(0.2),
        cumulativeFrom: r.chance(0.5) ? year() : null,
        baseline: nastyMeasurement(r),
        baselineYear: r.chance(0.8) ? year() : null,
        target: nastyMeasurement(r),
        targetYear: r.chance(0.8) ? year() : null,
      });
      const years: KpiYear[] = [];
      for (let y = 2016; y <= 2026; y++) {
        if (r.chance(0.4)) years.push(makeYear(kpi, y, { target: nastyMeasurement(r), actual: nastyMeasurement(r) }));
      }
      const scheme = r.pick(SCHEMES);
      const fy = year();
      let e: KpiEvaluation | undefined;
      expect(() => {
        e = evaluateKpi(kpi, years, fy, scheme);
      }, JSON.stringify({ kpi, years, fy, scheme: scheme.id })).not.toThrow();
      const ev = e!;
      expect(verdicts.has(ev.verdict)).toBe(true);
      for (const ratio of [ev.attainment, ev.progress, ev.interimProgress, ev.baselineChange, ev.rank.ratio]) {
        expect(ratio === null || Number.isFinite(ratio)).toBe(true);
      }
      if (ev.verdict === 'pending' || ev.verdict === 'excluded') expect(ev.rank.evaluable).toBe(false);
      const sentence = explain(ev);
      expect(typeof sentence).toBe('string');
      expect(sentence.length).toBeGreaterThan(0);
      expect(sentence).not.toMatch(/NaN|Infinity|undefined/);
      // No number left out of a formula ("達成率 =  ÷ 90").
      expect(sentence).not.toMatch(/\s{2}|=\s*[÷%]|÷\s*[=)]|−\s*[)=]|\(\s*\)|「」/);
      evaluations.push(ev);
    }
    expect(() => tally(evaluations, SCHEMES[0]!)).not.toThrow();
  });

  /** A random, finite, well-formed numeric KPI (values up to ±10^9). */
  function sensibleKpi(r: Rng, direction: KpiDirection) {
    const int = () => r.int(-1000, 1000) * (r.chance(0.3) ? 1_000_000 : 1);
    const baselineYear = r.int(2016, 2020);
    const kpi = makeKpi({
      direction,
      baseline: r.chance(0.85) ? { value: int() } : null,
      baselineYear,
      target: { value: int() },
      targetYear: baselineYear + r.int(1, 6),
    });
    const fy = baselineYear + r.int(1, 8);
    const years: KpiYear[] = [];
    if (r.chance(0.3)) years.push(makeYear(kpi, fy, { target: { value: int() } }));
    return { kpi, years, fy, int };
  }

  it('a better actual never gives a worse rank, under every preset', () => {
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const direction = r.pick(KPI_DIRECTIONS);
      const { kpi, years, fy, int } = sensibleKpi(r, direction);
      const a1 = int();
      const a2 = int();
      // worse / better in the KPI's direction
      const less = direction === 'lower' || direction === 'atMost';
      const [worse, better] = (less ? a1 > a2 : a1 < a2) ? [a1, a2] : [a2, a1];
      const withActual = (v: number) => [...years.filter((y) => y.fiscalYear !== fy), makeYear(kpi, fy, { target: years[0]?.target ?? null, actual: { value: v } })];
      for (const scheme of SCHEMES) {
        const w = evaluateKpi(kpi, withActual(worse), fy, scheme);
        const b = evaluateKpi(kpi, withActual(better), fy, scheme);
        expect(b.rank.index, JSON.stringify({ scheme: scheme.id, direction, baseline: kpi.baseline, target: kpi.target, years, fy, worse, better })).toBeLessThanOrEqual(
          w.rank.index,
        );
        if (w.verdict === 'achieved') expect(b.verdict).toBe('achieved');
      }
    }
  });

  it('an actual equal to the target is achieved in every direction', () => {
    const r = rng(11);
    for (let i = 0; i < 500; i++) {
      const { kpi, years, fy } = sensibleKpi(r, r.pick(KPI_DIRECTIONS));
      const target = evaluateKpi(kpi, years, fy).target?.value;
      if (target === null || target === undefined) continue;
      const e = evaluateKpi(kpi, [...years.filter((y) => y.fiscalYear !== fy), makeYear(kpi, fy, { target: years[0]?.target ?? null, actual: { value: target } })], fy);
      expect(e.verdict).toBe('achieved');
    }
  });

  it('mirrored directions mirror: more-is-better (b, t, a) judges as less-is-better (−b, −t, −a)', () => {
    const r = rng(42);
    const mirror: Record<KpiDirection, KpiDirection> = { higher: 'lower', lower: 'higher', atLeast: 'atMost', atMost: 'atLeast' };
    /** −0 and 0 alike. */
    const z = (v: number | null | undefined) => (v === null || v === undefined ? v : v + 0);
    const neg = (m: Measurement | null): Measurement | null => (m && m.value !== null ? { ...m, value: -m.value } : m);
    for (let i = 0; i < 1500; i++) {
      const direction = r.pick(KPI_DIRECTIONS);
      const { kpi, fy, int } = sensibleKpi(r, direction);
      const years = [makeYear(kpi, fy - 1, { actual: { value: int() } }), makeYear(kpi, fy, { actual: { value: int() } })];
      const m = makeKpi({ ...kpi, direction: mirror[direction], baseline: neg(kpi.baseline), target: neg(kpi.target) });
      const mYears = years.map((y) => ({ ...y, kpiId: m.id, actual: neg(y.actual) }));
      for (const scheme of [RANK_SCHEME_PRESETS.ino, RANK_SCHEME_PRESETS.nagayo, RANK_SCHEME_PRESETS.nagano]) {
        const e = evaluateKpi(kpi, years, fy, scheme);
        const f = evaluateKpi(m, mYears, fy, scheme);
        const label = JSON.stringify({ direction, baseline: kpi.baseline, target: kpi.target, years: years.map((y) => y.actual), fy });
        expect(f.verdict, label).toBe(e.verdict);
        expect(z(f.target?.value === undefined || f.target.value === null ? f.target?.value : -f.target.value), label).toBe(z(e.target?.value));
        expect(z(f.progress), label).toBe(z(e.progress));
        expect(z(f.interimProgress), label).toBe(z(e.interimProgress));
        expect(z(f.baselineChange), label).toBe(z(e.baselineChange));
        expect(f.trend, label).toBe(e.trend);
        expect(f.projection?.onTrack, label).toBe(e.projection?.onTrack);
        if (scheme.kind !== 'ratio' || e.progress !== null) expect(f.rank.key, label).toBe(e.rank.key);
      }
    }
  });
});

describe('tally', () => {
  it('pending and excluded never enter the denominator', () => {
    const r = rng(3);
    for (let i = 0; i < 300; i++) {
      const evaluations: KpiEvaluation[] = [];
      for (let j = r.int(0, 30); j > 0; j--) {
        const kpi = makeKpi({ target: { value: 100 }, targetYear: 2021, direction: 'higher' });
        const actual = r.pick<Measurement | null>([null, { value: null, status: 'collecting' }, { value: null, status: 'evaluatedElsewhere' }, { value: 50 }, { value: 150 }]);
        evaluations.push(evaluateKpi(kpi, [makeYear(kpi, 2021, { actual })], 2021));
      }
      const scheme = RANK_SCHEME_PRESETS.default;
      const t = tally(evaluations, scheme);
      const decided = evaluations.filter((e) => e.verdict === 'achieved' || e.verdict === 'notAchieved');
      const achieved = decided.filter((e) => e.verdict === 'achieved').length;
      expect(t.evaluated).toBe(decided.length);
      expect(t.achievedShare).toBe(decided.length === 0 ? null : achieved / decided.length);
      expect(t.pending + t.excluded + t.evaluated).toBe(t.total);
      expect(Object.values(t.byRank).reduce((s, n) => s + n, 0)).toBe(t.total);
      // Only the evaluated ones: the same share.
      const only = tally(decided, scheme);
      expect(only.achievedShare).toBe(t.achievedShare);
      expect(only.evaluated).toBe(t.evaluated);
    }
  });
});
