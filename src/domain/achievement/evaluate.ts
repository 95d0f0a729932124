/**
 * The achievement engine: where one KPI stands in one fiscal year.
 *
 * Pure: no clock, no storage, no wording. The result is codes and numbers; {@link explain} in
 * ./explain.ts writes the sentence. Never throws, whatever numbers it is given (NaN and ±Infinity
 * are treated as missing values).
 *
 * Rules (docs/achievement.md has them with worked examples):
 * - verdict: pending when there is no actual yet (blank, 集計中, 未実施); excluded when the KPI is
 *   evaluated elsewhere / not applicable, or there is no target to judge against. Neither is ever
 *   未達成, and neither enters a denominator.
 * - achieved when the actual reaches the year's target in the KPI's direction; equal counts.
 * - 達成率 (attainment) = actual ÷ target (less-is-better: target ÷ actual), only for a positive
 *   target (and, less-is-better, a positive actual).
 * - 進捗率 (progress) = (actual − baseline) ÷ (target − baseline), only when the target lies beyond
 *   the baseline in the good direction; otherwise (target = baseline, 「〜以上」 below the baseline)
 *   the KPI is judged as a threshold.
 */
import type { CumulativeFigure, Kpi, KpiDirection, KpiKind } from '../entities/kpi';
import type { KpiYear } from '../entities/kpi-year';
import type { Measurement, ValueStatus } from '../entities/measurement';
import { cumulativeJudgedOf, judgedYears } from './cumulative';
import { abovePercent, atLeastPercent, exactFraction, exactRatioOf, roundTo, toNumber, withinRange, type Rational } from './exact';
import { DEFAULT_INTERIM_JUDGEMENT, type InterimJudgement } from '../entities/strategy';
import { JA } from './catalog';
import { DEFAULT_RANK_SCHEME, UNEVALUABLE_KEY, type RankLevel, type RankScheme, type RankSchemeKind } from './rank-schemes';
import {
  clean,
  directionSign,
  indexYears,
  lineAt,
  recordOf,
  resolveBaseline,
  resolveFinalTarget,
  yearTargetWith,
  type Baseline,
  type FinalTarget,
  type YearIndex,
  type YearTarget,
  type YearValue,
} from './targets';

export type Verdict = 'achieved' | 'notAchieved' | 'pending' | 'excluded';
export const VERDICTS = ['achieved', 'notAchieved', 'pending', 'excluded'] as const satisfies readonly Verdict[];

/** Why a KPI is pending: its actual is not in yet. */
export type PendingReason =
  /** Blank cell. */
  | 'noActual'
  /** 集計中 (being tabulated). */
  | 'collecting'
  /** 未実施 (survey not conducted this year). */
  | 'notConducted'
  /** Something is entered but it says neither a number nor done / not done. */
  | 'undetermined';

/** Why a KPI is excluded from evaluation this year. */
export type ExcludedReason =
  /** 県全体で評価 (evaluated by the prefecture / the wider area). */
  | 'evaluatedElsewhere'
  /** 該当なし. */
  | 'notApplicable'
  /** No target at all to judge against. */
  | 'noTarget'
  /** A milestone whose target year has not come yet (and that is not done yet). */
  | 'notDue'
  /** The year is not after the baseline year: nothing to judge yet. */
  | 'beforeBaseline'
  /**
   * 年度目標がない年度 under 'adoptedOnly': no target adopted for the year and the final target not
   * met yet, so no 達成 / 未達成 is stated (progress toward the final target is shown instead).
   */
  | 'noAdoptedTarget'
  /** Under 'finalYearOnly': a year before the final target's year, never judged. */
  | 'beforeFinalYear';

/** Excluded reasons that mean "not judged in this year" rather than "not evaluated at all". */
export const UNJUDGED_REASONS: readonly ExcludedReason[] = ['noAdoptedTarget', 'beforeFinalYear'];


export type Trend = 'better' | 'same' | 'worse';

/** What decided a rank. */
export type RankMeasure =
  /** 達成率 (actual ÷ target). */
  | 'attainment'
  /** 進捗率 against the year's target. */
  | 'progress'
  /** 進捗率 against the straight line from baseline to final target (多摩市). */
  | 'interim'
  /** Change against the baseline in percent of it (長与町). */
  | 'baselineChange'
  /** A plain comparison of actual with target / baseline (no ratio defined, or いの町). */
  | 'comparison'
  /** A milestone done or not. */
  | 'milestone';

