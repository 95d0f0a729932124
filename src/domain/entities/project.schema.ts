/**
 * The zod schema of a 事業 (project.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { fiscalYear, longText, order, recordId, shortText, textList } from '../bounds.schema';
import { BOUNDS } from '../bounds';
import { recordMetaShape } from '../records.schema';
import { PROJECT_CATEGORIES } from './project';

export const projectCategorySchema = z.enum(PROJECT_CATEGORIES);

export const projectSchema = z.object({
  ...recordMetaShape,
  /**
   * The primary 基本目標; null = the project stands directly under the strategy (a 交付金 project
   * that belongs to no goal).
   */
  goalId: recordId().nullable(),
  /** The measure (施策) it belongs to, or null when it hangs directly under the goal. */
  measureId: recordId().nullable(),
  /**
   * Further places the project is listed (seed 003's sheets under both 1 and プラス1): each a goal
   * and optionally a measure of that goal. The primary place is goalId/measureId; a roll-up counts
   * the project once in each goal. Absent in older files (= none).
   */
  alsoUnder: z
    .array(z.object({ goalId: recordId(), measureId: recordId().nullable() }))
    .max(BOUNDS.projectLinks)
    .default(() => []),
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
