import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView } from '../../src/domain/workbook';
import { testContext } from '../support/context';

let db: WorkbookDb;
let repo: WorkbookRepository;
let ctx: ReturnType<typeof testContext>;
let n = 0;

beforeEach(async () => {
  db = new WorkbookDb(`test-${++n}`);
  ctx = testContext();
  repo = new WorkbookRepository(db, () => ctx);
});

async function addSample() {
  const records = buildWorkbook(SEKI_SAMPLE, ctx);
  await repo.addWorkbook(records);
  return records;
}

describe('addWorkbook / loadWorkbook', () => {
  it('stores the sample and reads every record back', async () => {
    const records = await addSample();
    const loaded = await repo.loadWorkbook(records.strategy.id);
    expect(loaded?.goals).toHaveLength(4);
    expect(loaded?.projects).toHaveLength(10);
    expect(loaded?.kpis).toHaveLength(10);
    expect(loaded?.kpiYears).toHaveLength(10);
    expect(loaded?.projectYears).toHaveLength(10);
    expect(await repo.listStrategies()).toHaveLength(1);
  });

  it('writes nothing when one record of the workbook is invalid for the store', async () => {
    const records = buildWorkbook(SEKI_SAMPLE, ctx);
    // A duplicate primary key makes the last bulkAdd fail inside the transaction.
    records.projectYears.push({ ...records.projectYears[0]! });
    await expect(repo.addWorkbook(records)).rejects.toThrow();
    expect(await db.strategies.count()).toBe(0);
    expect(await db.goals.count()).toBe(0);
    expect(await db.kpis.count()).toBe(0);
  });
});

describe('update', () => {
  it('stamps only the fields that changed and bumps rev', async () => {
    const records = await addSample();
    const project = records.projects[0]!;
    ctx.editor = '商工課 佐藤';
    const next = await repo.update('projects', project.id, { name: project.name, summary: '新しい概要' });
    expect(next.summary).toBe('新しい概要');
    expect(next.rev).toBe(project.rev + 1);
    expect(next.updatedBy).toBe('商工課 佐藤');
    expect(next.stamps['summary']?.by).toBe('商工課 佐藤');
    expect(next.stamps['name']).toEqual(project.stamps['name']);
  });

  it('does not write when nothing changed', async () => {
    const records = await addSample();
    const goal = records.goals[0]!;
    const next = await repo.update('goals', goal.id, { title: goal.title });
    expect(next.rev).toBe(goal.rev);
    expect((await db.goals.get(goal.id))?.updatedAt).toBe(goal.updatedAt);
  });

  it('rejects an unknown id', async () => {
    await expect(repo.update('goals', 'nope', { title: 'x' })).rejects.toThrow('not found');
  });
});

describe('upsertKpiYear', () => {
  it('creates the year record on first use and updates it afterwards', async () => {
    const records = await addSample();
    const kpi = records.kpis[1]!;
    const created = await repo.upsertKpiYear(records.strategy.id, kpi.id, 2021, { actual: { value: 1900 } });
    expect(created.fiscalYear).toBe(2021);
    const updated = await repo.upsertKpiYear(records.strategy.id, kpi.id, 2021, { target: { value: 1700 } });
    expect(updated.id).toBe(created.id);
    expect(updated.actual?.value).toBe(1900);
    expect(updated.target?.value).toBe(1700);
    expect(await db.kpiYears.where('kpiId').equals(kpi.id).count()).toBe(2);
  });
});

describe('deleteWithChildren / restoreBatch', () => {
  it('deletes a goal with its projects, KPIs and yearly records, and undo brings all back', async () => {
    const records = await addSample();
    const goal = records.goals[0]!;
    const batch = await repo.deleteWithChildren('goals', goal.id, records.strategy.id);
    const after = new WorkbookView((await repo.loadWorkbook(records.strategy.id))!);
    expect(after.goals).toHaveLength(3);
    expect(after.projectCount).toBe(6);
    expect(after.kpiCount).toBe(6);
    const restored = await repo.restoreBatch(records.strategy.id, batch);
    expect(restored).toBe(1 + 4 + 4 + 4 + 4);
    const back = new WorkbookView((await repo.loadWorkbook(records.strategy.id))!);
    expect(back.goals).toHaveLength(4);
    expect(back.projectCount).toBe(10);
    expect(back.kpiYear(records.kpis[0]!.id, 2020)?.actual?.remark).toBe('コロナのため中止');
  });

  it('moves projects of a deleted measure up to the goal', async () => {
    const records = await addSample();
    const goal = records.goals[1]!;
    const measure = await repo.create('measures', records.strategy.id, {
      goalId: goal.id,
      parentId: null,
      number: '1',
      title: '移住・定住の促進',
      category: '',
      description: '',
      order: 0,
    });
    const project = records.projects.find((p) => p.goalId === goal.id)!;
    await repo.update('projects', project.id, { measureId: measure.id });
    await repo.deleteWithChildren('measures', measure.id, records.strategy.id);
    expect((await db.projects.get(project.id))?.measureId).toBeNull();
    expect((await db.projects.get(project.id))?.deletedAt).toBeNull();
  });
});

