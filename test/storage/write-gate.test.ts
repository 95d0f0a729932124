// One version of the app writes at a time: the database names the build that took it over last;
// an older build stops writing (its typing waits in the journal), a newer page that opened before
// the person accepted the update neither writes nor upgrades, and a versionchange closes the old
// connection for good.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { WorkbookDb, SCHEMA_V1, SCHEMA_V2 } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { SettingsRepository } from '../../src/storage/settings-repository';
import { OPENED_BY_KEY, WriteGate, type GateState } from '../../src/storage/write-gate';
import { DraftJournal, type KeyValueStorage } from '../../src/state/draft-journal';
import { WorkbookStore } from '../../src/state/workbook.svelte';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { testContext } from '../support/context';
import { MemoryStorage } from '../safety/support';


/** A page of build `build` with role `role`: its own gate, as each page of the app has. */
function page(name: string, build: string, role: GateState = 'writer') {
  const gate = new WriteGate();
  gate.build = build;
  gate.appVersion = '0.1.0';
  gate.decide = async () => role;
  const db = new WorkbookDb(name, undefined, gate);
  return { gate, db, repo: new WorkbookRepository(db, () => testContext()) };
}

function storeOn(p: ReturnType<typeof page>, storage: KeyValueStorage) {
  let store: WorkbookStore;
  const repo = new WorkbookRepository(p.db, () => store.context());
  store = new WorkbookStore({ repo, settings: new SettingsRepository(p.db), journal: new DraftJournal(storage), clock: testContext(), textDelay: 0 });
  return store;
}

let n = 0;

describe('one code version writes at a time', () => {
  it('a newer build takes the database over; the older one cannot write any more, and what it was typing is written by the newer one', async () => {
    const name = `gate-${++n}`;
    const storage = new MemoryStorage();
    const old = page(name, 'build-1');
    const oldStore = storeOn(old, storage);
    await oldStore.init();
    const sid = await oldStore.createSample();
    const goal = (await old.repo.loadWorkbook(sid))!.goals[0]!;
    expect((await old.db.settings.get(OPENED_BY_KEY))?.value).toMatchObject({ build: 'build-1', schema: 3 });

    // The new version opens (accepted) and takes the database over.
    const next = page(name, 'build-2');
    await next.db.open();
    expect((await next.db.settings.get(OPENED_BY_KEY))?.value).toMatchObject({ build: 'build-2', appVersion: '0.1.0', schema: 3 });

    // The old page types: refused, kept in the journal, nothing written.
    await expect(old.db.goals.update(goal.id, { title: '直接' })).rejects.toMatchObject({ name: 'OutdatedVersionError' });
    expect(old.gate.state).toBe('outdated');
    await expect(oldStore.write({ op: 'update', kind: 'goals', id: goal.id, patch: { title: '古いタブで入力' } })).rejects.toBeDefined();
    expect(oldStore.saveErrorKind).toBe('outdated');
    expect((await next.db.goals.get(goal.id))?.title).toBe(goal.title);
    expect(storage.map.size).toBe(1);

    // After the reload (the new version's store, same journal), it is written.
    const nextStore = storeOn(next, storage);
    await nextStore.init();
    expect((await next.db.goals.get(goal.id))?.title).toBe('古いタブで入力');
    expect(storage.map.size).toBe(0);
    oldStore.dispose();
    nextStore.dispose();
    old.db.close();
    next.db.close();
  });

  it('a page held for the update reads, but writes nothing and does not take the database over', async () => {
    const name = `gate-${++n}`;
    const old = page(name, 'build-1');
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    await old.repo.addWorkbook(records);
    const held = page(name, 'build-2', 'held');
    expect((await held.repo.loadWorkbook(records.strategy.id))?.strategy).toEqual(records.strategy);
    await expect(held.db.goals.update(records.goals[0]!.id, { title: 'x' })).rejects.toMatchObject({ name: 'HeldVersionError' });
    expect((await held.db.settings.get(OPENED_BY_KEY))?.value).toMatchObject({ build: 'build-1' });
    // The accepted version keeps writing.
    await old.db.goals.update(records.goals[0]!.id, { title: '書ける' });
    expect((await held.db.goals.get(records.goals[0]!.id))?.title).toBe('書ける');
    old.db.close();
    held.db.close();
  });

  it('a held page does not upgrade the schema or move data before the update is accepted', async () => {
    const name = `gate-${++n}`;
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('syncLog').add({ id: 'sent-1', strategyId: records.strategy.id, direction: 'sent', snapshot: records });
    v2.close();
    const held = page(name, 'build-2', 'held');
    const opened = held.db.open().then(() => 'opened');
    expect(await Promise.race([opened, new Promise((r) => setTimeout(() => r('waiting'), 300))])).toBe('waiting');
    const raw = new Dexie(name);
    await raw.open();
    expect(raw.verno).toBe(2);
    expect((await raw.table('syncLog').get('sent-1')).snapshot).toEqual(records);
    raw.close();
  });

  it('a versionchange closes the old connection for good: no quiet reconnect, no more writes', async () => {
    const name = `gate-${++n}`;
    const old = page(name, 'build-1');
    await old.db.settings.put({ key: 'editorName', value: 'a' });
    // A newer schema opens the database.
    const newer = new Dexie(name);
    newer.version(4).stores({ settings: 'key' });
    await newer.open();
    expect(old.gate.state).toBe('outdated');
    expect(old.db.isOpen()).toBe(false);
    await expect(old.db.settings.put({ key: 'editorName', value: 'b' })).rejects.toBeDefined();
    await expect(old.db.open()).rejects.toMatchObject({ name: 'OutdatedVersionError' });
    expect(old.db.isOpen()).toBe(false);
    expect((await newer.table('settings').get('editorName')).value).toBe('a');
    newer.close();
  });

  it('tabs share the journal without dropping each other’s typing', () => {
    const storage = new MemoryStorage();
    const a = new DraftJournal(storage);
    const b = new DraftJournal(storage);
    const opA = { op: 'update', kind: 'goals', id: 'g1', patch: { title: 'A' } } as const;
    const opB = { op: 'update', kind: 'goals', id: 'g2', patch: { title: 'B' } } as const;
    a.record('g1', opA);
    b.record('g2', opB);
    a.settle('g1', opA);
    expect(new DraftJournal(storage).pending()).toEqual([['g2', opB]]);
  });
});
