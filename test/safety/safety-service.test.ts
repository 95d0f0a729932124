// The safety service against a real (fake-indexeddb) database: automatic snapshots paced by
// committed edits, the retention policy, restore and its undo, the record of exports, and the
// marker that notices an emptied database.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { ExchangeRepository } from '../../src/storage/exchange-repository';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import type { BundleMeta, BundleScope } from '../../src/bundle';
import { Safety } from '../../src/safety/safety.svelte';
import { listSnapshots, snapshotStrategies } from '../../src/safety/snapshot-list';
import { SNAPSHOT_POLICY } from '../../src/safety/snapshot-policy';
import { unpackSnapshot } from '../../src/storage/snapshot-payload';
import { testContext } from '../support/context';
import { MemoryStorage, movableClock } from './support';

const MIN = 60_000;
let n = 0;

async function setup(opts: { storage?: MemoryStorage; name?: string; persisted?: boolean } = {}) {
  const db = new WorkbookDb(opts.name ?? `safety-${++n}`);
  const ctx = testContext();
  const repo = new WorkbookRepository(db, () => ctx);
  const clock = movableClock();
  const storage = opts.storage ?? new MemoryStorage();
  const safety = new Safety({
    db,
    workbooks: repo,
    clock,
    storage,
    snapshotDelay: 0,
    storageManager: { persisted: async () => opts.persisted ?? false },
    exchange: async () => new ExchangeRepository(db, repo, clock),
  });
  return { db, repo, ctx, clock, storage, safety };
}

async function withSample(s: Awaited<ReturnType<typeof setup>>) {
  const records = buildWorkbook(SEKI_SAMPLE, s.ctx);
  await s.repo.addWorkbook(records);
  return records;
}

const autoCount = async (s: Awaited<ReturnType<typeof setup>>, sid: string) => (await listSnapshots(s.db, sid)).filter((x) => x.reason === 'auto').length;

function meta(scope: BundleScope, exportId: string, at: string): BundleMeta {
  return {
    format: 'jp.chiho-senryaku.workbook',
    formatVersion: 1,
    appVersion: '0.1.0',
    exportId,
    exportedAt: at,
    exportedBy: '企画課',
    copyId: 'copy-1',
    scope,
    basedOn: null,
  } as BundleMeta;
}

