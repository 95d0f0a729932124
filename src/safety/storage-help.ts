/**
 * What the clerk can do when the device is full (a write failed with QuotaExceededError): see how
 * much the app uses and what of it, delete old automatic snapshots, export a backup, and remove a
 * strategy from this device. Each removal is one transaction: it happens whole or not at all.
 *
 * Loaded with the help itself (only when storage is full or the settings show it).
 */
import type { WorkbookDb } from '../storage/db';
import { summaryOf } from '../storage/snapshot-payload';
import { keptKey } from '../storage/kept-dashboard';

export interface SnapshotUse {
  count: number;
  bytes: number;
  /** What {@link deleteOldSnapshots} would delete: all but the newest of each strategy. */
  oldCount: number;
  oldBytes: number;
}

interface Listed {
  id: string;
  strategyId: string;
  createdAt: string;
  bytes: number;
}

async function listAll(db: WorkbookDb): Promise<Listed[]> {
  const out: Listed[] = [];
  await db.snapshots.each((row) => {
    let bytes = 0;
    try {
      bytes = summaryOf(row).bytes;
    } catch {
      // A row without records takes (almost) no room.
    }
    out.push({ id: row.id, strategyId: row.strategyId, createdAt: row.createdAt, bytes });
  });
  return out;
}

/** The snapshots that are not the newest of their strategy. */
function old(list: readonly Listed[], keep: number): Listed[] {
  const byStrategy = new Map<string, Listed[]>();
  for (const s of list) byStrategy.set(s.strategyId, [...(byStrategy.get(s.strategyId) ?? []), s]);
  const out: Listed[] = [];
  for (const group of byStrategy.values()) {
    group.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    out.push(...group.slice(keep));
  }
  return out;
}

export async function snapshotUse(db: WorkbookDb, keep = 1): Promise<SnapshotUse> {
  const list = await listAll(db);
  const older = old(list, keep);
  return {
    count: list.length,
    bytes: list.reduce((n, s) => n + s.bytes, 0),
    oldCount: older.length,
    oldBytes: older.reduce((n, s) => n + s.bytes, 0),
  };
}

/**
 * Deletes every automatic snapshot but the newest `keep` of each strategy, in one transaction
 * (deleting frees room; it never needs any). Returns how many and about how many bytes.
 */
export async function deleteOldSnapshots(db: WorkbookDb, keep = 1): Promise<{ count: number; bytes: number }> {
  return db.transaction('rw', db.snapshots, async () => {
    const older = old(await listAll(db), keep);
    await db.snapshots.bulkDelete(older.map((s) => s.id));
    return { count: older.length, bytes: older.reduce((n, s) => n + s.bytes, 0) };
  });
}

/**
 * Removes a strategy from this device altogether (its records, tombstones, snapshots, sent-file
 * records and copy id), in one transaction. Unlike 「削除」 in the strategy (which keeps tombstones
 * so that a deletion travels in files and can be undone), this frees the room. An exported file
 * brings it back by 「ファイルを取り込む」.
 */
export async function removeStrategyFromDevice(db: WorkbookDb, strategyId: string): Promise<void> {
  const tables = [...db.recordTables, db.snapshots, db.sentSnapshots, db.syncLog, db.copies];
  await db.transaction('rw', [...tables, db.settings], async () => {
    await db.strategies.delete(strategyId);
    for (const table of tables) {
      if (table === db.strategies) continue;
      await table.where('strategyId').equals(strategyId).delete();
    }
    // Its dashboard head kept for a start (storage/kept-dashboard.ts) goes too.
    await db.settings.delete(keptKey(strategyId));
  });
}
