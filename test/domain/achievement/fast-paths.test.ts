// The faster paths of the fresh roll-up (issue 18) read exactly what the plain paths read:
// - roundTo rounds the scaled number away from halves, else on the digits of the number's text; the
//   plain path rounds BigInt fractions
//   (kept below as the reference, as it was written before);
// - roundToSense counts decimals on the text once; the reference uses the two regular expressions;
// - WorkbookView keeps one list of yearly records per KPI (no map per KPI, sorted only when the
//   records did not arrive in year order); the plain reading filters, lets the later of two records
//   for a year win, and sorts;
// - rollUp over such a view gives every KPI the evaluation evaluateKpi gives it from the raw
//   records, and the same roll-up as a view of the same records cleaned and in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateStrategy, seededRandom } from '../../support/generate';
import { buildWorkbook } from '../../../src/domain/sample/build';
import { WorkbookView, type WorkbookRecords } from '../../../src/domain/workbook';
import type { Kpi } from '../../../src/domain/entities/kpi';
import type { KpiYear } from '../../../src/domain/entities/kpi-year';
import { evaluateKpi, interimJudgementOf, resolveRankScheme, rollUp, roundOnFraction, roundTo, roundToSense, type StrategyRollup } from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;
/** FC_RUNS=10 runs ten times as many cases (and allows ten times the time: a busy machine is slow). */
const SCALE = Math.max(1, Number(process.env.FC_RUNS) || 1);

/** roundTo as written before the text path: on the BigInt fraction of the entered decimal. */
function roundToReference(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  if (Number.isInteger(x) && places >= 0) return x === 0 ? 0 : x;
  return roundOnFraction(x, places);
}

/** Decimal places as counted before (two regular expressions over the text). */
function placesReference(v: number): number {
  const m = /\.(\d+)/.exec(String(v));
  const exp = /e-(\d+)/.exec(String(v));
  return (m ? m[1]!.length : 0) + (exp ? Number(exp[1]) : 0);
}

