/**
 * The zod schema of a KPI (kpi.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { fiscalYear, longText, order, recordId, shortText } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';
import { measurementSchema } from './measurement.schema';
import { CUMULATIVE_FIGURES, KPI_DIRECTIONS, KPI_FRAMEWORKS, KPI_KINDS } from './kpi';

export const kpiSchema = z.object({
  ...recordMetaShape,
  /**
   * The goal the KPI counts for; null only for a KPI of a project that stands directly under the
   * strategy (no 基本目標).
   */
  goalId: recordId().nullable(),
  projectId: recordId().nullable(),
  /**
   * The 施策 (measure) a KPI with no project belongs to (seed 002 attaches KPIs to 施策); null = a
   * goal-level 数値目標. Absent in older files (= null). Ignored when `projectId` is set.
   */
  measureId: recordId().nullable().default(null),
  name: shortText(),
  /** Unit as printed: 件, 人, 千人, %, 円 … */
  unit: shortText(),
  kind: z.enum(KPI_KINDS),
  direction: z.enum(KPI_DIRECTIONS),
  /** 累計: targets and actuals accumulate from `cumulativeFrom` (or the baseline year). */
  cumulative: z.boolean(),
  cumulativeFrom: fiscalYear().nullable(),
  /**
   * 累計 KPIs: which figure the actuals are entered as, and which is judged (format 3, optional;
   * absent = 'total', the running totals of earlier files). docs/achievement.md, "累計 KPIs".
   */
  cumulativeEntry: z.enum(CUMULATIVE_FIGURES).optional(),
  cumulativeJudged: z.enum(CUMULATIVE_FIGURES).optional(),
  framework: z.enum(KPI_FRAMEWORKS),
  /** 基準値 / 策定時 / 現状値 and its fiscal year. */
  baseline: measurementSchema.nullable(),
  baselineYear: fiscalYear().nullable(),
  /** 目標値 (final target) and its fiscal year. */
  target: measurementSchema.nullable(),
  targetYear: fiscalYear().nullable(),
  /** Source of the statistic, definition, remarks. */
  note: longText(),
  order: order(),
});
