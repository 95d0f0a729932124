// The strategy's 金額の表示単位 (moneyUnit, moneyDecimals) travels in files and merges like any
// other strategy field; a strategy stored before it existed reads as each record's own unit.
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/features/bundles/merge-words';
import { allChoices, applyMergePlan, mergeBase, planMerge, type SyncEntry } from '../../src/bundle/merge';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { applyPatch } from '../../src/domain/records';
import { moneySettingOf } from '../../src/domain/money';
import { clone, deviceContext, exportOptions, sample, inWords } from './helpers';

const T0 = '2026-05-20T01:00:00.000Z';

async function parsed(json: string) {
  const r = await parseBundle(json);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('the strategy’s 金額の表示単位', () => {
  it('is absent from a strategy stored before it existed and then reads as each record’s own unit', async () => {
    const { records } = sample();
    const { moneyUnit: _u, moneyDecimals: _d, ...old } = records.strategy;
    const file = await serializeBundle({ ...records, strategy: old as typeof records.strategy }, exportOptions());
    const back = (await parsed(file.json)).records.strategy;
    expect(moneySettingOf(back)).toEqual({ unit: null, decimals: 0 });
  });

  it('refuses a file with decimals out of bounds, saying where', async () => {
    const { records } = sample();
    const file = await serializeBundle({ ...records, strategy: { ...records.strategy, moneyDecimals: 7 } }, exportOptions());
    const r = await parseBundle(file.json);
    expect(r.ok).toBe(false);
  });

  it('is merged from a file: a change made there is taken, a change on both sides is a conflict', async () => {
    const { records: planning } = sample('企画課 山田');
    const e0 = await serializeBundle(planning, exportOptions({ exportId: 'E0', exportedAt: T0 }));
    const sent: SyncEntry = { exportId: 'E0', exportedAt: T0, scope: { kind: 'strategy' }, copyId: 'planning-copy' };
    const other = clone((await parsed(e0.json)).records);
    const o = deviceContext('財政課 鈴木', '2026-06-01T00:00:00.000Z', 'other');
    other.strategy = applyPatch(o, other.strategy, { moneyUnit: '千円', moneyDecimals: 1 });
    const f1 = await serializeBundle(other, { ...exportOptions(), exportId: 'F1', exportedAt: '2026-06-02T00:00:00.000Z', exportedBy: '財政課 鈴木', copyId: 'other-copy', basedOn: { exportId: 'E0', exportedAt: T0 } });
    const file = await parsed(f1.json);
    const base = { ...mergeBase(file.meta, { sent: [sent], received: [] }), snapshot: e0.records };

    const plan = planMerge(planning, file.records, base);
    expect(plan.changed.map(describeChange)).toEqual(['戦略『第2期関市まち・ひと・しごと創生総合戦略』の千円の小数点以下の桁数']);
    const merged = applyMergePlan(planning, plan, allChoices(plan, 'theirs'), { now: '2026-06-03T00:00:00.000Z', editor: '企画課 山田' });
    expect(moneySettingOf(merged.records.strategy)).toEqual({ unit: '千円', decimals: 1 });

    const p = deviceContext('企画課 山田', '2026-05-25T00:00:00.000Z', 'plan');
    const mine = { ...planning, strategy: applyPatch(p, planning.strategy, { moneyDecimals: 2 }) };
    const both = planMerge(mine, file.records, base);
    expect(both.conflicts.map((c) => [inWords(c).fieldLabel, c.mine, c.theirs])).toEqual([['千円の小数点以下の桁数', 2, 1]]);
  });
});
