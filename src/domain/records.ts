/**
 * Record metadata shared by every stored entity.
 *
 * Every record carries a stable UUID and the stamps that later merging of bundle files builds on:
 * - `createdAt` / `updatedAt` / `updatedBy` for people ("who changed this last, when");
 * - `rev`, a per-record counter bumped on every change, so two copies can be compared without
 *   trusting wall clocks alone;
 * - `stamps`, one entry per user-editable field: when and by whom that field was last changed.
 *   A merge compares these against the moment two copies diverged (the export a bundle was made
 *   from) to know, not guess, whether a field was changed here, there, or on both sides;
 * - `deletedAt`, a tombstone: deletion is a change like any other, so it can be undone and can
 *   travel in a bundle instead of silently resurrecting records on the next merge.
 *
 * The domain never reads a clock or makes ids itself: a {@link RecordContext} is passed in.
 */
/** When and by whom one field was last changed. */
export interface FieldStamp {
  at: string;
  by: string;
  /**
   * When this copy took the stamp over from a file that held the same value with a later stamp
   * (a decision made on another copy, relayed here). Absent when the field was set here. A merge
   * asks "changed here since that export?" with `got ?? at`, and "which decision is later?" with
   * `at` alone: so a relayed decision travels on to copies this one already wrote to, and two
   * copies holding the same decision stop re-stamping each other.
   */
  got?: string;
}

export interface RecordMeta {
  id: string;
  strategyId: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  rev: number;
  stamps: Record<string, FieldStamp>;
  deletedAt: string | null;
  deletedBatch: string | null;
}

/** The fields of a record that are not metadata: what a user edits. */
export type Editable<T extends RecordMeta> = Omit<T, keyof RecordMeta>;

/** Clock, id generator and editor name, injected so the domain stays pure and testable. */
export interface RecordContext {
  /** Current time as an ISO-8601 string. */
  now(): string;
  /** A fresh, globally unique id (UUID v4 in the app). */
  newId(): string;
  /** The editor's name as kept in settings (updatedBy). */
  editor: string;
}

/** The metadata keys (records.schema.ts's shape has the same: a test compares them). */
export const META_KEYS: ReadonlySet<string> = new Set<keyof RecordMeta>([
  'id',
  'strategyId',
  'createdAt',
  'updatedAt',
  'updatedBy',
  'rev',
  'stamps',
  'deletedAt',
  'deletedBatch',
]);

/** Builds a new record: metadata plus the given fields, every field stamped as set now. */
export function createRecord<T extends RecordMeta>(
  ctx: RecordContext,
  strategyId: string | null,
  fields: Editable<T>,
  id?: string,
): T {
  const at = ctx.now();
  const recordId = id ?? ctx.newId();
  const stamps: Record<string, FieldStamp> = {};
  // One stamp for every field (they are all the same, and stamps are replaced, never changed in
  // place): a 100,000-row import creates hundreds of thousands of records.
  const stamp: FieldStamp = { at, by: ctx.editor };
  for (const key of Object.keys(fields)) stamps[key] = stamp;
  return {
    ...fields,
    id: recordId,
    strategyId: strategyId ?? recordId,
    createdAt: at,
    updatedAt: at,
    updatedBy: ctx.editor,
    rev: 1,
    stamps,
    deletedAt: null,
    deletedBatch: null,
  } as T;
}

/**
 * Returns the record with `patch` applied, stamping only the fields whose value really changed.
 * Returns the same object when nothing changed, so callers can skip the write.
 */
export function applyPatch<T extends RecordMeta>(
  ctx: RecordContext,
  record: T,
  patch: Partial<Editable<T>>,
): T {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (META_KEYS.has(key)) continue;
    if (!sameValue((record as Record<string, unknown>)[key], value)) changed.push(key);
  }
  if (changed.length === 0) return record;
  const at = ctx.now();
  const stamps = { ...record.stamps };
  const next: Record<string, unknown> = { ...(record as unknown as Record<string, unknown>) };
  for (const key of changed) {
    next[key] = (patch as Record<string, unknown>)[key];
    stamps[key] = { at, by: ctx.editor };
  }
  return { ...(next as unknown as T), stamps, updatedAt: at, updatedBy: ctx.editor, rev: record.rev + 1 };
}

/** Marks a record deleted (a tombstone), as part of the batch `batch`. */
export function markDeleted<T extends RecordMeta>(ctx: RecordContext, record: T, batch: string): T {
  const at = ctx.now();
  return { ...record, deletedAt: at, deletedBatch: batch, updatedAt: at, updatedBy: ctx.editor, rev: record.rev + 1 };
}

/** Clears a tombstone (undo of a deletion). */
export function markRestored<T extends RecordMeta>(ctx: RecordContext, record: T): T {
  const at = ctx.now();
  return { ...record, deletedAt: null, deletedBatch: null, updatedAt: at, updatedBy: ctx.editor, rev: record.rev + 1 };
}

/** Structural equality for the plain JSON values records hold. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
