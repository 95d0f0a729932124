/** 総合戦略 — a strategy: one municipality's plan over a period of fiscal years. */
import { z } from 'zod';
import { recordMetaShape, type RecordMeta } from '../records';
import { rankSchemeSchema } from '../achievement/rank-schemes';

export const strategySchema = z.object({
  ...recordMetaShape,
  /** 自治体名, e.g. 関市 */
  municipality: z.string(),
  /** 戦略名, e.g. 第2期関市まち・ひと・しごと創生総合戦略 */
  name: z.string(),
  /** First and last fiscal year of the period (令和2〜4年度 = 2020..2022). */
  startYear: z.number().int(),
  endYear: z.number().int(),
  /** Free note (source document, 策定日 …). */
  note: z.string(),
  /** The strategy this one was copied from (第1期 → 第2期), if any. */
  copiedFrom: z.string().nullable(),
  /** 評価区分: how KPIs are ranked (a preset or a custom scheme); null = the default A/B/C/D. */
  rankScheme: rankSchemeSchema.nullable().default(null),
});
export type Strategy = z.infer<typeof strategySchema> & RecordMeta;

export function strategyDefaults(
  startYear: number,
): Omit<Strategy, keyof RecordMeta> {
  return { municipality: '', name: '', startYear, endYear: startYear + 4, note: '', copiedFrom: null, rankScheme: null };
}
