/**
 * The zod schema of a 委員意見 (opinion.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { fiscalYear, longText, order, recordId, shortText } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';

export const opinionSchema = z.object({
  ...recordMetaShape,
  meetingId: recordId().nullable(),
  /** What the opinion is about: a project or a basic goal. */
  subjectKind: z.enum(['project', 'goal']),
  subjectId: recordId(),
  /** The fiscal year reviewed (copied from the meeting so a report of the year finds it). */
  fiscalYear: fiscalYear(),
  /** 発言者 (committee member). */
  member: shortText(),
  text: longText(),
  order: order(),
});
