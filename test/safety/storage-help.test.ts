// When the device is full: what the help counts, and that each way of freeing room removes
// exactly what it says, in one transaction, leaving every other strategy whole.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { packSnapshot } from '../../src/storage/snapshot-payload';
import { deleteOldSnapshots, removeStrategyFromDevice, snapshotUse } from '../../src/safety/storage-help';
import { keptKey } from '../../src/storage/kept-dashboard';
import { testContext } from '../support/context';

let n = 0;
async function setup() {
  const db = new WorkbookDb(`storage-help-${++n}`);
  const ctx = testContext();
  const repo = new WorkbookRepository(db, () => ctx);
  const a = buildWorkbook(SEKI_SAMPLE, ctx);
  const b = buildWorkbook(SEKI_SAMPLE, ctx);
  await repo.addWorkbook(a);
  await repo.addWorkbook(b);
  const snap = async (id: string, strategyId: string, at: string, records = a) =>
    db.snapshots.add({ id, strategyId, createdAt: at, reason: 'auto', label: '', ...packSnapshot(records) });
  for (let i = 1; i <= 4; i++) await snap(`a${i}`, a.strategy.id, `2026-04-0${i}T00:00:00Z`);
  for (let i = 1; i <= 2; i++) await snap(`b${i}`, b.strategy.id, `2026-04-0${i}T00:00:00Z`, b);
  return { db, repo, a, b };
}

describe('storage help', () => {
  it('counts the snapshots and what deleting the old ones frees', async () => {
    const { db } = await setup();
    const use = await snapshotUse(db);
    const one = packSnapshot(buildWorkbook(SEKI_SAMPLE, testContext())).summary.bytes;
    expect(use.count).toBe(6);
    expect(use.oldCount).toBe(4);
    expect(use.bytes).toBeGreaterThan(5 * one);
    expect(use.oldBytes).toBeGreaterThan(3 * one);
  });

  it('deletes every snapshot but the newest of each strategy', async () => {
    const { db, a, b } = await setup();
    const freed = await deleteOldSnapshots(db);
    expect(freed.count).toBe(4);
    const left = await db.snapshots.toArray();
    expect(left.map((s) => s.id).sort()).toEqual(['a4', 'b2']);
    expect((await snapshotUse(db)).oldCount).toBe(0);
    // The strategies themselves are untouched.
    expect(await db.goals.where('strategyId').equals(a.strategy.id).count()).toBe(a.goals.length);
    expect(await db.goals.where('strategyId').equals(b.strategy.id).count()).toBe(b.goals.length);
  });

  it('removes one strategy from the device altogether, and only that one', async () => {
    const { db, repo, a, b } = await setup();
    await db.settings.bulkPut([{ key: keptKey(a.strategy.id), value: { head: 'a' } }, { key: keptKey(b.strategy.id), value: { head: 'b' } }]);
    await removeStrategyFromDevice(db, a.strategy.id);
    // Its kept dashboard head goes with it; the other strategy's stays.
    expect(await db.settings.get(keptKey(a.strategy.id))).toBeUndefined();
    expect(await db.settings.get(keptKey(b.strategy.id))).toEqual({ key: keptKey(b.strategy.id), value: { head: 'b' } });
    for (const table of db.recordTables) {
      if (table === db.strategies) continue;
      expect(await table.where('strategyId').equals(a.strategy.id).count(), table.name).toBe(0);
    }
    expect(await db.strategies.get(a.strategy.id)).toBeUndefined();
    expect(await db.snapshots.where('strategyId').equals(a.strategy.id).count()).toBe(0);
    expect(await db.snapshots.where('strategyId').equals(b.strategy.id).count()).toBe(2);
    expect(await repo.loadWorkbook(b.strategy.id)).toEqual(b);
  });

  it('removes nothing when the removal fails part way (one transaction)', async () => {
    const { db, a } = await setup();
    const before = await db.kpiYears.where('strategyId').equals(a.strategy.id).count();
    // Make the last table's delete fail inside the transaction.
    const original = db.copies.where.bind(db.copies);
    db.copies.where = (() => {
      throw new Error('disk error');
    }) as never;
    await expect(removeStrategyFromDevice(db, a.strategy.id)).rejects.toThrow('disk error');
    db.copies.where = original;
    expect(await db.strategies.get(a.strategy.id)).toBeDefined();
    expect(await db.kpiYears.where('strategyId').equals(a.strategy.id).count()).toBe(before);
    expect(await db.snapshots.where('strategyId').equals(a.strategy.id).count()).toBe(4);
  });
});
