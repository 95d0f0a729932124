/** 基本目標 — a basic goal with its 目指す方向性 (direction bullets). Its 数値目標 are KPIs with no project. */
import { z } from 'zod';
import { recordMetaShape, type RecordMeta } from '../records';

export const goalSchema = z.object({
  ...recordMetaShape,
  /** Number as printed: "1", "2", "プラス1", "横断的な目標2". */
  number: z.string(),
  title: z.string(),
  /** 目指す方向性 / 基本的方向: one bullet per entry. */
  directions: z.array(z.string()),
  /** Display order among the strategy's goals. */
  order: z.number(),
});
export type Goal = z.infer<typeof goalSchema> & RecordMeta;

export function goalDefaults(order: number): Omit<Goal, keyof RecordMeta> {
  return { number: String(order + 1), title: '', directions: [], order };
}
