/**
 * Deleted on one side, edited on the other (issue cases 1–3): never dropped unseen. The deletion and
 * the edits are one conflict per deletion batch; the person restores the records with the edits or
 * keeps them deleted.
 */
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/features/bundles/merge-words';
import { allChoices, applyMergePlan, planMerge, type MergeBase } from '../../src/bundle/merge';
import { editableBy } from '../../src/bundle/department';
import type { BundleScope } from '../../src/bundle/format';
import { deletionSet } from '../../src/domain/cascade';
import { applyPatch, createRecord, markDeleted, type RecordContext } from '../../src/domain/records';
import { kpiYearDefaults, type KpiYear } from '../../src/domain/entities/kpi-year';
import type { RecordKind, WorkbookRecords } from '../../src/domain/workbook';
import { clone, deviceContext, sample, inWords } from './helpers';

const T0 = '2026-05-20T01:00:00.000Z';
const NOW = '2026-05-30T00:00:00.000Z';
const DEPARTMENT: BundleScope = { kind: 'department', departments: ['商工課'] };

function deleteProject(records: WorkbookRecords, ctx: RecordContext, projectId: string, batch: string) {
  for (const ref of deletionSet(records, 'projects', projectId)) {
    const list = records[ref.kind as Exclude<RecordKind, 'strategies'>] as { id: string }[];
    const i = list.findIndex((r) => r.id === ref.id);
    list[i] = markDeleted(ctx, list[i] as never, batch) as never;
  }
}

function setup() {
  const { records: base } = sample();
  const here = clone(base);
  const there = clone(base);
  const h = deviceContext('企画課 山田', '2026-05-21T00:00:00.000Z', 'here');
  const t = deviceContext('企画課 鈴木', '2026-05-22T00:00:00.000Z', 'there');
  const project = base.projects.find((p) => p.departments.includes('商工課'))!;
  const year = (r: WorkbookRecords) => r.projectYears.findIndex((y) => y.projectId === project.id && y.fiscalYear === 2020);
  const kpi = base.kpis.find((k) => k.projectId === project.id)!;
  const kpiYear = (r: WorkbookRecords) => r.kpiYears.findIndex((y) => y.kpiId === kpi.id && y.fiscalYear === 2020);
  return { base, here, there, h, t, project, year, kpi, kpiYear };
}

const bases = (base: WorkbookRecords): [string, MergeBase][] => [
  ['base snapshot', { mine: { at: T0, scope: { kind: 'strategy' } }, theirs: { at: T0, scope: { kind: 'strategy' } }, snapshot: base }],
  ['stamps only', { mine: { at: T0, scope: { kind: 'strategy' } }, theirs: { at: T0, scope: { kind: 'strategy' } } }],
];

describe('deleted here, edited in the file (case 1)', () => {
  for (const [name] of bases(sample().records)) {
    it(`is one conflict listing the file's edits, restoring the whole deletion on "theirs" (${name})`, () => {
      const { base, here, there, h, t, project, year, kpi, kpiYear } = setup();
      const b = bases(base).find(([n]) => n === name)![1];
      deleteProject(here, h, project.id, 'del-1');
      there.projectYears[year(there)] = applyPatch(t, there.projectYears[year(there)]!, { progress: '参加者が増えた。' });
      there.kpiYears[kpiYear(there)] = applyPatch(t, there.kpiYears[kpiYear(there)]!, { actual: { value: 9 } });
      // A year record made in the file under the project deleted here.
      const fresh = createRecord<KpiYear>(t, there.strategy.id, { ...kpiYearDefaults(kpi.id, 2021), actual: { value: 12 } });
      there.kpiYears.push(fresh);

      const plan = planMerge(here, there, b);
      expect(plan.conflicts).toHaveLength(1);
      const c = plan.conflicts[0]!;
      expect([describeChange(c), inWords(c).mineText, inWords(c).theirsText]).toEqual(['事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の削除', '削除済み', '削除されていない']);
      expect(c.edits.map((e) => [describeChange(e), inWords(e).theirsText])).toEqual([
        ['KPI『ビジネスマッチング数（ビジネスプラス展）』の令和2年度の実績値', '9件'],
        ['KPI『ビジネスマッチング数（ビジネスプラス展）』の令和3年度の実績値', '12件'],
        ['事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の令和2年度の実施内容・進捗状況・課題等', '参加者が増えた。'],
      ]);
      expect([plan.added, plan.changed, plan.removed]).toEqual([[], [], []]);

      const restore = applyMergePlan(here, plan, allChoices(plan, 'theirs'), { now: NOW, editor: 'x' });
      const r = restore.records;
      expect(r.projects.find((p) => p.id === project.id)!.deletedAt).toBeNull();
      expect(r.projectYears[year(r)]).toMatchObject({ deletedAt: null, progress: '参加者が増えた。' });
      expect(r.kpiYears[kpiYear(r)]).toMatchObject({ deletedAt: null, actual: { value: 9 } });
      expect(r.kpiYears.find((y) => y.id === fresh.id)).toMatchObject({ deletedAt: null, actual: { value: 12 } });
      const liveBefore = deletionSet(base, 'projects', project.id);
      for (const ref of liveBefore) {
        const rec = (r[ref.kind as Exclude<RecordKind, 'strategies'>] as { id: string; deletedAt: string | null }[]).find((x) => x.id === ref.id)!;
        expect(rec.deletedAt).toBeNull();
      }

      const keep = applyMergePlan(here, plan, allChoices(plan, 'mine'), { now: NOW, editor: 'x' });
      expect(keep.records.projects.find((p) => p.id === project.id)!.deletedAt).not.toBeNull();
      expect(keep.records.projectYears[year(keep.records)]!.progress).toBe(here.projectYears[year(here)]!.progress);
      // The year made in the file is kept, deleted with the project: restoring the deletion later brings it back.
      expect(keep.records.kpiYears.find((y) => y.id === fresh.id)).toMatchObject({ deletedBatch: 'del-1', actual: { value: 12 } });
    });
  }

  it('says nothing when the file did not touch what was deleted here', () => {
    const { base, here, there, h, project } = setup();
    deleteProject(here, h, project.id, 'del-1');
    for (const [, b] of bases(base)) {
      const plan = planMerge(here, there, b);
      expect([plan.conflicts, plan.changed, plan.removed, plan.added]).toEqual([[], [], [], []]);
    }
  });
});

