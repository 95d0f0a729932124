/**
 * The zod schema of a 施策 (measure.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { longText, order, recordId, shortText } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';

export const measureSchema = z.object({
  ...recordMetaShape,
  goalId: recordId(),
  /** Parent measure for nested measures ("(1) 移住・定住の促進" under "1 移住・定住・地元回帰の促進"). */
  parentId: recordId().nullable(),
  /** Number as printed: "1", "(1)", "イ". */
  number: shortText(),
  title: shortText(),
  /** 分類 (seed 003's classification lines). */
  category: shortText(),
  description: longText(),
  order: order(),
});