export interface Rank {
  schemeId: string;
  schemeKind: RankSchemeKind;
  key: string;
  label: string;
  symbol: string;
  color: string;
  /** 0 = best level; the scheme's level count = the unevaluable level. */
  index: number;
  evaluable: boolean;
  /** What decided the rank; null for the unevaluable level. */
  measure: RankMeasure | null;
  /** Value of that measure as a fraction (1 = 100%); null for comparisons and milestones. */
  ratio: number | null;
  /** The ratio a `ratio` scheme's column ranks by (its basis); null for the other kinds. */
  basis: RankMeasure | null;
  /**
   * True when the rank was decided by another ratio than the scheme's basis (a target of 0 has no
   * 達成率, so 進捗率 decides): the label then says which (「D（進捗率）」), so a column never
   * silently mixes two measures.
   */
  fallback: boolean;
}

export type ProjectionMethod =
  /** Straight line through the last two actuals. */
  | 'lastTwoActuals'
  /** Straight line from the baseline through the only actual. */
  | 'baselineAndActual'
  /** Only one actual and no baseline year: whether it meets its own year's target. */
  | 'interimTarget'
  /** A milestone already done. */
  | 'milestone';

export interface Projection {
  method: ProjectionMethod;
  /** The final target's fiscal year. */
  year: number;
  /** Value projected for that year (null for interimTarget and milestone). */
  projected: number | null;
  finalTarget: number | null;
  onTrack: boolean;
  /** The points the line goes through (two for the line methods). */
  points: YearValue[];
}

