// Every earlier schema version's data survives the upgrade to the current one.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { WorkbookDb, SCHEMA_V1 } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { testContext } from '../support/context';

describe('WorkbookDb upgrade', () => {
  it('keeps every record written under version 1 when opened as version 2', async () => {
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
    expect(db.verno).toBe(2);
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
});
