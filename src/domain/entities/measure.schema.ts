/**
 * The zod schema of a 施策 (measure.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { recordMetaShape } from '../records.schema';

export const measureSchema = z.object({
  ...recordMetaShape,
  goalId: z.string(),
  /** Parent measure for nested measures ("(1) 移住・定住の促進" under "1 移住・定住・地元回帰の促進"). */
  parentId: z.string().nullable(),
  /** Number as printed: "1", "(1)", "イ". */
  number: z.string(),
  title: z.string(),
  /** 分類 (seed 003's classification lines). */
  category: z.string(),
  description: z.string(),
  order: z.number(),
});
