import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { applyPatch, type RecordMeta } from '../../src/domain/records';
import type { WorkbookRecords } from '../../src/domain/workbook';
import { BACKUP_REMINDER, backupState, changesSince, latestWholeExport } from '../../src/safety/backup-reminder';

const T0 = Date.parse('2026-04-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;
const DAY = 86_400_000;

/** The sample, created at T0 (every record within a few ms, like a real batch). */
function sample(): WorkbookRecords {
  let ms = T0;
  let id = 0;
  return buildWorkbook(SEKI_SAMPLE, { now: () => iso(ms++), newId: () => `id-${++id}`, editor: '企画課' });
}

/** Changes the first `count` records (goals, projects, KPIs, then the rest) at `at`. */
function edit(records: WorkbookRecords, count: number, at: number): WorkbookRecords {
  const ctx = { now: () => iso(at), newId: () => 'x', editor: '企画課' };
  let left = count;
  const touch = <T extends RecordMeta>(list: T[]): T[] => list.map((r) => (left-- > 0 ? applyPatch(ctx, r, { remarks: `改 ${at}` } as never) : r));
  const out = { ...records };
  out.goals = touch(records.goals);
  out.projects = touch(records.projects);
  out.kpis = touch(records.kpis);
  out.measures = touch(records.measures);
  out.kpiYears = touch(records.kpiYears);
  out.projectYears = touch(records.projectYears);
  if (left > 0) throw new Error(`the sample has fewer than ${count} records`);
  return out;
}

describe('changesSince', () => {
  it('counts records changed after a time, the strategy record included', () => {
    const r = edit(sample(), 3, T0 + 10 * MIN);
    expect(changesSince(r, iso(T0 + 5 * MIN))).toBe(3);
    expect(changesSince(r, iso(T0 + 20 * MIN))).toBe(0);
  });
});

describe('backupState', () => {
  it('edits right after the strategy was created count', () => {
    const s = backupState({ records: edit(sample(), 3, T0 + 10_000), lastExport: null, now: iso(T0 + 20_000) });
    expect(s.changes).toBe(3);
  });

  it('a new sample is not a change: nothing to remind of', () => {
    const s = backupState({ records: sample(), lastExport: null, now: iso(T0 + 5 * MIN) });
    expect(s).toMatchObject({ due: false, changes: 0, reason: null });
  });

  it(`nudges after ${BACKUP_REMINDER.changes} changes since the strategy was made, before any export`, () => {
    const few = backupState({ records: edit(sample(), BACKUP_REMINDER.changes - 1, T0 + 10 * MIN), lastExport: null, now: iso(T0 + 11 * MIN) });
    expect(few).toMatchObject({ due: false, changes: BACKUP_REMINDER.changes - 1 });
    const many = backupState({ records: edit(sample(), BACKUP_REMINDER.changes, T0 + 10 * MIN), lastExport: null, now: iso(T0 + 11 * MIN) });
    expect(many).toMatchObject({ due: true, reason: 'changes', changes: BACKUP_REMINDER.changes, lastExport: null });
  });

  it('counts from the last export of the whole strategy', () => {
    const records = edit(edit(sample(), 14, T0 + 10 * MIN), 2, T0 + 40 * MIN);
    const lastExport = { at: iso(T0 + 30 * MIN), fileName: '関市_第2期総合戦略_2026-04-01.json' };
    const s = backupState({ records, lastExport, now: iso(T0 + 41 * MIN) });
    expect(s).toMatchObject({ due: false, changes: 2, lastExport });
  });

  it(`nudges ${BACKUP_REMINDER.days} days after the last export if anything changed`, () => {
    const lastExport = { at: iso(T0 + DAY), fileName: 'f.json' };
    const changed = edit(sample(), 1, T0 + 2 * DAY);
    expect(backupState({ records: changed, lastExport, now: iso(T0 + 7 * DAY) }).due).toBe(false);
    expect(backupState({ records: changed, lastExport, now: iso(T0 + 8 * DAY) })).toMatchObject({ due: true, reason: 'days', days: 7 });
    // Nothing changed since: nothing to back up, however long ago.
    expect(backupState({ records: sample(), lastExport, now: iso(T0 + 80 * DAY) }).due).toBe(false);
  });

  it('counts from the arrival of a strategy taken in from a file, not from its creation elsewhere', () => {
    const records = edit(sample(), 25, T0 + DAY);
    const s = backupState({ records, lastExport: null, arrivedAt: iso(T0 + 2 * DAY), now: iso(T0 + 2 * DAY + MIN) });
    expect(s).toMatchObject({ due: false, changes: 0 });
  });

  it('「あとで」 hides it until 20 more changes or 7 more days', () => {
    const records = edit(sample(), 20, T0 + 10 * MIN);
    const dismissal = { at: iso(T0 + 11 * MIN), changes: 20 };
    expect(backupState({ records, lastExport: null, dismissal, now: iso(T0 + 12 * MIN) }).due).toBe(false);
    const more = edit(records, 40, T0 + 20 * MIN);
    expect(backupState({ records: more, lastExport: null, dismissal, now: iso(T0 + 21 * MIN) }).due).toBe(true);
    const later = edit(records, 21, T0 + 3 * DAY);
    expect(backupState({ records: later, lastExport: null, dismissal, now: iso(T0 + 7 * DAY) }).due).toBe(false);
    expect(backupState({ records: later, lastExport: null, dismissal, now: iso(T0 + 8 * DAY) }).due).toBe(true);
  });

  it('a dismissal from before the last export does not count', () => {
    const lastExport = { at: iso(T0 + DAY), fileName: 'f.json' };
    const records = edit(sample(), 20, T0 + 2 * DAY);
    const dismissal = { at: iso(T0 + 12 * 3_600_000), changes: 30 };
    expect(backupState({ records, lastExport, dismissal, now: iso(T0 + 2 * DAY + MIN) }).due).toBe(true);
  });
});

describe('latestWholeExport', () => {
  it('takes the newest file of the whole strategy; department files do not count', () => {
    const mark = latestWholeExport([
      { loggedAt: '2026-04-01T00:00:00Z', fileName: 'a.json', scope: { kind: 'strategy' } },
      { loggedAt: '2026-04-03T00:00:00Z', fileName: 'dept.json', scope: { kind: 'department' } },
      { loggedAt: '2026-04-02T00:00:00Z', fileName: 'b.json', scope: { kind: 'strategy' } },
    ]);
    expect(mark).toEqual({ at: '2026-04-02T00:00:00Z', fileName: 'b.json' });
    expect(latestWholeExport([])).toBeNull();
  });
});
