/**
 * The zod schema of a 基本目標 (goal.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { BOUNDS } from '../bounds';
import { longText, order, shortText } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';

export const goalSchema = z.object({
  ...recordMetaShape,
  /** Number as printed: "1", "2", "プラス1", "横断的な目標2". */
  number: shortText(),
  title: shortText(),
  /** 目指す方向性 / 基本的方向: one bullet per entry. */
  directions: z.array(longText()).max(BOUNDS.listItems),
  /** Display order among the strategy's goals. */
  order: order(),
});
