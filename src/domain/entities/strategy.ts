/** 総合戦略 — a strategy: one municipality's plan over a period of fiscal years. */
import type { z } from 'zod';
import type { strategySchema } from './strategy.schema';
import type { RecordMeta } from '../records';

export type Strategy = z.infer<typeof strategySchema> & RecordMeta;

export function strategyDefaults(
  startYear: number,
): Omit<Strategy, keyof RecordMeta> {
  return { municipality: '', name: '', startYear, endYear: startYear + 4, note: '', copiedFrom: null, rankScheme: null };
}
