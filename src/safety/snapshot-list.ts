/**
 * What the settings view lists of the snapshots: per strategy, when, why, what it holds and how
 * big. Loaded with the snapshot browser (not up front). Reads snapshots one at a time, so a long
 * list of big strategies never sits in memory at once.
 */
import type { Strategy } from '../domain/entities/strategy';
import type { WorkbookRecords } from '../domain/workbook';
import type { SnapshotRow, WorkbookDb } from '../storage/db';

export interface SnapshotSummary {
  id: string;
  strategyId: string;
  createdAt: string;
  reason: SnapshotRow['reason'];
  label: string;
  strategyName: string;
  /** Live (not deleted) records it holds. */
  counts: { goals: number; projects: number; kpis: number; years: number; opinions: number };
  /** Size of its records as JSON in bytes (UTF-8): about the size of an export of it. */
  bytes: number;
}

/** UTF-8 length of a string without building the bytes. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function summarizeSnapshot(row: SnapshotRow): SnapshotSummary {
  const live = <T extends { deletedAt: string | null }>(list: T[]) => list.filter((r) => r.deletedAt === null).length;
  const r: WorkbookRecords = row.records;
  return {
    id: row.id,
    strategyId: row.strategyId,
    createdAt: row.createdAt,
    reason: row.reason,
    label: row.label,
    strategyName: `${r.strategy.municipality} ${r.strategy.name}`.trim(),
    counts: {
      goals: live(r.goals),
      projects: live(r.projects),
      kpis: live(r.kpis),
      years: live(r.kpiYears) + live(r.projectYears),
      opinions: live(r.opinions),
    },
    bytes: utf8Length(JSON.stringify(r)),
  };
}

/** Every snapshot of a strategy, newest first. */
export async function listSnapshots(db: WorkbookDb, strategyId: string): Promise<SnapshotSummary[]> {
  const out: SnapshotSummary[] = [];
  await db.snapshots
    .where('strategyId')
    .equals(strategyId)
    .each((row) => {
      out.push(summarizeSnapshot(row));
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
    if (first) out.push({ id, name: `${first.records.strategy.municipality} ${first.records.strategy.name}`.trim(), deleted: true });
  }
  return out.filter((s) => withSnapshots.has(s.id) || !s.deleted);
}
