/**
 * 累計 KPIs: the cumulative total (累計値) and the single year's figure (単年度の値) of each year.
 *
 * A cumulative KPI's actuals are entered as one of the two figures (`cumulativeEntry`, absent =
 * 'total', the running totals earlier files hold) and judged as one of them (`cumulativeJudged`,
 * absent = 'total'); its targets are adopted in the judged figure. The other figure is computed on
 * the entered digits (exact decimal sums) and shown beside the entered one.
 *
 * Accumulation starts in `cumulativeFrom`, else the year after the baseline year. The total at the
 * end of the year before it is the baseline when one is recorded for that year (累計 up to 平成30年度),
 * else 0. A total needs every single-year figure since the start, and a single-year figure needs
 * the totals on both sides of it: where one is missing (blank, 集計中 …) the figure is unknown, and
 * a year judged on it is 評価保留 (as with an actual not yet entered). 約 is dropped from a computed
 * figure's mark; the year's own remark, 速報値 and period stay.
 *
 * Pure: no clock, no DOM, no storage.
 */
import type { CumulativeFigure, Kpi } from '../entities/kpi';
import type { KpiYear } from '../entities/kpi-year';
import type { Measurement } from '../entities/measurement';
import { rational, toNumber, type Rational } from './exact';
import type { YearIndex } from './targets';

/** The figure a KPI's actuals are entered as (non-cumulative KPIs: 'total', their only figure). */
export function cumulativeEntryOf(kpi: Pick<Kpi, 'cumulative' | 'cumulativeEntry'>): CumulativeFigure {
  return kpi.cumulative && kpi.cumulativeEntry === 'yearly' ? 'yearly' : 'total';
}

/** The figure a KPI is judged on (and its targets are adopted in). */
export function cumulativeJudgedOf(kpi: Pick<Kpi, 'cumulative' | 'cumulativeJudged'>): CumulativeFigure {
  return kpi.cumulative && kpi.cumulativeJudged === 'yearly' ? 'yearly' : 'total';
}

/** The first fiscal year counted, and the total at the end of the year before it. */
export function accumulationStart(kpi: Kpi): { start: number; opening: number } | null {
  const start = kpi.cumulativeFrom ?? (kpi.baselineYear === null ? null : kpi.baselineYear + 1);
  if (start === null || !Number.isInteger(start)) return null;
  const b = kpi.baseline;
  const opening = b && !b.status && typeof b.value === 'number' && Number.isFinite(b.value) && kpi.baselineYear === start - 1 ? b.value : 0;
  return { start, opening };
}

const numeric = (m: Measurement | null | undefined): number | null =>
  m && !m.status && typeof m.value === 'number' && Number.isFinite(m.value) ? m.value : null;

const add = (a: Rational, b: Rational): Rational => (a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const minus = (a: Rational, b: Rational): Rational => add(a, { n: -b.n, d: b.d });

/** One year's two figures: each null when unknown. `entered` says which of them was typed. */
export interface CumulativeFigures {
  fiscalYear: number;
  entered: CumulativeFigure;
  total: number | null;
  yearly: number | null;
}

/**
 * Both figures of every year with a record, in year order; empty for a KPI that is not cumulative,
 * or whose accumulation start is unknown (no `cumulativeFrom`, no baseline year).
 */
export function cumulativeFigures(kpi: Kpi, byYear: YearIndex): CumulativeFigures[] {
  if (!kpi.cumulative || kpi.kind === 'milestone') return [];
  const from = accumulationStart(kpi);
  if (!from) return [];
  const entered = cumulativeEntryOf(kpi);
  const value = new Map<number, number | null>();
  for (const r of byYear) value.set(r.fiscalYear, numeric(r.actual));
  const out: CumulativeFigures[] = [];
  for (const r of byYear) {
    const y = r.fiscalYear;
    const own = value.get(y) ?? null;
    if (y < from.start) {
      out.push({ fiscalYear: y, entered, total: entered === 'total' ? own : null, yearly: entered === 'yearly' ? own : null });
      continue;
    }
    if (entered === 'yearly') {
      // The opening total plus every single-year figure since the start, on the digits.
      let sum: Rational | null = rational(from.opening);
      for (let k = from.start; k <= y && sum; k++) {
        const v = value.get(k);
        sum = v === null || v === undefined ? null : add(sum, rational(v));
      }
      out.push({ fiscalYear: y, entered, yearly: own, total: sum && own !== null ? toNumber(sum) : null });
    } else {
      const before = y === from.start ? from.opening : (value.get(y - 1) ?? null);
      out.push({ fiscalYear: y, entered, total: own, yearly: own === null || before === null ? null : toNumber(minus(rational(own), rational(before))) });
    }
  }
  return out;
}

/**
 * The yearly records as judged: where the judged figure is not the entered one, each year's actual
 * is the computed figure (its remark, 速報値 mark and period kept; unknown = no value). Returns
 * `byYear` itself when nothing changes.
 */
export function judgedYears(kpi: Kpi, byYear: YearIndex): YearIndex {
  if (!kpi.cumulative || cumulativeEntryOf(kpi) === cumulativeJudgedOf(kpi)) return byYear;
  const figures = cumulativeFigures(kpi, byYear);
  if (figures.length === 0) return byYear;
  const judged = cumulativeJudgedOf(kpi);
  return byYear.map((r, i): KpiYear => {
    const f = figures[i]!;
    const a = r.actual;
    if (!a || a.status || numeric(a) === null) return r;
    const v = judged === 'total' ? f.total : f.yearly;
    const { approximate: _approximate, ...rest } = a;
    // Unknown (an earlier year missing): no value, so the year is 評価保留 until it is entered.
    return { ...r, actual: v === null ? { value: null } : { ...rest, value: v } };
  });
}
