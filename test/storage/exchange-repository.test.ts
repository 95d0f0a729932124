// The storage side of bundle files against a real (fake-indexeddb) database: an import written in
// batches is still one transaction (all of it or nothing), the progress reaches the total, and
// what an export held is kept apart from the log and read back as the records the file held.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { ExchangeRepository } from '../../src/storage/exchange-repository';
import { BundleFlow } from '../../src/state/bundle-flow';
import { buildWorkbook } from '../../src/domain/sample/build';
import { generateStrategy } from '../support/generate';
import { parseBundle, serializeBundle, type BundleMeta } from '../../src/bundle';
import type { WorkbookRecords } from '../../src/domain/workbook';
import { testContext } from '../support/context';

let n = 0;

function setup() {
  const db = new WorkbookDb(`exchange-${++n}`);
  const ctx = testContext();
  const workbooks = new WorkbookRepository(db, () => ctx);
  const clock = { newId: () => ctx.newId(), now: () => ctx.now() };
  return { db, ctx, workbooks, clock, exchange: new ExchangeRepository(db, workbooks, clock) };
}

/** A strategy of some thousand records: several batches of every large kind. */
function generated(): WorkbookRecords {
  return buildWorkbook(generateStrategy({ goals: 3, projects: 40, kpis: 300, years: 6, seed: 11, startYear: 2020 }), testContext());
}

const count = (records: WorkbookRecords) =>
  1 + records.goals.length + records.measures.length + records.projects.length + records.kpis.length + records.kpiYears.length + records.projectYears.length + records.meetings.length + records.opinions.length;

async function stored(db: WorkbookDb) {
  const tables = [...db.recordTables, db.copies, db.syncLog];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t.name, await t.count()] as const)));
}

async function fileOf(records: WorkbookRecords) {
  const out = await serializeBundle(records, { exportId: 'x-1', exportedAt: '2026-05-20T01:00:00.000Z', exportedBy: '企画課', appVersion: '0.1.0', copyId: 'copy-1' });
  const parsed = await parseBundle(out.json);
  if (!parsed.ok) throw new Error(parsed.error.kind);
  return { out, bundle: parsed.value };
}

// Thousands of records through fake-indexeddb: slow on a busy machine, hence the long timeouts.
describe('ExchangeRepository', () => {
  it('adds a strategy from a file in batches, reporting progress up to the total', async () => {
    const { db, exchange, workbooks } = setup();
    const records = generated();
    expect(records.kpiYears.length).toBeGreaterThan(1500);
    const { bundle } = await fileOf(records);
    const progress: number[] = [];
    let total = 0;
    await exchange.importNew(bundle.records, bundle.meta, 'file.json', (done, of) => {
      progress.push(done);
      total = of;
    });
    expect(total).toBe(count(records));
    expect(progress.at(-1)).toBe(total);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(5);
    expect(await workbooks.loadWorkbook(records.strategy.id)).toEqual(records);
    expect((await stored(db))['syncLog']).toBe(1);
  }, 60_000);

  it('writes nothing at all when a batch fails, however many were written before it', async () => {
    const { db, exchange } = setup();
    const { bundle } = await fileOf(generated());
    // A record IndexedDB refuses (no key), deep in the last table written in batches.
    const broken = { ...bundle.records, projectYears: [...bundle.records.projectYears] };
    broken.projectYears.splice(broken.projectYears.length - 3, 0, { ...broken.projectYears[0]!, id: undefined as unknown as string });
    await expect(exchange.importNew(broken, bundle.meta, 'file.json')).rejects.toThrow();
    expect(Object.values(await stored(db)).every((c) => c === 0)).toBe(true);
  });

  it('applies a merge in batches in one transaction, and nothing of it when a batch fails', async () => {
    const { db, exchange, workbooks } = setup();
    const records = generated();
    await workbooks.addWorkbook(records);
    const meta = (await fileOf(records)).bundle.meta;
    const sid = records.strategy.id;
    const written = { ...emptyWritten(), kpiYears: records.kpiYears.map((y) => ({ ...y, statusNote: '確認済み' })) };
    written.kpiYears.splice(1200, 0, { ...written.kpiYears[0]!, id: undefined as unknown as string });
    await expect(exchange.applyMerge(sid, meta, 'file.json', () => written)).rejects.toThrow();
    expect(await workbooks.loadWorkbook(sid)).toEqual(records);
    expect(await db.snapshots.count()).toBe(0);

    written.kpiYears.splice(1200, 1);
    const snapshotId = await exchange.applyMerge(sid, meta, 'file.json', () => written);
    expect((await workbooks.loadWorkbook(sid))!.kpiYears.every((y) => y.statusNote === '確認済み')).toBe(true);
    await exchange.undoImport(snapshotId);
    expect(await workbooks.loadWorkbook(sid)).toEqual(records);
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.syncLog.count()).toBe(0);
  }, 60_000);

  it('keeps what a sent file held apart from the log, and reads it back as the file’s records', async () => {
    const { db, exchange } = setup();
    const records = generated();
    const { out } = await fileOf(records);
    await exchange.recordSent(out.envelope as BundleMeta, records.strategy.id, out.fileName, out.canonical);
    expect(await exchange.sentSnapshot('x-1')).toEqual(records);
    expect((await db.syncLog.get('x-1'))?.snapshot).toBeUndefined();
    expect((await exchange.history(records.strategy.id)).sent).toEqual([{ exportId: 'x-1', exportedAt: '2026-05-20T01:00:00.000Z', scope: { kind: 'strategy' }, copyId: 'copy-1' }]);
    // Records given as they are (as tests and older callers do) are kept as they are.
    await exchange.recordSent({ ...(out.envelope as BundleMeta), exportId: 'x-2' }, records.strategy.id, out.fileName, records);
    expect(await exchange.sentSnapshot('x-2')).toEqual(records);
    expect(await exchange.sentSnapshot('nothing')).toBeNull();
  });
});

describe('BundleFlow export', () => {
  it('gives the file with its size and remembers what it held for a returning file', async () => {
    const { exchange, workbooks, clock } = setup();
    const records = generated();
    records.goals[0] = { ...records.goals[0]!, title: '🌸 さくら' };
    await workbooks.addWorkbook(records);
    const flow = new BundleFlow({ workbooks, exchange, clock, editor: () => '企画課 山田', appVersion: '0.1.0' });
    const file = await flow.exportFile(records.strategy.id, { kind: 'strategy' }, null);
    expect(file.size).toBe(new TextEncoder().encode(file.text).length);
    const sent = (await exchange.history(records.strategy.id)).sent;
    expect(sent).toHaveLength(1);
    expect(await exchange.sentSnapshot(sent[0]!.exportId)).toEqual(records);
  });
});

function emptyWritten() {
  return { strategies: [], goals: [], measures: [], projects: [], kpis: [], kpiYears: [], projectYears: [], meetings: [], opinions: [] } as unknown as ReturnType<Parameters<ExchangeRepository['applyMerge']>[3]>;
}
