// The dashboard's head kept with a strategy (storage/kept-dashboard.ts, storage/compute-kept.ts) is
// never shown once the records changed:
// - every way Dexie writes a record changes the write mark, in the write's own transaction (and an
//   aborted write changes neither): a new mark, or none for a write that only deletes (a put needs
//   room, a deletion on a full device must not), under which nothing is kept or shown; writes to
//   other tables leave it;
// - a head computed and kept is read back as the records' head, and not for another build, another
//   strategy, another schema, nor after any record write;
// - a keep whose marks went stale keeps nothing;
// - a build that writes without marks (an older one, simulated by raw IndexedDB writes after it took
//   the database over) makes the kept head unreadable, also after this build takes it back;
// - property: under random writes, computes, keeps, foreign take-overs and take-backs, a kept head
//   read back is always the head of the records as they are now.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkbookDb, type SyncLogRow } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { computeKept, headOf, type ComputedKept } from '../../src/storage/compute-kept';
import { keptKey, readKept, WRITE_MARK_KEY, type KeptRow } from '../../src/storage/kept-dashboard';
import { keepDashboard } from '../../src/storage/keep-dashboard';
import { readWorkbookPart } from '../../src/storage/read-workbook';
import { OPENED_BY_KEY, WriteGate, type OpenedBy } from '../../src/storage/write-gate';
import { RECORD_KINDS, type RecordKind, type WorkbookRecords } from '../../src/domain/workbook';
import { kpiDefaults } from '../../src/domain/entities/kpi';
import { measureDefaults, type Measure } from '../../src/domain/entities/measure';
import { createRecord } from '../../src/domain/records';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { addMeeting, sample } from '../bundle/helpers';
import { testContext } from '../support/context';

const BUILD = 'build-A';
const FC_RUNS = Number(process.env['FC_RUNS'] ?? 1);

let databases = 0;
let pages = 0;

/** A page of build `build` (its own write gate, as each page of the app has) on database `name`. */
async function page(name: string, build: string | null = BUILD) {
  const gate = new WriteGate();
  gate.build = build;
  gate.appVersion = '0.1.0';
  const db = new WorkbookDb(name, undefined, gate);
  await db.open();
  // Ids of its own, apart from the sample's (built with another test context).
  const ctx = testContext();
  let ids = 0;
  ctx.newId = () => `${name}-page${++pages}-${++ids}`;
  return { gate, db, raw: db.backendDB(), repo: new WorkbookRepository(db, () => ctx), ctx };
}

