/**
 * The zod schema of a 事業 (project.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { recordMetaShape } from '../records.schema';
import { PROJECT_CATEGORIES } from './project';

export const projectCategorySchema = z.enum(PROJECT_CATEGORIES);

export const projectSchema = z.object({
  ...recordMetaShape,
  goalId: z.string(),
  /** The measure (施策) it belongs to, or null when it hangs directly under the goal. */
  measureId: z.string().nullable(),
  /** Number as printed: "1-03", "A", "3". */
  number: z.string(),
  name: z.string(),
  /** 事業内容 / 事業概要 */
  summary: z.string(),
  /** 担当課 / 所管課: one or several. */
  departments: z.array(z.string()),
  category: projectCategorySchema.nullable(),
  /** 事業主体 (室蘭市) and its その他( … ). */
  implementer: z.string(),
  implementerOther: z.string(),
  /** 事業期間 in fiscal years. */
  periodStart: z.number().int().nullable(),
  periodEnd: z.number().int().nullable(),
  /** 連携自治体 for wide-area projects. */
  partners: z.array(z.string()),
  /** Cross-references to the national strategy (国の総合戦略) items. */
  nationalRefs: z.array(z.string()),
  /** SDGs goals 1–17. */
  sdgs: z.array(z.number().int().min(1).max(17)),
  /** Note on KPIs, e.g. 「県及び県内市町全体での評価のため省略」. */
  kpiNote: z.string(),
  order: z.number(),
});
