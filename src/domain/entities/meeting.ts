/** 会議 — a committee meeting (推進会議 / 有識者会議) that reviews one fiscal year. */
import { z } from 'zod';
import { recordMetaShape, type RecordMeta } from '../records';

export const meetingSchema = z.object({
  ...recordMetaShape,
  /** 会議名, e.g. 令和3年度 第1回 総合戦略推進会議 */
  name: z.string(),
  /** Date held, ISO yyyy-mm-dd ('' while not fixed). */
  date: z.string(),
  /** The fiscal year under review. */
  fiscalYear: z.number().int(),
  /** 出席委員: one name per entry. */
  members: z.array(z.string()),
  note: z.string(),
});
export type Meeting = z.infer<typeof meetingSchema> & RecordMeta;

export function meetingDefaults(fiscalYear: number): Omit<Meeting, keyof RecordMeta> {
  return { name: '', date: '', fiscalYear, members: [], note: '' };
}
