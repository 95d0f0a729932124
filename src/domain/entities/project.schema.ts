/**
 * The zod schema of a 事業 (project.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { fiscalYear, longText, order, recordId, shortText, textList } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';
import { PROJECT_CATEGORIES } from './project';

export const projectCategorySchema = z.enum(PROJECT_CATEGORIES);

export const projectSchema = z.object({
  ...recordMetaShape,
  goalId: recordId(),
  /** The measure (施策) it belongs to, or null when it hangs directly under the goal. */
  measureId: recordId().nullable(),
  /** Number as printed: "1-03", "A", "3". */
  number: shortText(),
  name: shortText(),
  /** 事業内容 / 事業概要 */
  summary: longText(),
  /** 担当課 / 所管課: one or several. */
  departments: textList(),
  category: projectCategorySchema.nullable(),
  /** 事業主体 (室蘭市) and its その他( … ). */
  implementer: shortText(),
  implementerOther: shortText(),
  /** 事業期間 in fiscal years. */
  periodStart: fiscalYear().nullable(),
  periodEnd: fiscalYear().nullable(),
  /** 連携自治体 for wide-area projects. */
  partners: textList(),
  /** Cross-references to the national strategy (国の総合戦略) items. */
  nationalRefs: textList(),
  /** SDGs goals 1–17. */
  sdgs: z.array(z.number().int().min(1).max(17)).max(17),
  /** Note on KPIs, e.g. 「県及び県内市町全体での評価のため省略」. */
  kpiNote: longText(),
  order: order(),
});
