// Where a browser cannot keep Blobs in IndexedDB (WebKit's private browsing; WebKitGTK's automation
// mode), snapshots and what a sent file held are kept as text and read back the same: an export,
// an import with its snapshot, and the undo of that import all work there.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { ExchangeRepository } from '../../src/storage/exchange-repository';
import { packSnapshot, unpackSnapshot } from '../../src/storage/snapshot-payload';
import { probeBlobStorage, setBlobsStorableForTest, storableBlob } from '../../src/storage/blob-storage';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { serializeBundle, type BundleMeta } from '../../src/bundle';
import { testContext } from '../support/context';

afterEach(() => setBlobsStorableForTest(undefined));

const sample = () => buildWorkbook(structuredClone(SEKI_SAMPLE), testContext());

describe('blob storage', () => {
  it('the probe answers from a trial write and removes its database', async () => {
    setBlobsStorableForTest(undefined);
    const ok = await probeBlobStorage();
    expect(typeof ok).toBe('boolean');
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain('blob-storage-probe');
  });

  it('a probe whose trial write fails says no', async () => {
    setBlobsStorableForTest(undefined);
    // A factory whose store refuses the Blob as WebKit's ephemeral session does.
    const refusing = {
      open: (name: string, version: number) => {
        const request = indexedDB.open(name, version);
        request.addEventListener('success', () => {
          const db = request.result;
          const transaction = db.transaction.bind(db);
          db.transaction = ((stores: string, mode: IDBTransactionMode) => {
            const tx = transaction(stores, mode);
            const store = tx.objectStore.bind(tx);
            tx.objectStore = ((n: string) => {
              const s = store(n);
              s.put = () => {
                queueMicrotask(() => tx.abort());
                return {} as IDBRequest;
              };
              return s;
            }) as typeof tx.objectStore;
            return tx;
          }) as typeof db.transaction;
        });
        return request;
      },
      deleteDatabase: (name: string) => indexedDB.deleteDatabase(name),
    } as unknown as IDBFactory;
    expect(await probeBlobStorage(refusing)).toBe(false);
    expect(await storableBlob(new Blob(['{"a":1}']))).toBe('{"a":1}');
  });

  it('snapshots are packed as text and read back as the same records', async () => {
    setBlobsStorableForTest(false);
    const records = sample();
    const packed = packSnapshot(records);
    expect(typeof packed.payload).toBe('string');
    expect(packed.summary.bytes).toBe(new TextEncoder().encode(packed.payload as string).length);
    expect(await unpackSnapshot(packed)).toEqual(records);
    setBlobsStorableForTest(true);
    expect(packSnapshot(records).payload).toBeInstanceOf(Blob);
  });

  it('without Blobs: a sent file is kept as text; an import snapshot is kept as text and its undo restores', async () => {
    setBlobsStorableForTest(false);
    const db = new WorkbookDb('blob-storage-text');
    const ctx = testContext();
    const workbooks = new WorkbookRepository(db, () => ctx);
    const exchange = new ExchangeRepository(db, workbooks, { newId: () => ctx.newId(), now: () => ctx.now() });
    const records = sample();
    await workbooks.addWorkbook(records);

    const out = await serializeBundle(records, { exportId: 'x-1', exportedAt: '2026-05-20T01:00:00.000Z', exportedBy: '企画課', appVersion: '0.1.0', copyId: 'copy-1' });
    await exchange.recordSent(out.envelope as BundleMeta, records.strategy.id, out.fileName, out.canonical);
    expect(typeof (await db.sentSnapshots.get('x-1'))?.canonical).toBe('string');
    expect(await exchange.sentSnapshot('x-1')).toEqual(records);

    const changed = structuredClone(records.kpiYears.slice(0, 1)).map((y) => ({ ...y, statusNote: '確認済み' }));
    const written = { strategies: [], goals: [], measures: [], projects: [], kpis: [], kpiYears: changed, projectYears: [], meetings: [], opinions: [] } as unknown as ReturnType<Parameters<ExchangeRepository['applyMerge']>[3]>;
    const snapshotId = await exchange.applyMerge(records.strategy.id, out.envelope as BundleMeta, 'file.json', () => written);
    expect(typeof (await db.snapshots.get(snapshotId))?.payload).toBe('string');
    await exchange.restoreSnapshot(snapshotId);
    expect(await workbooks.loadWorkbook(records.strategy.id)).toEqual(records);
    db.close();
  });
});
