// The first part of a strategy read before the app's services exist (storage/early-read.ts): the
// watch takes it over instead of reading again, and no write made meanwhile is lost.
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import fc from 'fast-check';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { startEarlyRead, HOLD_MAX_MS, type EarlyRead } from '../../src/storage/early-read';
import { computeKept, headOf } from '../../src/storage/compute-kept';
import { keepDashboard } from '../../src/storage/keep-dashboard';
import type { LiveSubscription } from '../../src/storage/live-workbook';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import type { WorkbookRecords } from '../../src/domain/workbook';
import { testContext } from '../support/context';

let n = 0;
let subs: LiveSubscription[] = [];
afterEach(() => {
  for (const s of subs) s.unsubscribe();
  subs = [];
});

async function setUp() {
  const db = new WorkbookDb(`early-${++n}`);
  const ctx = testContext();
  const records = buildWorkbook(SEKI_SAMPLE, ctx);
  await new WorkbookRepository(db, () => ctx).addWorkbook(records);
  return { db, ctx, records, sid: records.strategy.id };
}

function watch(repo: WorkbookRepository, sid: string) {
  const partial: (WorkbookRecords | undefined)[] = [];
  const seen: (WorkbookRecords | undefined)[] = [];
  const errors: unknown[] = [];
  subs.push(repo.watchWorkbook(sid, { next: (r, complete) => (complete ? seen : partial).push(r), error: (e) => errors.push(e) }));
  return {
    partial,
    seen,
    errors,
    get latest() {
      return seen.at(-1);
    },
  };
}

describe('early read', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    env = await setUp();
  });

  it('is taken over by the watch: the same first part as Dexie reads, and no second read of it', async () => {
    const { db, ctx, sid } = env;
    const early = startEarlyRead(db.name, sid);
    const repo = new WorkbookRepository(db, () => ctx, null, early);
    const loads = vi.spyOn(repo, 'loadWorkbook');
    const w = watch(repo, sid);
    await expect.poll(() => w.seen.length, { timeout: 5000 }).toBe(1);
    expect(w.partial).toEqual([await repo.loadWorkbook(sid, false)]);
    // The first part was not read through Dexie (the calls above are the test's own, after).
    expect(loads.mock.calls.filter(([, withYears]) => withYears === false)).toHaveLength(1);
    expect(w.latest).toEqual(await repo.loadWorkbook(sid));
    expect(w.errors).toEqual([]);
  });

  it('reads the kept dashboard head first, and with `hold` reads the records only once its dashboard painted', async () => {
    const { db, sid, records } = env;
    db.gate.build = 'build-1';
    await db.open();
    expect(await keepDashboard(db, sid, (await computeKept(db.backendDB(), sid))!)).toBe(true);

    const held = startEarlyRead(db.name, sid, { build: 'build-1', hold: true });
    expect(await held.kept).toEqual(headOf(records));
    const taken = held.take(sid)!;
    let read = false;
    void taken.records.then(() => (read = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(read).toBe(false);
    held.release();
    expect(await taken.records).toEqual(await new WorkbookRepository(db, () => env.ctx).loadWorkbook(sid, false));
    taken.missed();

    // Another build's head is not read, and then nothing is held; nor without `hold`.
    const other = startEarlyRead(db.name, sid, { build: 'build-2', hold: true });
    expect(await other.kept).toBeNull();
    const otherTaken = other.take(sid)!;
    expect(await otherTaken.records).not.toBeNull();
    otherTaken.missed();
    const unheld = startEarlyRead(db.name, sid, { build: 'build-1' });
    expect(await unheld.kept).not.toBeNull();
    const unheldTaken = unheld.take(sid)!;
    expect(await unheldTaken.records).not.toBeNull();
    unheldTaken.missed();
  });

  it('holds the records no longer than HOLD_MAX_MS when the dashboard never paints', async () => {
    const { db, sid } = env;
    db.gate.build = 'build-1';
    await db.open();
    await keepDashboard(db, sid, (await computeKept(db.backendDB(), sid))!);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const held = startEarlyRead(db.name, sid, { build: 'build-1', hold: true });
      expect(await held.kept).not.toBeNull();
      const taken = held.take(sid)!;
      let read = false;
      void taken.records.then(() => (read = true));
      await vi.advanceTimersByTimeAsync(HOLD_MAX_MS - 100);
      expect(read).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      vi.useRealTimers();
      await expect.poll(() => read).toBe(true);
      taken.missed();
    } finally {
      vi.useRealTimers();
    }
  });

  it('is given once, and only for its strategy', () => {
    const early = startEarlyRead(env.db.name, env.sid);
    expect(early.take('another')).toBeNull();
    const taken = early.take(env.sid);
    expect(taken).not.toBeNull();
    taken!.missed();
    expect(early.take(env.sid)).toBeNull();
  });

  it('names what was written after it began', async () => {
    const { db, ctx, sid, records } = env;
    const early = startEarlyRead(db.name, sid);
    const repo = new WorkbookRepository(db, () => ctx);
    await repo.update('kpis', records.kpis[0]!.id, { name: '書き換えた名前' });
    const taken = early.take(sid)!;
    await taken.records;
    const missed = taken.missed();
    expect(missed === null || missed === 'all' ? missed : [...(missed.get('kpis') ?? [])]).toEqual([records.kpis[0]!.id]);
  });

  it('that cannot open the database leaves the first part to Dexie', async () => {
    const { db, ctx, sid } = env;
    const early = startEarlyRead(db.name, sid, { open: () => Promise.reject(new Error('blocked')) });
    const repo = new WorkbookRepository(db, () => ctx, null, early);
    const loads = vi.spyOn(repo, 'loadWorkbook');
    const w = watch(repo, sid);
    await expect.poll(() => w.seen.length, { timeout: 5000 }).toBe(1);
    expect(loads.mock.calls.some(([, withYears]) => withYears === false)).toBe(true);
    expect(w.latest).toEqual(await repo.loadWorkbook(sid));
  });
});

