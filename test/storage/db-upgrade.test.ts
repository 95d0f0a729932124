// Every earlier schema version's data survives the upgrade to the current one.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { WorkbookDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../src/storage/db';
import { listSnapshots } from '../../src/safety/snapshot-list';
import { ExchangeRepository } from '../../src/storage/exchange-repository';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { testContext } from '../support/context';

describe('WorkbookDb upgrade', () => {
  it('keeps every record written under version 1 when opened as the current version', async () => {
    const name = 'upgrade-v1';
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    // Version 1 exactly as it shipped.
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.transaction('rw', v1.tables, async () => {
      await v1.table('strategies').add(records.strategy);
      for (const kind of ['goals', 'measures', 'projects', 'kpis', 'kpiYears', 'projectYears'] as const) await v1.table(kind).bulkAdd(records[kind]);
      await v1.table('settings').put({ key: 'editorName', value: '企画課 山田' });
    });
    v1.close();

    const db = new WorkbookDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    const repo = new WorkbookRepository(db, () => testContext());
    const loaded = await repo.loadWorkbook(records.strategy.id);
    expect(loaded?.strategy).toEqual(records.strategy);
    for (const kind of ['goals', 'measures', 'projects', 'kpis', 'kpiYears', 'projectYears'] as const) {
      expect(loaded?.[kind].map((r) => r.id).sort()).toEqual(records[kind].map((r) => r.id).sort());
    }
    expect(loaded?.kpiYears.find((y) => y.actual?.remark === 'コロナのため中止')).toBeDefined();
    expect(loaded?.meetings).toEqual([]);
    expect(loaded?.opinions).toEqual([]);
    expect((await db.settings.get('editorName'))?.value).toBe('企画課 山田');
    // The new tables work.
    await db.snapshots.add({ id: 's1', strategyId: records.strategy.id, createdAt: '2026-01-01T00:00:00Z', reason: 'auto', label: '', records: loaded! });
    expect(await db.snapshots.count()).toBe(1);
    db.close();
  });

  it('moves the records of sent files out of version 2 log rows, and still finds them', async () => {
    const name = 'upgrade-v2';
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    const sid = records.strategy.id;
    const row = (id: string, direction: 'sent' | 'received', snapshot: unknown) => ({
      id,
      strategyId: sid,
      direction,
      exportedAt: '2026-05-01T00:00:00.000Z',
      scope: { kind: 'strategy' },
      copyId: 'copy-1',
      fileName: `${id}.json`,
      loggedAt: '2026-05-01T00:00:01.000Z',
      snapshot,
    });
    // Version 2 exactly as it shipped: the sent file's records in its log row.
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.table('syncLog').bulkAdd([row('sent-1', 'sent', records), row('received-1', 'received', null)]);
    v2.close();

    const db = new WorkbookDb(name);
    await db.open();
    const exchange = new ExchangeRepository(db, new WorkbookRepository(db, () => testContext()), { newId: () => 'id', now: () => '2026-06-01T00:00:00.000Z' });
    expect(await exchange.sentSnapshot('sent-1')).toEqual(records);
    expect(await exchange.sentSnapshot('received-1')).toBeNull();
    // The log rows no longer carry whole strategies; what the merge needs of them is unchanged.
    expect((await db.syncLog.get('sent-1'))?.snapshot).toBeUndefined();
    expect(await exchange.history(sid)).toEqual({
      sent: [{ exportId: 'sent-1', exportedAt: '2026-05-01T00:00:00.000Z', scope: { kind: 'strategy' }, copyId: 'copy-1' }],
      received: [{ exportId: 'received-1', exportedAt: '2026-05-01T00:00:00.000Z', scope: { kind: 'strategy' }, copyId: 'copy-1', takenAt: '2026-05-01T00:00:01.000Z' }],
    });
    db.close();
  });

  it('lists and restores snapshots written with their records (before Blob payloads)', async () => {
    const name = 'snapshot-records-rows';
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    const sid = records.strategy.id;
    // A version 3 database as it shipped: a snapshot row carrying the records themselves.
    const v3 = new Dexie(name);
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    await v3.table('snapshots').add({ id: 'old-1', strategyId: sid, createdAt: '2026-05-01T00:00:00.000Z', reason: 'auto', label: '', records });
    v3.close();

    const db = new WorkbookDb(name);
    const repo = new WorkbookRepository(db, () => testContext());
    await repo.addWorkbook({ ...records, goals: records.goals.slice(0, 1) });
    const [item] = await listSnapshots(db, sid);
    expect(item).toMatchObject({ id: 'old-1', strategyName: '関市 第2期関市まち・ひと・しごと創生総合戦略', counts: { goals: 4, projects: 10, kpis: 10 } });
    expect(item!.bytes).toBe(new TextEncoder().encode(JSON.stringify(records)).length);

    const exchange = new ExchangeRepository(db, repo, { newId: () => 'undo-1', now: () => '2026-06-01T00:00:00.000Z' });
    await exchange.restoreSnapshot('old-1');
    expect((await repo.loadWorkbook(sid))!.goals.map((g) => g.id)).toEqual(records.goals.map((g) => g.id).sort());
    // The state it replaced is kept the new way: a Blob and a summary.
    const undo = await db.snapshots.get('undo-1');
    expect(undo!.payload).toBeInstanceOf(Blob);
    expect(undo!.records).toBeUndefined();
    expect(undo!.summary!.counts.goals).toBe(1);
    db.close();
  });
});
