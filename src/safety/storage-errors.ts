/**
 * What went wrong when IndexedDB refused a write, in the terms the app can act on:
 *
 *   quota       the device (or the browser's share of it) is full: retrying at once does not help;
 *               the write waits in the DraftJournal until space is freed.
 *   connection  the connection to the database was lost: WebKit drops it when a tablet puts the app
 *               in the background for a while (InvalidStateError "The database connection is
 *               closing", UnknownError "Connection to Indexed Database server lost"), and Dexie
 *               reports a closed database as DatabaseClosedError. Reopening and retrying once helps.
 *   outdated    another version of the app writes to the database now (src/storage/write-gate.ts):
 *               this page never writes again; the write waits in the DraftJournal for the reload.
 *   held        this page is a newer version waiting for the person to accept the update: it
 *               writes nothing until then; the write waits in the DraftJournal.
 *   other       anything else (a bug, a record deleted in another tab): reported, not retried.
 *
 * Dexie wraps the browser's error (AbortError with `inner`, BulkError with `failures`), so the
 * whole chain is looked at.
 */
export type StorageFailureKind = 'quota' | 'connection' | 'outdated' | 'held' | 'other';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const CONNECTION_NAMES = new Set(['DatabaseClosedError', 'InvalidStateError', 'OpenFailedError']);
const CONNECTION_MESSAGE = /connection[^.]*(lost|clos)|database[^.]*clos|server lost/i;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/** The error and the errors it wraps, outermost first (bounded, so a cycle cannot hang it). */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || out.includes(e as ErrorLike)) continue;
    const like = e as ErrorLike;
    out.push(like);
    queue.push(like.inner, like.cause);
    if (Array.isArray(like.failures)) queue.push(...like.failures.slice(0, 5));
  }
  return out;
}

export function classifyStorageError(error: unknown): StorageFailureKind {
  const errors = chain(error);
  if (errors.some((e) => e.name === 'OutdatedVersionError')) return 'outdated';
  if (errors.some((e) => e.name === 'HeldVersionError')) return 'held';
  for (const e of errors) {
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    // DOMException code 22 is the legacy QUOTA_EXCEEDED_ERR.
    if (QUOTA_NAMES.has(name) || e.code === 22 || /quota/i.test(message)) return 'quota';
  }
  for (const e of errors) {
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (CONNECTION_NAMES.has(name) || CONNECTION_MESSAGE.test(message)) return 'connection';
  }
  return 'other';
}

/** A short technical description for the report (name and message), never shown alone. */
export function errorDetail(error: unknown): string {
  if (error instanceof Error || (error && typeof error === 'object' && 'name' in error)) {
    const e = error as { name?: unknown; message?: unknown };
    const message = typeof e.message === 'string' ? e.message : '';
    return message ? `${String(e.name)}: ${message}` : String(e.name);
  }
  return String(error);
}
