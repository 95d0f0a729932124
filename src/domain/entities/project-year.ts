/**
 * One project in one fiscal year: what was done, the money, and the evaluation (seed 003's
 * 事業評価シート; the national 交付金 verification uses the same words).
 */
import { z } from 'zod';
import { recordMetaShape, type RecordMeta } from '../records';

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

const money = z.number().finite().nullable();

export const projectYearSchema = z.object({
  ...recordMetaShape,
  projectId: z.string(),
  fiscalYear: z.number().int(),
  /** 事業計画 for the year (seed 001's yearly plan lines). */
  plan: z.string(),
  /** 実施内容 / 進捗状況・課題等 */
  progress: z.string(),
  /** 担当課のコメント */
  departmentComment: z.string(),
  moneyUnit: z.enum(MONEY_UNITS),
  /** 予算 */
  budget: money,
  /** 決算 */
  settlement: money,
  /** 財源内訳: 国・県(道) / 地方債 / その他 / 一般財源 */
  fundNational: money,
  fundBonds: money,
  fundOther: money,
  fundGeneral: money,
  /** 事業費 */
  projectCost: money,
  /** 交付金の名称 (地方創生推進交付金 …) and 交付金充当額 */
  grantName: z.string(),
  grantAmount: money,
  effectiveness: z.enum(EFFECTIVENESS).nullable(),
  effectivenessReason: z.string(),
  /** 事業効果: the 交付金 form's four levels, and the free text of seed 003. */
  impact: z.enum(IMPACTS).nullable(),
  impactText: z.string(),
  policy: z.enum(POLICIES).nullable(),
  policyReason: z.string(),
  revision: z.enum(REVISION_NEEDS).nullable(),
  revisionReason: z.string(),
  /** 検証結果まとめ */
  summary: z.string(),
  /**
   * The drafted 検証結果まとめ the officer last accepted into `summary` ('' = none). Lets the app tell
   * a person's own text (never overwritten) from an accepted draft it may offer to update.
   */
  summaryDraft: z.string().default(''),
});
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
