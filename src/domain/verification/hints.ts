/**
 * Consistency hints: places where a project's evaluation for a year contradicts its numbers or
 * is incomplete — 「KPI達成に有効であった」 while every KPI missed, 今後の方針 「終了」 on a project
 * whose 事業期間 continues, a missed KPI without 未達理由, 財源内訳 that does not add up to 決算.
 *
 * A hint is flagged, never blocking: the person may have good reasons (seed 003's 1-04 judges a
 * project effective although no new job came from it in the year, because the effect is expected
 * later). Pure and deterministic, like the draft.
 */
import type { ProjectYear } from '../entities/project-year';
import type { RankScheme } from '../achievement/rank-schemes';
import type { WorkbookView } from '../workbook';
import { VERIFICATION_JA, type EvaluationField, type VerificationCatalog } from './catalog';
import { numberKpis } from './draft';

/** The data of each hint, by code (no words: the message is written from it by the catalog). */
export interface HintParamsByCode {
  /** 財源内訳 (国・県 + 地方債 + その他 + 一般財源) ≠ 決算. */
  fundsMismatch: { sum: number; settlement: number; unit: string };
  /** A KPI not achieved in the year and no 未達理由. */
  shortfallReasonMissing: { kpiId: string; mark: string; name: string; fiscalYear: number };
  /** 事業の評価 「有効であった」 while every KPI evaluated in the year missed. */
  effectiveButAllMissed: { kpiIds: string[]; evaluated: number; fiscalYear: number };
  /** 事業の評価 「有効とは言えなかった」 while every KPI evaluated in the year was achieved. */
  notEffectiveButAllAchieved: { kpiIds: string[]; evaluated: number; fiscalYear: number };
  /** 今後の方針 「更に発展させる」 while every KPI evaluated in the year missed. */
  expandButAllMissed: { kpiIds: string[]; evaluated: number; fiscalYear: number };
  /** 今後の方針 「当初予定どおり事業を終了する」 while the 事業期間 runs past the year. */
  completedWhilePeriodContinues: { periodEnd: number; fiscalYear: number };
  /** 今後の方針 「中止する」 while the 事業期間 still runs past the year. */
  discontinuedWhilePeriodContinues: { periodEnd: number; fiscalYear: number };
  /** 総合戦略見直しの必要性 「必要」 without its reason. */
  revisionNeededWithoutReason: Record<string, never>;
  /** A choice made in 事業の評価 / 今後の方針 / 総合戦略見直しの必要性 without its reason. */
  reasonMissing: { field: EvaluationField; choice: string };
  /** A decrease-type KPI whose actual moved away from its target since the baseline (基準値より悪化). */
  worseThanBaseline: { kpiId: string; mark: string; name: string; fiscalYear: number };
}

export type HintCode = keyof HintParamsByCode;
export const HINT_CODES = [
  'fundsMismatch',
  'shortfallReasonMissing',
  'effectiveButAllMissed',
  'notEffectiveButAllAchieved',
  'expandButAllMissed',
  'completedWhilePeriodContinues',
  'discontinuedWhilePeriodContinues',
  'revisionNeededWithoutReason',
  'reasonMissing',
  'worseThanBaseline',
] as const satisfies readonly HintCode[];

/** Where a hint belongs: the field to show it beside (and to focus when it is chosen). */
export type HintTarget =
  | { record: 'projectYear'; field: 'settlement' | EvaluationField }
  | { record: 'kpiYear'; kpiId: string; field: 'shortfallReason' };

export type ConsistencyHint = {
  [C in HintCode]: {
    code: C;
    /** Hints never block saving or publishing. */
    blocking: false;
    projectId: string;
    fiscalYear: number;
    target: HintTarget;
    /** What the hint is about, in the words of the evaluation sheet: 事業の評価, 成果目標②（…）の未達理由. */
    subject: string;
    params: HintParamsByCode[C];
    message: string;
  };
}[HintCode];

