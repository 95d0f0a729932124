/**
 * The zod schema of a KPI value (measurement.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { amount, longText, shortText } from '../bounds.schema';
import { RANGE_LOWER_WORDS, RANGE_UPPER_WORDS, VALUE_STATUSES } from './measurement';

export const valueStatusSchema = z.enum(VALUE_STATUSES);

/**
 * A range target's upper bound and words (「80〜90%」, 「80%以上90%以下」): `value` is the lower
 * bound. Absent words mean inclusive (〜 reads as both ends included); 超 / 未満 exclude the bound.
 * `joined`: typed without 〜 (「80%以上90%以下」), so it is shown that way again.
 */
export const valueRangeSchema = z.object({
  upper: amount(),
  lowerWord: z.enum(RANGE_LOWER_WORDS).optional(),
  upperWord: z.enum(RANGE_UPPER_WORDS).optional(),
  joined: z.boolean().optional(),
});

export const measurementSchema = z.object({
  /** The number in the KPI's own unit (for a 千人 KPI, 3,534 means 3,534,000 people). */
  value: amount().nullable(),
  /** Text of a milestone value (策定, 設立 …). */
  text: shortText().optional(),
  /** For milestones: whether the milestone is reached, as the person marked it (完了 / 未完了). */
  done: z.boolean().optional(),
  /** For milestones: 一部 — partly done (with `done: false`); not achieved. */
  partial: z.boolean().optional(),
  /** Remark printed beside the number (コロナのため中止). */
  remark: longText().optional(),
  /** 約: the number is an approximation. */
  approximate: z.boolean().optional(),
  /** 速報値: provisional figure, to be replaced by the final one. */
  provisional: z.boolean().optional(),
  /** Why there is no value (集計中, 未実施, 県全体で評価 …). */
  status: valueStatusSchema.optional(),
  /** Statistic period when it differs from the fiscal year (e.g. 令和2年, 平成27〜28年度). */
  statPeriod: shortText().optional(),
  /** Targets only: a range (「80〜90%」); `value` is its lower bound (format 3, optional). */
  range: valueRangeSchema.optional(),
});
