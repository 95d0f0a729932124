import { describe, expect, it } from 'vitest';
import { describeChange, formatStamp } from '../../src/features/bundles/merge-words';
import {
  allChoices,
  applyMergePlan,
  basedOnFor,
  mergeBase,
  planMerge,
  unresolvedConflicts,
  type MergeBase,
  type SyncEntry,
} from '../../src/bundle/merge';
import { editableBy } from '../../src/bundle/department';
import type { BundleScope } from '../../src/bundle/format';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { applyPatch, createRecord, markDeleted, markRestored, type RecordContext } from '../../src/domain/records';
import { kpiYearDefaults, type KpiYear } from '../../src/domain/entities/kpi-year';
import { goalDefaults, type Goal } from '../../src/domain/entities/goal';
import type { Measure } from '../../src/domain/entities/measure';
import type { WorkbookRecords } from '../../src/domain/workbook';
import { DEPARTMENT_COPY, PLANNING_COPY, clone, deepFreeze, deviceContext, exportOptions, sample, inWords } from './helpers';

const T0 = '2026-05-20T01:00:00.000Z';
const DEPARTMENT: BundleScope = { kind: 'department', departments: ['商工課'] };

async function parsed(json: string) {
  const r = await parseBundle(json);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function find(records: WorkbookRecords) {
  const kpi = (name: string) => records.kpis.find((k) => k.name.startsWith(name))!;
  const project = (name: string) => records.projects.find((p) => p.name.startsWith(name) || p.departments.includes(name))!;
  return {
    kpi,
    project,
    kpiYear: (name: string, fy: number) => records.kpiYears.find((y) => y.kpiId === kpi(name).id && y.fiscalYear === fy && y.deletedAt === null),
    projectYear: (name: string, fy: number) => records.projectYears.find((y) => y.projectId === project(name).id && y.fiscalYear === fy && y.deletedAt === null),
  };
}

function replace<T extends { id: string }>(list: T[], next: T) {
  const i = list.findIndex((r) => r.id === next.id);
  if (i < 0) list.push(next);
  else list[i] = next;
}

/**
 * The department round trip of issue 4: planning exports a bundle for 商工課; the department imports
 * it on its own device, enters actuals and comments (and, against the rules, renames a project and
 * a goal), and exports it back; planning meanwhile edited one of the same fields and a KPI target.
 */
async function departmentRoundTrip() {
  const { records: planning } = sample('企画課 山田');
  const e0 = await serializeBundle(planning, exportOptions({ exportId: 'E0', exportedAt: T0, scope: DEPARTMENT }));
  const sentE0: SyncEntry = { exportId: 'E0', exportedAt: T0, scope: DEPARTMENT, copyId: PLANNING_COPY };

  // The department's device: E0 becomes a new strategy there.
  const dept = clone((await parsed(e0.json)).records);
  const d = deviceContext('商工課 佐藤', '2026-06-01T00:00:00.000Z', 'dept');
  const df = find(dept);
  replace(dept.kpiYears, applyPatch(d, df.kpiYear('関市ビジネスサポートセンター', 2020)!, { actual: { value: 1830 } }));
  replace(dept.projectYears, applyPatch(d, df.projectYear('企業競争力強化支援事業', 2020)!, { departmentComment: '令和3年度は開催を予定' }));
  replace(dept.projectYears, applyPatch(d, df.projectYear('商工活動支援事業', 2020)!, { progress: '相談件数は過去最多となった。' }));
  dept.kpiYears.push(createRecord<KpiYear>(d, dept.strategy.id, { ...kpiYearDefaults(df.kpi('ビジネスマッチング数').id, 2021), actual: { value: 85 } }));
  replace(dept.projects, applyPatch(d, df.project('企業競争力強化支援事業'), { name: 'ビジネスプラス展' }));
  replace(dept.goals, applyPatch(d, dept.goals[0]!, { title: '産業のまち' }));
  const d1 = await serializeBundle(dept, {
    exportId: 'D1',
    exportedAt: '2026-06-02T00:00:00.000Z',
    exportedBy: '商工課 佐藤',
    appVersion: '0.1.0',
    copyId: DEPARTMENT_COPY,
    scope: DEPARTMENT,
    basedOn: { exportId: 'E0', exportedAt: T0 },
  });

  // Planning, meanwhile, on its own device and clock.
  const p = deviceContext('企画課 山田', '2026-05-25T00:00:00.000Z', 'plan');
  const pf = find(planning);
  replace(planning.projectYears, applyPatch(p, pf.projectYear('商工活動支援事業', 2020)!, { progress: '相談窓口を拡充した。' }));
  replace(planning.kpis, applyPatch(p, pf.kpi('関市ビジネスサポートセンター'), { target: { value: 1700 } }));
  replace(planning.projects, applyPatch(p, pf.project('観光課'), { summary: '観光課の事業（企画課が修正）' }));
  planning.kpiYears.push(createRecord<KpiYear>(p, planning.strategy.id, { ...kpiYearDefaults(pf.kpi('ビジネスマッチング数').id, 2021), target: { value: 90 } }));

  const file = await parsed(d1.json);
  return { planning, e0, sentE0, file, dept };
}

describe('planMerge: the department round trip', () => {
  for (const variant of ['base snapshot (three-way)', 'stamps only'] as const) {
    it(`lists exactly the department’s changes and the one conflict (${variant})`, async () => {
      const { planning, e0, sentE0, file } = await departmentRoundTrip();
      const base: MergeBase = { ...mergeBase(file.meta, { sent: [sentE0], received: [] }), snapshot: variant === 'stamps only' ? null : e0.records };
      expect(base.mine).toEqual({ at: T0, scope: DEPARTMENT });
      const plan = planMerge(planning, file.records, base, { rules: editableBy(file.meta.scope) });

      expect(plan.changed.map(describeChange)).toEqual([
        'KPI『関市ビジネスサポートセンターへの相談件数』の令和2年度の実績値',
        'KPI『ビジネスマッチング数（ビジネスプラス展）』の令和3年度の実績値',
        '事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の令和2年度の担当課のコメント',
      ]);
      expect(inWords(plan.changed[0]!)).toMatchObject({ mineText: '1,823件', theirsText: '1,830件', theirsStamp: { by: '商工課 佐藤' } });
      expect(plan.conflicts).toHaveLength(1);
      expect(inWords(plan.conflicts[0]!)).toMatchObject({
        subject: '事業『商工活動支援事業（関市ビジネスサポートセンター事…』の令和2年度',
        fieldLabel: '実施内容・進捗状況・課題等',
        mine: '相談窓口を拡充した。',
        theirs: '相談件数は過去最多となった。',
        mineStamp: { by: '企画課 山田' },
        theirsStamp: { by: '商工課 佐藤' },
        reason: 'bothChanged',
      });
      // The department's new 令和3年度 actual meets planning's new 令和3年度 target: one record, no conflict.
      expect(plan.added).toEqual([]);
      expect(inWords(plan.changed[1]!)).toMatchObject({ mineText: '（空欄）', theirsText: '85件' });
      expect(plan.ignored.map((i) => [describeChange(i), i.reason])).toEqual([
        ['基本目標1の名称', 'notEditable'],
        ['事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の事業名', 'notEditable'],
      ]);
      expect(plan.removed).toEqual([]);
      expect(plan.restored).toEqual([]);
    });
  }

  it('merges the year record the department created into the one planning created', async () => {
    const { planning, e0, sentE0, file } = await departmentRoundTrip();
    const plan = planMerge(planning, file.records, { ...mergeBase(file.meta, { sent: [sentE0], received: [] }), snapshot: e0.records }, { rules: editableBy(DEPARTMENT) });
    const applied = applyMergePlan(planning, plan, allChoices(plan, 'theirs'), { now: '2026-06-03T00:00:00.000Z', editor: '企画課 山田' });
    const year = find(applied.records).kpiYear('ビジネスマッチング数', 2021)!;
    expect(year.target).toEqual({ value: 90 });
    expect(year.actual).toEqual({ value: 85 });
  });

  it('applies the choice, writes only what changed, and ignores what the department may not change', async () => {
    const { planning, e0, sentE0, file } = await departmentRoundTrip();
    const base = { ...mergeBase(file.meta, { sent: [sentE0], received: [] }), snapshot: e0.records };
    const plan = planMerge(planning, file.records, base, { rules: editableBy(DEPARTMENT) });
    const now = '2026-06-03T00:00:00.000Z';
    const applied = applyMergePlan(planning, plan, allChoices(plan, 'theirs'), { now, editor: '企画課 山田' });
    const f = find(applied.records);
    expect(f.kpiYear('関市ビジネスサポートセンター', 2020)!.actual).toEqual({ value: 1830 });
    expect(f.projectYear('企業競争力強化支援事業', 2020)!.departmentComment).toBe('令和3年度は開催を予定');
    expect(f.projectYear('商工活動支援事業', 2020)!.progress).toBe('相談件数は過去最多となった。');
    // Planning's own changes stay; the department's renames do not arrive.
    expect(f.kpi('関市ビジネスサポートセンター').target).toEqual({ value: 1700 });
    expect(f.project('観光課').summary).toBe('観光課の事業（企画課が修正）');
    expect(f.project('企業競争力強化支援事業').name).toBe('企業競争力強化支援事業（関市ビジネスプラス展の開催）');
    expect(applied.records.goals[0]!.title).toBe('産業の振興と人材を育成するまち');
    // Exactly the touched records are written, stamped with their author and the merge time.
    expect(Object.fromEntries(Object.entries(applied.written).map(([k, v]) => [k, v.length]))).toEqual({
      strategies: 0,
      goals: 0,
      measures: 0,
      projects: 0,
      kpis: 0,
      kpiYears: 2,
      projectYears: 2,
      meetings: 0,
      opinions: 0,
    });
    const taken = f.kpiYear('関市ビジネスサポートセンター', 2020)!;
    expect(taken.stamps['actual']).toEqual({ at: now, by: '商工課 佐藤' });
    expect(taken.updatedBy).toBe('企画課 山田');
    expect(taken.rev).toBe(planning.kpiYears.find((y) => y.id === taken.id)!.rev + 1);
    expect(applied.unresolved).toEqual([]);

    // Keeping mine instead leaves planning's text.
    const mine = applyMergePlan(planning, plan, allChoices(plan, 'mine'), { now, editor: '企画課 山田' });
    expect(find(mine.records).projectYear('商工活動支援事業', 2020)!.progress).toBe('相談窓口を拡充した。');

    // Reading the same file again after taking it changes nothing.
    const again = planMerge(applied.records, file.records, base, { rules: editableBy(DEPARTMENT) });
    expect([again.changed, again.conflicts, again.added, again.removed]).toEqual([[], [], [], []]);
  });

  it('reports and ignores what a department file adds or deletes outside its rights', async () => {
    const { planning, e0, sentE0, file } = await departmentRoundTrip();
    const incoming = clone(file.records);
    const d = deviceContext('商工課 佐藤', '2026-06-05T00:00:00.000Z', 'dept2');
    const pf = find(planning);
    const own = pf.project('企業競争力強化支援事業');
    const matching = pf.kpi('ビジネスマッチング数');
    const { id: _k, ...kpiFields } = clone(matching);
    incoming.kpis.push(createRecord(d, incoming.strategy.id, { ...kpiFields, name: '新しいKPI', order: 9 } as never));
    incoming.kpiYears = incoming.kpiYears.map((y) => (y.fiscalYear === 2020 && y.kpiId === matching.id ? markDeleted(d, y, 'b') : y));
    const { id: _y, ...yearFields } = clone(incoming.projectYears.find((y) => y.projectId === own.id)!);
    incoming.projectYears.push(createRecord(d, incoming.strategy.id, { ...yearFields, fiscalYear: 2021, progress: '計画' } as never));
    void [_k, _y];
    const plan = planMerge(planning, incoming, { ...mergeBase(file.meta, { sent: [sentE0], received: [] }), snapshot: e0.records }, { rules: editableBy(DEPARTMENT) });
    expect(plan.ignored.map((i) => [describeChange(i), i.reason])).toEqual([
      ['基本目標1の名称', 'notEditable'],
      ['事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の事業名', 'notEditable'],
      ['KPI『新しいKPI』', 'cannotAdd'],
      ['KPI『ビジネスマッチング数（ビジネスプラス展）』の令和2年度の削除', 'cannotRemove'],
    ]);
    expect(plan.added.map((a) => describeChange(a))).toEqual(['事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の令和3年度']);
  });
});

describe('planMerge: planning’s next bundle back at the department', () => {
  for (const variant of ['base snapshot (three-way)', 'stamps only'] as const) {
    it(`takes planning’s changes and keeps the department’s newer ones (${variant})`, async () => {
      const { planning, e0, sentE0, file, dept } = await departmentRoundTrip();
      // Planning takes the department's file (choosing the department's text in the conflict)…
      const plan = planMerge(planning, file.records, { ...mergeBase(file.meta, { sent: [sentE0], received: [] }), snapshot: e0.records }, { rules: editableBy(DEPARTMENT) });
      let here = applyMergePlan(planning, plan, allChoices(plan, 'theirs'), { now: '2026-06-03T00:00:00.000Z', editor: '企画課 山田' }).records;
      // …then changes a project year's budget of 商工課 and sends a new bundle based on the department's.
      const p = deviceContext('企画課 山田', '2026-06-04T00:00:00.000Z', 'plan2');
      here = clone(here);
      replace(here.projectYears, applyPatch(p, find(here).projectYear('企業競争力強化支援事業', 2020)!, { budget: 1200 }));
      const received: SyncEntry = { exportId: 'D1', exportedAt: file.meta.exportedAt, scope: DEPARTMENT, copyId: DEPARTMENT_COPY };
      const e1 = await serializeBundle(here, exportOptions({ exportId: 'E1', exportedAt: '2026-06-05T00:00:00.000Z', scope: DEPARTMENT, basedOn: basedOnFor(DEPARTMENT, { sent: [sentE0], received: [received] }) }));
      const incoming = await parsed(e1.json);
      expect(incoming.meta.basedOn?.exportId).toBe('D1');

      // The department, meanwhile, wrote a reason on another KPI year.
      const d = deviceContext('商工課 佐藤', '2026-06-04T12:00:00.000Z', 'dept3');
      const mine = clone(dept);
      replace(mine.kpiYears, applyPatch(d, find(mine).kpiYear('ビジネスマッチング数', 2020)!, { shortfallReason: 'コロナのため中止' }));
      const d1Records = (await parsed((await serializeBundle(dept, exportOptions({ scope: DEPARTMENT }))).json)).records;
      const history = {
        sent: [{ exportId: 'D1', exportedAt: file.meta.exportedAt, scope: DEPARTMENT, copyId: DEPARTMENT_COPY }],
        received: [{ exportId: 'E0', exportedAt: T0, scope: DEPARTMENT, copyId: PLANNING_COPY }],
      };
      const base = { ...mergeBase(incoming.meta, history), snapshot: variant === 'stamps only' ? null : d1Records };
      expect(base.mine?.at).toBe(file.meta.exportedAt);
      expect(base.theirs?.at).toBe(T0);
      const back = planMerge(mine, incoming.records, base);
      const planningChanges = [
        'KPI『関市ビジネスサポートセンターへの相談件数』の目標値',
        'KPI『ビジネスマッチング数（ビジネスプラス展）』の令和3年度の年度目標値',
        '事業『ビジネスプラス展』の令和2年度の予算',
      ];
      // The department's renames, which planning did not take, meet planning's names again.
      const renames = ['基本目標1の名称', '事業『ビジネスプラス展』の事業名'];
      if (variant === 'stamps only') {
        // Stamps cannot show that planning refused them: asked, not guessed.
        expect(back.changed.map(describeChange)).toEqual(planningChanges);
        expect(back.conflicts.map((c) => [describeChange(c), c.reason])).toEqual(renames.map((r) => [r, 'neitherChanged']));
      } else {
        // The snapshot shows the department did not touch them since its file: planning's names return.
        expect(back.changed.map(describeChange)).toEqual([...renames, ...planningChanges]);
        expect(back.conflicts).toEqual([]);
      }
      const merged = applyMergePlan(mine, back, {}, { now: '2026-06-06T00:00:00.000Z', editor: '商工課 佐藤' }).records;
      expect(find(merged).kpiYear('ビジネスマッチング数', 2020)!.shortfallReason).toBe('コロナのため中止');
      expect(find(merged).projectYear('商工課', 2020)!.budget).toBe(1200);
    });
  }
});

/** Two whole-strategy copies of the sample: here (planning) and a second device, both from export X at T0. */
function twoCopies() {
  const { records } = sample();
  const here = clone(records);
  const there = clone(records);
  const h = deviceContext('企画課 山田', '2026-05-21T00:00:00.000Z', 'here');
  const t = deviceContext('企画課 鈴木', '2026-05-22T00:00:00.000Z', 'there');
  return { base: records, here, there, h, t };
}

describe('planMerge: whole-strategy copies', () => {
  it('takes a field changed only in the file without asking, and keeps one changed only here', () => {
    const { here, there, h, t } = twoCopies();
    here.goals[0] = applyPatch(h, here.goals[0]!, { title: 'ここで変えた' });
    there.goals[1] = applyPatch(t, there.goals[1]!, { title: 'ファイルで変えた' });
    const plan = planMerge(here, there, T0);
    expect(plan.changed.map((c) => [describeChange(c), inWords(c).mineText, inWords(c).theirsText])).toEqual([['基本目標2の名称', '魅力を高めて交流・定住・関係人口を増やすまち', 'ファイルで変えた']]);
    expect(plan.conflicts).toEqual([]);
    const applied = applyMergePlan(here, plan, {}, { now: '2026-05-23T00:00:00.000Z', editor: '企画課 山田' });
    expect(applied.records.goals.map((g) => g.title).slice(0, 2)).toEqual(['ここで変えた', 'ファイルで変えた']);
  });

  it('asks when both changed the same field, and not when both made the same change', () => {
    const { here, there, h, t } = twoCopies();
    const project = here.projects[0]!;
    here.projects[0] = applyPatch(h, project, { name: '企業展（ここ）', summary: '同じ修正' });
    there.projects[0] = applyPatch(t, there.projects[0]!, { name: '企業展（ファイル）', summary: '同じ修正' });
    const plan = planMerge(here, there, T0);
    expect(plan.changed).toEqual([]);
    expect(plan.conflicts.map((c) => [describeChange(c), inWords(c).mineText, inWords(c).theirsText, c.reason])).toEqual([
      ['事業『企業展（ここ）』の事業名', '企業展（ここ）', '企業展（ファイル）', 'bothChanged'],
    ]);
    expect(formatStamp(plan.conflicts[0]!.theirsStamp)).toBe('企画課 鈴木（2026/05/22 09:00）');
    expect(unresolvedConflicts(plan, {})).toEqual([plan.conflicts[0]!.key]);
    const kept = applyMergePlan(here, plan, {}, { now: '2026-05-23T00:00:00.000Z', editor: 'x' });
    expect(kept.unresolved).toEqual([plan.conflicts[0]!.key]);
    expect(kept.records.projects[0]!.name).toBe('企業展（ここ）');
  });

  it('asks about values that differ although neither side changed them since the base', () => {
    const { here, there } = twoCopies();
    there.goals[0] = { ...there.goals[0]!, title: '書き換えられた' }; // no stamp: an edit the stamps do not show
    const plan = planMerge(here, there, T0);
    expect(plan.conflicts.map((c) => c.reason)).toEqual(['neitherChanged']);
  });

  it('with no known base, asks about every differing field — except one still at its default since creation', () => {
    const { here, there, h, t } = twoCopies();
    here.goals[0] = applyPatch(h, here.goals[0]!, { title: 'ここ' });
    there.goals[1] = applyPatch(t, there.goals[1]!, { title: 'ファイル' });
    const kpiId = here.kpis[0]!.id;
    here.kpiYears.push(createRecord<KpiYear>(h, here.strategy.id, { ...kpiYearDefaults(kpiId, 2022), target: { value: 95 } }));
    there.kpiYears.push(createRecord<KpiYear>(t, there.strategy.id, { ...kpiYearDefaults(kpiId, 2022), actual: { value: 97 } }));
    const plan = planMerge(here, there, null);
    expect(plan.conflicts.map((c) => [describeChange(c), c.reason])).toEqual([
      ['基本目標1の名称', 'baseUnknown'],
      ['基本目標2の名称', 'baseUnknown'],
    ]);
    expect(plan.changed.map(describeChange)).toEqual(['KPI『ビジネスマッチング数（ビジネスプラス展）』の令和4年度の実績値']);
  });

  it('adds records that are only in the file, parents before children, stamped as arriving now', () => {
    const { here, there, t } = twoCopies();
    const goal = createRecord<Goal>(t, there.strategy.id, { ...goalDefaults(4), number: '5', title: '新しい基本目標' });
    there.goals.push(goal);
    const plan = planMerge(here, there, T0);
    expect(plan.added.map((a) => describeChange(a))).toEqual(['基本目標5']);
    const now = '2026-05-23T00:00:00.000Z';
    const applied = applyMergePlan(here, plan, {}, { now, editor: '企画課 山田' });
    const added = applied.records.goals.at(-1)!;
    expect(added).toMatchObject({ id: goal.id, title: '新しい基本目標', strategyId: here.strategy.id });
    expect(added.stamps['title']).toEqual({ at: now, by: '企画課 鈴木' });
    expect(applied.written.goals).toEqual([added]);
    // A record created and deleted there never reaches here.
    there.goals[there.goals.length - 1] = markDeleted(t, goal, 'b');
    expect(planMerge(here, there, T0).added).toEqual([]);
  });

  it('removes what the file deleted, with everything deleted with it', () => {
    const { here, there, t } = twoCopies();
    const project = there.projects[0]!;
    const batch = 'batch-del';
    there.projects[0] = markDeleted(t, project, batch);
    there.kpis = there.kpis.map((k) => (k.projectId === project.id ? markDeleted(t, k, batch) : k));
    const plan = planMerge(here, there, T0);
    expect(plan.removed.map((r) => describeChange({ kind: r.kind, subject: r.subject }))).toEqual([
      '事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』',
      'KPI『ビジネスマッチング数（ビジネスプラス展）』',
    ]);
    const now = '2026-05-23T00:00:00.000Z';
    const applied = applyMergePlan(here, plan, {}, { now, editor: '企画課 山田' });
    expect(applied.records.projects[0]).toMatchObject({ deletedAt: now, deletedBatch: batch });
    expect(applied.records.kpis.find((k) => k.projectId === project.id)!.deletedAt).toBe(now);
  });

  it('asks when the file deleted what was edited here, and keeping it keeps the whole deletion batch', () => {
    const { here, there, h, t } = twoCopies();
    const project = there.projects[0]!;
    there.projects[0] = markDeleted(t, project, 'b1');
    there.kpis = there.kpis.map((k) => (k.projectId === project.id ? markDeleted(t, k, 'b1') : k));
    here.projects[0] = applyPatch(h, here.projects[0]!, { summary: 'ここで追記' });
    const plan = planMerge(here, there, T0);
    expect(plan.conflicts.map((c) => [describeChange(c), inWords(c).mineText, inWords(c).theirsText])).toEqual([
      ['事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の削除', '削除されていない', '削除済み'],
    ]);
    expect(plan.removed).toHaveLength(1); // the KPI, in the same batch
    const keep = applyMergePlan(here, plan, allChoices(plan, 'mine'), { now: '2026-05-23T00:00:00.000Z', editor: 'x' });
    expect(keep.records.projects[0]!.deletedAt).toBeNull();
    expect(keep.records.kpis.filter((k) => k.projectId === project.id).every((k) => k.deletedAt === null)).toBe(true);
    const take = applyMergePlan(here, plan, allChoices(plan, 'theirs'), { now: '2026-05-23T00:00:00.000Z', editor: 'x' });
    expect(take.records.projects[0]!.deletedAt).not.toBeNull();
    expect(take.records.kpis.filter((k) => k.projectId === project.id).every((k) => k.deletedAt !== null)).toBe(true);
  });

  it('asks when the file edited what was deleted here; taking the file’s brings back the deleted batch', () => {
    const { here, there, h, t } = twoCopies();
    const project = here.projects[0]!;
    here.projects[0] = markDeleted(h, project, 'b2');
    here.kpis = here.kpis.map((k) => (k.projectId === project.id ? markDeleted(h, k, 'b2') : k));
    there.projects[0] = applyPatch(t, there.projects[0]!, { summary: 'ファイルで追記' });
    const plan = planMerge(here, there, T0);
    expect(plan.conflicts.map((c) => [inWords(c).fieldLabel, inWords(c).mineText, inWords(c).theirsText])).toEqual([['削除', '削除済み', '削除されていない']]);
    const take = applyMergePlan(here, plan, allChoices(plan, 'theirs'), { now: '2026-05-23T00:00:00.000Z', editor: 'x' });
    expect(take.records.projects[0]).toMatchObject({ deletedAt: null, summary: 'ファイルで追記' });
    expect(take.records.kpis.filter((k) => k.projectId === project.id).every((k) => k.deletedAt === null)).toBe(true);
  });

  it('restores what the file restored, and keeps deleted what was deleted here since', () => {
    const { base, here, there, h, t } = twoCopies();
    // Both copies had the goal deleted at the base; the file restored it.
    const deletedAtBase = markDeleted(deviceContext('x', '2026-05-01T00:00:00.000Z', 'old'), base.goals[3]!, 'old');
    here.goals[3] = deletedAtBase;
    there.goals[3] = markRestored(t, deletedAtBase);
    let plan = planMerge(here, there, T0);
    expect(plan.restored.map(describeChange)).toEqual(['基本目標4の削除']);
    expect(applyMergePlan(here, plan, {}, { now: '2026-05-23T00:00:00.000Z', editor: 'x' }).records.goals[3]!.deletedAt).toBeNull();
    // Deleted here after the base, untouched there: stays deleted, nothing to say.
    here.goals[2] = markDeleted(h, here.goals[2]!, 'new');
    plan = planMerge(here, there, T0);
    expect(plan.conflicts).toEqual([]);
    expect(plan.removed).toEqual([]);
  });

  it('uses the snapshot over the stamps: a value changed with a wrong clock is still seen', () => {
    const { base, here, there } = twoCopies();
    const slowClock: RecordContext = deviceContext('企画課 鈴木', '2026-01-01T00:00:00.000Z', 'slow');
    there.goals[0] = applyPatch(slowClock, there.goals[0]!, { title: '時計が遅れた端末で変更' });
    expect(planMerge(here, there, T0).conflicts.map((c) => c.reason)).toEqual(['neitherChanged']);
    const withSnapshot = planMerge(here, there, { mine: { at: T0, scope: { kind: 'strategy' } }, theirs: null, snapshot: base });
    expect(withSnapshot.conflicts).toEqual([]);
    expect(withSnapshot.changed.map(describeChange)).toEqual(['基本目標1の名称']);
  });

  it('never changes its inputs', () => {
    const { here, there, h, t } = twoCopies();
    here.goals[0] = applyPatch(h, here.goals[0]!, { title: 'ここ' });
    there.goals[0] = applyPatch(t, there.goals[0]!, { title: 'ファイル' });
    there.goals[1] = applyPatch(t, there.goals[1]!, { directions: ['a', 'b'] });
    there.projects[0] = markDeleted(t, there.projects[0]!, 'b');
    deepFreeze(here);
    deepFreeze(there);
    const plan = deepFreeze(planMerge(here, there, T0));
    const before = clone(here);
    const applied = applyMergePlan(here, plan, allChoices(plan, 'theirs'), { now: '2026-05-23T00:00:00.000Z', editor: 'x' });
    expect(here).toEqual(before);
    expect(applied.records.goals[0]!.title).toBe('ファイル');
    expect(applied.records.goals[1]!.directions).toEqual(['a', 'b']);
  });
});

describe('mergeBase and basedOnFor', () => {
  const entry = (exportId: string, exportedAt: string, copyId: string, scope: SyncEntry['scope'] = { kind: 'strategy' }): SyncEntry => ({
    exportId,
    exportedAt,
    copyId,
    scope,
  });

  it('finds this device’s export the file is based on, and the latest file taken in from the same copy', () => {
    const history = {
      sent: [entry('E0', T0, PLANNING_COPY, DEPARTMENT), entry('E1', '2026-07-01T00:00:00.000Z', PLANNING_COPY)],
      received: [entry('D1', '2026-06-02T00:00:00.000Z', DEPARTMENT_COPY, DEPARTMENT), entry('K1', '2026-06-09T00:00:00.000Z', 'copy-kanko')],
    };
    expect(mergeBase({ basedOn: { exportId: 'E0', exportedAt: T0 }, copyId: DEPARTMENT_COPY }, history)).toEqual({
      mine: { at: T0, scope: DEPARTMENT },
      theirs: { at: '2026-06-02T00:00:00.000Z', scope: DEPARTMENT },
    });
    expect(mergeBase({ basedOn: { exportId: 'E0', exportedAt: T0 }, copyId: 'copy-new' }, history)).toEqual({
      mine: { at: T0, scope: DEPARTMENT },
      theirs: { at: T0, scope: DEPARTMENT },
    });
    expect(mergeBase({ basedOn: { exportId: 'someone-else', exportedAt: T0 }, copyId: 'copy-new' }, history)).toEqual({ mine: null, theirs: null });
    expect(mergeBase({ basedOn: null, copyId: '' }, history)).toEqual({ mine: null, theirs: null });
  });

  it('bases a new export on the department’s last return, or else on the latest file taken in', () => {
    const history = {
      sent: [],
      received: [entry('D1', '2026-06-02T00:00:00.000Z', DEPARTMENT_COPY, DEPARTMENT), entry('K1', '2026-06-09T00:00:00.000Z', 'copy-kanko')],
    };
    expect(basedOnFor(DEPARTMENT, history)).toEqual({ exportId: 'D1', exportedAt: '2026-06-02T00:00:00.000Z' });
    expect(basedOnFor({ kind: 'strategy' }, history)).toEqual({ exportId: 'K1', exportedAt: '2026-06-09T00:00:00.000Z' });
    expect(basedOnFor({ kind: 'department', departments: ['観光課'] }, history)).toEqual({ exportId: 'K1', exportedAt: '2026-06-09T00:00:00.000Z' });
    expect(basedOnFor({ kind: 'strategy' }, { sent: [], received: [] })).toBeNull();
  });
});

describe('equal values adopt the later stamp', () => {
  it('takes the file\'s later stamp without listing it, and writes only that stamp', () => {
    const { records: base } = sample();
    const here = clone(base);
    const there = clone(base);
    const t = deviceContext('企画課 鈴木', '2026-05-22T00:00:00.000Z', 'there');
    const i = here.projects.findIndex((p) => p.summary !== '');
    const project = here.projects[i]!;
    // The file's copy chose (again) the value both hold: same value, later stamp.
    there.projects[i]!.stamps['summary'] = { at: t.now(), by: t.editor };
    const theirsStamp = there.projects[i]!.stamps['summary']!;
    expect(theirsStamp.at > (project.stamps['summary']?.at ?? project.updatedAt)).toBe(true);

    const plan = planMerge(here, there, { mine: null, theirs: null });
    expect([plan.changed, plan.conflicts, plan.added, plan.removed, plan.restored, plan.ignored].every((l) => l.length === 0)).toBe(true);
    expect(plan.restamped.map((a) => [a.id, a.field])).toContainEqual([project.id, 'summary']);

    const applied = applyMergePlan(here, plan, {}, { now: '2026-05-30T00:00:00.000Z', editor: '企画課 山田' });
    const written = applied.written.projects.find((p) => p.id === project.id)!;
    // The decision's time and author as they are, and when it arrived here (this merge's time).
    expect(written.stamps['summary']).toEqual({ ...theirsStamp, got: '2026-05-30T00:00:00.000Z' });
    expect(written.summary).toBe(project.summary);
    expect(written.updatedAt).toBe(project.updatedAt);
    expect(written.updatedBy).toBe(project.updatedBy);
    expect(written.rev).toBe(project.rev + 1);

    // Both now hold the same stamp: nothing more to adopt either way (no ping-pong).
    expect(planMerge(applied.records, there, { mine: null, theirs: null }).restamped).toEqual([]);
    expect(planMerge(there, applied.records, { mine: null, theirs: null }).restamped.filter((a) => a.field === 'summary')).toEqual([]);
  });

  it('adopts nothing older, and nothing a department file may not change', () => {
    const { records: base } = sample();
    const here = clone(base);
    const there = clone(base);
    const h = deviceContext('企画課 山田', '2026-05-23T00:00:00.000Z', 'here');
    const t = deviceContext('商工課 佐藤', '2026-05-22T00:00:00.000Z', 'there');
    const i = here.projects.findIndex((p) => p.departments.includes('商工課'));
    here.projects[i]!.stamps['name'] = { at: h.now(), by: h.editor };
    there.projects[i]!.stamps['name'] = { at: t.now(), by: t.editor };
    expect(planMerge(here, there, { mine: null, theirs: null }).restamped.filter((a) => a.id === here.projects[i]!.id)).toEqual([]);
    const later = clone(here);
    const t2 = deviceContext('商工課 佐藤', '2026-05-24T00:00:00.000Z', 'there2');
    later.projects[i]!.stamps['name'] = { at: t2.now(), by: t2.editor };
    const plan = planMerge(here, later, { mine: null, theirs: null }, { rules: editableBy(DEPARTMENT) });
    expect(plan.restamped.filter((a) => a.field === 'name')).toEqual([]);
    // Between whole-strategy copies the same later stamp is adopted.
    expect(planMerge(here, later, { mine: null, theirs: null }).restamped.map((a) => [a.id, a.field])).toContainEqual([here.projects[i]!.id, 'name']);
  });
});

describe('planMerge: the structures of real strategies', () => {
  it('takes a project’s further places (再掲) and a 施策 KPI from the file, named in words; asks when both changed the places', () => {
    const { here, there, h, t } = twoCopies();
    const [, g2, g3] = here.goals;
    const measure = createRecord<Measure>(t, here.strategy.id, { goalId: g3!.id, parentId: null, number: '(1)', title: '子育て支援', category: '', description: '', order: 0 });
    there.measures.push(measure);
    there.projects[0] = applyPatch(t, there.projects[0]!, { alsoUnder: [{ goalId: g3!.id, measureId: measure.id }] });
    const plan = planMerge(here, there, T0);
    expect(plan.conflicts).toEqual([]);
    const places = plan.changed.find((c) => c.field === 'alsoUnder')!;
    expect(inWords(places).theirsText).toContain('子育て支援');
    expect(inWords(places).theirsText).not.toContain(measure.id);
    const applied = applyMergePlan(here, plan, {}, { now: '2026-05-23T00:00:00.000Z', editor: '企画課 山田' });
    expect(applied.records.projects[0]!.alsoUnder).toEqual([{ goalId: g3!.id, measureId: measure.id }]);

    // Both copies list the project elsewhere: one conflict, neither listing dropped unseen.
    const both = twoCopies();
    both.here.projects[0] = applyPatch(both.h, both.here.projects[0]!, { alsoUnder: [{ goalId: g2!.id, measureId: null }] });
    both.there.projects[0] = applyPatch(both.t, both.there.projects[0]!, { alsoUnder: [{ goalId: g3!.id, measureId: null }] });
    const conflict = planMerge(both.here, both.there, T0);
    expect(conflict.conflicts.map((c) => [c.field, c.reason])).toEqual([['alsoUnder', 'bothChanged']]);
  });
});
