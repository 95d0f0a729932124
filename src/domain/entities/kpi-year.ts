/**
 * One KPI in one fiscal year: the year's target (when the plan sets one), the actual, and the
 * texts a verification prints beside them (未達理由, 達成状況).
 * Kept as its own record so that a department entering an actual and planning staff changing a
 * target never touch the same record field.
 */
import { z } from 'zod';
import { recordMetaShape, type RecordMeta } from '../records';
import { measurementSchema } from './measurement';

export const kpiYearSchema = z.object({
  ...recordMetaShape,
  kpiId: z.string(),
  fiscalYear: z.number().int(),
  /** 年度目標 (explicit per-year target); null = not set (interpolated later by the engine). */
  target: measurementSchema.nullable(),
  /** 実績値 */
  actual: measurementSchema.nullable(),
  /** 未達理由 */
  shortfallReason: z.string(),
  /** 達成状況 as written by the department (seed 001). */
  statusNote: z.string(),
});
export type KpiYear = z.infer<typeof kpiYearSchema> & RecordMeta;

export function kpiYearDefaults(kpiId: string, fiscalYear: number): Omit<KpiYear, keyof RecordMeta> {
  return { kpiId, fiscalYear, target: null, actual: null, shortfallReason: '', statusNote: '' };
}
