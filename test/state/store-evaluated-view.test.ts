// The store's view after an edit, against the real repository and its live watch (fake-indexeddb):
// an edit of one actual patches the view, the evaluated view re-evaluates that KPI alone (every
// other evaluation is the very object computed before), and what it reads equals a fresh evaluation.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { SettingsRepository } from '../../src/storage/settings-repository';
import { DraftJournal } from '../../src/state/draft-journal';
import { WorkbookStore } from '../../src/state/workbook.svelte';
import { WorkbookView } from '../../src/domain/workbook';
import { evaluatedOf, rollUp, type StrategyRollup } from '../../src/domain/achievement';
import { testContext } from '../support/context';
import { MemoryStorage } from '../safety/support';

const plain = (r: StrategyRollup) => structuredClone({ strategy: r.strategy, goals: r.goals, evaluations: [...r.evaluations] });

describe('the store’s evaluated view', () => {
  it('after an edit of one actual, re-evaluates that KPI only and reads what a fresh evaluation reads', async () => {
    const db = new WorkbookDb('store-evaluated-view');
    const clock = testContext();
    let store: WorkbookStore;
    const repo = new WorkbookRepository(db, () => store.context());
    store = new WorkbookStore({ repo, settings: new SettingsRepository(db), journal: new DraftJournal(new MemoryStorage()), clock });
    await store.init();
    const sid = await store.createSample();
    store.open(sid);
    await expect.poll(() => store.complete).toBe(true);

    const before = store.view!;
    const record = store.records!.kpiYears.find((y) => !y.deletedAt && y.actual?.value != null)!;
    const fy = record.fiscalYear;
    const rollupBefore = evaluatedOf(before).rollup(fy);
    const held = plain(rollupBefore);

    await store.setKpiYear(record.kpiId, fy, { actual: { value: record.actual!.value! * 10 + 7 } });
    await expect.poll(() => store.view?.kpiYear(record.kpiId, fy)?.actual?.value).toBe(record.actual!.value! * 10 + 7);

    const after = store.view!;
    expect(after).not.toBe(before);
    const rollup = evaluatedOf(after).rollup(fy);
    expect(plain(rollup)).toEqual(plain(rollUp(new WorkbookView(store.records!), fy)));
    for (const [id, e] of rollup.evaluations) {
      if (id === record.kpiId) expect(e).not.toBe(rollupBefore.evaluations.get(id));
      else expect(e).toBe(rollupBefore.evaluations.get(id));
    }
    // The roll-up a screen held before the edit did not change under it.
    expect(plain(rollupBefore)).toEqual(held);
    store.dispose();
  });
});