/** A new database with the 関市 sample, a meeting with opinions and a measure: every record table has rows. */
async function setUp(build: string | null = BUILD) {
  const name = `kept-${++databases}`;
  const p = await page(name, build);
  const { records, ctx } = sample();
  addMeeting(records, ctx);
  records.measures.push(createRecord<Measure>(ctx, records.strategy.id, { ...measureDefaults(records.goals[0]!.id, null, 0), title: '施策1' }));
  await p.repo.addWorkbook(records);
  return { ...p, name, records, sid: records.strategy.id };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/** A settings row's value, read raw. */
async function rawSetting(raw: IDBDatabase, key: string): Promise<unknown> {
  const row = (await request(raw.transaction('settings', 'readonly').objectStore('settings').get(key))) as { value?: unknown } | undefined;
  return row?.value;
}

const rawMark = (raw: IDBDatabase) => rawSetting(raw, WRITE_MARK_KEY);

/** Every row of a store, read raw, as text. */
async function rawAll(raw: IDBDatabase, store: string): Promise<string> {
  return JSON.stringify(await request(raw.transaction(store, 'readonly').objectStore(store).getAll()));
}

/** Puts rows raw, in one transaction over `stores` (no Dexie: no middleware, no mark). */
async function rawPut(raw: IDBDatabase, puts: { store: string; value: unknown }[]): Promise<void> {
  const stores = [...new Set(puts.map((p) => p.store))];
  const tx = raw.transaction(stores, 'readwrite');
  for (const p of puts) tx.objectStore(p.store).put(p.value);
  await done(tx);
}

/** A row of `store` read raw (as stored: compact stamps), changed by `change`, put back raw. */
async function rawChange(raw: IDBDatabase, store: string, id: string, change: (row: Record<string, unknown>) => void): Promise<void> {
  const tx = raw.transaction(store, 'readwrite');
  const row = (await request(tx.objectStore(store).get(id))) as Record<string, unknown>;
  change(row);
  tx.objectStore(store).put(row);
  await done(tx);
}

let foreignTakeOvers = 0;

/** An older build takes the database over (it names itself in `openedBy`, raw). */
async function foreignTakeOver(raw: IDBDatabase): Promise<void> {
  const value: OpenedBy = { build: 'build-old', appVersion: '0.0.9', schema: 3, at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ++foreignTakeOvers)).toISOString() };
  await rawPut(raw, [{ store: 'settings', value: { key: OPENED_BY_KEY, value } }]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rowsOf = (records: WorkbookRecords, kind: RecordKind): Record<string, unknown>[] =>
  (kind === 'strategies' ? [records.strategy] : records[kind]) as unknown as Record<string, unknown>[];

/** The strategy's records as they are now, read through Dexie (the oracle's read, apart from computeKept's). */
async function current(repo: WorkbookRepository, sid: string): Promise<WorkbookRecords> {
  const records = await repo.loadWorkbook(sid);
  if (!records) throw new Error('strategy not there');
  return records;
}

describe('every write to a record changes the write mark, in its own transaction', () => {
  /** Writes that only delete records take the mark away (a put needs room; a deletion must not). */
  const ONLY_DELETES = new Set(['delete', 'bulkDelete', 'clear', 'where().delete']);
  type Table = WorkbookDb['kpis'];
  const VICTIM_SID = 'victim-strategy';
  let unique = 0;
  /** Ways of writing, each on rows `v-1`…`v-3` (strategy `victim-strategy`, or themselves strategies). */
  const METHODS: Record<string, (t: Table, kind: RecordKind, v: (i: number) => Record<string, unknown>) => Promise<unknown>> = {
    put: (t, _k, v) => t.put({ ...v(1), updatedBy: `u${++unique}` } as never),
    add: (t, _k, v) => t.add({ ...v(1), id: `new-${++unique}` } as never),
    bulkPut: (t, _k, v) => t.bulkPut([{ ...v(1), updatedBy: `u${++unique}` }, { ...v(2), updatedBy: `u${++unique}` }] as never),
    bulkAdd: (t, _k, v) => t.bulkAdd([{ ...v(1), id: `new-${++unique}` }, { ...v(2), id: `new-${++unique}` }] as never),
    update: (t, _k, v) => t.update(v(1)['id'] as string, { updatedBy: `u${++unique}` }),
    delete: (t, _k, v) => t.delete(v(1)['id'] as string),
    bulkDelete: (t, _k, v) => t.bulkDelete([v(1)['id'] as string, v(2)['id'] as string]),
    clear: (t) => t.clear(),
    'where().modify': (t, kind) => victims(t, kind).modify({ updatedBy: `u${++unique}` }),
    'where().delete': (t, kind) => victims(t, kind).delete(),
  };
  const victimIds = ['v-1', 'v-2', 'v-3'];
  const victims = (t: Table, kind: RecordKind) => (kind === 'strategies' ? t.where('id').anyOf(victimIds) : t.where('strategyId').equals(VICTIM_SID));

  const cases = RECORD_KINDS.flatMap((kind) => Object.keys(METHODS).map((method) => [kind, method] as const));

  it.each(cases)('%s: %s', async (kind, method) => {
    const { db, raw, records } = await setUp();
    // A row as stored (compact stamps): rows put raw in another shape would be repaired, a write.
    const template = (await request(raw.transaction(kind, 'readonly').objectStore(kind).get(rowsOf(records, kind)[0]!['id'] as string))) as Record<string, unknown>;
    expect(template).toMatchObject({ id: expect.any(String), stamps: expect.anything() });
    const v = (i: number) => ({ ...template, id: `v-${i}`, strategyId: kind === 'strategies' ? `v-${i}` : VICTIM_SID });
    /** Puts the victims back as they were, and a mark of the test's own (raw: no middleware). */
    const reseed = () => rawPut(raw, [...[1, 2, 3].map((i) => ({ store: kind, value: v(i) })), { store: 'settings', value: { key: WRITE_MARK_KEY, value: `seeded-${++unique}` } }]);
    /** After the write: a new mark, or none for a write that only deletes. */
    const changed = (mark: unknown, before: unknown) => {
      expect(mark).not.toEqual(before);
      if (ONLY_DELETES.has(method)) expect(mark).toBeUndefined();
      else expect(typeof mark).toBe('string');
    };
    const table = db.table(kind) as Table;
    const op = () => METHODS[method]!(table, kind, v);

    // On its own (Dexie's own transaction, which names only the record table).
    await reseed();
    let before = await rawMark(raw);
    let rows = await rawAll(raw, kind);
    await op();
    expect(await rawAll(raw, kind)).not.toBe(rows);
    changed(await rawMark(raw), before);

    // In a transaction that reads the mark: changed there already, before the commit.
    await reseed();
    before = await rawMark(raw);
    rows = await rawAll(raw, kind);
    let inside: unknown;
    await db.transaction('rw', [table, db.settings], async () => {
      expect((await db.settings.get(WRITE_MARK_KEY))?.value).toEqual(before);
      await op();
      inside = (await db.settings.get(WRITE_MARK_KEY))?.value;
    });
    changed(inside, before);
    expect(await rawMark(raw)).toEqual(inside);
    expect(await rawAll(raw, kind)).not.toBe(rows);

    // In a transaction that then fails: neither the record nor the mark changed.
    await reseed();
    before = await rawMark(raw);
    rows = await rawAll(raw, kind);
    await expect(
      db.transaction('rw', table, async () => {
        await op();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await rawMark(raw)).toEqual(before);
    expect(await rawAll(raw, kind)).toBe(rows);
    db.close();
  });

  it.each(RECORD_KINDS)('%s: marked also on a page without a build (whose write gate widens no transaction)', async (kind) => {
    const { db, raw, records } = await setUp(null);
    const table = db.table(kind) as Table;
    const row = rowsOf(records, kind)[0]!;
    let before = await rawMark(raw);
    expect(typeof before).toBe('string');
    await db.transaction('rw', table, async () => {
      await table.update(row['id'] as string, { updatedBy: `u${++unique}` });
    });
    expect(await rawMark(raw)).not.toEqual(before);
    before = await rawMark(raw);
    await table.where(':id').equals(row['id'] as string).modify({ updatedBy: `u${++unique}` });
    expect(await rawMark(raw)).not.toEqual(before);
    db.close();
  });

  it('a record write that fails aborts its transaction: the mark stays as it was', async () => {
    const { db, raw, records } = await setUp();
    const before = await rawMark(raw);
    const goals = await rawAll(raw, 'goals');
    // The second write's key is taken: the transaction fails, and the first write with it.
    await expect(
      db.transaction('rw', db.goals, async () => {
        await db.goals.put({ ...records.goals[0]!, title: '変えた' });
        await db.goals.add(records.goals[1]!);
      }),
    ).rejects.toThrow();
    expect(await rawMark(raw)).toEqual(before);
    expect(await rawAll(raw, 'goals')).toBe(goals);
    // A bulkAdd that partly fails keeps what it added (Dexie's bulk semantics): marked too.
    await expect(db.goals.bulkAdd([{ ...records.goals[0]!, id: 'fresh-goal' }, records.goals[1]!])).rejects.toThrow();
    expect(await rawAll(raw, 'goals')).not.toBe(goals);
    expect(await rawMark(raw)).not.toEqual(before);
    db.close();
  });

  it('a transaction that deletes records and then puts one leaves a new mark; deleting only, none, and no head is read under none', async () => {
    const { db, raw, records, sid } = await setUp();
    const before = await rawMark(raw);
    await db.transaction('rw', [db.kpiYears, db.goals], async () => {
      await db.kpiYears.delete(records.kpiYears[0]!.id);
      await db.goals.update(records.goals[0]!.id, { title: '消して、書いた' });
    });
    const after = await rawMark(raw);
    expect(typeof after).toBe('string');
    expect(after).not.toEqual(before);
    // A head computed and kept now is read back; after a write that only deletes, it is not, and
    // nothing computed while there is no mark is kept.
    const kept = (await computeKept(raw, sid))!;
    expect(await keepDashboard(db, sid, kept)).toBe(true);
    expect(await readKept(raw, sid, BUILD)).not.toBeNull();
    await db.kpiYears.delete(records.kpiYears[1]!.id);
    expect(await rawMark(raw)).toBeUndefined();
    expect(await readKept(raw, sid, BUILD)).toBeNull();
    const unmarked = (await computeKept(raw, sid))!;
    expect(unmarked.marks.write).toBeNull();
    expect(await keepDashboard(db, sid, unmarked)).toBe(false);
    expect(await readKept(raw, sid, BUILD)).toBeNull();
    db.close();
  });

  it('writes to other tables than the records leave the mark', async () => {
    const { db, raw, records, sid } = await setUp();
    const before = await rawMark(raw);
    expect(typeof before).toBe('string'); // the sample's addWorkbook marked
    await db.settings.put({ key: 'lastOpened', value: sid });
    await db.settings.bulkPut([{ key: 'a', value: 1 }, { key: 'b', value: 2 }]);
    await db.settings.delete('a');
    const log: SyncLogRow = {
      id: 'export-1',
      strategyId: sid,
      direction: 'sent',
      exportedAt: '2026-05-01T00:00:00.000Z',
      scope: { kind: 'strategy' },
      copyId: 'copy-1',
      fileName: 'f.json',
      loggedAt: '2026-05-01T00:00:00.000Z',
    };
    await db.syncLog.put(log);
    await db.copies.put({ strategyId: sid, copyId: 'copy-1', createdFromScope: null });
    // A read-write transaction over record tables that only reads them, and writes settings.
    await db.transaction('rw', [db.goals, db.kpis, db.settings], async () => {
      await db.goals.toArray();
      await db.kpis.get(records.kpis[0]!.id);
      await db.settings.put({ key: 'c', value: 3 });
    });
    // Reads.
    await db.transaction('r', db.recordTables, async () => {
      await db.goals.toArray();
    });
    expect(await rawMark(raw)).toEqual(before);
    db.close();
  });

  it('a transaction with several record writes changes it; each write transaction leaves a new mark', async () => {
    const { db, raw, repo, records, sid } = await setUp();
    const seen = new Set([await rawMark(raw)]);
    await db.transaction('rw', [db.goals, db.kpis, db.kpiYears], async () => {
      await db.goals.update(records.goals[0]!.id, { title: '一' });
      await db.kpis.update(records.kpis[0]!.id, { name: '二' });
      await db.kpiYears.delete(records.kpiYears[0]!.id);
      await db.goals.update(records.goals[1]!.id, { title: '三' });
    });
    expect(seen.has(await rawMark(raw))).toBe(false);
    seen.add(await rawMark(raw));
    // Through the repository, too: each write leaves a mark never seen before.
    await repo.update('goals', records.goals[2]!.id, { title: '四' });
    expect(seen.has(await rawMark(raw))).toBe(false);
    seen.add(await rawMark(raw));
    await repo.upsertKpiYear(sid, records.kpis[1]!.id, 2021, { actual: { value: 12345 } });
    expect(seen.has(await rawMark(raw))).toBe(false);
    seen.add(await rawMark(raw));
    await repo.deleteWithChildren('projects', records.projects[0]!.id, sid);
    expect(seen.has(await rawMark(raw))).toBe(false);
    db.close();
  });
});

describe('computeKept, keepDashboard, readKept', () => {
  it('reads back the head of the records as they are, for this build, strategy and schema only', async () => {
    const { db, raw, repo, sid, ctx } = await setUp();
    // A second strategy, with its own ids.
    const other = buildWorkbook(SEKI_SAMPLE, { ...ctx, newId: (() => { let n = 0; return () => `other-${++n}`; })() });
    await repo.addWorkbook(other);
    expect(other.strategy.id).not.toBe(sid);

    expect(await readKept(raw, sid, BUILD)).toBeNull();
    const computed = await computeKept(raw, sid);
    const computedOther = await computeKept(raw, other.strategy.id);
    expect(computed).toBeDefined();
    expect(computedOther).toBeDefined();
    expect(computed!.head).toEqual(headOf(await current(repo, sid)));
    expect(computed!.head).toEqual(headOf((await readWorkbookPart(raw, sid, 'all')) as WorkbookRecords));
    expect(computed!.head).not.toEqual(computedOther!.head);
    expect(computed!.schema).toBe(raw.version);

    expect(await keepDashboard(db, sid, computed!)).toBe(true);
    expect(await keepDashboard(db, other.strategy.id, computedOther!)).toBe(true);
    expect(await readKept(raw, sid, BUILD)).toEqual(headOf(await current(repo, sid)));
    expect(await readKept(raw, other.strategy.id, BUILD)).toEqual(headOf(await current(repo, other.strategy.id)));
    // Another build, another strategy, no build.
    expect(await readKept(raw, sid, 'build-B')).toBeNull();
    expect(await readKept(raw, 'no-such-strategy', BUILD)).toBeNull();
    expect(await readKept(raw, sid, '')).toBeNull();
    expect(await computeKept(raw, 'no-such-strategy')).toBeUndefined();

    // Writes to settings do not make it stale; a kept head from another schema is not shown.
    await db.settings.put({ key: 'lastOpened', value: sid });
    expect(await readKept(raw, sid, BUILD)).toEqual(computed!.head);
    const row = (await db.settings.get(keptKey(sid)))!.value as KeptRow;
    expect(row).toMatchObject({ strategyId: sid, build: BUILD, schema: raw.version, marks: computed!.marks });
    await db.settings.put({ key: keptKey(sid), value: { ...row, schema: row.schema - 1 } });
    expect(await readKept(raw, sid, BUILD)).toBeNull();
    // A row kept under the other strategy's key is not this one's.
    await db.settings.put({ key: keptKey(sid), value: { ...row, strategyId: other.strategy.id } });
    expect(await readKept(raw, sid, BUILD)).toBeNull();
    await db.settings.put({ key: keptKey(sid), value: row });
    expect(await readKept(raw, sid, BUILD)).toEqual(computed!.head);
    db.close();
  });

  const WRITES: [string, (e: Awaited<ReturnType<typeof setUp>>) => Promise<unknown>][] = [
    ['a kpiYear actual (repository)', ({ repo, sid, records }) => repo.upsertKpiYear(sid, records.kpiYears[0]!.kpiId, records.kpiYears[0]!.fiscalYear, { actual: { value: 987654 } })],
    ['a goal renamed (repository)', ({ repo, records }) => repo.update('goals', records.goals[0]!.id, { title: '改名' })],
    ['a KPI added (repository)', ({ repo, sid, records }) => repo.create('kpis', sid, { ...kpiDefaults(records.goals[0]!.id, null, 99), name: '新KPI' })],
    ['a project deleted (repository)', ({ repo, sid, records }) => repo.deleteWithChildren('projects', records.projects[0]!.id, sid)],
    ['an opinion changed (table)', ({ db, records }) => db.opinions.update(records.opinions[0]!.id, { text: '別の意見' })],
    ['a meeting deleted (table)', ({ db, records }) => db.meetings.delete(records.meetings[0]!.id)],
    ['kpis modified (collection)', ({ db, sid }) => db.kpis.where('strategyId').equals(sid).modify({ note: 'x' })],
    ['projectYears cleared (table)', ({ db }) => db.projectYears.clear()],
    ['the strategy renamed (table)', ({ db, sid }) => db.strategies.update(sid, { name: '別名' })],
    ['a record of another strategy (table)', ({ db, records }) => db.goals.put({ ...records.goals[0]!, id: 'elsewhere', strategyId: 'elsewhere' })],
  ];

  it.each(WRITES)('is not read back after a record write: %s', async (what, write) => {
    const env = await setUp();
    const { db, raw, sid } = env;
    expect(await keepDashboard(db, sid, (await computeKept(raw, sid))!)).toBe(true);
    expect(await readKept(raw, sid, BUILD)).not.toBeNull();
    await write(env);
    expect(await readKept(raw, sid, BUILD)).toBeNull();
    const again = (await computeKept(raw, sid))!;
    if (/deleted \(table\)|cleared/.test(what)) {
      // A write that only deletes takes the mark away: nothing is kept until a write puts one.
      expect(again.marks.write).toBeNull();
      expect(await keepDashboard(db, sid, again)).toBe(false);
      expect(await readKept(raw, sid, BUILD)).toBeNull();
    } else {
      // Computed and kept again, it is the new head.
      expect(await keepDashboard(db, sid, again)).toBe(true);
      expect(await readKept(raw, sid, BUILD)).toEqual(headOf(await current(env.repo, sid)));
    }
    db.close();
  });

  it('goes with its strategy when the strategy is deleted, in the same transaction; another strategy keeps its own', async () => {
    const { db, raw, repo, sid, ctx } = await setUp();
    const other = buildWorkbook(SEKI_SAMPLE, { ...ctx, newId: (() => { let n = 0; return () => `other-${++n}`; })() });
    await repo.addWorkbook(other);
    expect(await keepDashboard(db, sid, (await computeKept(raw, sid))!)).toBe(true);
    expect(await keepDashboard(db, other.strategy.id, (await computeKept(raw, other.strategy.id))!)).toBe(true);
    // A deletion that fails leaves the row as it was.
    await expect(repo.deleteWithChildren('strategies', 'no-such-strategy', 'no-such-strategy')).rejects.toThrow();
    expect(await db.settings.get(keptKey(sid))).toBeDefined();
    await repo.deleteWithChildren('strategies', sid, sid);
    expect(await db.settings.get(keptKey(sid))).toBeUndefined();
    expect(await db.settings.get(keptKey(other.strategy.id))).toBeDefined();
    // Deleting a part of a strategy leaves its row (made stale by the mark, kept again later).
    await repo.deleteWithChildren('projects', other.projects[0]!.id, other.strategy.id);
    expect(await db.settings.get(keptKey(other.strategy.id))).toBeDefined();
    db.close();
  });

  /** Writes that change the head (so that a head of the wrong state is told apart). */
  const HEAD_WRITES = WRITES.filter(([what]) => /goal renamed|KPI added|project deleted|strategy renamed/.test(what));
  it('has writes that change the head', () => expect(HEAD_WRITES).toHaveLength(4));

  it.each(HEAD_WRITES)('computed while a record write runs (%s): the head of one state, under that state\'s marks', async (_, write) => {
    const env = await setUp();
    const { db, raw, repo, sid } = env;
    const before = headOf(await current(repo, sid));
    const markBefore = await rawMark(raw);
    const [computed] = await Promise.all([computeKept(raw, sid), write(env)]);
    const after = headOf(await current(repo, sid));
    expect(after).not.toEqual(before); // each of these writes changes the head
    const markAfter = await rawMark(raw);
    expect(markAfter).not.toEqual(markBefore);
    // Either before the write or after it, never records of one and marks of the other.
    expect(computed!.head).toEqual(computed!.marks.write === markBefore ? before : computed!.marks.write === markAfter ? after : 'marks of neither state');
    expect(await keepDashboard(db, sid, computed!)).toBe(computed!.marks.write === markAfter);
    const read = await readKept(raw, sid, BUILD);
    if (read !== null) expect(read).toEqual(after);
    db.close();
  });

  it('keeps nothing without a build', async () => {
    const { db, raw, sid } = await setUp(null);
    expect(await keepDashboard(db, sid, (await computeKept(raw, sid))!)).toBe(false);
    expect(await db.settings.get(keptKey(sid))).toBeUndefined();
    db.close();
  });
});

describe('a keep whose marks went stale', () => {
  it('keeps nothing when a record was written between computing and keeping', async () => {
    const { db, raw, repo, sid, records } = await setUp();
    const computed = (await computeKept(raw, sid))!;
    await repo.update('goals', records.goals[0]!.id, { title: '途中で変わった' });
    expect(await keepDashboard(db, sid, computed)).toBe(false);
    expect(await db.settings.get(keptKey(sid))).toBeUndefined();
    expect(await readKept(raw, sid, BUILD)).toBeNull();
    db.close();
  });

  it('leaves the row kept before as it was, and that one unreadable; a later keep of an older result does not replace a newer one', async () => {
    const { db, raw, repo, sid, records } = await setUp();
    const c1 = (await computeKept(raw, sid))!;
    expect(await keepDashboard(db, sid, c1)).toBe(true);
    const c2 = (await computeKept(raw, sid))!; // same marks as c1
    await repo.upsertKpiYear(sid, records.kpiYears[0]!.kpiId, records.kpiYears[0]!.fiscalYear, { actual: { value: 4242 } });
    expect(await keepDashboard(db, sid, c2)).toBe(false);
    expect(((await db.settings.get(keptKey(sid)))!.value as KeptRow).marks).toEqual(c1.marks);
    expect(await readKept(raw, sid, BUILD)).toBeNull();

    const c3 = (await computeKept(raw, sid))!;
    expect(await keepDashboard(db, sid, c3)).toBe(true);
    expect(await keepDashboard(db, sid, c1)).toBe(false);
    expect(await readKept(raw, sid, BUILD)).toEqual(c3.head);
    expect(c3.head).toEqual(headOf(await current(repo, sid)));
    db.close();
  });

  it('keeps nothing when another build took the database over between computing and keeping', async () => {
    const { db, raw, sid } = await setUp();
    const computed = (await computeKept(raw, sid))!;
    await foreignTakeOver(raw);
    expect(await keepDashboard(db, sid, computed)).toBe(false);
    expect(await readKept(raw, sid, BUILD)).toBeNull();
    db.close();
  });
});

describe('a build that writes without marks', () => {
  for (const takeBack of ['a put of openedBy', 'a new page of this build opening'] as const) {
    it(`took the database over and wrote raw: the kept head is not shown, also after ${takeBack}`, async () => {
      const { db, raw, repo, sid, records, name } = await setUp();
      expect(await keepDashboard(db, sid, (await computeKept(raw, sid))!)).toBe(true);
      const kept = (await readKept(raw, sid, BUILD))!;
      expect(kept).not.toBeNull();
      const mark = await rawMark(raw);

      await foreignTakeOver(raw);
      expect(await readKept(raw, sid, BUILD)).toBeNull();
      // The older build's writes: no mark.
      const goal = records.goals[0]!;
      await rawChange(raw, 'goals', goal.id, (row) => (row['title'] = '古い版で改名'));
      const year = records.kpiYears.find((y) => y.actual?.value != null)!;
      await rawChange(raw, 'kpiYears', year.id, (row) => (row['actual'] = { value: -1 }));
      await rawChange(raw, 'kpis', records.kpis[0]!.id, (row) => (row['name'] = '古い版のKPI名'));
      expect(await rawMark(raw)).toEqual(mark);
      expect(await readKept(raw, sid, BUILD)).toBeNull();

      // This build takes it back.
      let now = { db, raw, repo };
      if (takeBack === 'a put of openedBy') {
        await db.settings.put({ key: OPENED_BY_KEY, value: db.gate.openedBy(db.verno, new Date().toISOString()) });
      } else {
        db.close();
        await sleep(2);
        now = await page(name);
        expect(await rawSetting(now.raw, OPENED_BY_KEY)).toMatchObject({ build: BUILD });
      }
      expect(await rawMark(now.raw)).toEqual(mark);
      const fresh = headOf(await current(now.repo, sid));
      expect(fresh).not.toEqual(kept); // showing the kept head would show what is no longer stored
      expect(await readKept(now.raw, sid, BUILD)).toBeNull();

      // Computed and kept again, the head is what is stored now.
      expect(await keepDashboard(now.db, sid, (await computeKept(now.raw, sid))!)).toBe(true);
      expect(await readKept(now.raw, sid, BUILD)).toEqual(fresh);
      expect(fresh.goals.find((g) => g.goal.id === goal.id)?.goal.title).toBe('古い版で改名');
      now.db.close();
    });
  }

  it('while it writes, this page keeps nothing (its write gate stops it)', async () => {
    const { db, raw, sid } = await setUp();
    await foreignTakeOver(raw);
    const computed = (await computeKept(raw, sid))!; // under the foreign build's marks
    await expect(keepDashboard(db, sid, computed)).rejects.toMatchObject({ name: 'OutdatedVersionError' });
    expect(await db.settings.get(keptKey(sid))).toBeUndefined();
    expect(await readKept(raw, sid, BUILD)).toBeNull();
    db.close();
  });
});

// ---------------------------------------------------------------------------------------------
// Property

type Op =
  | { t: 'actual'; i: number }
  | { t: 'addKpi'; i: number }
  | { t: 'purge'; i: number }
  | { t: 'deleteKpi'; i: number }
  | { t: 'renameGoal'; i: number }
  | { t: 'deleteProject'; i: number }
  | { t: 'tableWrite'; i: number }
  | { t: 'compute' }
  | { t: 'computeWhileWriting'; i: number }
  | { t: 'keep'; i: number }
  | { t: 'foreign'; what: 'goal' | 'kpiYear' | 'kpi'; i: number }
  | { t: 'takeBack' };

const idx = fc.nat(50);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('actual' as const), i: idx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('addKpi' as const), i: idx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deleteKpi' as const), i: idx }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('renameGoal' as const), i: idx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deleteProject' as const), i: idx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('tableWrite' as const), i: idx }) },
  // A write that only deletes (a yearly record purged): it takes the mark away.
  { weight: 1, arbitrary: fc.record({ t: fc.constant('purge' as const), i: idx }) },
  { weight: 4, arbitrary: fc.constant({ t: 'compute' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('computeWhileWriting' as const), i: idx }) },
  // Mostly the latest result (counted from the end), sometimes an older one.
  { weight: 4, arbitrary: fc.record({ t: fc.constant('keep' as const), i: fc.oneof(fc.constant(0), idx) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('foreign' as const), what: fc.constantFrom('goal' as const, 'kpiYear' as const, 'kpi' as const), i: idx }) },
  { weight: 1, arbitrary: fc.constant({ t: 'takeBack' as const }) },
);