export interface KpiEvaluation {
  kpiId: string;
  fiscalYear: number;
  kind: KpiKind;
  direction: KpiDirection;
  cumulative: boolean;
  verdict: Verdict;
  reason: PendingReason | ExcludedReason | null;
  /** The year's target (explicit, interpolated, final or threshold). */
  target: YearTarget | null;
  /** The final target (目標値) and its year. */
  finalTarget: FinalTarget | null;
  /**
   * A target interpolated by year that was NOT adopted (年度目標がない年度 under 'adoptedOnly' /
   * 'finalYearOnly'): for reference only, rounded to the unit's sense; never judged against.
   */
  referenceTarget: YearTarget | null;
  /** Achieved before the final year by meeting the final target itself (前倒しで達成). */
  early: boolean;
  /** 進捗率 toward the final target, where no verdict is stated for the year (as a fraction). */
  finalProgress: number | null;
  /** How years without an adopted yearly target were judged (the strategy's setting). */
  judgement: InterimJudgement;
  /**
   * A decrease-type KPI (少ないほど良い, 「〜以下」) whose actual moved away from its target relative
   * to the baseline (ごみ排出量 950 → target 900, actual 1,000): flagged 「基準値より悪化」, whatever
   * its 達成率 rank.
   */
  worseThanBaseline: boolean;
  baseline: Baseline | null;
  /**
   * A 累計 KPI judged on the figure not typed: the actual is that figure, computed ('total' = the sum
   * of single-year figures, 'yearly' = the difference of totals; cumulative.ts). Absent otherwise.
   */
  computedFigure?: CumulativeFigure;
  /** The numeric actual compared (for 累計 KPIs the judged figure). */
  actual: number | null;
  actualMeasurement: Measurement | null;
  /** Milestones: done or not; null when unknown or not a milestone. */
  done: boolean | null;
  /** 達成率 as a fraction (1.125 = 112.5%). */
  attainment: number | null;
  /** True when 達成率 is target ÷ actual (less is better). */
  attainmentInverted: boolean;
  /** 進捗率 against the year's target, as a fraction. */
  progress: number | null;
  /** The straight-line target of the year (baseline → final target) and 進捗率 against it. */
  interimTarget: number | null;
  interimProgress: number | null;
  /** Change against the baseline, direction-aware, as a fraction of |baseline| (+ = better). */
  baselineChange: number | null;
  /** 速報値: the actual is provisional. */
  provisional: boolean;
  /** 約: the actual is approximate. */
  approximate: boolean;
  remark: string | null;
  /** Statistic period of the actual when it differs from the fiscal year (統計年のずれ). */
  statPeriod: string | null;
  rank: Rank;
  /** The previous fiscal year's actual, when it is a number (or, milestones, done / not done). */
  previous: { year: number; value: number | null; done: boolean | null } | null;
  trend: Trend | null;
  // The projection to the final year is not part of an evaluation: only the KPI's detail shows it,
  // and it reads every year's actual, which a roll-up of 10,000 KPIs need not touch. It is
  // {@link projectionOf}.
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
/** n ÷ d, or null when that is not a finite number. */
const divide = (n: number, d: number): number | null => {
  const r = n / d;
  return Number.isFinite(r) ? r : null;
};

const safe = (v: number) => Number.isSafeInteger(v);

/**
 * (a − b) ÷ (c − d) of entered decimals, exactly: the number nearest the true quotient (so
 * 1.2 ÷ 1.5 is the number 0.8, not 0.7999…). Null when the divisor is 0.
 */
function fraction(a: number, b: number, c: number, d: number): number | null {
  if (safe(a) && safe(b) && safe(c) && safe(d) && safe(a - b) && safe(c - d)) {
    // Integers: the differences are exact and one division is correctly rounded.
    return c - d === 0 ? null : divide(a - b, c - d);
  }
  const approx = divide(a - b, c - d);
  if (approx === null) return exactOrNull(a, b, c, d);
  // A difference of nearly equal large numbers (33,554,432.2 − 33,554,433) loses digits in binary:
  // its error grows with (|a| + |b|) ÷ |a − b|. Past a factor of 10,000 the binary quotient may be
  // off by more than the 1e-9 that the checks below and byRatio allow, so work on the digits.
  const cancellation = (Math.abs(a) + Math.abs(b)) / Math.abs(a - b) + (Math.abs(c) + Math.abs(d)) / Math.abs(c - d);
  if (!(cancellation <= 1e4)) return exactOrNull(a, b, c, d);
  // Far from every tenth of a percent, the binary quotient shows and ranks the same as the exact
  // one (thresholds are checked exactly in byRatio); next to one, work on the digits.
  const thousandths = approx * 1000;
  if (Math.abs(thousandths - Math.round(thousandths)) > 1e-9 * Math.max(1, Math.abs(thousandths))) return approx;
  return exactOrNull(a, b, c, d);
}

function exactOrNull(a: number, b: number, c: number, d: number): number | null {
  const q = exactFraction(a, b, c, d);
  if (q === null) return null;
  const r = toNumber(q);
  return Number.isFinite(r) ? r : null;
}

/** Placeholder until finish() ranks the evaluation (keeps the object's shape fixed). */
const PENDING_RANK: Rank = Object.freeze({
  schemeId: '',
  schemeKind: 'ratio',
  key: '',
  label: '',
  symbol: '',
  color: '',
  index: 0,
  evaluable: false,
  measure: null,
  ratio: null,
  basis: null,
  fallback: false,
});

const EXCLUDED_STATUSES: ReadonlySet<ValueStatus> = new Set(['evaluatedElsewhere', 'notApplicable']);

/** Whether a milestone's actual says it is done; null when it does not say. */
function milestoneDone(actual: Measurement | null, target: YearTarget | null): boolean | null {
  if (!actual || actual.status) return null;
  if (actual.done !== undefined) return actual.done;
  if (finite(actual.value)) return target && finite(target.value) ? actual.value >= target.value : actual.value > 0;
  return null;
}

/** The numeric value of an actual that can be compared; null for blanks, statuses and texts. */
function numericActual(m: Measurement | null | undefined): number | null {
  if (!m || m.status) return null;
  return finite(m.value) ? m.value : null;
}

/**
 * Evaluates one KPI for one fiscal year. `kpiYears` are the KPI's yearly records (records of
 * other KPIs and tombstones are ignored); `scheme` defaults to {@link DEFAULT_RANK_SCHEME}.
 */
export function evaluateKpi(
  kpi: Kpi,
  kpiYears: readonly KpiYear[],
  fiscalYear: number,
  scheme: RankScheme | null = null,
  judgement: InterimJudgement = DEFAULT_INTERIM_JUDGEMENT,
): KpiEvaluation {
  return evaluateIndexed(kpi, indexYears(kpi, kpiYears), fiscalYear, scheme ?? DEFAULT_RANK_SCHEME, judgement);
}

/** Evaluates one KPI for several fiscal years at once (the KPI detail chart, a year filter). */
export function evaluateKpiYears(
  kpi: Kpi,
  kpiYears: readonly KpiYear[],
  fiscalYears: readonly number[],
  scheme: RankScheme | null = null,
  judgement: InterimJudgement = DEFAULT_INTERIM_JUDGEMENT,
): KpiEvaluation[] {
  const byYear = indexYears(kpi, kpiYears);
  return fiscalYears.map((y) => evaluateIndexed(kpi, byYear, y, scheme ?? DEFAULT_RANK_SCHEME, judgement));
}

/** {@link evaluateKpi} over yearly records already indexed by fiscal year. */
export function evaluateIndexed(
  kpi: Kpi,
  byYear: YearIndex,
  fiscalYear: number,
  scheme: RankScheme,
  judgement: InterimJudgement = DEFAULT_INTERIM_JUDGEMENT,
): KpiEvaluation {
  const milestone = kpi.kind === 'milestone';
  // A 累計 KPI entered as one figure and judged on the other: the judged figures (cumulative.ts).
  const entered = byYear;
  byYear = judgedYears(kpi, byYear);
  const record = recordOf(byYear, fiscalYear);
  const actualM = record?.actual ?? null;
  const baseline = resolveBaseline(kpi);
  const final = resolveFinalTarget(kpi);
  let target = yearTargetWith(kpi, byYear, fiscalYear, baseline, final);
  if (target?.interpolated && target.value !== null) {
    // Interpolated targets are shown (and, when adopted, judged) as the unit's sense has them:
    // whole people / cases, else the precision of the adopted targets — never 16.66666667. (An
    // interpolated target is a new object of yearTargetWith's, changed here before anyone sees it.)
    target.value = roundToSense(target.value, kpi, byYear);
  }

  const e: KpiEvaluation = {
    kpiId: kpi.id,
    fiscalYear,
    kind: kpi.kind,
    direction: kpi.direction,
    cumulative: kpi.cumulative,
    verdict: 'excluded',
    reason: null,
    target,
    finalTarget: final,
    referenceTarget: null,
    early: false,
    finalProgress: null,
    judgement,
    worseThanBaseline: false,
    baseline,
    actual: numericActual(actualM),
    actualMeasurement: actualM,
    done: milestone ? milestoneDone(actualM, target) : null,
    attainment: null,
    attainmentInverted: directionSign(kpi.direction) < 0,
    progress: null,
    interimTarget: null,
    interimProgress: null,
    baselineChange: null,
    provisional: actualM?.provisional === true,
    approximate: actualM?.approximate === true,
    remark: actualM?.remark ? actualM.remark : null,
    statPeriod: actualM?.statPeriod ? actualM.statPeriod : null,
    rank: PENDING_RANK, // set by finish()
    previous: null,
    trend: null,
  };
  if (byYear !== entered && e.actual !== null) e.computedFigure = cumulativeJudgedOf(kpi);
  e.previous = previousOf(kpi, byYear, fiscalYear);
  e.trend = trendOf(kpi, e);

  const excludedStatus = excludedStatusOf(actualM) ?? excludedStatusOf(record?.target) ?? excludedStatusOf(kpi.target);
  if (excludedStatus) {
    e.reason = excludedStatus;
    return finish(e, scheme);
  }

  // 年度目標がない年度の判定 (docs/achievement.md, "Years without an adopted target").
  const beforeFinal = final !== null && final.year !== null && fiscalYear < final.year;
  if (beforeFinal && judgement === 'finalYearOnly') {
    return unjudged(kpi, e, scheme, final, 'beforeFinalYear');
  }
  if (beforeFinal && judgement === 'adoptedOnly' && !milestone && target && (target.source === 'interpolated' || target.source === 'final')) {
    const a = e.actual;
    const f = final.value;
    const range = final.measurement.range;
    if (a !== null && f !== null && (range ? withinRange(a, f, range) : directionSign(kpi.direction) * (a - f) >= 0)) {
      // The final target is already met: 達成 ahead of time, against the final target itself.
      if (target.interpolated) e.referenceTarget = target;
      target = e.target = { value: f, source: 'final', interpolated: false, from: null, to: null, measurement: final.measurement };
      e.early = true;
    } else {
      return unjudged(kpi, e, scheme, final, 'noAdoptedTarget');
    }
  }

  if (!target) {
    if (milestone && final && e.done === true) {
      // Done before its target year: achieved early.
      target = e.target = { value: final.value, source: 'final', interpolated: false, from: null, to: null, measurement: final.measurement };
      e.done = milestoneDone(actualM, target);
    } else {
      e.reason =
        milestone && final ? 'notDue' : baseline && baseline.year !== null && baseline.year >= fiscalYear && final ? 'beforeBaseline' : 'noTarget';
      return finish(e, scheme);
    }
  }

  if (milestone) {
    const done = e.done;
    if (done === null) {
      e.verdict = 'pending';
      e.reason = pendingReason(actualM);
    } else {
      e.verdict = done ? 'achieved' : 'notAchieved';
    }
    return finish(e, scheme);
  }

  const a = e.actual;
  const t = target.value;
  if (a === null || t === null) {
    e.verdict = 'pending';
    e.reason = pendingReason(actualM);
    return finish(e, scheme);
  }

  const range = target.measurement?.range;
  if (range) {
    // A range target (「80〜90%」): achieved within it, bounds as the words say, on the digits. No
    // 達成率 or 進捗率 is stated: neither bound alone is the target (docs/achievement.md, "Range targets").
    e.verdict = withinRange(a, t, range) ? 'achieved' : 'notAchieved';
    return finish(e, scheme);
  }
  const sign = directionSign(kpi.direction);
  e.verdict = sign * (a - t) >= 0 ? 'achieved' : 'notAchieved';
  if (t > 0 && (sign > 0 || a > 0)) e.attainment = sign > 0 ? fraction(a, 0, t, 0) : fraction(t, 0, a, 0);
  if (baseline) {
    const b = baseline.value;
    if (sign * (t - b) > 0) e.progress = fraction(a, b, t, b);
    const line = lineAt(baseline, final, fiscalYear);
    if (line !== null) {
      e.interimTarget = line;
      if (sign * (line - b) > 0) e.interimProgress = fraction(a, b, line, b);
    }
    if (b !== 0) e.baselineChange = sign > 0 ? fraction(a, b, Math.abs(b), 0) : fraction(b, a, Math.abs(b), 0);
    // A decrease-type KPI whose target lies below the baseline but whose actual rose above it.
    if (sign < 0 && t - b < 0 && a - b > 0) e.worseThanBaseline = true;
  }
  return finish(e, scheme);
}

/** No verdict for the year: the interpolated target is kept for reference and progress is shown. */
function unjudged(kpi: Kpi, e: KpiEvaluation, scheme: RankScheme, final: FinalTarget, reason: ExcludedReason): KpiEvaluation {
  if (e.target?.interpolated) e.referenceTarget = e.target;
  e.target = null;
  const milestone = kpi.kind === 'milestone';
  if ((milestone ? e.done === null : e.actual === null) && !excludedStatusOf(e.actualMeasurement)) {
    // Nothing to judge yet anyway: the actual is not in (blank, 集計中, 未実施 …).
    e.verdict = 'pending';
    e.reason = pendingReason(e.actualMeasurement);
    return finish(e, scheme);
  }
  e.verdict = 'excluded';
  e.reason = reason;
  const a = e.actual;
  const b = e.baseline?.value;
  const f = final.value;
  if (kpi.kind !== 'milestone' && !final.measurement.range && a !== null && b !== undefined && f !== null && directionSign(kpi.direction) * (f - b) > 0) {
    e.finalProgress = fraction(a, b, f, b);
  }
  return finish(e, scheme);
}

/** Units counted in whole numbers (人, 件, 社, か所 …): their interpolated targets are whole. */
const COUNT_UNITS = new Set(['人', '件', '社', 'か所', 'カ所', 'ヵ所', 'ヶ所', '箇所', '個', '回', '事業', '事業体', '団体', '世帯', '施設', '店舗', '校', '戸', '台', '本', '冊', '組', '名', '者', '人/年', '件/年', '回/年']);

/** Decimal places of a finite number as entered (3.5 → 1, 3,534 → 0, 1e-7 → 7). */
function placesOf(v: number): number {
  // A whole number below 10^21 has none (its shortest form is plain digits).
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return 0;
  const text = String(v);
  const point = text.indexOf('.');
  const e = text.indexOf('e');
  const fraction = point < 0 ? 0 : (e < 0 ? text.length : e) - point - 1;
  return fraction + (e >= 0 && text[e + 1] === '-' ? Number(text.slice(e + 2)) : 0);
}

/**
 * An interpolated value rounded to the unit's sense: whole numbers for counts (人, 件, 社, か所 …),
 * otherwise to the most decimals among the adopted targets and the baseline. Halves away from zero,
 * on the decimal digits.
 */
export function roundToSense(value: number, kpi: Kpi, byYear: YearIndex): number {
  let places = 0;
  const unit = kpi.unit.trim();
  if (!COUNT_UNITS.has(unit)) {
    places = Math.max(placesOrZero(kpi.baseline?.value), placesOrZero(kpi.target?.value));
    for (const r of byYear) if (!r.target?.status) places = Math.max(places, placesOrZero(r.target?.value));
  }
  return roundTo(value, Math.min(places, 6));
}

const placesOrZero = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? placesOf(v) : 0);

