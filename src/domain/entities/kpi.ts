/**
 * KPI (重要業績評価指標 / 成果目標 / 数値目標).
 * A KPI with `projectId === null` is a goal-level 数値目標, or a 施策's KPI when `measureId` is set.
 */
import type { z } from 'zod';
import type { kpiSchema } from './kpi.schema';
import type { RecordMeta } from '../records';

export const KPI_KINDS = ['numeric', 'milestone'] as const;
/** higher = 多いほど良い, lower = 少ないほど良い (待機児童数), atLeast = 「〜以上」, atMost = 「〜以下」 */
export const KPI_DIRECTIONS = ['higher', 'lower', 'atLeast', 'atMost'] as const;
/** strategy = 総合戦略KPI, plan = 実施計画KPI (seed 003 prints both per project). */
export const KPI_FRAMEWORKS = ['strategy', 'plan'] as const;

/**
 * The two figures of a 累計 KPI: `total` = the cumulative total (累計値), `yearly` = the single
 * year's figure (単年度の値). One is entered, the other is computed and shown beside it; one is
 * judged against the targets (which are adopted in the judged figure).
 */
export const CUMULATIVE_FIGURES = ['total', 'yearly'] as const;
export type CumulativeFigure = (typeof CUMULATIVE_FIGURES)[number];

export type Kpi = z.infer<typeof kpiSchema> & RecordMeta;
export type KpiDirection = Kpi['direction'];
export type KpiKind = Kpi['kind'];

export function kpiDefaults(goalId: string | null, projectId: string | null, order: number, measureId: string | null = null): Omit<Kpi, keyof RecordMeta> {
  return {
    goalId,
    projectId,
    measureId: projectId === null ? measureId : null,
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
