/**
 * One KPI in one fiscal year: the year's target (when the plan sets one), the actual, and the
 * texts a verification prints beside them (未達理由, 達成状況).
 * Kept as its own record so that a department entering an actual and planning staff changing a
 * target never touch the same record field.
 */
import type { z } from 'zod';
import type { kpiYearSchema } from './kpi-year.schema';
import type { RecordMeta } from '../records';

export type KpiYear = z.infer<typeof kpiYearSchema> & RecordMeta;

export function kpiYearDefaults(kpiId: string, fiscalYear: number): Omit<KpiYear, keyof RecordMeta> {
  return { kpiId, fiscalYear, target: null, actual: null, shortfallReason: '', statusNote: '' };
}