function excludedStatusOf(m: Measurement | null | undefined): ValueStatus | null {
  const s = m?.status;
  return s !== undefined && EXCLUDED_STATUSES.has(s) ? s : null;
}

function pendingReason(m: Measurement | null): PendingReason {
  if (m?.status === 'collecting' || m?.status === 'notConducted') return m.status;
  if (!m || (m.value === null && !m.text && m.done === undefined)) return 'noActual';
  return 'undetermined';
}

function finish(e: KpiEvaluation, scheme: RankScheme): KpiEvaluation {
  e.rank = rankOf(e, scheme);
  return e;
}

// ---------------------------------------------------------------------------------------------
// Rank

const MEASURE_NAMES: Partial<Record<RankMeasure, string>> = { attainment: JA.formula.attainment, progress: JA.formula.progress, interim: JA.formula.interim };

function rankFrom(scheme: RankScheme, lvl: RankLevel | undefined, index: number, measure: RankMeasure, ratio: number | null): Rank {
  if (!lvl) return unevaluableRank(scheme);
  const basis: RankMeasure | null = scheme.kind === 'ratio' ? (scheme.basis === 'progress' ? 'progress' : scheme.basis === 'interim' ? 'interim' : 'attainment') : null;
  const fallback = basis !== null && measure !== basis && MEASURE_NAMES[measure] !== undefined;
  const label = fallback ? JA.ranking.fallbackLabel(lvl.label, MEASURE_NAMES[measure] as string) : lvl.label;
  return { schemeId: scheme.id, schemeKind: scheme.kind, key: lvl.key, label, symbol: lvl.symbol, color: lvl.color, index, evaluable: true, measure, ratio, basis, fallback };
}

