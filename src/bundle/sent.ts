/**
 * What a file this device sent held, read back from the bytes kept for it: the canonical form of
 * its envelope (SerializedBundle.canonical). Kept apart from the rest of the format's code, with no
 * schema, so that storage can read it without loading the bundle module.
 */
import type { WorkbookRecords } from '../domain/workbook';

/**
 * The records of a sent file from its canonical bytes. The file was written by this app from its
 * own records (every field present, in the write shape), so they are read as they are.
 */
export async function sentRecords(canonical: Blob | string): Promise<WorkbookRecords> {
  // Text where the browser cannot store a Blob (src/storage/blob-storage.ts).
  const envelope = JSON.parse(typeof canonical === 'string' ? canonical : await canonical.text()) as { records: WorkbookRecords };
  return envelope.records;
}
