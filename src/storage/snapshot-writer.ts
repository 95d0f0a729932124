/**
 * The one place a snapshot row is written. Every snapshot (automatic, before an import, before a
 * restore) is stored packed (./snapshot-payload.ts): its records as one Blob beside a summary, never
 * as records in the row (the older shape, still read by `unpackSnapshot`).
 *
 * Called inside the caller's transaction where the snapshot must be written together with what it
 * guards (an import, a restore); `records` are then packed synchronously, so the transaction stays
 * open. A snapshot packed earlier (by the reader worker) is stored as it is.
 */
import type { WorkbookRecords } from '../domain/workbook';
import type { SnapshotRow, WorkbookDb } from './db';
import { packSnapshot, type PackedSnapshot } from './snapshot-payload';

/** What a snapshot row says about itself; the records come separately. */
export type SnapshotHead = Omit<SnapshotRow, 'payload' | 'summary' | 'records'>;

const isPacked = (content: WorkbookRecords | PackedSnapshot): content is PackedSnapshot => 'payload' in content && 'summary' in content;

/** Adds a snapshot of `content` (records, or records packed already). Returns its id. */
export async function addSnapshot(db: WorkbookDb, head: SnapshotHead, content: WorkbookRecords | PackedSnapshot): Promise<string> {
  const packed = isPacked(content) ? content : packSnapshot(content);
  await db.snapshots.add({ ...head, payload: packed.payload, summary: packed.summary });
  return head.id;
}
