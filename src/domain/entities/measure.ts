/** 施策 / 具体的な施策 — a measure under a goal, possibly nested under another measure. */
import type { z } from 'zod';
import type { measureSchema } from './measure.schema';
import type { RecordMeta } from '../records';

export type Measure = z.infer<typeof measureSchema> & RecordMeta;

export function measureDefaults(goalId: string, parentId: string | null, order: number): Omit<Measure, keyof RecordMeta> {
  return { goalId, parentId, number: String(order + 1), title: '', category: '', description: '', order };
}
