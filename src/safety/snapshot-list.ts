/**
 * What the settings view lists of the snapshots: per strategy, when, why, what it holds and how
 * big. Loaded with the snapshot browser (not up front). Reads each snapshot's summary, not its
 * records (rows written before summaries existed are summarised from their records, one at a time).
 */
import type { Strategy } from '../domain/entities/strategy';
import type { SnapshotRow, WorkbookDb } from '../storage/db';
import { summaryOf, type SnapshotSummary } from '../storage/snapshot-payload';

/** One snapshot as the settings view lists it. */
export interface SnapshotListItem extends SnapshotSummary {
  id: string;
  strategyId: string;
  createdAt: string;
  reason: SnapshotRow['reason'];
  label: string;
}

export function listItem(row: SnapshotRow): SnapshotListItem {
  return { id: row.id, strategyId: row.strategyId, createdAt: row.createdAt, reason: row.reason, label: row.label, ...summaryOf(row) };
}

/** Every snapshot of a strategy, newest first. */
export async function listSnapshots(db: WorkbookDb, strategyId: string): Promise<SnapshotListItem[]> {
  const out: SnapshotListItem[] = [];
  await db.snapshots
    .where('strategyId')
    .equals(strategyId)
    .each((row) => {
      out.push(listItem(row));
    });
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** The strategies to choose from: every live one, and deleted ones that still have snapshots. */
export async function snapshotStrategies(db: WorkbookDb): Promise<{ id: string; name: string; deleted: boolean }[]> {
  const withSnapshots = new Set((await db.snapshots.orderBy('strategyId').uniqueKeys()).map(String));
  const rows: Strategy[] = await db.strategies.toArray();
  const out = rows.map((s) => ({ id: s.id, name: `${s.municipality} ${s.name}`.trim(), deleted: s.deletedAt !== null }));
  const known = new Set(out.map((s) => s.id));
  for (const id of withSnapshots) {
    if (known.has(id)) continue;
    // A strategy whose rows are gone altogether: its name from its newest snapshot.
    const first = await db.snapshots.where('strategyId').equals(id).first();
    if (first) out.push({ id, name: summaryOf(first).strategyName, deleted: true });
  }
  return out.filter((s) => withSnapshots.has(s.id) || !s.deleted);
}