/**
 * Whether two amounts differ by more than arithmetic noise: sums of decimals in 千円 (0.1 + 0.2)
 * must not raise a hint, a difference of one 円 must.
 */
function moneyDiffers(a: number, b: number): boolean {
  return Math.abs(a - b) > Math.max(1e-6, 1e-12 * Math.max(Math.abs(a), Math.abs(b)));
}

/**
 * The consistency hints of a project for a fiscal year, in the order of the evaluation sheet:
 * 財源内訳, the KPIs (in their order), 事業の評価, 今後の方針, 総合戦略見直しの必要性. An unknown
 * project gives none. `scheme` defaults to the strategy's setting (it does not change verdicts).
 */
export function consistencyHints(
  view: WorkbookView,
  projectId: string,
  fiscalYear: number,
  scheme?: RankScheme | null,
  c: VerificationCatalog = VERIFICATION_JA,
): ConsistencyHint[] {
  const project = view.project(projectId);
  if (!project) return [];
  const kpis = numberKpis(view, projectId, fiscalYear, scheme, c);
  const only = kpis.length === 1;
  const py = view.projectYear(projectId, fiscalYear);
  const hints: ConsistencyHint[] = [];
  const base = { blocking: false as const, projectId, fiscalYear };

  // 財源内訳 against 決算.
  if (py) {
    const funds = [py.fundNational, py.fundBonds, py.fundOther, py.fundGeneral].filter(
      (v): v is number => v !== null && Number.isFinite(v),
    );
    const settlement = py.settlement;
    if (funds.length > 0 && settlement !== null && Number.isFinite(settlement)) {
      const sum = funds.reduce((a, b) => a + b, 0);
      if (moneyDiffers(sum, settlement)) {
        const params = { sum, settlement, unit: py.moneyUnit };
        hints.push({ ...base, code: 'fundsMismatch', target: { record: 'projectYear', field: 'settlement' }, subject: c.subjects.funds, params, message: c.hints.fundsMismatch(params) });
      }
    }
  }

  // Missed KPIs without 未達理由.
  for (const k of kpis) {
    if (k.evaluation.verdict !== 'notAchieved') continue;
    if ((view.kpiYear(k.kpi.id, fiscalYear)?.shortfallReason ?? '').trim() !== '') continue;
    const kpiSubject = c.kpi.subject([k.mark], only);
    const params = { kpiId: k.kpi.id, mark: k.mark, name: k.kpi.name, fiscalYear };
    hints.push({
      ...base,
      code: 'shortfallReasonMissing',
      target: { record: 'kpiYear', kpiId: k.kpi.id, field: 'shortfallReason' },
      subject: c.subjects.shortfallReason(kpiSubject, k.kpi.name),
      params,
      message: c.hints.shortfallReasonMissing({ kpiSubject, name: k.kpi.name, fiscalYear }),
    });
  }

  // Decrease-type KPIs that got worse than their baseline, whatever their 達成率 rank says.
  for (const k of kpis) {
    if (!k.evaluation.worseThanBaseline || (k.evaluation.verdict !== 'achieved' && k.evaluation.verdict !== 'notAchieved')) continue;
    const kpiSubject = c.kpi.subject([k.mark], only);
    const params = { kpiId: k.kpi.id, mark: k.mark, name: k.kpi.name, fiscalYear };
    hints.push({
      ...base,
      code: 'worseThanBaseline',
      target: { record: 'kpiYear', kpiId: k.kpi.id, field: 'shortfallReason' },
      subject: c.subjects.worseThanBaseline(kpiSubject, k.kpi.name),
      params,
      message: c.hints.worseThanBaseline({ kpiSubject, name: k.kpi.name, rank: k.evaluation.rank.label }),
    });
  }

  if (!py) return hints;

  const evaluated = kpis.filter((k) => k.evaluation.verdict === 'achieved' || k.evaluation.verdict === 'notAchieved');
  const kpiIds = evaluated.map((k) => k.kpi.id);
  const allMissed = evaluated.length > 0 && evaluated.every((k) => k.evaluation.verdict === 'notAchieved');
  const allAchieved = evaluated.length > 0 && evaluated.every((k) => k.evaluation.verdict === 'achieved');
  const counts = { kpiIds, evaluated: evaluated.length, fiscalYear };

  // 事業の評価
  if (py.effectiveness === 'effective' && allMissed) {
    hints.push({
      ...base,
      code: 'effectiveButAllMissed',
      target: { record: 'projectYear', field: 'effectiveness' },
      subject: c.subjects.effectiveness,
      params: counts,
      message: c.hints.effectiveButAllMissed({ ...counts, choice: c.choices.effectiveness.effective }),
    });
  }
  if (py.effectiveness === 'notEffective' && allAchieved) {
    hints.push({
      ...base,
      code: 'notEffectiveButAllAchieved',
      target: { record: 'projectYear', field: 'effectiveness' },
      subject: c.subjects.effectiveness,
      params: counts,
      message: c.hints.notEffectiveButAllAchieved({ ...counts, choice: c.choices.effectiveness.notEffective }),
    });
  }
  reasonHint(hints, base, py, 'effectiveness', c);

  // 今後の方針
  if (py.policy === 'expand' && allMissed) {
    hints.push({
      ...base,
      code: 'expandButAllMissed',
      target: { record: 'projectYear', field: 'policy' },
      subject: c.subjects.policy,
      params: counts,
      message: c.hints.expandButAllMissed({ ...counts, choice: c.choices.policy.expand }),
    });
  }
  const periodEnd = project.periodEnd;
  if ((py.policy === 'complete' || py.policy === 'discontinue') && periodEnd !== null && periodEnd > fiscalYear) {
    const params = { periodEnd, fiscalYear };
    const choice = c.choices.policy[py.policy];
    hints.push(
      py.policy === 'complete'
        ? { ...base, code: 'completedWhilePeriodContinues', target: { record: 'projectYear', field: 'policy' }, subject: c.subjects.period, params, message: c.hints.completedWhilePeriodContinues({ ...params, choice }) }
        : { ...base, code: 'discontinuedWhilePeriodContinues', target: { record: 'projectYear', field: 'policy' }, subject: c.subjects.period, params, message: c.hints.discontinuedWhilePeriodContinues({ ...params, choice }) },
    );
  }
  reasonHint(hints, base, py, 'policy', c);

  // 総合戦略見直しの必要性: 「必要」 without a reason is its own hint (a revision needs saying what).
  if (py.revision === 'needed' && py.revisionReason.trim() === '') {
    hints.push({
      ...base,
      code: 'revisionNeededWithoutReason',
      target: { record: 'projectYear', field: 'revision' },
      subject: c.subjects.revision,
      params: {},
      message: c.hints.revisionNeededWithoutReason({ choice: c.choices.revision.needed }),
    });
  } else {
    reasonHint(hints, base, py, 'revision', c);
  }
  return hints;
}

const REASON_FIELD = {
  effectiveness: 'effectivenessReason',
  policy: 'policyReason',
  revision: 'revisionReason',
} as const satisfies Record<EvaluationField, keyof ProjectYear>;

/** A choice made and its reason left empty. */
function reasonHint(
  hints: ConsistencyHint[],
  base: { blocking: false; projectId: string; fiscalYear: number },
  py: ProjectYear,
  field: EvaluationField,
  c: VerificationCatalog,
): void {
  const choice = py[field];
  if (choice === null || py[REASON_FIELD[field]].trim() !== '') return;
  const words = (c.choices[field] as Record<string, string>)[choice] ?? choice;
  hints.push({
    ...base,
    code: 'reasonMissing',
    target: { record: 'projectYear', field },
    subject: c.subjects[field],
    params: { field, choice },
    message: c.hints.reasonMissing({ field: c.fields[field], choice: words, reason: c.reasons[field] }),
  });
}

