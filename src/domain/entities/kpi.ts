/**
 * KPI (重要業績評価指標 / 成果目標 / 数値目標).
 * A KPI with `projectId === null` is a goal-level 数値目標.
 */
import { z } from 'zod';
import { recordMetaShape, type RecordMeta } from '../records';
import { measurementSchema } from './measurement';

export const KPI_KINDS = ['numeric', 'milestone'] as const;
/** higher = 多いほど良い, lower = 少ないほど良い (待機児童数), atLeast = 「〜以上」, atMost = 「〜以下」 */
export const KPI_DIRECTIONS = ['higher', 'lower', 'atLeast', 'atMost'] as const;
/** strategy = 総合戦略KPI, plan = 実施計画KPI (seed 003 prints both per project). */
export const KPI_FRAMEWORKS = ['strategy', 'plan'] as const;

export const kpiSchema = z.object({
  ...recordMetaShape,
  goalId: z.string(),
  projectId: z.string().nullable(),
  name: z.string(),
  /** Unit as printed: 件, 人, 千人, %, 円 … */
  unit: z.string(),
  kind: z.enum(KPI_KINDS),
  direction: z.enum(KPI_DIRECTIONS),
  /** 累計: targets and actuals accumulate from `cumulativeFrom` (or the baseline year). */
  cumulative: z.boolean(),
  cumulativeFrom: z.number().int().nullable(),
  framework: z.enum(KPI_FRAMEWORKS),
  /** 基準値 / 策定時 / 現状値 and its fiscal year. */
  baseline: measurementSchema.nullable(),
  baselineYear: z.number().int().nullable(),
  /** 目標値 (final target) and its fiscal year. */
  target: measurementSchema.nullable(),
  targetYear: z.number().int().nullable(),
  /** Source of the statistic, definition, remarks. */
  note: z.string(),
  order: z.number(),
});
export type Kpi = z.infer<typeof kpiSchema> & RecordMeta;
export type KpiDirection = Kpi['direction'];
export type KpiKind = Kpi['kind'];

export function kpiDefaults(goalId: string, projectId: string | null, order: number): Omit<Kpi, keyof RecordMeta> {
  return {
    goalId,
    projectId,
    name: '',
    unit: '',
    kind: 'numeric',
    direction: 'higher',
    cumulative: false,
    cumulativeFrom: null,
    framework: 'strategy',
    baseline: null,
    baselineYear: null,
    target: null,
    targetYear: null,
    note: '',
    order,
  };
}
