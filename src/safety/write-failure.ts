/**
 * What a clerk reads when a write of many records (an import, a spreadsheet applied) fails: a
 * Japanese sentence per kind of failure (./storage-errors.ts), never the browser's own words. The
 * browser's words (often an English DOMException message) are kept as the detail, shown only in
 * a collapsed 「詳細」 for whoever helps.
 */
import type { MessageKey } from '../i18n';
import { classifyStorageError, errorDetail, type StorageFailureKind } from './storage-errors';

/** The import screen: a full device has its own help (StorageFullHelp) under the message. */
export const IMPORT_WRITE_FAILED: Readonly<Record<StorageFailureKind, MessageKey>> = {
  quota: 'storageFull.importFailed',
  connection: 'import.writeFailed.connection',
  outdated: 'import.writeFailed.outdated',
  held: 'import.writeFailed.held',
  other: 'import.writeFailed.other',
};

/** The spreadsheet screen; `stale`: the strategy changed after the preview was made. */
export const SHEETS_WRITE_FAILED: Readonly<Record<StorageFailureKind | 'stale', MessageKey>> = {
  quota: 'sheets.writeFailed.quota',
  connection: 'sheets.writeFailed.connection',
  outdated: 'sheets.writeFailed.outdated',
  held: 'sheets.writeFailed.held',
  other: 'sheets.writeFailed.other',
  stale: 'sheets.writeFailed.stale',
};

export interface WriteFailure {
  kind: StorageFailureKind;
  /** The technical description, for the collapsed 「詳細」 only. */
  detail: string;
}

export function writeFailure(error: unknown): WriteFailure {
  return { kind: classifyStorageError(error), detail: errorDetail(error) };
}
