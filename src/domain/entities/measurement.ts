/**
 * 値 — one KPI value as the seeds print it: a number in the KPI's unit plus what surrounds it.
 *
 * "0件 (コロナのため中止)" is { value: 0, remark: 'コロナのため中止' }; "約110人" is
 * { value: 110, approximate: true }; "県において集計中" is { value: null, status: 'collecting' };
 * a milestone "構想策定" is { value: null, text: '構想策定', done: true }.
 * The raw string is never stored as the value.
 */
import { z } from 'zod';

/**
 * Why a value is missing, in the seeds' words. None of these is a failure: a later achievement
 * engine treats them as pending or excluded, never as 未達成.
 */
export const VALUE_STATUSES = ['collecting', 'notConducted', 'evaluatedElsewhere', 'notApplicable'] as const;
export const valueStatusSchema = z.enum(VALUE_STATUSES);
/** collecting = 集計中, notConducted = 未実施, evaluatedElsewhere = 県全体で評価, notApplicable = 該当なし */
export type ValueStatus = z.infer<typeof valueStatusSchema>;

export const measurementSchema = z.object({
  /** The number in the KPI's own unit (for a 千人 KPI, 3,534 means 3,534,000 people). */
  value: z.number().finite().nullable(),
  /** Text of a milestone value (策定, 設立 …). */
  text: z.string().optional(),
  /** For milestones: whether the milestone is reached. */
  done: z.boolean().optional(),
  /** Remark printed beside the number (コロナのため中止). */
  remark: z.string().optional(),
  /** 約: the number is an approximation. */
  approximate: z.boolean().optional(),
  /** 速報値: provisional figure, to be replaced by the final one. */
  provisional: z.boolean().optional(),
  /** Why there is no value (集計中, 未実施, 県全体で評価 …). */
  status: valueStatusSchema.optional(),
  /** Statistic period when it differs from the fiscal year (e.g. 令和2年, 平成27〜28年度). */
  statPeriod: z.string().optional(),
});
export type Measurement = z.infer<typeof measurementSchema>;

/** A measurement holding nothing at all (an empty cell). */
export function isEmptyMeasurement(m: Measurement | null | undefined): boolean {
  if (!m) return true;
  return (
    m.value === null &&
    !m.text &&
    m.done === undefined &&
    !m.remark &&
    !m.status &&
    !m.statPeriod &&
    !m.provisional &&
    !m.approximate
  );
}
