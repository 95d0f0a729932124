/**
 * Computing the dashboard's head to keep with a strategy (kept-dashboard.ts): in the reader worker,
 * from one read transaction that reads the strategy's records and the write marks together. Kept
 * apart from read-workbook.ts, which the first load also uses, because it needs the achievement
 * engine.
 */
import { WorkbookView, type WorkbookRecords } from '../domain/workbook';
import { buildDashboard, dashboardHead, type DashboardHead } from '../domain/achievement/dashboard';
import { openExisting, readWorkbookPart } from './read-workbook';
import type { Marks } from './kept-dashboard';

/** A head computed from the records as they were under `marks`, in database version `schema`. */
export interface ComputedKept {
  marks: Marks;
  head: DashboardHead;
  schema: number;
}

/** The dashboard's head of `records`: no filters, the default year (what a start opens on). */
export function headOf(records: WorkbookRecords): DashboardHead {
  const view = new WorkbookView(records);
  return dashboardHead(view, buildDashboard(view, { fy: null, goal: null, dept: null, rank: null, verdict: null }));
}

/** The head of strategy `strategyId` and the marks it was read under (undefined: no such strategy). */
export async function computeKept(db: IDBDatabase, strategyId: string): Promise<ComputedKept | undefined> {
  let marks: Marks | null = null;
  const records = (await readWorkbookPart(db, strategyId, 'all', undefined, (m) => (marks = m))) as WorkbookRecords | undefined;
  if (!records || !marks) return undefined;
  return { marks, head: headOf(records), schema: db.version };
}

export interface KeptRequest {
  id: number;
  dbName: string;
  strategyId: string;
  part: 'head';
}

export type KeptResponse = { id: number; ok: true; kept: ComputedKept | null } | { id: number; ok: false; error: string };

/** Answers a request for a head to keep (the database opened for it and closed after). */
export async function answerKept({ id, dbName, strategyId }: KeptRequest): Promise<KeptResponse> {
  let db: IDBDatabase | null = null;
  try {
    db = await openExisting(dbName);
    return { id, ok: true, kept: (await computeKept(db, strategyId)) ?? null };
  } catch (error) {
    return { id, ok: false, error: String(error) };
  } finally {
    db?.close();
  }
}
