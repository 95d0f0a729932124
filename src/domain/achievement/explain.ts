/**
 * An evaluation in words: {@link explain} turns an evaluation (codes and numbers) into one sentence
 * with the formula and the numbers used, e.g. 「達成率 = 1,823 ÷ 1,620 = 112.5%（目標値以上で達成）」,
 * with the words of a catalog (catalog.ts, Japanese by default; catalog-en.ts); the verdict, trend
 * and target-source labels; and the rates as shown (truncated, never above the true one).
 */
import { formatNumber, formatRange, proposeMilestoneDone } from '../numbers';
import { floorAt, rational, type Rational } from './exact';
import type { KpiEvaluation, ExcludedReason, PendingReason, ProjectionMethod, Trend, Verdict } from './evaluate';
import type { RankSchemeProblemCode } from './rank-schemes';
import type { TargetSource } from './targets';
import { JA, type AchievementCatalog } from './catalog';

// ---------------------------------------------------------------------------------------------
// Numbers in formulas

const MINUS = '−';

/** A number as the formulas print it: 1,823 / −173 / 3,675.5. */
export function formatValue(n: number): string {
  return formatNumber(n, { negativeStyle: 'minus' }).replace(/^-/, MINUS);
}

/**
 * A ratio (1.125) as a percentage truncated (切り捨て) to one decimal: 112.5%, −166.2%, 100%;
 * '' for NaN. Truncated toward −∞ on the ratio's decimal digits (or on an exact fraction), so a
 * shown rate is never above the true one: 99,990 ÷ 100,000 is 99.9%, never 100%, and a shown 80%
 * is at least 80%.
 */
export function formatPercent(ratio: number | Rational): string {
  if (ratio === null || (typeof ratio !== 'number' && typeof ratio !== 'object')) return '';
  if (typeof ratio === 'number') {
    if (Number.isNaN(ratio)) return '';
    if (!Number.isFinite(ratio) || Math.abs(ratio) > 1e300) return `${ratio > 0 ? '' : MINUS}∞%`;
  }
  const percent = truncatedPercent(ratio);
  if (!Number.isFinite(percent)) return `${percent > 0 ? '' : MINUS}∞%`;
  return `${formatValue(percent === 0 ? 0 : percent)}%`;
}

/**
 * A ratio (0.9999) as the percentage {@link formatPercent} shows, as a number truncated to one
 * decimal (99.9): for a spreadsheet cell, so a cell never reads 100.0 where the verdict is 未達成.
 */
export function truncatedPercent(ratio: number | Rational): number {
  // Tenths of a percent = thousandths of the ratio, floored: in binary where no thousandth is near,
  // on the decimal digits (or the exact fraction) where one is.
  const thousandths = typeof ratio === 'number' ? ratio * 1000 : NaN;
  if (typeof ratio === 'number' && (!Number.isFinite(ratio) || Math.abs(ratio) > 1e300)) return ratio;
  if (Number.isFinite(thousandths) && Math.abs(thousandths - Math.round(thousandths)) > 1e-6 * Math.max(1, Math.abs(thousandths))) {
    return Math.floor(thousandths) / 10 || 0;
  }
  return Number(floorAt(typeof ratio === 'number' ? rational(ratio) : ratio, 3)) / 10 || 0;
}

/**
 * A ratio of an evaluation as shown, truncated. The engine's ratios are the numbers nearest the exact
 * fractions wherever a tenth of a percent is near (see fraction() in evaluate.ts), so truncating
 * their decimal digits is truncating the exact fraction.
 */
function pct(_e: KpiEvaluation, _measure: 'attainment' | 'progress' | 'interim' | 'baselineChange', ratio: number | null): string {
  return formatPercent(ratio ?? 0);
}

/** An operand after an operator: negative numbers in brackets, as in 0 − (−65). */
const operand = (n: number) => (n < 0 ? `(${formatValue(n)})` : formatValue(n));

// ---------------------------------------------------------------------------------------------
// The sentence

/**
 * Whether an evaluation states no verdict only because the year has no adopted target
 * (年度目標がない年度: 'noAdoptedTarget', 'beforeFinalYear').
 */
export const isUnjudgedYear = (e: Pick<KpiEvaluation, 'verdict' | 'reason'>): boolean =>
  e.verdict === 'excluded' && (e.reason === 'noAdoptedTarget' || e.reason === 'beforeFinalYear');

/** Labels for the dashboard (verdict, trend, target source …) from the catalog. */
/**
 * The verdict word: of a verdict, or of an evaluation (a year judged against no adopted target
 * reads 判定なし rather than 評価対象外).
 */