describe('copyToNewPeriod', () => {
  it('copies the structure with new ids and leaves yearly records behind', async () => {
    const records = await addSample();
    const copy = await repo.copyToNewPeriod(records.strategy.id, { name: '第3期', startYear: 2023, endYear: 2027 });
    const view = new WorkbookView((await repo.loadWorkbook(copy.id))!);
    expect(view.strategy.copiedFrom).toBe(records.strategy.id);
    expect(view.years).toEqual([2023, 2024, 2025, 2026, 2027]);
    expect(view.goals).toHaveLength(4);
    expect(view.projectCount).toBe(10);
    expect(view.kpiCount).toBe(10);
    const kpi = view.kpisOf(view.projectsOf(view.goals[0]!.id)[0]!.id)[0]!;
    expect(kpi.baseline?.value).toBe(93);
    expect(records.kpis.some((k) => k.id === kpi.id)).toBe(false);
    expect(view.kpiYearsOf(kpi.id)).toEqual([]);
    expect(await repo.listStrategies()).toHaveLength(2);
  });
});

describe('structures of real strategies (issue 15, 17)', () => {
  it('a new year of a project starts with the 交付金の名称 of the latest earlier year; an existing year keeps its own', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const project = records.projects[0]!;
    await repo.upsertProjectYear(sid, project.id, 2020, { grantName: '地方創生推進交付金' });
    const next = await repo.upsertProjectYear(sid, project.id, 2021, { progress: '相談会を開催した。' });
    expect(next.grantName).toBe('地方創生推進交付金');
    expect(next.progress).toBe('相談会を開催した。');
    // A name typed in the new year wins over the carried one.
    const typed = await repo.upsertProjectYear(sid, project.id, 2022, { grantName: 'デジタル田園都市国家構想交付金' });
    expect(typed.grantName).toBe('デジタル田園都市国家構想交付金');
  });

  it('moving a project directly under the strategy takes its KPIs with it and drops a link to its new place', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const [g1, g2] = records.goals;
    const project = records.projects.find((p) => p.goalId === g1!.id)!;
    await db.projects.put({ ...project, alsoUnder: [{ goalId: g2!.id, measureId: null }] });
    await repo.moveProject(project.id, null, null);
    let loaded = (await repo.loadWorkbook(sid))!;
    let view = new WorkbookView(loaded);
    expect(view.directProjects.map((p) => p.id)).toEqual([project.id]);
    expect(view.kpisOf(project.id).every((k) => k.goalId === null)).toBe(true);
    // Moved to goal 2, the link to goal 2 goes (a project counts once per goal).
    await repo.moveProject(project.id, g2!.id, null);
    loaded = (await repo.loadWorkbook(sid))!;
    view = new WorkbookView(loaded);
    expect(view.project(project.id)!.alsoUnder).toEqual([]);
    expect(view.kpisOf(project.id).every((k) => k.goalId === g2!.id)).toBe(true);
  });

  it('deleting a goal leaves a project listed under it; undo brings the listing back', async () => {
    const records = await addSample();
    const sid = records.strategy.id;
    const [g1, g2] = records.goals;
    const project = records.projects.find((p) => p.goalId === g1!.id)!;
    await db.projects.put({ ...project, alsoUnder: [{ goalId: g2!.id, measureId: null }] });
    const batch = await repo.deleteWithChildren('goals', g2!.id, sid);
    let view = new WorkbookView((await repo.loadWorkbook(sid))!);
    expect(view.project(project.id)).toBeDefined();
    expect(view.goals.map((g) => g.id)).not.toContain(g2!.id);
    await repo.restoreBatch(sid, batch);
    view = new WorkbookView((await repo.loadWorkbook(sid))!);
    expect(view.linkedProjectsOf(g2!.id).map((l) => l.project.id)).toEqual([project.id]);
  });
});
