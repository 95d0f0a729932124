/**
 * One project in one fiscal year: what was done, the money, and the evaluation (seed 003's
 * 事業評価シート; the national 交付金 verification uses the same words).
 */
import type { z } from 'zod';
import type { projectYearSchema } from './project-year.schema';
import type { RecordMeta } from '../records';

/** 事業の評価: 総合戦略のKPI達成に有効であった / 有効とは言えなかった */
export const EFFECTIVENESS = ['effective', 'notEffective'] as const;
/** 事業効果 (交付金 form): 非常に効果的であった / 相当程度効果があった / 効果があった / 効果がなかった */
export const IMPACTS = ['very', 'considerable', 'some', 'none'] as const;
/** 今後の方針: 更に発展させる / 見直し（改善）/ 継続 / 中止 / 終了 */
export const POLICIES = ['expand', 'improve', 'continue', 'discontinue', 'complete'] as const;
/** 総合戦略見直しの必要性: 必要 / 不要 */
export const REVISION_NEEDS = ['needed', 'notNeeded'] as const;
/** Money is printed in 千円 or 円. */
export const MONEY_UNITS = ['千円', '円'] as const;

export type ProjectYear = z.infer<typeof projectYearSchema> & RecordMeta;
export type MoneyField = 'budget' | 'settlement' | 'fundNational' | 'fundBonds' | 'fundOther' | 'fundGeneral' | 'projectCost' | 'grantAmount';

export function projectYearDefaults(projectId: string, fiscalYear: number): Omit<ProjectYear, keyof RecordMeta> {
  return {
    projectId,
    fiscalYear,
    plan: '',
    progress: '',
    departmentComment: '',
    moneyUnit: '千円',
    budget: null,
    settlement: null,
    fundNational: null,
    fundBonds: null,
    fundOther: null,
    fundGeneral: null,
    projectCost: null,
    grantName: '',
    grantAmount: null,
    effectiveness: null,
    effectivenessReason: '',
    impact: null,
    impactText: '',
    policy: null,
    policyReason: '',
    revision: null,
    revisionReason: '',
    summary: '',
    summaryDraft: '',
  };
}

/**
 * What a new fiscal year's record of a project starts with from the years before it: the 交付金の名称
 * of the latest earlier year that has one (a grant runs over several years; the clerk should not
 * retype its name each year). Everything else starts empty.
 */
export function carriedForward(
  earlier: readonly Pick<ProjectYear, 'fiscalYear' | 'grantName' | 'deletedAt'>[],
  fiscalYear: number,
): Pick<ProjectYear, 'grantName'> {
  let best: { fiscalYear: number; grantName: string } | null = null;
  for (const y of earlier) {
    if (y.deletedAt !== null || y.fiscalYear >= fiscalYear || y.grantName.trim() === '') continue;
    if (best === null || y.fiscalYear > best.fiscalYear) best = y;
  }
  return { grantName: best?.grantName ?? '' };
}
