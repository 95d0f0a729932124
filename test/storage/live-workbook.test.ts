import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fc from 'fast-check';
import { RangeSet } from 'dexie';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { changedKeys, patchWorkbook, MAX_PATCHED_KEYS, type LiveSubscription } from '../../src/storage/live-workbook';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import type { WorkbookRecords } from '../../src/domain/workbook';
import { testContext } from '../support/context';

let db: WorkbookDb;
let repo: WorkbookRepository;
let ctx: ReturnType<typeof testContext>;
let n = 0;
let subs: LiveSubscription[] = [];

beforeEach(() => {
  db = new WorkbookDb(`live-${++n}`);
  ctx = testContext();
  repo = new WorkbookRepository(db, () => ctx);
});
afterEach(() => {
  for (const s of subs) s.unsubscribe();
  subs = [];
});

/** Watches a strategy and collects what the watcher delivers (complete deliveries in `seen`). */
function watch(strategyId: string) {
  const seen: (WorkbookRecords | undefined)[] = [];
  const partial: (WorkbookRecords | undefined)[] = [];
  const order: boolean[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  subs.push(
    repo.watchWorkbook(strategyId, {
      next: (r, complete) => {
        order.push(complete);
        (complete ? seen : partial).push(r);
        waiters.splice(0).forEach((w) => w());
      },
      error: (e) => errors.push(e),
    }),
  );
  return {
    seen,
    partial,
    order,
    errors,
    get latest() {
      return seen.at(-1);
    },
    /** Resolves once the watcher delivered `count` results in all. */
    async until(count: number) {
      for (let i = 0; i < 200 && seen.length < count; i++) await new Promise<void>((r) => (waiters.push(r), setTimeout(r, 10)));
      expect(seen.length).toBeGreaterThanOrEqual(count);
    },
  };
}

/** Lets pending IndexedDB callbacks and Dexie's events run. */
const settle = () => new Promise((r) => setTimeout(r, 60));

async function addSample() {
  const records = buildWorkbook(SEKI_SAMPLE, ctx);
  await repo.addWorkbook(records);
  return records;
}

describe('changedKeys', () => {
  const part = (table: string, suffix = '') => `idb://db/${table}/${suffix}`;
  it('names the keys a write touched, per record table, and ignores other tables and databases', () => {
    const parts = {
      [part('kpiYears')]: new RangeSet().addKeys(['b', 'a']),
      [part('kpiYears', ':dels')]: new RangeSet().addKeys(['c']),
      [part('kpiYears', 'kpiId')]: new RangeSet().addKeys(['k1']),
      [part('settings')]: new RangeSet().addKeys(['x']),
      'idb://other/kpis/': new RangeSet().addKeys(['z']),
    };
    const out = changedKeys(parts, 'db');
    expect(out).not.toBe('all');
    expect([...(out as Map<string, Set<string>>).entries()].map(([k, v]) => [k, [...v].sort()])).toEqual([['kpiYears', ['a', 'b', 'c']]]);
  });
  it('is null for a write to no record table', () => {
    expect(changedKeys({ [part('settings')]: new RangeSet().addKeys(['x']) }, 'db')).toBeNull();
  });
  it('says all for a range (clear, deleteRange) or too many keys', () => {
    expect(changedKeys({ [part('goals')]: new RangeSet('a', 'm') }, 'db')).toBe('all');
    const many = Array.from({ length: MAX_PATCHED_KEYS + 1 }, (_, i) => `k${i}`);
    expect(changedKeys({ [part('kpis')]: new RangeSet().addKeys(many) }, 'db')).toBe('all');
    expect(changedKeys({ [part('kpis')]: new RangeSet().addKeys(many.slice(0, 10)) }, 'db', 5)).toBe('all');
  });
});

describe('patchWorkbook', () => {
  const records = () => buildWorkbook(SEKI_SAMPLE, testContext());
  it('replaces, inserts in id order and removes records, leaving other lists and the input alone', () => {
    const r = records();
    const sorted = { ...r, kpis: [...r.kpis].sort((a, b) => (a.id < b.id ? -1 : 1)) };
    const [first, second] = sorted.kpis;
    const changed = { ...first!, name: '変更後' };
    const added = { ...second!, id: `${second!.id}~`, name: '追加' };
    const out = patchWorkbook(
      sorted,
      'kpis',
      new Map<string, { id: string; strategyId: string } | undefined>([
        [first!.id, changed],
        [added.id, added],
        [second!.id, undefined],
      ]),
    )!;
    expect(out.kpis.map((k) => k.id)).toEqual([first!.id, added.id, ...sorted.kpis.slice(2).map((k) => k.id)]);
    expect(out.kpis[0]!.name).toBe('変更後');
    expect(out.goals).toBe(sorted.goals);
    expect(sorted.kpis[0]!.name).not.toBe('変更後');
  });
  it('keeps records of another strategy out, and takes out one that moved away', () => {
    const r = records();
    const sorted = { ...r, goals: [...r.goals].sort((a, b) => (a.id < b.id ? -1 : 1)) };
    const foreign = { ...sorted.goals[0]!, id: 'zzz', strategyId: 'another' };
    expect(patchWorkbook(sorted, 'goals', new Map([[foreign.id, foreign]]))).toBe(sorted);
    const moved = { ...sorted.goals[0]!, strategyId: 'another' };
    expect(patchWorkbook(sorted, 'goals', new Map([[moved.id, moved]]))!.goals).toHaveLength(sorted.goals.length - 1);
  });
  it('follows the strategy record, and says when it is gone', () => {
    const r = records();
    const renamed = { ...r.strategy, name: '新しい名前' };
    expect(patchWorkbook(r, 'strategies', new Map([[r.strategy.id, renamed]]))!.strategy.name).toBe('新しい名前');
    expect(patchWorkbook(r, 'strategies', new Map([['other', { ...renamed, id: 'other' }]]))).toBe(r);
    expect(patchWorkbook(r, 'strategies', new Map([[r.strategy.id, undefined]]))).toBeUndefined();
  });
});

describe('watchWorkbook', () => {
  it('first delivers the workbook without the yearly project records, then all of it', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const w = watch(sid);
    await w.until(1);
    expect(w.order).toEqual([false, true]);
    const full = (await repo.loadWorkbook(sid))!;
    expect(full.projectYears.length).toBeGreaterThan(0);
    expect(w.partial[0]).toEqual({ ...full, projectYears: [] });
    expect(w.latest).toEqual(full);
  });

  it('delivers the workbook, then every change, equal to a full read each time', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const w = watch(sid);
    await w.until(1);
    expect(w.latest).toEqual(await repo.loadWorkbook(sid));

    const kpi = records.kpis[0]!;
    await repo.update('kpis', kpi.id, { name: '名前を変えた' });
    await w.until(2);
    expect(w.latest!.kpis.find((k) => k.id === kpi.id)!.name).toBe('名前を変えた');
    expect(w.latest).toEqual(await repo.loadWorkbook(sid));

    await repo.upsertKpiYear(sid, kpi.id, 2030, { actual: { value: 5 } as never });
    await w.until(3);
    expect(w.latest).toEqual(await repo.loadWorkbook(sid));

    const batch = await repo.deleteWithChildren('goals', records.goals[0]!.id, sid);
    await w.until(4);
    expect(w.latest).toEqual(await repo.loadWorkbook(sid));
    await repo.restoreBatch(sid, batch);
    await w.until(5);
    expect(w.latest).toEqual(await repo.loadWorkbook(sid));
    expect(w.errors).toEqual([]);
  });

  it('keeps unchanged records (and lists) as the same objects, so screens recompute little', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const w = watch(sid);
    await w.until(1);
    const before = w.latest!;
    await repo.update('projects', records.projects[0]!.id, { name: '事業名を変えた' });
    await w.until(2);
    const after = w.latest!;
    expect(after.goals).toBe(before.goals);
    expect(after.kpiYears).toBe(before.kpiYears);
    const other = records.projects[1]!.id;
    expect(after.projects.find((p) => p.id === other)).toBe(before.projects.find((p) => p.id === other));
  });

  it('says nothing about writes to another strategy', async () => {
    const records = await addSample();
    const other = buildWorkbook({ ...SEKI_SAMPLE, municipality: '別の町' }, ctx);
    await repo.addWorkbook(other);
    const w = watch(records.strategy.id);
    await w.until(1);
    await repo.update('goals', other.goals[0]!.id, { title: 'よその町の目標' });
    await settle();
    expect(w.seen).toHaveLength(1);
  });

  it('sees writes made through another connection to the database (another tab)', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const w = watch(sid);
    await w.until(1);
    const otherTab = new WorkbookRepository(new WorkbookDb(db.name), () => ctx);
    await otherTab.update('goals', records.goals[1]!.id, { title: '別のタブで変えた' });
    await w.until(2);
    expect(w.latest!.goals.find((g) => g.id === records.goals[1]!.id)!.title).toBe('別のタブで変えた');
  });

  it('reads everything again after a write of many records, and reports the strategy gone when it is', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const w = watch(sid);
    await w.until(1);
    const years = Array.from({ length: MAX_PATCHED_KEYS + 10 }, (_, i) => ({ ...records.kpiYears[0]!, id: `bulk-${String(i).padStart(4, '0')}`, fiscalYear: 3000 + i }));
    await db.kpiYears.bulkPut(years);
    await w.until(2);
    expect(w.latest!.kpiYears).toHaveLength(records.kpiYears.length + years.length);
    expect(w.latest).toEqual(await repo.loadWorkbook(sid));
    await db.strategies.delete(sid);
    await w.until(3);
    expect(w.latest).toBeUndefined();
  });

  it('matches a full read after any sequence of edits (property)', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const w = watch(sid);
    await w.until(1);
    const op = fc.oneof(
      fc.record({ op: fc.constant('kpiName' as const), i: fc.nat(records.kpis.length - 1), name: fc.string({ maxLength: 8 }) }),
      fc.record({ op: fc.constant('year' as const), i: fc.nat(records.kpis.length - 1), fy: fc.integer({ min: 2015, max: 2035 }), v: fc.integer({ min: 0, max: 999 }) }),
      fc.record({ op: fc.constant('addGoal' as const), title: fc.string({ maxLength: 8 }) }),
      fc.record({ op: fc.constant('delete' as const), i: fc.nat(records.projects.length - 1) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const o of ops) {
          if (o.op === 'kpiName') await repo.update('kpis', records.kpis[o.i]!.id, { name: o.name });
          else if (o.op === 'year') await repo.upsertKpiYear(sid, records.kpis[o.i]!.id, o.fy, { actual: { value: o.v } as never });
          else if (o.op === 'addGoal') await repo.create('goals', sid, { number: '9', title: o.title, directions: [], order: 9 } as never);
          else await repo.deleteWithChildren('projects', records.projects[o.i]!.id, sid).catch(() => undefined);
        }
        // The watcher reads what a write touched in a transaction of its own after the write's
        // event: on a busy machine that can take longer than a fixed pause. It must come to
        // exactly what a full read gives; a missed write never does (nothing reads again).
        const full = await repo.loadWorkbook(sid);
        await expect.poll(() => w.latest, { timeout: 5000, interval: 20 }).toEqual(full);
      }),
      { numRuns: 15 },
    );
    expect(w.errors).toEqual([]);
  }, 60_000);
});
