/**
 * The numbers a KPI is judged against in a fiscal year: its baseline, its final target and the
 * target for the year (explicit, interpolated, final or threshold). Pure; never throws.
 */
import type { Kpi, KpiDirection } from '../entities/kpi';
import type { KpiYear } from '../entities/kpi-year';
import { isEmptyMeasurement, type Measurement } from '../entities/measurement';

/** Where the target of a year comes from. */
export type TargetSource =
  /** 年度目標 set for that very year. */
  | 'yearly'
  /** Interpolated linearly between the nearest known points (baseline, yearly targets, final target). */
  | 'interpolated'
  /** The final target (目標値): the target year is reached or passed, or nothing to interpolate from. */
  | 'final'
  /** 「〜以上」「〜以下」: the threshold holds in every year. */
  | 'threshold';

/** A value in a fiscal year (an anchor of the target line). */
export interface YearValue {
  year: number;
  value: number;
}

export interface YearTarget {
  /** Target value in the KPI's unit; null for a milestone with a text target only. */
  value: number | null;
  source: TargetSource;
  /** True when the value was computed rather than entered. */
  interpolated: boolean;
  /** For interpolated targets: the known points on either side. */
  from: YearValue | null;
  to: YearValue | null;
  /** The entered target measurement (null when interpolated). */
  measurement: Measurement | null;
}

export interface Baseline {
  value: number;
  /** Fiscal year of the baseline; null when not recorded. */
  year: number | null;
  /** True for a cumulative KPI without a recorded baseline: 0 before accumulation starts. */
  implicit: boolean;
  measurement: Measurement | null;
}

export interface FinalTarget {
  /** Null for a milestone with a text target only. */
  value: number | null;
  year: number | null;
  measurement: Measurement;
}

/** Direction sign: +1 when more is better, −1 when less is better. */
export function directionSign(direction: KpiDirection): 1 | -1 {
  return direction === 'lower' || direction === 'atMost' ? -1 : 1;
}

