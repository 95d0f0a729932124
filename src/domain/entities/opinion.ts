/**
 * 委員意見 — one committee member's opinion on a project (or on a basic goal), captured during a
 * meeting and editable afterwards; shown on the project and in later reports.
 */
import type { z } from 'zod';
import type { opinionSchema } from './opinion.schema';
import type { RecordMeta } from '../records';

export type Opinion = z.infer<typeof opinionSchema> & RecordMeta;

export function opinionDefaults(subjectKind: Opinion['subjectKind'], subjectId: string, fiscalYear: number, meetingId: string | null, order: number): Omit<Opinion, keyof RecordMeta> {
  return { meetingId, subjectKind, subjectId, fiscalYear, member: '', text: '', order };
}