export const verdictLabel = (v: Verdict | Pick<KpiEvaluation, 'verdict' | 'reason'>, c: AchievementCatalog = JA) =>
  typeof v === 'string' ? c.verdict[v] : isUnjudgedYear(v) ? c.unjudged : c.verdict[v.verdict];
export const trendLabel = (t: Trend, c: AchievementCatalog = JA) => c.trend[t];
export const targetSourceLabel = (s: TargetSource, c: AchievementCatalog = JA) => c.targetSource[s];

/** The message of a rank scheme problem (validateRankScheme fills it in already). */
export function rankSchemeProblemMessage(code: RankSchemeProblemCode, level?: number | 'unevaluable', path = '', c: AchievementCatalog = JA): string {
  if (code === 'invalidShape') return c.problems.invalidShape(path);
  return c.problems[code](level as never);
}

function measurementText(m: { value: number | null; text?: string } | null | undefined): string {
  if (!m) return '';
  if (m.text) return m.text;
  return m.value !== null && Number.isFinite(m.value) ? formatValue(m.value) : '';
}

/**
 * One Japanese sentence saying how the result was reached: the formula with the numbers used and,
 * in brackets, the verdict and what qualifies it (interpolated target, 速報値, 統計期間, 備考).
 * The formula is the one the rank was decided by; where that is a plain comparison, the 達成率 or
 * 進捗率 is shown when defined.
 */
export function explain(e: KpiEvaluation, c: AchievementCatalog = JA): string {
  const flags = flagClauses(e, c);
  if (e.verdict === 'excluded') return withClauses(excludedText(e, c), flags, c);
  if (e.verdict === 'pending') {
    const reason = (e.reason ?? 'noActual') as PendingReason;
    const actualText = measurementText(e.actualMeasurement);
    const text =
      reason === 'undetermined' && e.kind === 'milestone' && actualText !== ''
        ? c.milestone.unmarked(actualText, proposeMilestoneDone(actualText))
        : reason === 'undetermined'
          ? c.pending.undetermined(actualText)
          : c.pending[reason];
    return withClauses(text, flags, c);
  }
  const achieved = e.verdict === 'achieved';
  if (e.kind === 'milestone') {
    const targetText = measurementText(e.target?.measurement ?? null) || measurementText(e.target);
    const early = achieved && e.finalTarget?.year != null && e.fiscalYear < e.finalTarget.year && e.target?.source === 'final';
    const head = early && e.finalTarget?.year != null
      ? c.milestone.early(targetText, e.finalTarget.year)
      : achieved
        ? c.milestone.achieved(targetText)
        : e.actualMeasurement?.partial
          ? c.milestone.partial(targetText)
          : c.milestone.notAchieved(targetText);
    return withClauses(head, flags, c);
  }

  const a = e.actual ?? 0;
  const t = e.target?.value ?? 0;
  const b = e.baseline?.value ?? 0;
  const range = e.target?.measurement?.range;
  if (range) {
    const head = c.range.comparison(formatValue(a), formatRange(t, range, ''));
    // Missed: under the upper bound means below the range (the lower bound was not reached).
    const side = achieved ? c.range.within : a < range.upper ? c.range.below : c.range.above;
    const pre = e.target?.source === 'final' && e.finalTarget?.year != null && e.fiscalYear < e.finalTarget.year ? [c.clause.finalTarget(e.finalTarget.year)] : [];
    return withClauses(head, [...pre, e.early ? c.clause.early : side, c.range.noRatio, ...flags], c);
  }
  const lessIsBetter = e.attainmentInverted;
  const clauses: string[] = [];
  let formula: string;

  const attainmentFormula = () => {
    const expr = lessIsBetter ? `${formatValue(t)} ÷ ${operand(a)}` : `${formatValue(a)} ÷ ${operand(t)}`;
    if (lessIsBetter) clauses.push(c.clause.inverted);
    return `${c.formula.attainment} = ${expr} = ${pct(e, 'attainment', e.attainment)}`;
  };
  const progressFormula = () =>
    `${c.formula.progress} = (${formatValue(a)} − ${operand(b)}) ÷ (${formatValue(t)} − ${operand(b)}) = ${pct(e, 'progress', e.progress)}`;
  const comparison = () => {
    const op = a === t ? '=' : a > t ? '>' : '<';
    return `${c.formula.actual} ${formatValue(a)} ${op} ${c.formula.target} ${formatValue(t)}`;
  };

  const measure = e.rank.measure;
  if (measure === 'attainment' && e.attainment !== null) formula = attainmentFormula();
  else if (measure === 'progress' && e.progress !== null) formula = progressFormula();
  else if (measure === 'interim' && e.interimProgress !== null && e.interimTarget !== null) {
    const line = formatValue(e.interimTarget);
    formula = `${c.formula.interim} = (${formatValue(a)} − ${operand(b)}) ÷ (${line} − ${operand(b)}) = ${pct(e, 'interim', e.interimProgress)}`;
    clauses.push(c.clause.interim(line, e.fiscalYear));
  } else if (measure === 'baselineChange' && e.baselineChange !== null) {
    const expr = lessIsBetter ? `(${formatValue(b)} − ${operand(a)})` : `(${formatValue(a)} − ${operand(b)})`;
    formula = `${c.formula.baselineChange} = ${expr} ÷ ${formatValue(Math.abs(b))} = ${pct(e, 'baselineChange', e.baselineChange)}`;
  } else if (e.attainment !== null) formula = attainmentFormula();
  else if (e.progress !== null) formula = progressFormula();
  else formula = comparison();

  const target = e.target;
  if (target?.interpolated && target.from && target.to) {
    clauses.unshift(
      c.clause.interpolated(formatValue(t), target.from.year, formatValue(target.from.value), target.to.year, formatValue(target.to.value)),
    );
  } else if (target?.source === 'final' && e.finalTarget?.year != null && e.fiscalYear < e.finalTarget.year) {
    clauses.unshift(c.clause.finalTarget(e.finalTarget.year));
  }
  clauses.push(
    e.early
      ? c.clause.early
      : achieved
      ? lessIsBetter ? c.clause.achievedAtMost : c.clause.achievedAtLeast
      : lessIsBetter ? c.clause.missedAbove : c.clause.missedBelow,
  );
  if (e.worseThanBaseline) clauses.push(c.clause.worseThanBaseline(formatValue(b)));
  if (e.rank.fallback && e.rank.basis) {
    const name = (m: string) => (m === 'interim' ? c.formula.interim : m === 'progress' ? c.formula.progress : c.formula.attainment);
    clauses.push(c.ranking.fallback(name(e.rank.basis), name(e.rank.measure ?? ''), e.target?.value === 0));
  }
  if (e.rank.schemeKind === 'target' && e.baseline && !achieved) {
    // いの町 ranks a miss by the baseline (△ / ×): say how the actual stands against it.
    const d = (lessIsBetter ? -1 : 1) * (a - b);
    clauses.push(c.ranking.vsBaseline(formatValue(b), d === 0 ? null : d > 0));
  }
  return withClauses(formula, [...clauses, ...flags], c);
}

