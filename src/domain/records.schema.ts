/**
 * The zod shape of record metadata (records.ts has the types and the functions): kept apart so
 * that the app's first load does not need zod. The entity schemas (entities/*.schema.ts) spread it.
 */
import { z } from 'zod';
import { BOUNDS } from './bounds';
import { counter, recordId, shortText } from './bounds.schema';

/** When and by whom one field was last changed. */
export const fieldStampSchema = z.object({
  at: z.string().max(40),
  by: shortText(),
  /** When this copy adopted the stamp from a file (records.ts FieldStamp). */
  got: z.string().max(40).optional(),
});

export const recordMetaShape = {
  id: recordId(),
  strategyId: recordId(),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
  updatedBy: shortText(),
  rev: counter(),
  stamps: z.record(z.string(), fieldStampSchema),
  deletedAt: z.string().max(40).nullable(),
  /** Groups records deleted together (a goal and everything under it) so undo restores them all. */
  deletedBatch: z.string().max(BOUNDS.idChars).nullable(),
};
