// A full device and a lost database connection while editing: the store retries where it makes
// sense, says what happened in Japanese, and keeps the edit in hand in the DraftJournal until it
// is written.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { ExchangeRepository } from '../../src/storage/exchange-repository';
import { SettingsRepository } from '../../src/storage/settings-repository';
import { DraftJournal } from '../../src/state/draft-journal';
import { WorkbookStore } from '../../src/state/workbook.svelte';
import { Safety } from '../../src/safety/safety.svelte';
import { testContext } from '../support/context';
import type { Editable } from '../../src/domain/records';
import type { RecordKind, RecordOfKind } from '../../src/domain/workbook';
import { MemoryStorage } from './support';

/** A repository whose writes can be made to fail like a browser would. */
class FlakyRepository extends WorkbookRepository {
  /** Errors the next writes throw, first to last. */
  failures: unknown[] = [];
  /** While set, every write throws it. */
  always: unknown = null;
  #check() {
    if (this.always) throw this.always;
    const next = this.failures.shift();
    if (next) throw next;
  }
  override async update<K extends RecordKind>(kind: K, id: string, patch: Partial<Editable<RecordOfKind[K]>>): Promise<RecordOfKind[K]> {
    this.#check();
    return super.update(kind, id, patch);
  }
  /** Errors the next reads of the strategy list throw. */
  listFailures: unknown[] = [];
  override async listStrategies() {
    const next = this.listFailures.shift();
    if (next) throw next;
    return super.listStrategies();
  }
  override async upsertProjectYear(...args: Parameters<WorkbookRepository['upsertProjectYear']>) {
    this.#check();
    return super.upsertProjectYear(...args);
  }
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const closing = () => new DOMException("Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.", 'InvalidStateError');

let n = 0;
async function setup(storage = new MemoryStorage(), name = `failures-${++n}`) {
  const db = new WorkbookDb(name);
  const clock = testContext();
  let store: WorkbookStore;
  const repo = new FlakyRepository(db, () => store.context());
  const safety = new Safety({ db, workbooks: repo, clock, storage: null, snapshotDelay: 60_000, exchange: async () => new ExchangeRepository(db, repo, clock) });
  let reconnects = 0;
  store = new WorkbookStore({
    repo,
    settings: new SettingsRepository(db),
    journal: new DraftJournal(storage),
    clock,
    textDelay: 60_000,
    reconnect: async () => {
      reconnects++;
      await safety.reconnect();
    },
  });
  await store.init();
  const sid = await store.createSample();
  store.open(sid);
  const records = (await repo.loadWorkbook(sid))!;
  return { db, repo, store, storage, records, sid, reconnects: () => reconnects };
}

describe('a full device (QuotaExceededError)', () => {
  it('bookkeeping settings refused by it (the screen, that persistence was asked) do not say 「保存できませんでした」', async () => {
    const s = await setup();
    // The settings table refuses every write from here on, as a full device does.
    s.db.settings.hook('creating', () => {
      throw quota();
    });
    s.db.settings.hook('updating', () => {
      throw quota();
    });
    for (const [key, value] of [['persistAsked', true], ['lastRoute', '#/'], ['highContrast', true]] as const) {
      await expect(s.store.setSetting(key, value as never)).rejects.toBeTruthy();
      expect(s.store.saveState, key).not.toBe('error');
      expect(s.store.saveErrorKind, key).toBeNull();
    }
    // An edit's setting (the editor's name) is a save like any other, and says so.
    await expect(s.store.setSetting('editorName', '企画課 佐藤')).rejects.toBeTruthy();
    expect(s.store.saveState).toBe('error');
    s.store.dispose();
  });

  it('says so in Japanese, keeps the edit in the journal, and writes it on 「もう一度保存する」', async () => {
    const s = await setup();
    const goal = s.records.goals[0]!;
    s.repo.always = quota();
    const refused = await Promise.resolve(s.store.update('goals', goal.id, { title: '容量不足の中で入力' })).then(() => null, (e: unknown) => e);
    expect(refused).toMatchObject({ name: 'QuotaExceededError' });
    // The indicator has shown this very failure (the app lets its rejection go unreported).
    expect(s.store.reported(refused)).toBe(true);
    expect(s.store.reported(quota())).toBe(false);
    expect(s.store.saveState).toBe('error');
    expect(s.store.saveErrorKind).toBe('quota');
    expect(s.store.saveError).toContain('端末の保存容量が不足しています');
    expect(s.store.unsavedCount).toBe(1);
    expect([...s.storage.map.values()].join()).toContain('容量不足の中で入力');
    // Not retried at once: a full device stays full. Still failing on 「もう一度保存する」:
    expect(await s.store.retryPending()).toBe(false);
    expect(s.store.unsavedCount).toBe(1);

    s.repo.always = null; // space was freed
    expect(await s.store.retryPending()).toBe(true);
    expect((await s.db.goals.get(goal.id))!.title).toBe('容量不足の中で入力');
    expect(s.store.unsavedCount).toBe(0);
    expect(s.store.saveState).toBe('saved');
    expect(s.store.saveErrorKind).toBeNull();
    s.store.dispose();
  });

  it('what a full device refused is written with the next write that goes through', async () => {
    const s = await setup();
    const [a, b] = s.records.goals;
    s.repo.always = quota();
    await expect(s.store.update('goals', a!.id, { title: '満杯のときの入力' })).rejects.toBeTruthy();
    s.repo.always = null;
    await s.store.update('goals', b!.id, { title: '空いてからの入力' });
    await expect.poll(async () => (await s.db.goals.get(a!.id))!.title).toBe('満杯のときの入力');
    expect((await s.db.goals.get(b!.id))!.title).toBe('空いてからの入力');
    await expect.poll(() => s.store.unsavedCount).toBe(0);
    expect(s.store.saveState).toBe('saved');
    s.store.dispose();
  });

  it('typed text refused by a full device is written at the next start', async () => {
    const storage = new MemoryStorage();
    const name = `failures-${++n}`;
    const first = await setup(storage, name);
    const project = first.records.projects[0]!;
    first.repo.always = quota();
    first.store.setProjectYear(project.id, 2021, { progress: '満杯の端末で書いた進捗' }, true);
    await first.store.flush();
    expect(first.store.saveErrorKind).toBe('quota');
    first.store.dispose();

    // The app is reopened after space was freed.
    const db = new WorkbookDb(name);
    const clock = testContext();
    let store: WorkbookStore;
    const repo = new WorkbookRepository(db, () => store.context());
    store = new WorkbookStore({ repo, settings: new SettingsRepository(db), journal: new DraftJournal(storage), clock });
    await store.init();
    const py = (await repo.loadWorkbook(first.sid))!.projectYears.find((y) => y.projectId === project.id && y.fiscalYear === 2021);
    expect(py?.progress).toBe('満杯の端末で書いた進捗');
    expect(storage.map.size).toBe(0);
    store.dispose();
  });
});

