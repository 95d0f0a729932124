// The KPI value fields of format version 3 (range targets, 累計 KPIs' entered and judged figures)
// travel in files and merges: optional (absent = the old meaning), bounded, and never dropped.
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/features/bundles/merge-words';
import { planMerge, applyMergePlan } from '../../src/bundle/merge';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { applyPatch } from '../../src/domain/records';
import { clone, deviceContext, exportOptions, rewrite, sample, inWords } from './helpers';

const T0 = '2026-05-20T01:00:00.000Z';

async function parsed(json: string) {
  const r = await parseBundle(json);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('KPI value fields in a file', () => {
  it('keeps a range target and a 累計 KPI’s figures, and leaves them absent where they were', async () => {
    const { records, ctx } = sample();
    const kpi = records.kpis[0]!;
    records.kpis[0] = applyPatch(ctx, kpi, {
      cumulative: true,
      cumulativeFrom: 2020,
      cumulativeEntry: 'yearly',
      cumulativeJudged: 'total',
      target: { value: 80, range: { upper: 90, lowerWord: '以上', upperWord: '未満', joined: true } },
    });
    const file = await parsed((await serializeBundle(records, exportOptions())).json);
    const back = file.records.kpis.find((k) => k.id === kpi.id)!;
    expect(back.cumulativeEntry).toBe('yearly');
    expect(back.cumulativeJudged).toBe('total');
    expect(back.target).toEqual({ value: 80, range: { upper: 90, lowerWord: '以上', upperWord: '未満', joined: true } });
    const other = file.records.kpis.find((k) => k.id === records.kpis[1]!.id)!;
    expect('cumulativeEntry' in other).toBe(false);
    expect('cumulativeJudged' in other).toBe(false);
  });

  it('refuses a value outside the list, saying where', async () => {
    const { records } = sample();
    const json = await rewrite((await serializeBundle(records, exportOptions())).json, (env) => {
      (env.records['kpis']![0] as Record<string, unknown>)['cumulativeJudged'] = 'monthly';
    });
    const r = await parseBundle(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toContain('cumulativeJudged');
  });
});

describe('KPI value fields in a merge', () => {
  it('takes a figure changed only in the file, and asks when both changed it', () => {
    const { records } = sample();
    const here = clone(records);
    const there = clone(records);
    const h = deviceContext('企画課 山田', '2026-05-21T00:00:00.000Z', 'here');
    const t = deviceContext('企画課 鈴木', '2026-05-22T00:00:00.000Z', 'there');
    there.kpis[0] = applyPatch(t, there.kpis[0]!, { cumulative: true, cumulativeEntry: 'yearly' });
    there.kpis[1] = applyPatch(t, there.kpis[1]!, { cumulativeJudged: 'yearly' });
    here.kpis[1] = applyPatch(h, here.kpis[1]!, { cumulativeJudged: 'total' });
    const plan = planMerge(here, there, T0);
    const changed = plan.changed.map((c) => [c.field, inWords(c).theirsText]);
    expect(changed).toContainEqual(['cumulativeEntry', '単年度の値']);
    expect(plan.changed.map((c) => describeChange(c)).join()).toContain('累計の指標の実績の入力');
    expect(plan.conflicts.map((c) => [c.field, inWords(c).mineText, inWords(c).theirsText])).toEqual([['cumulativeJudged', '累計値', '単年度の値']]);
    const applied = applyMergePlan(here, plan, {}, { now: '2026-05-23T00:00:00.000Z', editor: '企画課 山田' });
    expect(applied.records.kpis[0]!.cumulativeEntry).toBe('yearly');
    expect(applied.unresolved).toEqual([plan.conflicts[0]!.key]);
  });
});

describe('the strategy’s prefecture', () => {
  it('names the 国・県 column after the prefecture: 国・道, 国・都, 国・府, else 国・県', async () => {
    const { prefectureWord, PREFECTURES } = await import('../../src/domain/entities/strategy');
    expect(PREFECTURES).toHaveLength(47);
    expect(['北海道', '東京都', '大阪府', '京都府', '岐阜県', '沖縄県'].map((p) => prefectureWord({ prefecture: p as (typeof PREFECTURES)[number] }))).toEqual(['道', '都', '府', '府', '県', '県']);
    expect(prefectureWord({})).toBe('県');
    expect(prefectureWord(null)).toBe('県');
  });

  it('travels in a file and a merge; a name outside the 47 is refused', async () => {
    const { records, ctx } = sample();
    records.strategy = applyPatch(ctx, records.strategy, { prefecture: '北海道' });
    const file = await parsed((await serializeBundle(records, exportOptions())).json);
    expect(file.records.strategy.prefecture).toBe('北海道');
    const { records: plain } = sample();
    expect('prefecture' in (await parsed((await serializeBundle(plain, exportOptions())).json)).records.strategy).toBe(false);

    const bad = await rewrite((await serializeBundle(records, exportOptions())).json, (env) => {
      (env.records['strategy'] as unknown as Record<string, unknown>)['prefecture'] = '<b>北海道</b>';
    });
    const r = await parseBundle(bad);
    expect(r.ok).toBe(false);

    const here = clone(plain);
    const there = clone(plain);
    const t = deviceContext('企画課 鈴木', '2026-05-22T00:00:00.000Z', 'there');
    there.strategy = applyPatch(t, there.strategy, { prefecture: '東京都' });
    const plan = planMerge(here, there, T0);
    expect(plan.changed.map((c) => [c.field, inWords(c).theirsText])).toEqual([['prefecture', '東京都']]);
    expect(applyMergePlan(here, plan, {}, { now: '2026-05-23T00:00:00.000Z', editor: '企画課 山田' }).records.strategy.prefecture).toBe('東京都');
  });
});