describe('automatic snapshots', () => {
  it('are taken at a new strategy, then on the first edit 10 minutes later, or after 50 edits', async () => {
    const s = await setup();
    const records = await withSample(s);
    const sid = records.strategy.id;
    const goal = records.goals[0]!;
    await s.safety.settled();
    expect(await autoCount(s, sid)).toBe(1);

    for (let i = 0; i < 5; i++) await s.repo.update('goals', goal.id, { title: `目標 ${i}` });
    s.clock.advance(9 * MIN);
    await s.safety.settled();
    expect(await autoCount(s, sid)).toBe(1);

    s.clock.advance(1 * MIN);
    await s.repo.update('goals', goal.id, { title: '10分後の編集' });
    await s.safety.settled();
    expect(await autoCount(s, sid)).toBe(2);

    s.clock.advance(1 * MIN);
    for (let i = 0; i < SNAPSHOT_POLICY.editsPerSnapshot - 1; i++) await s.repo.update('goals', goal.id, { title: `連続 ${i}` });
    await s.safety.settled();
    expect(await autoCount(s, sid)).toBe(2);
    await s.repo.update('goals', goal.id, { title: '50回目' });
    await s.safety.settled();
    expect(await autoCount(s, sid)).toBe(3);

    const [newest] = await listSnapshots(s.db, sid);
    expect(newest).toMatchObject({ reason: 'auto', strategyName: '関市 第2期関市まち・ひと・しごと創生総合戦略', counts: { goals: 4, projects: 10, kpis: 10 } });
    expect(newest!.bytes).toBeGreaterThan(10_000);
    // The snapshot holds the state after the edit that made it due.
    const row = await s.db.snapshots.get(newest!.id);
    expect((await unpackSnapshot(row!)).goals.find((g) => g.id === goal.id)!.title).toBe('50回目');
  });

  it('imports, merges and restores are not edits (they keep their own snapshot)', async () => {
    const s = await setup();
    const records = await withSample(s);
    await s.safety.settled();
    const exchange = new ExchangeRepository(s.db, s.repo, s.clock);
    s.clock.advance(30 * MIN);
    const goal = { ...records.goals[0]!, title: '取り込んだ目標' };
    const written = { strategies: [], goals: [goal], measures: [], projects: [], kpis: [], kpiYears: [], projectYears: [], meetings: [], opinions: [] };
    await exchange.applyMerge(records.strategy.id, meta({ kind: 'strategy' }, 'e1', s.clock.now()), 'in.json', () => written);
    await s.safety.settled();
    const list = await listSnapshots(s.db, records.strategy.id);
    expect(list.map((x) => x.reason)).toEqual(['import', 'auto']);
  });

  it('keep the 10 newest and the newest of each of the last 7 days; older ones go', async () => {
    const s = await setup();
    const records = await withSample(s);
    const sid = records.strategy.id;
    await s.safety.settled();
    // Twelve busy days, three snapshots a day.
    for (let day = 0; day < 12; day++) {
      for (let k = 0; k < 3; k++) {
        s.clock.advance(11 * MIN);
        await s.repo.update('goals', records.goals[0]!.id, { title: `d${day} k${k}` });
        await s.safety.settled();
      }
      s.clock.advance(24 * 60 * MIN - 33 * MIN);
    }
    const autos = (await listSnapshots(s.db, sid)).filter((x) => x.reason === 'auto');
    // 10 newest (the last 3⅓ days) + one for each of the other days of the week.
    expect(autos.length).toBeGreaterThanOrEqual(SNAPSHOT_POLICY.keepLatest);
    expect(autos.length).toBeLessThanOrEqual(SNAPSHOT_POLICY.keepLatest + SNAPSHOT_POLICY.keepDays);
    const oldest = Date.parse(autos.at(-1)!.createdAt);
    expect(Date.parse(s.clock.now()) - oldest).toBeLessThan(8 * 24 * 60 * MIN);
  });

  it('read their times from the keys alone', async () => {
    const s = await setup();
    const records = await withSample(s);
    await s.safety.settled();
    const keys = await s.safety.snapshotKeys(records.strategy.id);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.id.startsWith('auto-')).toBe(true);
    expect(await s.safety.snapshotKeys('unknown')).toEqual([]);
  });
});

describe('restore', () => {
  it('puts the strategy back as the snapshot holds it, and 「復元を元に戻す」 undoes it', async () => {
    const s = await setup();
    const records = await withSample(s);
    const sid = records.strategy.id;
    const goal = records.goals[0]!;
    await s.repo.update('goals', goal.id, { title: '午前の目標' });
    await s.safety.settled();
    const morning = await s.safety.takeSnapshot(sid);
    s.clock.advance(60 * MIN);
    await s.repo.update('goals', goal.id, { title: '午後の目標' });
    const project = await s.repo.create('projects', sid, { ...records.projects[0]!, name: '午後に追加した事業' } as never);

    const undoId = await s.safety.restore(morning!);
    let now = (await s.repo.loadWorkbook(sid))!;
    expect(now.goals.find((g) => g.id === goal.id)!.title).toBe('午前の目標');
    expect(now.projects.some((p) => p.id === project.id)).toBe(false);
    const list = await listSnapshots(s.db, sid);
    expect(list.find((x) => x.id === undoId)).toMatchObject({ reason: 'beforeRestore', counts: { projects: 11 } });

    expect(s.safety.lastRestore).toMatchObject({ undoId, strategyId: sid });
    await s.safety.undoRestore();
    expect(s.safety.lastRestore).toBeNull();
    now = (await s.repo.loadWorkbook(sid))!;
    expect(now.goals.find((g) => g.id === goal.id)!.title).toBe('午後の目標');
    expect(now.projects.find((p) => p.id === project.id)?.name).toBe('午後に追加した事業');
  });

  it('also brings back a deleted strategy', async () => {
    const s = await setup();
    const records = await withSample(s);
    const sid = records.strategy.id;
    await s.safety.settled();
    const [auto] = await listSnapshots(s.db, sid);
    await s.repo.deleteWithChildren('strategies', sid, sid);
    expect(await s.repo.listStrategies()).toHaveLength(0);
    expect((await snapshotStrategies(s.db)).map((x) => x.deleted)).toEqual([true]);
    await s.safety.restore(auto!.id);
    expect((await s.repo.listStrategies()).map((x) => x.id)).toEqual([sid]);
  });
});