function excludedText(e: KpiEvaluation, c: AchievementCatalog): string {
  const reason = (e.reason ?? 'noTarget') as ExcludedReason;
  if (reason === 'noAdoptedTarget' || reason === 'beforeFinalYear') return unjudgedText(e, reason, c);
  if (reason === 'notDue') return c.excluded.notDue(e.finalTarget?.year ?? null);
  if (reason === 'beforeBaseline') return c.excluded.beforeBaseline(e.baseline?.year ?? null);
  return c.excluded[reason];
}

/**
 * A year with no verdict: progress toward the final target when it is defined, then why there is no
 * verdict and the interpolated value for reference (never presented as a target).
 */
function unjudgedText(e: KpiEvaluation, reason: 'noAdoptedTarget' | 'beforeFinalYear', c: AchievementCatalog): string {
  const final = e.finalTarget;
  const why = c.excluded[reason](final?.year ?? null);
  const clauses: string[] = [];
  if (e.referenceTarget?.value != null) clauses.push(c.unjudgedYear.reference(formatValue(e.referenceTarget.value)));
  if (e.finalProgress !== null && final && final.value !== null && final.year !== null && e.actual !== null && e.baseline) {
    const a = e.actual;
    const b = e.baseline.value;
    const f = final.value;
    const head = `${c.unjudgedYear.finalProgress(final.year, formatValue(f))} = (${formatValue(a)} − ${operand(b)}) ÷ (${formatValue(f)} − ${operand(b)}) = ${formatPercent(e.finalProgress)}`;
    return withClauses(head, [why, ...clauses], c);
  }
  return withClauses(why, clauses, c);
}

function flagClauses(e: KpiEvaluation, c: AchievementCatalog): string[] {
  const out: string[] = [];
  if (e.provisional) out.push(c.clause.provisional);
  if (e.approximate) out.push(c.clause.approximate);
  if (e.statPeriod) out.push(c.clause.statPeriod(e.statPeriod));
  if (e.remark) out.push(c.clause.remark(e.remark));
  if (e.computedFigure) out.push(e.computedFigure === 'total' ? c.clause.computedTotal : c.clause.computedYearly);
  return out;
}

function withClauses(head: string, clauses: string[], c: AchievementCatalog): string {
  const { open, close, separator } = c.sentence;
  return clauses.length === 0 ? head : `${head}${open}${clauses.join(separator)}${close}`;
}