/** A decimal m ÷ 10^places as typed: digits read back as a number. */
const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 12 }))
  .map(([m, places]) => {
    const neg = m < 0n;
    const s = (neg ? -m : m).toString().padStart(places + 1, '0');
    return Number(`${neg ? '-' : ''}${places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`}`);
  });
/** Any finite number, decimals, values of an interpolation (k/n of a step), and halves at the last digit. */
const anyNumber = fc.oneof(
  decimal,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.tuple(decimal, decimal, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 10 })).map(([a, b, k, n]) => a + ((b - a) * k) / (n + k)),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 1, max: 6 })).map(([m, p]) => Number(`${m}5e-${p + 1}`)),
);

describe('roundTo on the digits of the text', () => {
  it('equals the BigInt rounding for every finite number and 0–15 places', () => {
    fc.assert(
      fc.property(anyNumber, fc.integer({ min: 0, max: 15 }), (x, places) => {
        expect(Object.is(roundTo(x, places), roundToReference(x, places))).toBe(true);
      }),
      { seed: SEED, numRuns: 2000 * SCALE },
    );
  }, 60_000 * SCALE);

  it('carries across the point and keeps halves away from zero', () => {
    for (const [x, places, want] of [
      [9.96, 1, 10],
      [-9.96, 1, -10],
      [0.95, 1, 1],
      [-0.05, 1, -0.1],
      [-0.04, 1, 0],
      [2.5, 0, 3],
      [-2.5, 0, -3],
      [1.005, 2, 1.01],
      [99.995, 2, 100],
      [3675.4999999, 0, 3675],
      [1.25e-7, 7, 1e-7],
    ] as const) {
      expect(roundTo(x, places)).toBe(want);
      expect(roundToReference(x, places)).toBe(want);
    }
  });
});

describe('roundToSense', () => {
  const kpi = (unit: string, baseline: number | null, target: number | null): Kpi =>
    ({ id: 'k', unit, baseline: baseline === null ? null : { value: baseline }, target: target === null ? null : { value: target } }) as unknown as Kpi;
  const years = (targets: (number | null)[]): KpiYear[] =>
    targets.map((t, i) => ({ kpiId: 'k', fiscalYear: 2020 + i, target: t === null ? null : { value: t } }) as unknown as KpiYear);

  it('rounds to the most decimals of the baseline and the targets, as counted before', () => {
    fc.assert(
      fc.property(
        anyNumber,
        fc.option(anyNumber),
        fc.option(anyNumber),
        fc.array(fc.option(anyNumber), { maxLength: 10 }),
        fc.constantFrom('%', '円', '人', 'ha', ''),
        (value, b, t, ts, unit) => {
          const k = kpi(unit, b, t);
          let places = 0;
          if (unit !== '人') for (const v of [b, t, ...ts]) if (v !== null) places = Math.max(places, placesReference(v));
          expect(Object.is(roundToSense(value, k, years(ts)), roundToReference(value, Math.min(places, 6)))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 1000 * SCALE },
    );
  }, 60_000 * SCALE);
});

// ---------------------------------------------------------------------------------------------
// The yearly records' index and the roll-up over it

/**
 * Records as they may come from storage or a file: yearly records in any order, some deleted, and
 * for some KPIs a second live record of a year (the later one wins).
 */
function scrambled(base: WorkbookRecords, seed: number): WorkbookRecords {
  const rnd = seededRandom(seed);
  const kpiYears: KpiYear[] = base.kpiYears.map((y) => (rnd.chance(0.05) ? { ...y, deletedAt: '2026-04-01T00:00:00.000Z' } : y));
  for (const y of base.kpiYears.slice()) {
    if (rnd.chance(0.04)) kpiYears.push({ ...y, id: `${y.id}-again`, actual: { value: rnd.int(0, 500) } });
  }
  // A shuffle of part of the list (most records still arrive in year order, as they do in the app).
  for (let i = kpiYears.length - 1; i > 0; i--) {
    if (!rnd.chance(0.2)) continue;
    const j = rnd.int(0, i);
    [kpiYears[i], kpiYears[j]] = [kpiYears[j]!, kpiYears[i]!];
  }
  return { ...base, kpiYears };
}

/** The plain reading: a KPI's live records, the later of two for one year, in year order. */
function plainYears(records: WorkbookRecords, kpiId: string): KpiYear[] {
  const byYear = new Map<number, KpiYear>();
  for (const y of records.kpiYears) if (y.kpiId === kpiId && y.deletedAt === null) byYear.set(y.fiscalYear, y);
  return [...byYear.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
}

/** The same records cleaned: the plain reading of every KPI, in order. */
function cleaned(records: WorkbookRecords): WorkbookRecords {
  return { ...records, kpiYears: records.kpis.flatMap((k) => plainYears(records, k.id)) };
}

const plainRollup = (r: StrategyRollup) => JSON.parse(JSON.stringify({ ...r, evaluations: [...r.evaluations] })) as unknown;

describe('WorkbookView year index and rollUp over it', () => {
  const bases = [
    { goals: 3, projects: 12, kpis: 40, years: 5, seed: 5, startYear: 2020 },
    { goals: 2, projects: 6, kpis: 25, years: 8, seed: 11, startYear: 2015 },
  ].map((o) => buildWorkbook(generateStrategy(o), testContext()));

  it('reads what the plain reading of the records reads, whichever is asked first', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases.keys()), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (b, seed, yearFirst) => {
        const records = scrambled(bases[b]!, seed);
        const view = new WorkbookView(records);
        for (const k of records.kpis) {
          const plain = plainYears(records, k.id);
          if (yearFirst) for (const y of plain) expect(view.kpiYear(k.id, y.fiscalYear)).toBe(y);
          expect(view.kpiYearsOf(k.id)).toEqual(plain);
          for (const y of plain) expect(view.kpiYear(k.id, y.fiscalYear)).toBe(y);
          expect(view.kpiYear(k.id, 1999)).toBeUndefined();
          // Every live record of the KPI (both of a year's two before the list is sorted, in any order).
          const live = view.liveKpiYears(k.id);
          for (const y of live) expect(y.kpiId === k.id && y.deletedAt === null).toBe(true);
          for (const y of plain) expect(live).toContain(y);
        }
      }),
      { seed: SEED, numRuns: 30 * SCALE },
    );
  }, 60_000 * SCALE);

  it('rolls up every KPI as evaluateKpi does from the raw records, and as a view of the cleaned records does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases.keys()), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (b, seed) => {
        const records = scrambled(bases[b]!, seed);
        const view = new WorkbookView(records);
        const scheme = resolveRankScheme(records.strategy.rankScheme);
        const judgement = interimJudgementOf(records.strategy);
        for (const fy of view.years) {
          const r = rollUp(view, fy);
          for (const [id, e] of r.evaluations) {
            const kpi = view.kpi(id)!;
            expect(e).toEqual(evaluateKpi(kpi, records.kpiYears, fy, scheme, judgement));
          }
          expect(plainRollup(r)).toEqual(plainRollup(rollUp(new WorkbookView(cleaned(records)), fy)));
        }
      }),
      { seed: SEED, numRuns: 10 * SCALE },
    );
  }, 60_000 * SCALE);
});
