/**
 * The zod schema of a project year (project-year.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { amount, fiscalYear, longText, recordId, shortText } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';
import { EFFECTIVENESS, IMPACTS, MONEY_UNITS, POLICIES, REVISION_NEEDS } from './project-year';

const money = amount().nullable();

export const projectYearSchema = z.object({
  ...recordMetaShape,
  projectId: recordId(),
  fiscalYear: fiscalYear(),
  /** 事業計画 for the year (seed 001's yearly plan lines). */
  plan: longText(),
  /** 実施内容 / 進捗状況・課題等 */
  progress: longText(),
  /** 担当課のコメント */
  departmentComment: longText(),
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
  grantName: shortText(),
  grantAmount: money,
  effectiveness: z.enum(EFFECTIVENESS).nullable(),
  effectivenessReason: longText(),
  /** 事業効果: the 交付金 form's four levels, and the free text of seed 003. */
  impact: z.enum(IMPACTS).nullable(),
  impactText: longText(),
  policy: z.enum(POLICIES).nullable(),
  policyReason: longText(),
  revision: z.enum(REVISION_NEEDS).nullable(),
  revisionReason: longText(),
  /** 検証結果まとめ */
  summary: longText(),
  /**
   * The drafted 検証結果まとめ the officer last accepted into `summary` ('' = none). Lets the app tell
   * a person's own text (never overwritten) from an accepted draft it may offer to update.
   */
  summaryDraft: longText().default(''),
});
