/**
 * Backup reminders: a strategy's only copy lives in this browser until it is written to a file,
 * so the app nudges (a quiet banner, never a dialog) when much is not in any file yet.
 *
 * Counted from the records themselves: a "change" is a record (goal, project, KPI, a year's
 * values …, deletions included) whose updatedAt is later than the last export of the whole
 * strategy from this device (department files do not count: they hold only a share). Before the
 * first export the count starts when the strategy came to this device (created here, or first
 * taken in from a file).
 *
 * The banner shows when there are at least 20 changes, or when the last export (or the strategy's
 * arrival) is 7 days old or more and anything changed since. "Later" hides it until 20 more
 * changes or 7 more days. Pure functions; see docs/data-safety.md.
 */
import type { WorkbookRecords } from '../domain/workbook';

export const BACKUP_REMINDER = {
  /** Changes since the last export that make the banner show. */
  changes: 20,
  /** Days since the last export after which any change makes it show. */
  days: 7,
  /**
   * A new strategy (the sample, a copy) is written as a batch whose records carry creation times a
   * few milliseconds apart: records created within this long of the strategy are that batch, and
   * changes count from the last of them.
   */
  creationGraceMs: 60_000,
} as const;

export type BackupReminderPolicy = { -readonly [K in keyof typeof BACKUP_REMINDER]: number };

/** The last file of the whole strategy this device wrote. */
export interface ExportMark {
  at: string;
  fileName: string;
}

/** The person pressed 「あとで」 at `at`, when there were `changes` changes. */
export interface ReminderDismissal {
  at: string;
  changes: number;
}

export interface BackupState {
  /** Whether the banner shows. */
  due: boolean;
  /** What it says first: many changes, or a long time. */
  reason: 'changes' | 'days' | null;
  changes: number;
  /** Whole days since the last export (or since the strategy came here). */
  days: number;
  lastExport: ExportMark | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Records of a workbook (every kind, tombstones included) changed after `since`. */
export function changesSince(records: WorkbookRecords, since: string): number {
  let n = records.strategy.updatedAt > since ? 1 : 0;
  for (const list of [
    records.goals,
    records.measures,
    records.projects,
    records.kpis,
    records.kpiYears,
    records.projectYears,
    records.meetings,
    records.opinions,
  ])
    for (const r of list) if (r.updatedAt > since) n++;
  return n;
}

/** From when changes count: the last whole-strategy export, else the strategy's arrival here. */
export function backupBaseline(records: WorkbookRecords, lastExport: ExportMark | null, arrivedAt: string | null, policy: BackupReminderPolicy = BACKUP_REMINDER): string {
  if (lastExport) return lastExport.at;
  if (arrivedAt) return arrivedAt;
  // The end of the batch that created the strategy.
  const created = records.strategy.createdAt;
  const windowEnd = new Date(Date.parse(created) + policy.creationGraceMs).toISOString();
  let end = created;
  for (const list of [records.goals, records.measures, records.projects, records.kpis, records.kpiYears, records.projectYears, records.meetings, records.opinions])
    for (const r of list) if (r.createdAt > end && r.createdAt <= windowEnd) end = r.createdAt;
  return end;
}

export function backupState(
  input: {
    records: WorkbookRecords;
    lastExport: ExportMark | null;
    /** When this device first took the strategy in from a file (null if it was created here). */
    arrivedAt?: string | null;
    dismissal?: ReminderDismissal | null;
    now: string;
  },
  policy: BackupReminderPolicy = BACKUP_REMINDER,
): BackupState {
  const baseline = backupBaseline(input.records, input.lastExport, input.arrivedAt ?? null, policy);
  const changes = changesSince(input.records, baseline);
  const now = Date.parse(input.now);
  const days = Math.max(0, Math.floor((now - Date.parse(baseline)) / DAY_MS));
  let reason: BackupState['reason'] = null;
  if (changes >= policy.changes) reason = 'changes';
  else if (changes > 0 && days >= policy.days) reason = 'days';

  let due = reason !== null;
  const d = input.dismissal;
  // A dismissal from before the last export is void: that export started a new count.
  if (due && d && d.at > baseline) {
    const moreChanges = changes - d.changes >= policy.changes;
    const longAgo = now - Date.parse(d.at) >= policy.days * DAY_MS && changes > d.changes;
    due = moreChanges || longAgo;
  }
  return { due, reason: due ? reason : null, changes, days, lastExport: input.lastExport };
}

/** The latest whole-strategy export among sent-file log entries. */
export function latestWholeExport(
  sent: readonly { loggedAt: string; fileName: string; scope: { kind: string } }[],
): ExportMark | null {
  let best: ExportMark | null = null;
  for (const s of sent) if (s.scope.kind === 'strategy' && (!best || s.loggedAt > best.at)) best = { at: s.loggedAt, fileName: s.fileName };
  return best;
}
