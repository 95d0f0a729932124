/**
 * 値 — one KPI value as the seeds print it: a number in the KPI's unit plus what surrounds it.
 *
 * "0件 (コロナのため中止)" is { value: 0, remark: 'コロナのため中止' }; "約110人" is
 * { value: 110, approximate: true }; "県において集計中" is { value: null, status: 'collecting' };
 * a milestone "構想策定" is { value: null, text: '構想策定', done: true }.
 * The raw string is never stored as the value.
 */
import type { z } from 'zod';
import type { measurementSchema, valueStatusSchema } from './measurement.schema';

/**
 * Why a value is missing, in the seeds' words. None of these is a failure: a later achievement
 * engine treats them as pending or excluded, never as 未達成.
 */
export const VALUE_STATUSES = ['collecting', 'notConducted', 'evaluatedElsewhere', 'notApplicable'] as const;
/** collecting = 集計中, notConducted = 未実施, evaluatedElsewhere = 県全体で評価, notApplicable = 該当なし */
export type ValueStatus = z.infer<typeof valueStatusSchema>;

export type Measurement = z.infer<typeof measurementSchema>;

/** Words of a range target's lower bound: 以上 includes it, 超 excludes it. */
export const RANGE_LOWER_WORDS = ['以上', '超'] as const;
/** Words of a range target's upper bound: 以下 includes it, 未満 excludes it. */
export const RANGE_UPPER_WORDS = ['以下', '未満'] as const;
export type ValueRange = NonNullable<Measurement['range']>;

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
    !m.approximate &&
    !m.range
  );
}
