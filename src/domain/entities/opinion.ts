/**
 * 委員意見 — one committee member's opinion on a project (or on a basic goal), captured during a
 * meeting and editable afterwards; shown on the project and in later reports.
 */
import { z } from 'zod';
import { recordMetaShape, type RecordMeta } from '../records';

export const opinionSchema = z.object({
  ...recordMetaShape,
  meetingId: z.string().nullable(),
  /** What the opinion is about: a project or a basic goal. */
  subjectKind: z.enum(['project', 'goal']),
  subjectId: z.string(),
  /** The fiscal year reviewed (copied from the meeting so a report of the year finds it). */
  fiscalYear: z.number().int(),
  /** 発言者 (committee member). */
  member: z.string(),
  text: z.string(),
  order: z.number(),
});
export type Opinion = z.infer<typeof opinionSchema> & RecordMeta;

export function opinionDefaults(subjectKind: Opinion['subjectKind'], subjectId: string, fiscalYear: number, meetingId: string | null, order: number): Omit<Opinion, keyof RecordMeta> {
  return { meetingId, subjectKind, subjectId, fiscalYear, member: '', text: '', order };
}
