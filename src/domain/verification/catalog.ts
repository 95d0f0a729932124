/**
 * Words of the verification summary and the consistency hints. Every Japanese string of
 * src/domain/verification lives in {@link VERIFICATION_JA} below — the sentences of the drafted
 * 検証結果まとめ, the way KPIs are numbered and listed, and the hint messages — so that a second
 * catalog (English) can be added with the same shape ({@link VerificationCatalog}).
 *
 * The functions of the catalog receive codes, numbers and already numbered KPI marks; they decide
 * word order, list joining (①、②及び③) and punctuation, which differ between languages.
 */
import { formatFiscalYear } from '../eras';
import { formatNumber } from '../numbers';
import type { ExcludedReason, PendingReason } from '../achievement/evaluate';
import type { EFFECTIVENESS, IMPACTS, POLICIES, REVISION_NEEDS } from '../entities/project-year';

type Effectiveness = (typeof EFFECTIVENESS)[number];
type Impact = (typeof IMPACTS)[number];
type Policy = (typeof POLICIES)[number];
type RevisionNeed = (typeof REVISION_NEEDS)[number];

const fy = (year: number) => formatFiscalYear(year, 'wareki');

/** ①…⑳, ㉑…㉟, ㊱…㊿, then (51), (52) … */
function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCharCode(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCharCode(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCharCode(0x32b1 + n - 36);
  return `(${n})`;
}

/** The evaluation fields a choice and its reason are entered in. */
export type EvaluationField = 'effectiveness' | 'policy' | 'revision';

export const VERIFICATION_JA = {
  kpi: {
    /** The number of the index-th KPI of a project (0 = first): ①. */
    mark: (index: number) => circled(index + 1),
    /** The KPIs a sentence is about: 成果目標②, 成果目標①及び②, 成果目標①、②及び③; 成果目標 for a project's only KPI. */
    subject: (marks: readonly string[], only: boolean): string =>
      only || marks.length === 0
        ? '成果目標'
        : `成果目標${marks.length === 1 ? marks[0] : `${marks.slice(0, -1).join('、')}及び${marks[marks.length - 1]}`}`,
  },

  /** Sentences of the drafted 検証結果まとめ. `s` is a subject from `kpi.subject`. */
  draft: {
    /** What goes between two sentences of the draft: nothing, as Japanese is written. */
    join: '',
    /** 成果目標②及び③は令和4年度目標を達成した。 (all: two or more, and none evaluated missed) */
    achieved: (s: string, year: number, all: boolean) => `${s}は${all ? 'いずれも' : ''}${fy(year)}目標を達成した。`,
    /** After an achieved sentence: 一方、成果目標①は目標に届かなかった。 */
    notAchieved: (s: string, year: number, all: boolean, afterAchieved: boolean) =>
      afterAchieved ? `一方、${s}は目標に届かなかった。` : `${s}は${all ? 'いずれも' : ''}${fy(year)}目標に届かなかった。`,
    /** A milestone reached before its target year: 成果目標②は令和元年度の目標を前倒しで達成した。 */
    early: (s: string, targetYear: number) => `${s}は${fy(targetYear)}の目標を前倒しで達成した。`,

    pending: {
      noActual: (s: string) => `${s}は実績値が未入力のため、評価を保留した。`,
      collecting: (s: string) => `${s}は実績値が集計中のため、評価は次年度に行う。`,
      notConducted: (s: string) => `${s}は調査（アンケート等）が未実施のため、評価を保留した。`,
      undetermined: (s: string) => `${s}は実績から達成状況を判断できないため、評価を保留した。`,
    } satisfies Record<PendingReason, (s: string) => string>,

    excluded: {
      evaluatedElsewhere: (s: string) => `${s}は県全体で評価するため省略した。`,
      notApplicable: (s: string) => `${s}は該当がないため、評価の対象外とした。`,
      noTarget: (s: string) => `${s}は目標値が設定されていないため、評価の対象外とした。`,
      notDue: (s: string, targetYear: number | null) =>
        targetYear === null
          ? `${s}は目標年度を迎えていないため、評価は目標年度に行う。`
          : `${s}は目標年度（${fy(targetYear)}）を迎えていないため、評価は${fy(targetYear)}に行う。`,
      beforeBaseline: (s: string, baselineYear: number | null) =>
        baselineYear === null
          ? `${s}は基準年度以前のため、評価の対象外とした。`
          : `${s}は基準年度（${fy(baselineYear)}）以前のため、評価の対象外とした。`,
      noAdoptedTarget: (s: string, targetYear: number | null) =>
        targetYear === null
          ? `${s}は年度目標がないため、達成・未達成の判定は行わない。`
          : `${s}は年度目標がないため、達成・未達成は最終目標年度（${fy(targetYear)}）に判定する。`,
      beforeFinalYear: (s: string, targetYear: number | null) =>
        targetYear === null
          ? `${s}は最終目標年度まで達成・未達成の判定は行わない。`
          : `${s}の達成・未達成は最終目標年度（${fy(targetYear)}）に判定する。`,
    } satisfies Record<ExcludedReason, (s: string, year: number | null) => string>,

    /** A project without KPIs whose note says why: 成果目標については、県及び県内市町全体での評価のため省略。 */
    kpiNote: (note: string) => `成果目標については、${note.replace(/[。．.]+$/, '')}。`,

    /** Lead words of the qualifying sentences: the first gets なお、, the next また、. */
    noteLead: { first: 'なお、', next: 'また、' },
    provisional: (s: string) => `${s}の実績値は速報値である。`,
    interpolated: (s: string, year: number) => `${s}の${fy(year)}目標は按分した年度目標である。`,
    finalTarget: (s: string, targetYear: number) => `${s}は年度目標がないため、${fy(targetYear)}の最終目標値と比較した。`,
    worseThanBaseline: (s: string) => `${s}は基準値より悪化している。`,

    /** Closing sentences from the evaluation fields, when they are set. */
    effectiveness: {
      effective: '本事業は総合戦略のKPI達成に有効であった。',
      notEffective: '本事業は総合戦略のKPI達成に有効とは言えなかった。',
    } satisfies Record<Effectiveness, string>,
    impact: {
      very: '地方創生に非常に効果的であった。',
      considerable: '地方創生に相当程度効果があった。',
      some: '地方創生に効果があった。',
      none: '地方創生に効果がなかった。',
    } satisfies Record<Impact, string>,
    policy: {
      expand: '事業が効果的なため、今後は更に発展させる。',
      improve: '今後は事業内容の見直し（改善）を行う。',
      continue: '今後も特に見直しをせず、事業を継続する。',
      discontinue: '継続的な事業実施を予定していたが、中止する。',
      complete: '当初予定どおり事業を終了する。',
    } satisfies Record<Policy, string>,
    /** 不要 is the usual answer and is not repeated in the summary (empty = no sentence). */
    revision: {
      needed: '総合戦略の見直しが必要である。',
      notNeeded: '',
    } satisfies Record<RevisionNeed, string>,
  },

  /**
   * The 検証結果まとめ written as the published ones are (seed 001's 達成状況・未達理由, seed 003's
   * 事業の評価・今後の方針): what was done, each KPI with its figures, the reason for a shortfall,
   * and the next step. See compose.ts.
   */
  compose: {
    join: '',
    /** The project's own words (実施内容 of the year, else 事業概要), already ending in 。. */
    didThisYear: (year: number, text: string) => `${fy(year)}は、${text}`,
    didProject: (text: string) => `本事業は、${text}`,
    /** The end of a sentence as Japanese writes it, and the mark between listed lines. */
    stop: '。',
    stops: '。．.！？!?',
    /** A KPI by number and name: 成果目標①「観光客数」; 成果目標「観光客数」 for a project's only KPI. */
    kpi: (mark: string, name: string, only: boolean) => `成果目標${only ? '' : mark}${name === '' ? '' : `「${name}」`}`,
    /** What the year's target is: 令和3年度目標 / 按分した令和3年度目標 / 令和6年度の最終目標. */
    target: {
      yearly: (year: number) => `${fy(year)}目標`,
      threshold: (year: number) => `${fy(year)}目標`,
      interpolated: (year: number) => `按分した${fy(year)}目標`,
      final: (year: number) => `${fy(year)}の最終目標`,
    },
    /** 実績134,280円（令和3年度目標10,000,000円、達成率1.3%） */
    figures: (p: { actual: string; targetLabel: string; target: string; rate: string }) =>
      `実績${p.actual}（${p.targetLabel}${p.target}${p.rate === '' ? '' : `、達成率${p.rate}`}）`,
    achieved: (kpi: string, figures: string) => `${kpi}は、${figures}で、目標を達成した。`,
    notAchieved: (kpi: string, figures: string) => `${kpi}は、${figures}で、目標に届かなかった。`,
    early: (kpi: string, figures: string, targetYear: number) => `${kpi}は、${figures}で、${fy(targetYear)}の目標を前倒しで達成した。`,
    /** No verdict stated (no adopted target, not due …): the actual only, with the final target for reference. */
    actualOnly: (kpi: string, year: number, actual: string, final: string, finalYear: number | null) =>
      `${kpi}の${fy(year)}の実績は${actual}${final === '' ? '' : `（${finalYear === null ? '' : fy(finalYear)}の最終目標${final}）`}である。`,
    worseThanBaseline: (baseline: string) => `なお、基準値（${baseline}）より悪化している。`,
    /** 未達理由 as entered, quoted as its own sentence. */
    shortfall: (reason: string) => reason,
    /** 今後の方針's reason, after the chosen 方針's sentence. */
    policyReason: (reason: string) => reason,
  },

  /** The choice words of the evaluation sheet (seed 003), quoted by the hints. */
  choices: {
    effectiveness: {
      effective: '総合戦略のKPI達成に有効であった',
      notEffective: '総合戦略のKPI達成に有効とは言えなかった',
    } satisfies Record<Effectiveness, string>,
    policy: {
      expand: '事業が効果的なため、更に発展させる',
      improve: '事業内容の見直し（改善）を行う',
      continue: '特に見直しをせず、事業を継続する',
      discontinue: '継続的な事業実施を予定していたが中止する',
      complete: '当初予定どおり事業を終了する',
    } satisfies Record<Policy, string>,
    revision: {
      needed: '見直しが必要',
      notNeeded: '見直す必要はない',
    } satisfies Record<RevisionNeed, string>,
  },

  /** Names of the evaluation fields and of their reason fields. */
  fields: {
    effectiveness: '事業の評価',
    policy: '今後の方針',
    revision: '総合戦略見直しの必要性',
  } satisfies Record<EvaluationField, string>,
  reasons: {
    effectiveness: '事業の評価に対する意見・理由',
    policy: '今後の方針に対する理由',
    revision: '総合戦略の見直しの必要性に対する理由',
  } satisfies Record<EvaluationField, string>,

  /** What each hint is about, in the words of the evaluation sheet. */
  subjects: {
    funds: '財源内訳と決算',
    shortfallReason: (kpiSubject: string, name: string) => (name === '' ? `${kpiSubject}の未達理由` : `${kpiSubject}（${name}）の未達理由`),
    worseThanBaseline: (kpiSubject: string, name: string) => (name === '' ? `${kpiSubject}の実績` : `${kpiSubject}（${name}）の実績`),
    effectiveness: '事業の評価',
    policy: '今後の方針',
    period: '今後の方針と事業期間',
    revision: '総合戦略見直しの必要性',
  },

  /** Hint messages. Hints never block saving; they ask the person to look again. */
  hints: {
    fundsMismatch: (p: { sum: number; settlement: number; unit: string }) =>
      `財源内訳の合計（${formatNumber(p.sum)}${p.unit}）が決算額（${formatNumber(p.settlement)}${p.unit}）と一致しません。`,
    shortfallReasonMissing: (p: { kpiSubject: string; name: string; fiscalYear: number }) =>
      `${p.kpiSubject}${p.name === '' ? '' : `（${p.name}）`}は${fy(p.fiscalYear)}目標に届いていませんが、未達理由が入力されていません。`,
    /** `choice`: the choice's words from `choices`; `evaluated`: how many KPIs could be evaluated. */
    effectiveButAllMissed: (p: { choice: string; evaluated: number; fiscalYear: number }) =>
      `事業の評価が「${p.choice}」ですが、評価できた成果目標${p.evaluated === 1 ? 'は' : `（${p.evaluated}件）はいずれも`}${fy(p.fiscalYear)}目標に届いていません。`,
    notEffectiveButAllAchieved: (p: { choice: string; evaluated: number; fiscalYear: number }) =>
      `事業の評価が「${p.choice}」ですが、評価できた成果目標${p.evaluated === 1 ? 'は' : `（${p.evaluated}件）はいずれも`}${fy(p.fiscalYear)}目標を達成しています。`,
    expandButAllMissed: (p: { choice: string; evaluated: number; fiscalYear: number }) =>
      `今後の方針が「${p.choice}」ですが、評価できた成果目標${p.evaluated === 1 ? 'は' : `（${p.evaluated}件）はいずれも`}${fy(p.fiscalYear)}目標に届いていません。`,
    completedWhilePeriodContinues: (p: { choice: string; periodEnd: number; fiscalYear: number }) =>
      `今後の方針が「${p.choice}」ですが、事業期間は${fy(p.periodEnd)}まで続いています。今後の方針か事業期間を確認してください。`,
    discontinuedWhilePeriodContinues: (p: { choice: string; periodEnd: number; fiscalYear: number }) =>
      `今後の方針が「${p.choice}」ですが、事業期間は${fy(p.periodEnd)}までのままです。中止する場合は事業期間も見直してください。`,
    revisionNeededWithoutReason: (p: { choice: string }) =>
      `総合戦略見直しの必要性が「${p.choice}」ですが、見直しの理由が入力されていません。`,
    /** `field` and `reason`: names from `fields` and `reasons`. */
    reasonMissing: (p: { field: string; choice: string; reason: string }) =>
      `${p.field}で「${p.choice}」が選ばれていますが、${p.reason}が入力されていません。`,
    worseThanBaseline: (p: { kpiSubject: string; name: string; rank: string }) =>
      `${p.kpiSubject}${p.name === '' ? '' : `（${p.name}）`}は基準値より悪化しています（ランク${p.rank}は達成率によるもので、基準値から目標と反対の方向に動いています）。`,
  },
};

export type VerificationCatalog = typeof VERIFICATION_JA;
