/**
 * The numbers a KPI is judged against in a fiscal year: its baseline, its final target and the
 * target for the year (explicit, interpolated, final or threshold). Pure; never throws.
 */
import type { Kpi, KpiDirection } from '../entities/kpi';
import type { KpiYear } from '../entities/kpi-year';
import type { Measurement } from '../entities/measurement';

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
  if (!Number.isFinite(n) || Number.isInteger(n)) return n === 0 ? 0 : n;
  // 12 significant digits: m ÷ 10^k with both exact is the double nearest the decimal m·10^−k.
  const k = 11 - Math.floor(Math.log10(Math.abs(n)));
  if (k <= 0 || k > 22) return Number(n.toPrecision(12));
  const scale = 10 ** k;
  // Rounded on the magnitude, so −x cleans to exactly −(clean x): mirrored KPIs stay mirrored.
  return (Math.sign(n) * Math.round(Math.abs(n) * scale)) / scale;
}

/** A measurement that holds a target: a number, or for milestones a text / done flag. */
function holdsTarget(m: Measurement | null | undefined, milestone: boolean): m is Measurement {
  if (!m || m.status) return false;
  if (finite(m.value)) return true;
  return milestone && (!!m.text || m.done !== undefined);
}

/**
 * The baseline (基準値) of a KPI. A cumulative KPI without one starts from 0 in the fiscal year
 * before `cumulativeFrom` (累計 from 平成27年度 = 0 at the end of 平成26年度). One judged on its
 * single-year figures has none (its baseline is a total).
 */