describe('edited here, deleted in the file (case 2)', () => {
  for (const [name] of bases(sample().records)) {
    it(`is one conflict listing the edits here, not a plain removal (${name})`, () => {
      const { base, here, there, h, t, project, year } = setup();
      const b = bases(base).find(([n]) => n === name)![1];
      here.projectYears[year(here)] = applyPatch(h, here.projectYears[year(here)]!, { progress: 'ここで書いた進捗' });
      deleteProject(there, t, project.id, 'del-2');
      const plan = planMerge(here, there, b);
      expect(plan.conflicts).toHaveLength(1);
      const c = plan.conflicts[0]!;
      expect([describeChange(c), inWords(c).mineText, inWords(c).theirsText]).toEqual(['事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の削除', '削除されていない', '削除済み']);
      expect(c.edits.map((e) => [inWords(e).fieldLabel, inWords(e).mineText])).toEqual([['実施内容・進捗状況・課題等', 'ここで書いた進捗']]);
      // The rest of the batch waits for the same choice.
      expect(plan.removed.every((r) => r.batch === 'del-2')).toBe(true);

      const keep = applyMergePlan(here, plan, allChoices(plan, 'mine'), { now: NOW, editor: 'x' });
      for (const ref of deletionSet(base, 'projects', project.id)) {
        const rec = (keep.records[ref.kind as Exclude<RecordKind, 'strategies'>] as { id: string; deletedAt: string | null }[]).find((x) => x.id === ref.id)!;
        expect(rec.deletedAt).toBeNull();
      }
      expect(keep.records.projectYears[year(keep.records)]!.progress).toBe('ここで書いた進捗');
      const take = applyMergePlan(here, plan, allChoices(plan, 'theirs'), { now: NOW, editor: 'x' });
      for (const ref of deletionSet(base, 'projects', project.id)) {
        const rec = (take.records[ref.kind as Exclude<RecordKind, 'strategies'>] as { id: string; deletedAt: string | null }[]).find((x) => x.id === ref.id)!;
        expect(rec.deletedAt).not.toBeNull();
      }
    });
  }
});

describe('a department’s return after planning deleted the project (case 3)', () => {
  it('shows the department’s values as a conflict, and restores the project with them on "theirs"', () => {
    const { base, here: planning, there: dept, h, project, year, kpiYear } = setup();
    const d = deviceContext('商工課 佐藤', '2026-06-01T00:00:00.000Z', 'dept');
    dept.kpiYears[kpiYear(dept)] = applyPatch(d, dept.kpiYears[kpiYear(dept)]!, { actual: { value: 5 } });
    dept.projectYears[year(dept)] = applyPatch(d, dept.projectYears[year(dept)]!, { progress: '5件の相談に対応した。' });
    deleteProject(planning, h, project.id, 'del-3');
    for (const snapshot of [base, null]) {
      const b: MergeBase = { mine: { at: T0, scope: DEPARTMENT }, theirs: { at: T0, scope: DEPARTMENT }, snapshot };
      const plan = planMerge(planning, dept, b, { rules: editableBy(DEPARTMENT) });
      expect(plan.conflicts).toHaveLength(1);
      expect(plan.conflicts[0]!.edits.map((e) => [inWords(e).fieldLabel, inWords(e).theirsText, e.theirsStamp.by])).toEqual([
        ['実績値', '5件', '商工課 佐藤'],
        ['実施内容・進捗状況・課題等', '5件の相談に対応した。', '商工課 佐藤'],
      ]);
      const restored = applyMergePlan(planning, plan, allChoices(plan, 'theirs'), { now: NOW, editor: '企画課 山田' }).records;
      expect(restored.projects.find((p) => p.id === project.id)!.deletedAt).toBeNull();
      expect(restored.kpiYears[kpiYear(restored)]).toMatchObject({ deletedAt: null, actual: { value: 5 } });
      expect(restored.projectYears[year(restored)]).toMatchObject({ deletedAt: null, progress: '5件の相談に対応した。' });
      const kept = applyMergePlan(planning, plan, allChoices(plan, 'mine'), { now: NOW, editor: '企画課 山田' }).records;
      expect(kept.projects.find((p) => p.id === project.id)!.deletedAt).not.toBeNull();
    }
  });
});
