import { describe, expect, it } from 'vitest';
import { SNAPSHOT_POLICY, snapshotDue, snapshotsToPrune, localDay, type SnapshotKey } from '../../src/safety/snapshot-policy';

const T0 = Date.parse('2026-04-10T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
/** Days in UTC, so the test does not depend on the machine's time zone. */
const dayOf = (iso: string) => iso.slice(0, 10);

describe('snapshotDue', () => {
  it('takes the first snapshot of a strategy at its first edit', () => {
    expect(snapshotDue({ lastAt: null, editsSince: 1 }, at(0))).toBe(true);
    expect(snapshotDue({ lastAt: null, editsSince: 0 }, at(0))).toBe(false);
  });

  it('then on the first edit 10 minutes or more after the last one', () => {
    expect(snapshotDue({ lastAt: at(0), editsSince: 5 }, at(9))).toBe(false);
    expect(snapshotDue({ lastAt: at(0), editsSince: 1 }, at(10))).toBe(true);
    expect(snapshotDue({ lastAt: at(0), editsSince: 0 }, at(60))).toBe(false);
  });

  it('or after 50 edits, whatever the time', () => {
    expect(snapshotDue({ lastAt: at(0), editsSince: SNAPSHOT_POLICY.editsPerSnapshot - 1 }, at(2))).toBe(false);
    expect(snapshotDue({ lastAt: at(0), editsSince: SNAPSHOT_POLICY.editsPerSnapshot }, at(2))).toBe(true);
  });
});

describe('snapshotsToPrune', () => {
  it('keeps the 10 newest automatic snapshots', () => {
    const keys: SnapshotKey[] = Array.from({ length: 14 }, (_, i) => ({ id: `auto-${i}`, createdAt: at(i * 10) }));
    const drop = snapshotsToPrune(keys, at(140), { dayOf });
    expect(drop.sort()).toEqual(['auto-0', 'auto-1', 'auto-2', 'auto-3']);
  });

  it('plus the newest of each of the last 7 days, and nothing older beyond the 10', () => {
    const keys: SnapshotKey[] = [];
    // Three snapshots a day for 12 days, then 10 this morning.
    for (let d = 12; d >= 1; d--) for (const h of [8, 12, 17]) keys.push({ id: `auto-d${d}-${h}`, createdAt: new Date(T0 - d * 86_400_000 + (h - 9) * 3_600_000).toISOString() });
    for (let i = 0; i < 10; i++) keys.push({ id: `auto-today-${i}`, createdAt: at(-60 + i) });
    const drop = new Set(snapshotsToPrune(keys, at(0), { dayOf }));
    const kept = keys.filter((k) => !drop.has(k.id)).map((k) => k.id);
    // Today's 10, and the 17:00 one of each of the 6 days before (today is the 7th day).
    expect(kept).toEqual(expect.arrayContaining(Array.from({ length: 10 }, (_, i) => `auto-today-${i}`)));
    expect(kept.filter((id) => id.startsWith('auto-d')).sort()).toEqual(['auto-d1-17', 'auto-d2-17', 'auto-d3-17', 'auto-d4-17', 'auto-d5-17', 'auto-d6-17']);
    expect(kept).toHaveLength(16);
  });

  it('keeps the 10 newest snapshots taken before an import or a restore, and any protected one', () => {
    const keys: SnapshotKey[] = Array.from({ length: 13 }, (_, i) => ({ id: `import-${String(i).padStart(2, '0')}`, createdAt: at(i) }));
    keys.push({ id: 'auto-a', createdAt: at(100) });
    const drop = snapshotsToPrune(keys, at(200), { dayOf, protect: new Set(['import-01']) });
    expect(drop.sort()).toEqual(['import-00', 'import-02']);
  });

  it('never deletes anything while the policy is met', () => {
    const keys: SnapshotKey[] = [{ id: 'auto-1', createdAt: at(0) }, { id: 'x', createdAt: at(1) }];
    expect(snapshotsToPrune(keys, at(2))).toEqual([]);
  });
});

describe('localDay', () => {
  it('is the local calendar date', () => {
    const d = new Date(2026, 3, 1, 23, 59);
    expect(localDay(d.toISOString())).toBe('2026-04-01');
  });
});
