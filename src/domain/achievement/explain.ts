/**
 * Words of the achievement engine. Every Japanese string of src/domain/achievement lives in
 * {@link JA} below — preset names and labels, validation messages, and the pieces of the one-line
 * explanation — so that a second catalog (English) can be added with the same shape.
 *
 * {@link explain} turns an evaluation (codes and numbers) into one sentence with the formula and
 * the numbers used, e.g. 「達成率 = 1,823 ÷ 1,620 = 112.5%（目標値以上で達成）」.
 */
import { formatFiscalYear } from '../eras';
import { formatNumber, formatRange, proposeMilestoneDone } from '../numbers';
import { floorAt, rational, type Rational } from './exact';
import type { KpiEvaluation, ExcludedReason, PendingReason, ProjectionMethod, Trend, Verdict } from './evaluate';
import type { RankSchemeProblemCode } from './rank-schemes';
import type { TargetSource } from './targets';

/** Which level a validation problem is about: its index (0 = first) or the unevaluable level. */
type LevelRef = number | 'unevaluable' | undefined;

const levelName = (level: LevelRef) =>
  level === 'unevaluable' ? '評価不能の区分' : level === undefined ? '区分' : `第${level + 1}区分`;

const fy = (year: number) => formatFiscalYear(year, 'wareki');