export function isThreshold(direction: KpiDirection): boolean {
  return direction === 'atLeast' || direction === 'atMost';
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const finiteInt = (v: number | null | undefined): v is number => finite(v) && Number.isInteger(v);

/**
 * Removes arithmetic noise from a computed value (3534 + 283 × 2/4 is 3675.5, not
 * 3675.4999999999995), so that an actual equal to the printed interpolated target is "equal".
 */
export function clean(n: number): number {
  if (!Number.isFinite(n) || n === 0) return n === 0 ? 0 : n;
  return Number(n.toPrecision(12));
}

/** A measurement that holds a target: a number, or for milestones a text / done flag. */
function holdsTarget(m: Measurement | null | undefined, milestone: boolean): m is Measurement {
  if (!m || isEmptyMeasurement(m) || m.status) return false;
  if (finite(m.value)) return true;
  return milestone && (!!m.text || m.done !== undefined);
}

/**
 * The baseline (基準値) of a KPI. A cumulative KPI without one starts from 0 in the fiscal year
 * before `cumulativeFrom` (累計 from 平成27年度 = 0 at the end of 平成26年度).
 */
export function resolveBaseline(kpi: Kpi): Baseline | null {
  const m = kpi.baseline;
  if (m && finite(m.value)) {
    return { value: m.value, year: finiteInt(kpi.baselineYear) ? kpi.baselineYear : null, implicit: false, measurement: m };
  }
  if (kpi.cumulative && finiteInt(kpi.cumulativeFrom)) {
    return { value: 0, year: kpi.cumulativeFrom - 1, implicit: true, measurement: null };
  }
  return null;
}

/** The final target (目標値), when the KPI has one. */
export function resolveFinalTarget(kpi: Kpi): FinalTarget | null {
  const milestone = kpi.kind === 'milestone';
  const m = kpi.target;
  if (!holdsTarget(m, milestone)) return null;
  return { value: finite(m.value) ? m.value : null, year: finiteInt(kpi.targetYear) ? kpi.targetYear : null, measurement: m };
}

/** The live yearly records of this KPI, by fiscal year. */
export function indexYears(kpi: Kpi, kpiYears: readonly KpiYear[]): Map<number, KpiYear> {
  const byYear = new Map<number, KpiYear>();
  for (const y of kpiYears) {
    if (y.kpiId !== kpi.id || y.deletedAt) continue;
    byYear.set(y.fiscalYear, y);
  }
  return byYear;
}

const yearTarget = (
  value: number | null,
  source: TargetSource,
  measurement: Measurement | null,
  from: YearValue | null = null,
  to: YearValue | null = null,
): YearTarget => ({ value, source, interpolated: source === 'interpolated', from, to, measurement });

/**
 * The straight line from the baseline to the final target, at `fiscalYear` (多摩市: year k of n is
 * k/n of the way). The final target from the target year on; null before or at the baseline year,
 * or when baseline, target or their years are missing.
 */
export function linearTarget(kpi: Kpi, fiscalYear: number): number | null {
  const base = resolveBaseline(kpi);
  const final = resolveFinalTarget(kpi);
  if (!base || base.year === null || !final || final.value === null || final.year === null) return null;
  if (final.year <= base.year || fiscalYear <= base.year) return null;
  if (fiscalYear >= final.year) return final.value;
  return clean(base.value + ((final.value - base.value) * (fiscalYear - base.year)) / (final.year - base.year));
}

/**
 * The target of a fiscal year:
 * 1. the yearly target entered for that year;
 * 2. for 「〜以上」/「〜以下」 KPIs, the final target as a threshold (it holds every year);
 * 3. for a milestone, the final target from its target year on (null before: not due yet);
 * 4. otherwise a straight line between the nearest known points around the year — the baseline,
 *    the yearly targets entered for other years and the final target; from the last point on, the
 *    final target. With no point before the year (no baseline) the final target itself is used.
 * Null when there is nothing to judge against (no target at all, or a year not after the baseline).
 */
export function resolveYearTarget(
  kpi: Kpi,
  byYear: ReadonlyMap<number, KpiYear>,
  fiscalYear: number,
): YearTarget | null {
  const milestone = kpi.kind === 'milestone';
  const explicit = byYear.get(fiscalYear)?.target;
  if (holdsTarget(explicit, milestone)) {
    return yearTarget(finite(explicit.value) ? explicit.value : null, 'yearly', explicit);
  }
  const final = resolveFinalTarget(kpi);
  if (milestone) {
    if (!final) return null;
    if (final.year !== null && fiscalYear < final.year) return null;
    return yearTarget(final.value, 'final', final.measurement);
  }
  if (isThreshold(kpi.direction)) {
    return final && final.value !== null ? yearTarget(final.value, 'threshold', final.measurement) : null;
  }

  if (final && final.value !== null && (final.year === null || final.year === fiscalYear)) {
    // A final target without a year is the target of every year not set explicitly.
    return yearTarget(final.value, 'final', final.measurement);
  }
  const base = resolveBaseline(kpi);
  if (base && base.year !== null && base.year >= fiscalYear) return null;

  // Known points of the target line, nearest on either side of the year.
  let before: YearValue | null = null;
  let after: YearValue | null = null;
  const consider = (year: number, value: number) => {
    if (year < fiscalYear && (!before || year > before.year)) before = { year, value };
    if (year > fiscalYear && (!after || year < after.year)) after = { year, value };
  };
  for (const [year, record] of byYear) {
    const t = record.target;
    if (holdsTarget(t, false) && finite(t.value)) consider(year, t.value);
  }
  // Yearly targets win over the baseline or final target printed for the same year.
  const taken = (year: number) => byYear.has(year) && holdsTarget(byYear.get(year)?.target, false);
  if (base && base.year !== null && !taken(base.year)) consider(base.year, base.value);
  if (final && final.value !== null && final.year !== null && !taken(final.year)) consider(final.year, final.value);

  const b = before as YearValue | null;
  const a = after as YearValue | null;
  if (b && a) {
    const value = clean(b.value + ((a.value - b.value) * (fiscalYear - b.year)) / (a.year - b.year));
    return yearTarget(value, 'interpolated', null, b, a);
  }
  // Past every known point, or nothing known before the year: the final target.
  if (final && final.value !== null) return yearTarget(final.value, 'final', final.measurement);
  return null;
}