/**
 * The unevaluable level of a scheme, made once per scheme and shared (frozen) by every pending and
 * excluded KPI: a roll-up of 10,000 KPIs no longer makes one object for each.
 */
const UNEVALUABLE = new WeakMap<RankScheme, Rank>();

function unevaluableRank(scheme: RankScheme): Rank {
  let rank = UNEVALUABLE.get(scheme);
  if (!rank) UNEVALUABLE.set(scheme, (rank = Object.freeze(newUnevaluableRank(scheme))));
  return rank;
}

function newUnevaluableRank(scheme: RankScheme): Rank {
  const u = scheme.unevaluable;
  return {
    schemeId: scheme.id,
    schemeKind: scheme.kind,
    key: UNEVALUABLE_KEY,
    label: u.label,
    symbol: u.symbol,
    color: u.color,
    index: scheme.levels.length,
    evaluable: false,
    measure: null,
    ratio: null,
    basis: null,
    fallback: false,
  };
}

/**
 * The rank of an evaluation under a scheme (docs/achievement.md, "Rank"). Pending and excluded
 * KPIs get the unevaluable level.
 */
export function rankOf(e: KpiEvaluation, scheme: RankScheme): Rank {
  if (e.verdict === 'pending' || e.verdict === 'excluded') return unevaluableRank(scheme);
  const achieved = e.verdict === 'achieved';
  const levels = scheme.levels;
  const last = levels.length - 1;
  const milestone = e.kind === 'milestone';

  if (scheme.kind === 'ratio') {
    if (milestone) return achieved ? rankFrom(scheme, levels[0], 0, 'milestone', null) : rankFrom(scheme, levels[last], last, 'milestone', null);
    // The scheme's ratio, then the fallbacks in order.
    const basis = scheme.basis;
    const first: RankMeasure = basis === 'progress' ? 'progress' : basis === 'interim' ? 'interim' : 'attainment';
    const firstRatio = ratioOf(e, first);
    if (firstRatio !== null) return byRatio(scheme, first, firstRatio, e);
    // No ratio of the scheme's kind: a reached target is the best level; a missed one is ranked by
    // the other ratio when there is one (進捗率 for 達成率 and the other way round; 進捗率 then
    // 達成率 for the year-scaled basis), else the lowest level.
    if (achieved) return rankFrom(scheme, levels[0], 0, 'comparison', null);
    const second: RankMeasure = first === 'attainment' ? 'progress' : first === 'progress' ? 'attainment' : 'progress';
    const secondRatio = ratioOf(e, second);
    if (secondRatio !== null) return byRatio(scheme, second, secondRatio, e);
    if (first === 'interim' && e.attainment !== null) return byRatio(scheme, 'attainment', e.attainment, e);
    return rankFrom(scheme, levels[last], last, 'comparison', null);
  }

  if (scheme.kind === 'target') {
    if (milestone) return achieved ? rankFrom(scheme, levels[1], 1, 'milestone', null) : rankFrom(scheme, levels[2], 2, 'milestone', null);
    const sign = directionSign(e.direction);
    const a = e.actual ?? 0;
    const t = e.target?.value ?? 0;
    if (achieved && e.target?.measurement?.range) return rankFrom(scheme, levels[1], 1, 'comparison', null);
    if (achieved) return sign * (a - t) > 0 ? rankFrom(scheme, levels[0], 0, 'comparison', null) : rankFrom(scheme, levels[1], 1, 'comparison', null);
    if (e.baseline && sign * (a - e.baseline.value) <= 0) return rankFrom(scheme, levels[3], 3, 'comparison', null);
    return rankFrom(scheme, levels[2], 2, 'comparison', null);
  }

  // baseline (長与町)
  if (achieved) return rankFrom(scheme, levels[0], 0, milestone ? 'milestone' : 'comparison', null);
  if (milestone) return rankFrom(scheme, levels[2], 2, 'milestone', null);
  if (!e.baseline || e.actual === null) return unevaluableRank(scheme);
  const sign = directionSign(e.direction);
  const diff = sign * (e.actual - e.baseline.value);
  const change = e.baselineChange;
  if (change === null) {
    // Baseline 0: no percentage; any change is outside the band.
    const at = diff > 0 ? 1 : diff < 0 ? 3 : 2;
    return rankFrom(scheme, levels[at], at, 'comparison', null);
  }
  const bandPercent = Number.isFinite(scheme.bandPercent) ? Math.abs(scheme.bandPercent) : 0;
  const band = bandPercent / 100;
  let above = change > band;
  let below = change < -band;
  if (near(change, band) || near(change, -band)) {
    // On or next to the band's edge: decide on the entered digits.
    const q = exactRatioOf(e, 'baselineChange');
    if (q) {
      above = abovePercent(q, bandPercent);
      below = !atLeastPercent(q, -bandPercent);
    }
  }
  const at = above ? 1 : below ? 3 : 2;
  return rankFrom(scheme, levels[at], at, 'baselineChange', change);
}

