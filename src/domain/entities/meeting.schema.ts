/**
 * The zod schema of a 会議 (meeting.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { fiscalYear, longText, shortText, textList } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';

export const meetingSchema = z.object({
  ...recordMetaShape,
  /** 会議名, e.g. 令和3年度 第1回 総合戦略推進会議 */
  name: shortText(),
  /** Date held, ISO yyyy-mm-dd ('' while not fixed). */
  date: z.string().max(40),
  /** The fiscal year under review. */
  fiscalYear: fiscalYear(),
  /** 出席委員: one name per entry. */
  members: textList(),
  note: longText(),
});
