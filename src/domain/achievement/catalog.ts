/**
 * The words of the achievement engine in Japanese: every Japanese string of src/domain/achievement
 * lives in {@link JA} — the rank schemes' preset names and level labels, their validation messages,
 * the verdict and trend words, and the pieces of the one-line explanation. catalog-en.ts is the
 * English catalog of the same shape ({@link AchievementCatalog}); src/i18n picks one by the chosen
 * language. explain.ts writes an evaluation as a sentence with these words.
 */
import { formatFiscalYear } from '../eras';
import type { ExcludedReason, PendingReason, ProjectionMethod, Trend, Verdict } from './evaluate';
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