describe('exports', () => {
  it('remembers the last export of the whole strategy as it is logged; department files do not count', async () => {
    const s = await setup();
    const records = await withSample(s);
    const sid = records.strategy.id;
    const exchange = new ExchangeRepository(s.db, s.repo, s.clock);
    await exchange.recordSent(meta({ kind: 'strategy' }, 'x1', s.clock.now()), sid, '関市_第2期_2026-04-01.json', records);
    expect(s.safety.exports[sid]).toEqual({ at: s.clock.now(), fileName: '関市_第2期_2026-04-01.json' });
    s.clock.advance(MIN);
    await exchange.recordSent(meta({ kind: 'department', departments: ['商工課'] }, 'x2', s.clock.now()), sid, '商工課.json', records);
    expect(s.safety.exports[sid]?.fileName).toBe('関市_第2期_2026-04-01.json');
    // Kept outside IndexedDB too.
    await expect.poll(() => [...s.storage.map.values()].join()).toContain('関市_第2期_2026-04-01.json');
  });

  it('finds it in the exchange log once when the note is missing (exports made before this version)', async () => {
    const s = await setup();
    const records = await withSample(s);
    const sid = records.strategy.id;
    const exchange = new ExchangeRepository(s.db, s.repo, s.clock);
    await exchange.recordSent(meta({ kind: 'strategy' }, 'x1', s.clock.now()), sid, 'old.json', records);
    const fresh = new Safety({ db: new WorkbookDb(s.db.name), workbooks: s.repo, clock: s.clock, storage: new MemoryStorage(), exchange: async () => new ExchangeRepository(s.db, s.repo, s.clock) });
    expect(fresh.exports[sid]).toBeUndefined();
    await fresh.watch(sid);
    expect(fresh.exports[sid]?.fileName).toBe('old.json');
    expect(fresh.arrivals[sid]).toBeNull();
  });
});

describe('lost storage', () => {
  it('notices an emptied database and names the last exported file', async () => {
    const storage = new MemoryStorage();
    const before = await setup({ storage, persisted: false });
    const records = await withSample(before);
    const sid = records.strategy.id;
    await new ExchangeRepository(before.db, before.repo, before.clock).recordSent(meta({ kind: 'strategy' }, 'x1', before.clock.now()), sid, 'backup.json', records);
    await before.safety.check(await before.repo.listStrategies());
    expect(before.safety.loss).toBeNull();

    // The browser dropped the database; localStorage survived.
    const after = await setup({ storage });
    await after.safety.check(await after.repo.listStrategies());
    expect(after.safety.loss).toMatchObject({
      strategies: [{ id: sid, municipality: '関市' }],
      persisted: false,
      exports: [{ strategyId: sid, fileName: 'backup.json' }],
    });

    // Importing the file brings it back: the notice goes.
    await after.repo.addWorkbook(records);
    await after.safety.check(await after.repo.listStrategies());
    expect(after.safety.loss).toBeNull();
  });

  it('says nothing when the person deleted every strategy', async () => {
    const storage = new MemoryStorage();
    const s = await setup({ storage });
    const records = await withSample(s);
    await s.safety.check(await s.repo.listStrategies());
    await s.repo.deleteWithChildren('strategies', records.strategy.id, records.strategy.id);
    await s.safety.check(await s.repo.listStrategies());
    expect(s.safety.loss).toBeNull();
    expect(storage.map.has('senryaku-workbook:data-marker')).toBe(false);
  });

  it('forgets the marker once the notice is read', async () => {
    const storage = new MemoryStorage();
    const s = await setup({ storage });
    await withSample(s);
    await s.safety.check(await s.repo.listStrategies());
    const empty = await setup({ storage });
    await empty.safety.check([]);
    expect(empty.safety.loss).not.toBeNull();
    await empty.safety.dismissLoss();
    const again = await setup({ storage });
    await again.safety.check([]);
    expect(again.safety.loss).toBeNull();
  });
});

describe('reconnect', () => {
  it('reopens a closed database', async () => {
    const s = await setup();
    await withSample(s);
    s.db.close();
    await expect(s.repo.listStrategies()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    await s.safety.reconnect();
    expect(await s.repo.listStrategies()).toHaveLength(1);
  });
});