function ratioOf(e: KpiEvaluation, m: RankMeasure): number | null {
  return m === 'attainment' ? e.attainment : m === 'progress' ? e.progress : m === 'interim' ? e.interimProgress : null;
}

/** Whether two numbers are close enough that binary rounding could put them in either order. */
const near = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

function byRatio(scheme: RankScheme & { kind: 'ratio' }, measure: RankMeasure, ratio: number, e: KpiEvaluation): Rank {
  const levels = scheme.levels;
  let exact: Rational | null | undefined;
  for (let i = 0; i < levels.length; i++) {
    const min = levels[i]?.min;
    if (min === null || min === undefined || !Number.isFinite(min)) return rankFrom(scheme, levels[i], i, measure, ratio);
    const m = min / 100;
    let reached = ratio >= m;
    if (near(ratio, m)) {
      // At or next to the threshold: compare the exact fraction of the entered digits with it
      // (1.2 ÷ 1.5 is 80%, 2.4 ÷ 3 too, whatever binary floating point makes of them).
      if (exact === undefined) exact = exactRatioOf(e, measure);
      if (exact) reached = atLeastPercent(exact, min);
    }
    if (reached) return rankFrom(scheme, levels[i], i, measure, ratio);
  }
  const last = levels.length - 1;
  return rankFrom(scheme, levels[last], last, measure, ratio);
}