export const JA = {
  presets: {
    default: { name: '標準（A ≥100% / B ≥80% / C ≥50% / D <50%）' },
    progress: { name: '進捗率方式（基準値からの進捗率で A ≥100% / B ≥80% / C ≥50% / D <50%）' },
    nagano: {
      name: '長野県方式（順調 / おおむね順調 / 努力を要する）',
      onTrack: '順調',
      mostlyOnTrack: 'おおむね順調',
      needsEffort: '努力を要する',
      unevaluable: '評価不能',
    },
    osakaLibrary: { name: '大阪府立図書館方式（A ≥110% / B 80〜110% / C 50〜80% / D <50%）' },
    ino: {
      name: 'いの町方式（◎ ○ △ ×）',
      above: '目標を上回った',
      equal: '目標どおり',
      missed: '目標に届かず',
      noProgress: '進捗なし',
      unevaluable: '評価なし',
    },
    nagayo: { name: '長与町方式（S / A / B / C、基準値と比較）' },
    tama: { name: '多摩市方式（年度按分目標に対し ≥100% / 60〜100% / <60%）' },
  },

  problems: {
    invalidShape: (path: string) => `評価区分の形式が正しくありません（${path || '全体'}）。`,
    nameEmpty: () => '評価区分の名前を入力してください。',
    tooFewLevels: () => '区分は2つ以上必要です。',
    keyEmpty: (l: LevelRef) => `${levelName(l)}のキーが空です。`,
    keyDuplicate: (l: LevelRef) => `${levelName(l)}のキーが他の区分と重複しています。`,
    keyReserved: (l: LevelRef) => `${levelName(l)}のキー「unevaluable」は評価不能の区分専用です。`,
    labelEmpty: (l: LevelRef) => `${levelName(l)}の名称を入力してください。`,
    labelDuplicate: (l: LevelRef) => `${levelName(l)}の名称が他の区分と同じです。`,
    symbolEmpty: (l: LevelRef) => `${levelName(l)}の記号を入力してください（色だけでは区別できません）。`,
    symbolDuplicate: (l: LevelRef) => `${levelName(l)}の記号が他の区分と同じです。`,
    colorInvalid: (l: LevelRef) => `${levelName(l)}の色は #RRGGBB（または #RGB）の形式で指定してください。`,
    thresholdInvalid: (l: LevelRef) => `${levelName(l)}のしきい値が数値ではありません。`,
    thresholdMissing: (l: LevelRef) => `${levelName(l)}にしきい値がありません（しきい値なしは最後の区分だけです）。`,
    thresholdsNotDescending: (l: LevelRef) =>
      `${levelName(l)}のしきい値は前の区分より小さくしてください（区分が重なっています）。`,
    noCatchAll: (l: LevelRef) =>
      `${levelName(l)}（最後の区分）はしきい値なしにしてください（それ未満の値に区分がありません）。`,
    bandInvalid: () => '基準値比の幅（±%）は0以上の数値にしてください。',
  } satisfies Record<RankSchemeProblemCode, (arg: never) => string>,

  verdict: {
    achieved: '達成',
    notAchieved: '未達成',
    pending: '評価保留',
    excluded: '評価対象外',
  } satisfies Record<Verdict, string>,

  pending: {
    noActual: '実績値が未入力のため評価保留',
    collecting: '実績値が集計中のため評価保留',
    notConducted: '調査等が未実施のため評価保留',
    undetermined: (text: string) =>
      text === '' ? '実績値から達成・未達成を判断できないため評価保留' : `実績「${text}」から達成・未達成を判断できないため評価保留`,
  },

  excluded: {
    evaluatedElsewhere: '県全体など他の単位で評価するため評価対象外',
    notApplicable: '該当なしのため評価対象外',
    noTarget: '目標値が設定されていないため評価対象外',
    notDue: (targetYear: number | null) =>
      targetYear === null ? '目標年度前のため評価対象外' : `目標年度（${fy(targetYear)}）前で未了のため評価対象外`,
    beforeBaseline: (baselineYear: number | null) =>
      baselineYear === null ? '基準年度以前のため評価対象外' : `基準年度（${fy(baselineYear)}）以前のため評価対象外`,
    noAdoptedTarget: (targetYear: number | null) =>
      targetYear === null ? '年度目標がないため達成・未達成は判定しない' : `年度目標がないため達成・未達成は判定しない（${fy(targetYear)}の最終目標値で判定）`,
    beforeFinalYear: (targetYear: number | null) =>
      targetYear === null ? '最終目標年度まで達成・未達成は判定しない' : `最終目標年度（${fy(targetYear)}）まで達成・未達成は判定しない`,
  },

  /** The verdict word of a year judged against no adopted target (the report's column stays blank). */
  unjudged: '判定なし',

  unjudgedYear: {
    /** Progress toward the final target, shown instead of a verdict. */
    finalProgress: (targetYear: number, target: string) => `${fy(targetYear)}の最終目標値 ${target} に対する進捗率`,
    /** The interpolated value, for reference only. */
    reference: (value: string) => `参考: 按分値 ${value}（採用された目標ではない）`,
  },

  trend: { better: '改善', same: '横ばい', worse: '悪化' } satisfies Record<Trend, string>,

  targetSource: {
    yearly: '年度目標',
    interpolated: '按分目標',
    final: '最終目標',
    threshold: '目標値（以上・以下）',
  } satisfies Record<TargetSource, string>,

  projection: {
    onTrack: '最終年度の目標達成見込み',
    offTrack: '最終年度の目標達成は困難な見込み',
    method: {
      lastTwoActuals: '直近2年の実績から直線で推計',
      baselineAndActual: '基準値と実績から直線で推計',
      interimTarget: '当該年度の目標との比較',
      milestone: '達成済み',
    } satisfies Record<ProjectionMethod, string>,
  },

  formula: {
    attainment: '達成率',
    progress: '進捗率',
    interim: '進捗率（年度按分）',
    baselineChange: '基準値比',
    actual: '実績値',
    target: '目標値',
  },

  clause: {
    achievedAtLeast: '目標値以上で達成',
    achievedAtMost: '目標値以下で達成',
    missedBelow: '目標値に届かず未達成',
    missedAbove: '目標値を上回り未達成',
    inverted: '少ないほど良い指標のため目標値 ÷ 実績値',
    interpolated: (target: string, fromYear: number, from: string, toYear: number, to: string) =>
      `目標値 ${target} は${fy(fromYear)}の ${from} から${fy(toYear)}の ${to} までを年度で按分`,
    interim: (line: string, year: number) => `${line} は基準値から最終目標値までを年度で按分した${fy(year)}の値`,
    finalTarget: (year: number) => `${fy(year)}の最終目標値と比較`,
    early: '最終目標値を前倒しで達成',
    worseThanBaseline: (baseline: string) => `基準値 ${baseline} より悪化`,
    provisional: '速報値',
    approximate: '概数',
    statPeriod: (period: string) => `統計期間: ${period}`,
    remark: (remark: string) => `備考: ${remark}`,
    computedTotal: '実績値は単年度の値の累計',
    computedYearly: '実績値は累計値の前年度との差（単年度の値）',
  },

  /** Range targets (「80〜90%」): achieved within the range; no 達成率 / 進捗率 is stated. */
  range: {
    comparison: (actual: string, range: string) => `実績値 ${actual}、目標範囲 ${range}`,
    within: '目標範囲内で達成',
    below: '目標範囲に届かず未達成',
    above: '目標範囲を超えて未達成',
    noRatio: '範囲目標のため達成率・進捗率は示さない',
  },

  milestone: {
    achieved: (target: string) => (target === '' ? '目標を達成' : `目標「${target}」を達成`),
    notAchieved: (target: string) => (target === '' ? '目標は未達成' : `目標「${target}」は未達成`),
    early: (target: string, year: number) =>
      target === '' ? `目標（${fy(year)}）を前倒しで達成` : `目標「${target}」（${fy(year)}）を前倒しで達成`,
    partial: (target: string) => (target === '' ? '一部のみ完了のため未達成' : `目標「${target}」は一部のみ完了のため未達成`),
    /** A text without the person's mark: pending, with what the wording suggests. */
    unmarked: (text: string, proposal: boolean | undefined) =>
      `実績「${text}」は完了・未完了が選ばれていないため評価保留（${
        proposal === undefined ? '' : `文言からは「${proposal ? '完了' : '未完了'}」と推測されます。`
      }「完了」「未完了」「一部」のいずれかを選んでください）`,
  },

  /** How the qualifying clauses are put after the formula: 「…（a、b）」. */
  sentence: { open: '（', close: '）', separator: '、' },

  ranking: {
    /** いの町 / 長与町: the comparison with the baseline behind the rank. */
    vsBaseline: (baseline: string, better: boolean | null) =>
      better === null ? `基準値 ${baseline} と同じ` : better ? `基準値 ${baseline} より改善` : `基準値 ${baseline} から改善なし`,
    /** A rank decided by another ratio than the scheme's (the badge says which). */
    fallbackLabel: (label: string, measure: string) => `${label}（${measure}）`,
    /** Why the rank column's ratio was not used. */
    fallback: (basis: string, measure: string, zeroTarget: boolean) =>
      zeroTarget ? `目標値が0のため${basis}は計算できず、${measure}で評価` : `${basis}が計算できないため${measure}で評価`,
  },
};

export type AchievementCatalog = typeof JA;

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