const live = <T extends { deletedAt: string | null }>(list: T[]) => list.filter((r) => r.deletedAt === null);

describe('kept head (property)', () => {
  let headsReadBack = 0;

  async function run(ops: Op[]) {
    const env = await setUp();
    const { sid, name } = env;
    let { db, raw, repo } = env;
    let records = await current(repo, sid);
    /** Counts every change of the records or of the take-over row (every change of the marks). */
    let version = 0;
    /** The version at the last keep that kept (null: none). */
    let keptAt: number | null = null;
    let foreign = false;
    /** Whether the database holds a write mark (a write that only deletes takes it away). */
    let marked = true;
    let u = 0;
    const remembered: { computed: ComputedKept; version: number; marked: boolean }[] = [];

    /** A write through Dexie: done (and counted) while this build owns the database, refused otherwise. */
    const write = async (w: () => Promise<unknown>) => {
      if (foreign) {
        await expect(w()).rejects.toMatchObject({ name: 'OutdatedVersionError' });
      } else {
        await w();
        version++;
        marked = true;
      }
    };
    const pick = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

    for (const op of ops) {
      switch (op.t) {
        case 'actual': {
          const y = pick(live(records.kpiYears), op.i);
          if (y) await write(() => repo.update('kpiYears', y.id, { actual: { value: 100_000 + ++u } }));
          break;
        }
        case 'addKpi': {
          const g = pick(live(records.goals), op.i);
          if (g) await write(() => repo.create('kpis', sid, { ...kpiDefaults(g.id, null, 100 + ++u), name: `K${u}` }));
          break;
        }
        case 'deleteKpi': {
          const k = pick(live(records.kpis), op.i);
          if (k) await write(() => repo.deleteWithChildren('kpis', k.id, sid));
          break;
        }
        case 'renameGoal': {
          const g = pick(live(records.goals), op.i);
          if (g) await write(() => repo.update('goals', g.id, { title: `目標${++u}` }));
          break;
        }
        case 'deleteProject': {
          const p = pick(live(records.projects), op.i);
          if (p) await write(() => repo.deleteWithChildren('projects', p.id, sid));
          break;
        }
        case 'tableWrite': {
          // Straight to the tables, not through the repository.
          const g = pick(live(records.goals), op.i);
          if (g) await write(() => db.transaction('rw', [db.goals, db.kpis], async () => {
            await db.goals.update(g.id, { title: `表${++u}` });
            await db.kpis.where('goalId').equals(g.id).modify({ note: `n${u}` });
          }));
          break;
        }
        case 'purge': {
          const y = pick(live(records.kpiYears), op.i);
          if (y) {
            await write(() => db.kpiYears.delete(y.id));
            if (!foreign) marked = false;
          }
          break;
        }
        case 'compute': {
          const computed = await computeKept(raw, sid);
          expect(computed).toBeDefined();
          expect(computed!.marks.write === null).toBe(!marked);
          remembered.push({ computed: computed!, version, marked });
          break;
        }
        case 'computeWhileWriting': {
          // The worker's read and a write at once: the head is of one state, under its marks.
          const g = pick(live(records.goals), op.i);
          if (!g || foreign) break;
          const markBefore = (await rawMark(raw)) ?? null;
          const [computed] = await Promise.all([computeKept(raw, sid), repo.update('goals', g.id, { title: `同時${++u}` })]);
          const markAfter = await rawMark(raw);
          version++;
          const wasMarked = marked;
          marked = true;
          const at = computed!.marks.write === markBefore ? version - 1 : computed!.marks.write === markAfter ? version : null;
          expect(at).not.toBeNull();
          remembered.push({ computed: computed!, version: at!, marked: at === version || wasMarked });
          break;
        }
        case 'keep': {
          const r = pick([...remembered].reverse(), op.i);
          if (!r) break;
          if (foreign) {
            // The gate stops this page (or the marks are stale): nothing kept.
            const kept = await keepDashboard(db, sid, r.computed).catch((e: unknown) => e);
            if (kept !== false) expect(kept).toMatchObject({ name: 'OutdatedVersionError' });
            break;
          }
          const kept = await keepDashboard(db, sid, r.computed);
          // Kept exactly when nothing changed since it was computed, under a mark.
          expect(kept).toBe(r.version === version && r.marked);
          if (kept) {
            keptAt = version;
            expect(await readKept(raw, sid, BUILD)).toEqual(r.computed.head);
          }
          break;
        }
        case 'foreign': {
          if (!foreign) await foreignTakeOver(raw);
          foreign = true;
          if (op.what === 'goal') {
            const g = pick(live(records.goals), op.i);
            if (g) await rawChange(raw, 'goals', g.id, (row) => (row['title'] = `古${++u}`));
          } else if (op.what === 'kpi') {
            const k = pick(live(records.kpis), op.i);
            if (k) await rawChange(raw, 'kpis', k.id, (row) => (row['name'] = `古KPI${++u}`));
          } else {
            const y = pick(live(records.kpiYears), op.i);
            if (y) await rawChange(raw, 'kpiYears', y.id, (row) => (row['actual'] = { value: 200_000 + ++u }));
          }
          version++;
          break;
        }
        case 'takeBack': {
          // This build opens again (a reload): it takes the database back if another build has it.
          db.close();
          await sleep(2); // a take-over's time differs from the one before
          ({ db, raw, repo } = await page(name));
          if (foreign) version++;
          foreign = false;
          break;
        }
      }
      records = await current(repo, sid);
      const fresh = headOf(records);
      const read = await readKept(raw, sid, BUILD);
      if (read !== null) {
        headsReadBack++;
        expect(read).toEqual(fresh);
      }
      // Readable exactly while nothing changed since the last keep.
      expect(read !== null).toBe(keptAt === version);
      expect(await readKept(raw, sid, 'build-B')).toBeNull();
    }
    db.close();
  }

  it('a kept head read back is always the head of the records as they are', async () => {
    await run([{ t: 'compute' }, { t: 'keep', i: 0 }, { t: 'foreign', what: 'goal', i: 0 }, { t: 'takeBack' }, { t: 'keep', i: 0 }, { t: 'compute' }, { t: 'keep', i: 1 }]);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), async (ops) => {
        await run(ops);
      }),
      { numRuns: FC_RUNS * 25 },
    );
    // Not vacuous: heads were kept and read back.
    expect(headsReadBack).toBeGreaterThan(0);
  }, Math.max(120_000, FC_RUNS * 20_000));
});