describe('early read and writes (property)', () => {
  it('the watch comes to exactly what a full read gives, whenever the writes land', async () => {
    // Writes before the read, while it runs, before the watch takes it over and after: none lost.
    const op = fc.record({
      phase: fc.constantFrom('before', 'during', 'beforeTake', 'after'),
      kind: fc.constantFrom('kpiName', 'year', 'addGoal'),
      i: fc.nat(5),
      v: fc.integer({ min: 0, max: 10_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const { db, ctx, sid, records } = await setUp();
        const writer = new WorkbookRepository(db, () => ctx);
        const write = (o: (typeof ops)[number]) =>
          o.kind === 'kpiName'
            ? writer.update('kpis', records.kpis[o.i]!.id, { name: `名前${o.v}` })
            : o.kind === 'year'
              ? writer.upsertKpiYear(sid, records.kpis[o.i]!.id, 2020 + (o.v % 5), { actual: { value: o.v } as never })
              : writer.create('goals', sid, { number: String(o.v), title: `目標${o.v}`, directions: [], order: 9 } as never).then(() => undefined);
        const at = (phase: string) => ops.filter((o) => o.phase === phase);
        for (const o of at('before')) await write(o);
        const early: EarlyRead = startEarlyRead(db.name, sid);
        // Not awaited: these land while the read runs, or just after.
        const during = Promise.all(at('during').map(write));
        for (const o of at('beforeTake')) await write(o);
        const repo = new WorkbookRepository(db, () => ctx, null, early);
        const w = watch(repo, sid);
        await during;
        for (const o of at('after')) await write(o);
        const full = await writer.loadWorkbook(sid);
        await expect.poll(() => w.latest, { timeout: 5000, interval: 20 }).toEqual(full);
        expect(w.errors).toEqual([]);
        db.close();
      }),
      { numRuns: Number(process.env['FC_RUNS'] ?? 1) * 15 },
    );
  }, 120_000);
});
