/**
 * When the app takes an automatic snapshot of a strategy, and which snapshots it keeps.
 * Pure functions: the clock and the calendar day are passed in. See docs/data-safety.md.
 *
 * Taking: after a committed edit, a snapshot is due when the strategy has no automatic snapshot
 * yet, when the last one is at least 10 minutes old, or when 50 edits were made since it (a long,
 * busy session gets one more often). "An edit" is one committed write transaction: a field saved,
 * a record added, a deletion with everything under it.
 *
 * Keeping, per strategy:
 *   automatic   the 10 newest, plus the newest of each of the last 7 calendar days (today included);
 *   other       (before an import, before a restore) the 10 newest; the one an undo offer on screen
 *               points at is always among them.
 */
export const SNAPSHOT_POLICY = {
  /** A snapshot is due on the first edit at least this long after the last automatic one. */
  minIntervalMs: 10 * 60 * 1000,
  /** …or after this many edits since it, whatever the time. */
  editsPerSnapshot: 50,
  /** Automatic snapshots kept regardless of age. */
  keepLatest: 10,
  /** Calendar days (today included) of which the newest automatic snapshot is kept too. */
  keepDays: 7,
  /** Snapshots taken before an import or a restore kept per strategy. */
  keepOther: 10,
} as const;

export type SnapshotPolicy = { -readonly [K in keyof typeof SNAPSHOT_POLICY]: number };

/** Ids of automatic snapshots start with this, so their kind is known from the key alone. */
export const AUTO_SNAPSHOT_PREFIX = 'auto-';

export const isAutoSnapshotId = (id: string): boolean => id.startsWith(AUTO_SNAPSHOT_PREFIX);

export interface SnapshotCadence {
  /** When the newest automatic snapshot was taken, or null if there is none. */
  lastAt: string | null;
  /** Edits committed since then (in this session). */
  editsSince: number;
}

/** Whether an automatic snapshot is due now. */
export function snapshotDue(cadence: SnapshotCadence, now: string, policy: SnapshotPolicy = SNAPSHOT_POLICY): boolean {
  if (cadence.editsSince <= 0) return false;
  if (cadence.lastAt === null) return true;
  if (cadence.editsSince >= policy.editsPerSnapshot) return true;
  return Date.parse(now) - Date.parse(cadence.lastAt) >= policy.minIntervalMs;
}

export interface SnapshotKey {
  id: string;
  createdAt: string;
}

/** The local calendar day of an ISO time, as YYYY-MM-DD. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The calendar days from `now` back, today first. */
function lastDays(now: string, count: number, dayOf: (iso: string) => string): Set<string> {
  const days = new Set<string>();
  const t = Date.parse(now);
  // Step in hours, not days, so a daylight-saving change cannot skip a day.
  for (let h = 0; days.size < count && h < count * 24 + 48; h += 6) days.add(dayOf(new Date(t - h * 3600_000).toISOString()));
  return days;
}

/**
 * Of one strategy's snapshots, the ids to delete under the policy. Automatic ones are told apart by
 * their id ({@link AUTO_SNAPSHOT_PREFIX}); `protect` lists ids never deleted (an undo on screen).
 */
export function snapshotsToPrune(
  keys: readonly SnapshotKey[],
  now: string,
  options: { policy?: SnapshotPolicy; dayOf?: (iso: string) => string; protect?: ReadonlySet<string> } = {},
): string[] {
  const policy = options.policy ?? SNAPSHOT_POLICY;
  const dayOf = options.dayOf ?? localDay;
  const newestFirst = [...keys].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const auto = newestFirst.filter((k) => isAutoSnapshotId(k.id));
  const other = newestFirst.filter((k) => !isAutoSnapshotId(k.id));

  const keep = new Set<string>(auto.slice(0, policy.keepLatest).map((k) => k.id));
  const days = lastDays(now, policy.keepDays, dayOf);
  const dayTaken = new Set<string>();
  for (const k of auto) {
    const day = dayOf(k.createdAt);
    if (days.has(day) && !dayTaken.has(day)) {
      dayTaken.add(day);
      keep.add(k.id);
    }
  }
  for (const k of other.slice(0, policy.keepOther)) keep.add(k.id);
  for (const id of options.protect ?? []) keep.add(id);
  return newestFirst.filter((k) => !keep.has(k.id)).map((k) => k.id);
}
