/** 基本目標 — a basic goal with its 目指す方向性 (direction bullets). Its 数値目標 are KPIs with no project. */
import type { z } from 'zod';
import type { goalSchema } from './goal.schema';
import type { RecordMeta } from '../records';

export type Goal = z.infer<typeof goalSchema> & RecordMeta;

export function goalDefaults(order: number): Omit<Goal, keyof RecordMeta> {
  return { number: String(order + 1), title: '', directions: [], order };
}