// ---------------------------------------------------------------------------------------------
// Trend and projection

function previousOf(kpi: Kpi, byYear: YearIndex, fiscalYear: number): KpiEvaluation['previous'] {
  const prev = recordOf(byYear, fiscalYear - 1)?.actual ?? null;
  if (kpi.kind === 'milestone') {
    const done = milestoneDone(prev, null);
    return done === null ? null : { year: fiscalYear - 1, value: numericActual(prev), done };
  }
  const value = numericActual(prev);
  return value === null ? null : { year: fiscalYear - 1, value, done: null };
}

/** Better / same / worse than the previous year's actual, in the KPI's direction. */
function trendOf(kpi: Kpi, e: KpiEvaluation): Trend | null {
  const p = e.previous;
  if (!p) return null;
  if (kpi.kind === 'milestone') {
    if (e.done === null || p.done === null) return null;
    return e.done === p.done ? 'same' : e.done ? 'better' : 'worse';
  }
  if (e.actual === null || p.value === null) return null;
  const d = directionSign(kpi.direction) * (e.actual - p.value);
  return d > 0 ? 'better' : d < 0 ? 'worse' : 'same';
}

/**
 * Projection for the final target year (docs/achievement.md, "Projection"): a straight line through
 * the last two actuals up to this year (or from the baseline through the only actual) carried to the
 * final target's year; on track when the value there reaches the final target. With one actual and
 * no baseline year: on track when that actual meets its own year's target. Null from the final year
 * on (the verdict says it), without a final target, or without any actual. `e` is the KPI's
 * evaluation of the year, over the same yearly records.
 */
