/**
 * A Dexie middleware that tells which strategies an edit touched, once its transaction has
 * committed. Automatic snapshots are paced by it (snapshot-policy.ts) and the record of the last
 * whole-strategy export is kept from it, without any screen or the store having to report writes.
 *
 * An edit is a read-write transaction on the record tables. Transactions that also write
 * snapshots (an import, a merge, a restore: they keep their own snapshot) or only the log,
 * settings and copies are not edits. Must be installed before the database opens.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';
import { RECORD_KINDS } from '../domain/workbook';

/** A file of this device logged as sent (a bundle export), as it is written to the exchange log. */
export interface SentFile {
  strategyId: string;
  loggedAt: string;
  fileName: string;
  scope: { kind: string };
}

export interface WriteWatchEvents {
  /** Strategy ids whose records an edit changed (called after commit, once per transaction). */
  edited(strategyIds: ReadonlySet<string>): void;
  /** Sent files logged by a committed transaction. */
  sent?(files: readonly SentFile[]): void;
}

export const RECORD_TABLES: ReadonlySet<string> = new Set(RECORD_KINDS);

interface Pending {
  edits: Set<string> | null;
  sent: SentFile[];
}

function isSent(value: unknown): value is SentFile & { direction: 'sent' } {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v['direction'] === 'sent' && typeof v['strategyId'] === 'string' && typeof v['loggedAt'] === 'string' && typeof v['fileName'] === 'string';
}

export function writeWatch(events: WriteWatchEvents): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'safety-write-watch',
    create(down) {
      const pending = new WeakMap<DBCoreTransaction, Pending>();
      return {
        ...down,
        transaction(stores, mode, options) {
          const trans = down.transaction(stores, mode, options);
          if (mode !== 'readwrite') return trans;
          const isEdit = stores.some((s) => RECORD_TABLES.has(s)) && !stores.includes('snapshots');
          const watchSent = stores.includes('syncLog') && !!events.sent;
          if (!isEdit && !watchSent) return trans;
          const p: Pending = { edits: isEdit ? new Set() : null, sent: [] };
          pending.set(trans, p);
          const idb = trans as unknown as Partial<EventTarget>;
          idb.addEventListener?.('complete', () => {
            if (p.edits && p.edits.size > 0) events.edited(p.edits);
            if (p.sent.length > 0) events.sent?.(p.sent);
          });
          return trans;
        },
        table(name) {
          const table = down.table(name);
          const watched = RECORD_TABLES.has(name) || name === 'syncLog';
          if (!watched) return table;
          return {
            ...table,
            mutate(req: DBCoreMutateRequest) {
              const p = pending.get(req.trans);
              if (p && (req.type === 'add' || req.type === 'put')) {
                for (const v of req.values) {
                  if (name === 'syncLog') {
                    if (isSent(v)) p.sent.push({ strategyId: v.strategyId, loggedAt: v.loggedAt, fileName: v.fileName, scope: v.scope });
                  } else if (p.edits && v && typeof v === 'object' && typeof (v as { strategyId?: unknown }).strategyId === 'string') {
                    p.edits.add((v as { strategyId: string }).strategyId);
                  }
                }
              }
              return table.mutate(req);
            },
          };
        },
      };
    },
  };
}
