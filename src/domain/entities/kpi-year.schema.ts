/**
 * The zod schema of a KPI year (kpi-year.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { fiscalYear, longText, recordId } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';
import { measurementSchema } from './measurement.schema';

export const kpiYearSchema = z.object({
  ...recordMetaShape,
  kpiId: recordId(),
  fiscalYear: fiscalYear(),
  /** 年度目標 (explicit per-year target); null = not set (interpolated later by the engine). */
  target: measurementSchema.nullable(),
  /** 実績値 */
  actual: measurementSchema.nullable(),
  /** 未達理由 */
  shortfallReason: longText(),
  /** 達成状況 as written by the department (seed 001). */
  statusNote: longText(),
});