export function projectionOf(kpi: Kpi, kpiYears: readonly KpiYear[], e: KpiEvaluation): Projection | null {
  // The figures the evaluation judged (a 累計 KPI entered as one figure and judged on the other).
  return projectAt(kpi, judgedYears(kpi, indexYears(kpi, kpiYears)), e);
}

function projectAt(kpi: Kpi, byYear: YearIndex, e: KpiEvaluation): Projection | null {
  const final = e.finalTarget;
  if (!final || final.year === null || e.fiscalYear >= final.year) return null;
  // A range (「80〜90%」) is no point a line can be carried to.
  if (final.measurement.range) return null;
  if (kpi.kind === 'milestone') {
    for (const r of byYear) {
      if (r.fiscalYear <= e.fiscalYear && milestoneDone(r.actual, null) === true) {
        return { method: 'milestone', year: final.year, projected: null, finalTarget: final.value, onTrack: true, points: [] };
      }
    }
    return null;
  }
  if (final.value === null) return null;
  // The last two numeric actuals up to this year.
  let lastYear = -Infinity;
  let lastValue = 0;
  let prevYear = -Infinity;
  let prevValue = 0;
  for (const r of byYear) {
    const year = r.fiscalYear;
    if (year > e.fiscalYear) continue;
    const v = numericActual(r.actual);
    if (v === null) continue;
    if (year > lastYear) {
      prevYear = lastYear;
      prevValue = lastValue;
      lastYear = year;
      lastValue = v;
    } else if (year > prevYear) {
      prevYear = year;
      prevValue = v;
    }
  }
  if (lastYear === -Infinity) return null;
  const last: YearValue = { year: lastYear, value: lastValue };
  const sign = directionSign(kpi.direction);
  let from: YearValue | null = prevYear === -Infinity ? null : { year: prevYear, value: prevValue };
  let method: ProjectionMethod = 'lastTwoActuals';
  if (!from && e.baseline && e.baseline.year !== null && e.baseline.year < lastYear) {
    from = { year: e.baseline.year, value: e.baseline.value };
    method = 'baselineAndActual';
  }
  if (!from) {
    const t = lastYear === e.fiscalYear ? e.target : yearTargetWith(kpi, byYear, lastYear, e.baseline, final);
    if (!t || t.value === null) return null;
    return {
      method: 'interimTarget',
      year: final.year,
      projected: null,
      finalTarget: final.value,
      onTrack: sign * (lastValue - t.value) >= 0,
      points: [last],
    };
  }
  const slope = (lastValue - from.value) / (lastYear - from.year);
  const projected = clean(lastValue + slope * (final.year - lastYear));
  if (!Number.isFinite(projected)) return null;
  return {
    method,
    year: final.year,
    projected,
    finalTarget: final.value,
    onTrack: sign * (projected - final.value) >= 0,
    points: [from, last],
  };
}
