/**
 * The zod shape of record metadata (records.ts has the types and the functions): kept apart so
 * that the app's first load does not need zod. The entity schemas (entities/*.schema.ts) spread it.
 */
import { z } from 'zod';

/** When and by whom one field was last changed. */
export const fieldStampSchema = z.object({
  at: z.string(),
  by: z.string(),
});

export const recordMetaShape = {
  id: z.string().min(1),
  strategyId: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  rev: z.number().int().nonnegative(),
  stamps: z.record(z.string(), fieldStampSchema),
  deletedAt: z.string().nullable(),
  /** Groups records deleted together (a goal and everything under it) so undo restores them all. */
  deletedBatch: z.string().nullable(),
};
