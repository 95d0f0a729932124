import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { SettingsRepository } from '../../src/storage/settings-repository';
import { DraftJournal, type KeyValueStorage } from '../../src/state/draft-journal';
import { WorkbookStore } from '../../src/state/workbook.svelte';
import { testContext } from '../support/context';
import { MemoryStorage } from '../safety/support';


let n = 0;
function makeStore(db: WorkbookDb, storage: KeyValueStorage, textDelay = 60_000) {
  const clock = testContext();
  let store: WorkbookStore;
  const repo = new WorkbookRepository(db, () => store.context());
  store = new WorkbookStore({ repo, settings: new SettingsRepository(db), journal: new DraftJournal(storage), clock, textDelay });
  return { store, repo };
}

describe('WorkbookStore text writes', () => {
  it('journals a keystroke synchronously and settles it once IndexedDB has it', async () => {
    const db = new WorkbookDb(`store-${++n}`);
    const storage = new MemoryStorage();
    const { store, repo } = makeStore(db, storage);
    await store.init();
    const sid = await store.createSample();
    store.open(sid);
    const goal = (await repo.loadWorkbook(sid))!.goals[0]!;

    store.update('goals', goal.id, { title: '書きかけ' }, true);
    expect(storage.map.size).toBe(1); // recorded before any await
    expect((await db.goals.get(goal.id))?.title).toBe(goal.title);

    await store.flush();
    expect((await db.goals.get(goal.id))?.title).toBe('書きかけ');
    expect(storage.map.size).toBe(0);
    expect(store.saveState).toBe('saved');
    store.dispose();
  });

  it('replays at the next start what a closed tab left unwritten', async () => {
    const db = new WorkbookDb(`store-${++n}`);
    const storage = new MemoryStorage();
    const first = makeStore(db, storage);
    await first.store.init();
    const sid = await first.store.createSample();
    first.store.open(sid);
    const project = (await first.repo.loadWorkbook(sid))!.projects[2]!;
    first.store.setProjectYear(project.id, 2021, { progress: '令和3年度の途中まで' }, true);
    first.store.update('projects', project.id, { summary: '概要の書きかけ' }, true);
    // The tab closes here: no flush, timers never fire.
    first.store.dispose();

    const second = makeStore(db, storage);
    await second.store.init();
    const records = (await second.repo.loadWorkbook(sid))!;
    expect(records.projects.find((p) => p.id === project.id)?.summary).toBe('概要の書きかけ');
    expect(records.projectYears.find((y) => y.projectId === project.id && y.fiscalYear === 2021)?.progress).toBe('令和3年度の途中まで');
    expect(storage.map.size).toBe(0);
    second.store.dispose();
  });

  it('a later keystroke replaces an earlier one for the same field', async () => {
    const db = new WorkbookDb(`store-${++n}`);
    const storage = new MemoryStorage();
    const { store, repo } = makeStore(db, storage);
    await store.init();
    const sid = await store.createSample();
    store.open(sid);
    const goal = (await repo.loadWorkbook(sid))!.goals[1]!;
    store.update('goals', goal.id, { title: 'ま' }, true);
    store.update('goals', goal.id, { title: 'まち' }, true);
    expect(Object.keys(JSON.parse([...storage.map.values()][0]!))).toHaveLength(1);
    await store.flush();
    const saved = await db.goals.get(goal.id);
    expect(saved?.title).toBe('まち');
    expect(saved?.rev).toBe(goal.rev + 1);
    store.dispose();
  });
});

describe('WorkbookStore deletion', () => {
  it('offers an undo that restores the deleted project', async () => {
    const db = new WorkbookDb(`store-${++n}`);
    const { store, repo } = makeStore(db, new MemoryStorage());
    await store.init();
    const sid = await store.createSample();
    store.open(sid);
    const project = (await repo.loadWorkbook(sid))!.projects[0]!;
    await store.remove('projects', project.id, '削除しました');
    expect((await db.projects.get(project.id))?.deletedAt).not.toBeNull();
    expect(store.history.latest?.message).toBe('削除しました');
    expect(await store.history.undo()).toBe(true);
    expect((await db.projects.get(project.id))?.deletedAt).toBeNull();
    expect(store.history.latest).toBeNull();
    expect(await store.history.undo()).toBe(false);
    store.dispose();
  });
});

describe('WorkbookStore opening a strategy', () => {
  it('reads the strategy once when open is called again while it is still being read', async () => {
    const db = new WorkbookDb(`store-${++n}`);
    const { store, repo } = makeStore(db, new MemoryStorage());
    await store.init();
    const sid = await store.createSample();
    let watches = 0;
    const watch = repo.watchWorkbook.bind(repo);
    repo.watchWorkbook = (...args: Parameters<typeof watch>) => (watches++, watch(...args));

    store.open(sid);
    store.open(sid); // e.g. an effect that re-ran before the first part arrived
    await expect.poll(() => store.complete).toBe(true);
    store.open(sid);
    expect(watches).toBe(1);
    expect(store.records?.strategy.id).toBe(sid);
    store.dispose();
  });

  it('waits for beforeRest between the quick first part and the rest', async () => {
    const db = new WorkbookDb(`store-${++n}`);
    const clock = testContext();
    let store: WorkbookStore;
    const repo = new WorkbookRepository(db, () => store.context());
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    store = new WorkbookStore({ repo, settings: new SettingsRepository(db), journal: new DraftJournal(new MemoryStorage()), clock, beforeRest: () => gate });
    await store.init();
    const sid = await store.createSample();

    store.open(sid);
    await expect.poll(() => store.records !== null).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(store.complete).toBe(false);
    expect(store.records!.projectYears).toEqual([]);
    expect(store.records!.kpis.length).toBeGreaterThan(0);

    release();
    await expect.poll(() => store.complete).toBe(true);
    expect(store.records!.projectYears.length).toBeGreaterThan(0);
    store.dispose();
  });
});
