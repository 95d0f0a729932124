import { describe, expect, it } from 'vitest';
import { META_KEYS, applyPatch, createRecord, markDeleted, markRestored } from '../../src/domain/records';
import { recordMetaShape } from '../../src/domain/records.schema';
import { goalDefaults, type Goal } from '../../src/domain/entities/goal';
import { goalSchema } from '../../src/domain/entities/goal.schema';
import { deletionSet, orphanedProjects } from '../../src/domain/cascade';
import { copyToNewPeriod } from '../../src/domain/copy';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView } from '../../src/domain/workbook';
import { testContext } from '../support/context';

describe('createRecord', () => {
  it('stamps every field with the editor and the time, and validates against the entity schema', () => {
    const ctx = testContext('企画課 山田');
    const goal = createRecord<Goal>(ctx, 'strategy-1', { ...goalDefaults(0), title: '産業の振興' });
    expect(goal.strategyId).toBe('strategy-1');
    expect(goal.rev).toBe(1);
    expect(goal.updatedBy).toBe('企画課 山田');
    expect(Object.keys(goal.stamps).sort()).toEqual(['directions', 'number', 'order', 'title']);
    expect(goal.stamps['title']).toEqual({ at: goal.createdAt, by: '企画課 山田' });
    expect(goalSchema.safeParse(goal).success).toBe(true);
  });
});

describe('applyPatch', () => {
  it('stamps only changed fields and keeps the others’ stamps', () => {
    const ctx = testContext('企画課');
    const goal = createRecord<Goal>(ctx, 's', goalDefaults(0));
    ctx.editor = '商工課';
    const next = applyPatch(ctx, goal, { title: '新しい題', number: goal.number, directions: [] });
    expect(next.rev).toBe(2);
    expect(next.stamps['title']?.by).toBe('商工課');
    expect(next.stamps['number']).toBe(goal.stamps['number']);
    expect(next.stamps['directions']).toBe(goal.stamps['directions']);
    expect(goal.title).toBe(''); // input not mutated
  });

  it('returns the same object when nothing changed', () => {
    const ctx = testContext();
    const goal = createRecord<Goal>(ctx, 's', { ...goalDefaults(0), directions: ['a'] });
    expect(applyPatch(ctx, goal, { directions: ['a'] })).toBe(goal);
  });

  it('ignores attempts to patch metadata', () => {
    const ctx = testContext();
    const goal = createRecord<Goal>(ctx, 's', goalDefaults(0));
    const patched = applyPatch(ctx, goal, { id: 'other', rev: 99 } as unknown as Partial<Goal>);
    expect(patched).toBe(goal);
  });
});

describe('markDeleted / markRestored', () => {
  it('writes a tombstone with its batch and clears it again', () => {
    const ctx = testContext();
    const goal = createRecord<Goal>(ctx, 's', goalDefaults(0));
    const gone = markDeleted(ctx, goal, 'batch-1');
    expect(gone.deletedAt).not.toBeNull();
    expect(gone.deletedBatch).toBe('batch-1');
    const back = markRestored(ctx, gone);
    expect(back.deletedAt).toBeNull();
    expect(back.rev).toBe(goal.rev + 2);
  });
});

describe('deletionSet', () => {
  const records = buildWorkbook(SEKI_SAMPLE, testContext());
  it('takes a goal with its projects, KPIs and every yearly record', () => {
    const goal = records.goals[0]!;
    const refs = deletionSet(records, 'goals', goal.id);
    const count = (kind: string) => refs.filter((r) => r.kind === kind).length;
    expect(count('goals')).toBe(1);
    expect(count('projects')).toBe(4);
    expect(count('kpis')).toBe(4);
    expect(count('kpiYears')).toBe(4);
    expect(count('projectYears')).toBe(4);
  });
  it('takes a KPI with its yearly records only', () => {
    const kpi = records.kpis[0]!;
    expect(deletionSet(records, 'kpis', kpi.id).map((r) => r.kind).sort()).toEqual(['kpiYears', 'kpis']);
  });
  it('leaves projects of a deleted measure to move up to the goal', () => {
    const ctx = testContext();
    const withMeasure = buildWorkbook(
      { ...SEKI_SAMPLE, goals: [{ number: '1', title: 't', measures: [{ number: '(1)', title: 'm', projects: [{ number: '1', name: 'p', departments: [] }] }] }] },
      ctx,
    );
    const measure = withMeasure.measures[0]!;
    const refs = deletionSet(withMeasure, 'measures', measure.id);
    expect(refs).toEqual([{ kind: 'measures', id: measure.id }]);
    expect(orphanedProjects(withMeasure, refs)).toEqual([withMeasure.projects[0]!.id]);
  });
});

describe('copyToNewPeriod', () => {
  it('renumbers every reference to the new ids and skips tombstones', () => {
    const ctx = testContext();
    const records = buildWorkbook(SEKI_SAMPLE, ctx);
    records.projects[0] = markDeleted(ctx, records.projects[0]!, 'b');
    const copy = copyToNewPeriod(records, { name: '第3期', startYear: 2023, endYear: 2027 }, ctx);
    const view = new WorkbookView(copy);
    expect(view.projectCount).toBe(9);
    const goalIds = new Set(copy.goals.map((g) => g.id));
    for (const p of copy.projects) expect(goalIds.has(p.goalId!)).toBe(true);
    const projectIds = new Set(copy.projects.map((p) => p.id));
    // KPIs of the deleted project are not orphaned into the copy.
    expect(copy.kpis.filter((k) => k.projectId !== null && !projectIds.has(k.projectId))).toHaveLength(0);
    expect(copy.kpis).toHaveLength(9);
    expect(copy.strategy.copiedFrom).toBe(records.strategy.id);
    expect(copy.strategy.startYear).toBe(2023);
  });
});

describe('record metadata', () => {
  it('names the same keys as the schema shape the file reader checks', () => {
    expect([...META_KEYS].sort()).toEqual(Object.keys(recordMetaShape).sort());
  });
});
