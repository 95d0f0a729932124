/** 会議 — a committee meeting (推進会議 / 有識者会議) that reviews one fiscal year. */
import type { z } from 'zod';
import type { meetingSchema } from './meeting.schema';
import type { RecordMeta } from '../records';

export type Meeting = z.infer<typeof meetingSchema> & RecordMeta;

export function meetingDefaults(fiscalYear: number): Omit<Meeting, keyof RecordMeta> {
  return { name: '', date: '', fiscalYear, members: [], note: '' };
}
