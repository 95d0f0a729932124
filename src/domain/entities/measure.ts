/** 施策 / 具体的な施策 — a measure under a goal, possibly nested under another measure. */
import { z } from 'zod';
import { recordMetaShape, type RecordMeta } from '../records';

export const measureSchema = z.object({
  ...recordMetaShape,
  goalId: z.string(),
  /** Parent measure for nested measures ("(1) 移住・定住の促進" under "1 移住・定住・地元回帰の促進"). */
  parentId: z.string().nullable(),
  /** Number as printed: "1", "(1)", "イ". */
  number: z.string(),
  title: z.string(),
  /** 分類 (seed 003's classification lines). */
  category: z.string(),
  description: z.string(),
  order: z.number(),
});
export type Measure = z.infer<typeof measureSchema> & RecordMeta;

export function measureDefaults(goalId: string, parentId: string | null, order: number): Omit<Measure, keyof RecordMeta> {
  return { goalId, parentId, number: String(order + 1), title: '', category: '', description: '', order };
}