describe('a lost connection', () => {
  it('a closed database is reopened and the write retried once, without bothering anyone', async () => {
    const s = await setup();
    const goal = s.records.goals[1]!;
    s.db.close();
    await s.store.update('goals', goal.id, { title: '接続が切れた後の入力' });
    expect(s.reconnects()).toBe(1);
    expect(s.store.saveState).toBe('saved');
    expect((await s.db.goals.get(goal.id))!.title).toBe('接続が切れた後の入力');
    expect(s.store.unsavedCount).toBe(0);
    s.store.dispose();
  });

  it('WebKit\'s InvalidStateError after backgrounding: reopened and retried', async () => {
    const s = await setup();
    const goal = s.records.goals[2]!;
    s.repo.failures.push(closing());
    s.store.update('goals', goal.id, { title: '裏から戻って入力' }, true);
    await s.store.flush();
    expect(s.reconnects()).toBe(1);
    expect(s.store.saveState).toBe('saved');
    expect((await s.db.goals.get(goal.id))!.title).toBe('裏から戻って入力');
    expect(s.storage.map.size).toBe(0);
    s.store.dispose();
  });

  it('when reopening does not help, it says so and the edit stays in the journal', async () => {
    const s = await setup();
    const goal = s.records.goals[3]!;
    s.repo.always = closing();
    await expect(s.store.update('goals', goal.id, { title: '保存待ち' })).rejects.toBeTruthy();
    expect(s.reconnects()).toBe(1);
    expect(s.store.saveErrorKind).toBe('connection');
    expect(s.store.saveError).toContain('データベースとの接続が切れました');
    expect(s.store.unsavedCount).toBe(1);
    s.repo.always = null;
    expect(await s.store.retryPending()).toBe(true);
    expect((await s.db.goals.get(goal.id))!.title).toBe('保存待ち');
    s.store.dispose();
  });

  it('other errors are not retried and not kept (the record is gone)', async () => {
    const s = await setup();
    await expect(s.store.update('goals', 'no-such-goal', { title: 'x' })).rejects.toMatchObject({ kind: 'goals' });
    expect(s.reconnects()).toBe(0);
    expect(s.store.saveErrorKind).toBe('other');
    expect(s.store.unsavedCount).toBe(0);
    s.store.dispose();
  });

  it('the live strategy list comes back after the connection is lost', async () => {
    const s = await setup();
    await expect.poll(() => s.store.strategies.length).toBe(1);
    // The next time the list is read (after a change in another tab), the connection is gone.
    s.repo.listFailures.push(closing());
    const other = new WorkbookDb(s.db.name);
    await other.strategies.update(s.sid, { name: '別のタブで変更' });
    await expect.poll(() => s.store.strategies[0]?.name, { timeout: 2000 }).toBe('別のタブで変更');
    expect(s.reconnects()).toBe(1);
    expect(s.store.saveState).not.toBe('error');
    other.close();
    s.store.dispose();
  });
});