export function resolveBaseline(kpi: Kpi): Baseline | null {
  // A 累計 KPI judged on single-year figures: its baseline is a total (累計), no single year's figure.
  if (kpi.cumulative && kpi.cumulativeJudged === 'yearly') return null;
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

/**
 * The live yearly records of one KPI, sorted by fiscal year, one per year: what the engine reads.
 * A plain array rather than a map — a KPI has a handful of years, and scanning them is cheaper
 * than hashing.
 */
export type YearIndex = readonly KpiYear[];

/**
 * Indexes yearly records for {@link evaluateIndexed}: records of other KPIs and tombstones are left
 * out; of two records for one year the later wins. Returns `kpiYears` itself when it already is an
 * index (as WorkbookView.kpiYearsOf returns it).
 */
export function indexYears(kpi: Kpi, kpiYears: readonly KpiYear[]): YearIndex {
  let clean = true;
  let previous = -Infinity;
  for (const y of kpiYears) {
    if (y.kpiId !== kpi.id || y.deletedAt || !(y.fiscalYear > previous)) {
      clean = false;
      break;
    }
    previous = y.fiscalYear;
  }
  if (clean) return kpiYears;
  const byYear = new Map<number, KpiYear>();
  for (const y of kpiYears) if (y.kpiId === kpi.id && !y.deletedAt) byYear.set(y.fiscalYear, y);
  return [...byYear.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
}

/** The record of a fiscal year in an index. */
export function recordOf(index: YearIndex, fiscalYear: number): KpiYear | undefined {
  for (const y of index) if (y.fiscalYear === fiscalYear) return y;
  return undefined;
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
  return lineAt(resolveBaseline(kpi), resolveFinalTarget(kpi), fiscalYear);
}

/** {@link linearTarget} from a resolved baseline and final target. */
export function lineAt(base: Baseline | null, final: FinalTarget | null, fiscalYear: number): number | null {
  if (!base || base.year === null || !final || final.value === null || final.year === null) return null;
  if (final.year <= base.year || fiscalYear <= base.year) return null;
  if (fiscalYear >= final.year) return final.value;
  const value = clean(base.value + ((final.value - base.value) * (fiscalYear - base.year)) / (final.year - base.year));
  return Number.isFinite(value) ? value : null;
}

/**
 * The target of a fiscal year:
 * 1. the yearly target entered for that year;
 * 2. for 「〜以上」/「〜以下」 KPIs, the final target as a threshold (it holds every year);
 * 3. for a milestone, the final target from its target year on (null before: not due yet);
 * 4. otherwise the final target in its own year (or in every year when it has none), and in the
 *    other years a straight line between the nearest known points around the year — the
 *    baseline, the yearly targets entered for other years and the final target. Past the last
 *    point, or with no point before the year (no baseline), the final target itself.
 * Null when there is nothing to judge against: no target at all, or a year not after the
 * baseline year.
 */
export function resolveYearTarget(kpi: Kpi, byYear: YearIndex, fiscalYear: number): YearTarget | null {
  return yearTargetWith(kpi, byYear, fiscalYear, resolveBaseline(kpi), resolveFinalTarget(kpi));
}

/** {@link resolveYearTarget} from a resolved baseline and final target. */
export function yearTargetWith(
  kpi: Kpi,
  byYear: YearIndex,
  fiscalYear: number,
  base: Baseline | null,
  final: FinalTarget | null,
): YearTarget | null {
  const milestone = kpi.kind === 'milestone';
  const explicit = recordOf(byYear, fiscalYear)?.target;
  if (holdsTarget(explicit, milestone)) {
    return yearTarget(finite(explicit.value) ? explicit.value : null, 'yearly', explicit);
  }
  if (milestone) {
    if (!final) return null;
    if (final.year !== null && fiscalYear < final.year) return null;
    return yearTarget(final.value, 'final', final.measurement);
  }
  if (!final || final.value === null) {
    if (isThreshold(kpi.direction)) return null;
  } else if (final.measurement.range) {
    // A range (「80〜90%」) has no straight line to it: the range itself, as the final target.
    if (base && base.year !== null && base.year >= fiscalYear) return null;
    return yearTarget(final.value, 'final', final.measurement);
  } else if (isThreshold(kpi.direction)) {
    return yearTarget(final.value, 'threshold', final.measurement);
  } else if (final.year === null || final.year === fiscalYear) {
    // A final target without a year is the target of every year not set explicitly.
    return yearTarget(final.value, 'final', final.measurement);
  }
  if (base && base.year !== null && base.year >= fiscalYear) return null;

  // Known points of the target line, nearest on either side of the year. Yearly targets win over
  // the baseline or final target printed for the same year.
  let beforeYear = -Infinity;
  let beforeValue = 0;
  let afterYear = Infinity;
  let afterValue = 0;
  let baseTaken = false;
  let finalTaken = false;
  for (const record of byYear) {
    const year = record.fiscalYear;
    const t = record.target;
    if (!t || t.status || !finite(t.value) || t.range) continue;
    if (year < fiscalYear && year > beforeYear) {
      beforeYear = year;
      beforeValue = t.value;
    } else if (year > fiscalYear && year < afterYear) {
      afterYear = year;
      afterValue = t.value;
    }
    if (base && year === base.year) baseTaken = true;
    if (final && year === final.year) finalTaken = true;
  }
  if (base && base.year !== null && !baseTaken && base.year < fiscalYear && base.year > beforeYear) {
    beforeYear = base.year;
    beforeValue = base.value;
  }
  const hasFinal = final !== null && final.value !== null;
  if (hasFinal && final.year !== null && !finalTaken) {
    if (final.year < fiscalYear && final.year > beforeYear) {
      beforeYear = final.year;
      beforeValue = final.value as number;
    } else if (final.year > fiscalYear && final.year < afterYear) {
      afterYear = final.year;
      afterValue = final.value as number;
    }
  }
  if (beforeYear !== -Infinity && afterYear !== Infinity) {
    const value = clean(beforeValue + ((afterValue - beforeValue) * (fiscalYear - beforeYear)) / (afterYear - beforeYear));
    if (Number.isFinite(value)) {
      return yearTarget(value, 'interpolated', null, { year: beforeYear, value: beforeValue }, { year: afterYear, value: afterValue });
    }
  }
  // Past every known point, or nothing known before the year: the final target.
  if (hasFinal) return yearTarget(final.value, 'final', final.measurement);
  return null;
}
