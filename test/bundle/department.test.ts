import { describe, expect, it } from 'vitest';
import { DEPARTMENT_FIELDS, departmentBundle, editableBy } from '../../src/bundle/department';
import { editableFields, RECORD_KINDS } from '../../src/bundle/format';
import { departmentFills } from '../../src/bundle/department-fields';
import { createRecord, markDeleted } from '../../src/domain/records';
import { measureDefaults, type Measure } from '../../src/domain/entities/measure';
import { applyPatch } from '../../src/domain/records';
import { clone, sample } from './helpers';

/** The sample with a nested measure (施策 1 > (1)) holding 商工課's second project. */
function sampleWithMeasures() {
  const { records, ctx } = sample();
  const goal = records.goals[0]!;
  const parent = createRecord<Measure>(ctx, records.strategy.id, { ...measureDefaults(goal.id, null, 0), number: '1', title: '地域経済の好循環' });
  const child = createRecord<Measure>(ctx, records.strategy.id, { ...measureDefaults(goal.id, parent.id, 0), number: '(1)', title: '中小企業支援' });
  const unrelated = createRecord<Measure>(ctx, records.strategy.id, { ...measureDefaults(goal.id, null, 1), number: '2', title: '観光' });
  records.measures.push(parent, child, unrelated);
  const shoko2 = records.projects.findIndex((p) => p.name.startsWith('商工活動支援事業'));
  records.projects[shoko2] = applyPatch(ctx, records.projects[shoko2]!, { measureId: child.id });
  return { records, ctx, parent, child, unrelated };
}

describe('departmentFills (the screens’ rule, without the file schemas)', () => {
  it('agrees with DEPARTMENT_FIELDS for every field of every kind', () => {
    let checked = 0;
    for (const kind of RECORD_KINDS)
      for (const field of editableFields(kind)) {
        expect(departmentFills(kind, field), `${kind}.${field}`).toBe(DEPARTMENT_FIELDS[kind].includes(field));
        checked++;
      }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('departmentBundle', () => {
  it('holds the department’s projects, their KPIs and yearly records, and the context they sit in — nothing else', () => {
    const { records, parent, child } = sampleWithMeasures();
    const bundle = departmentBundle(records, ['商工課']);
    expect(bundle.strategy).toBe(records.strategy);
    expect(bundle.projects.map((p) => p.name)).toEqual(['企業競争力強化支援事業（関市ビジネスプラス展の開催）', '商工活動支援事業（関市ビジネスサポートセンター事業）']);
    const projectIds = new Set(bundle.projects.map((p) => p.id));
    expect(bundle.kpis.map((k) => k.name)).toEqual(['ビジネスマッチング数（ビジネスプラス展）', '関市ビジネスサポートセンターへの相談件数']);
    expect(bundle.kpis.every((k) => k.projectId !== null && projectIds.has(k.projectId))).toBe(true);
    const kpiIds = new Set(bundle.kpis.map((k) => k.id));
    expect(bundle.kpiYears.length).toBeGreaterThan(0);
    expect(bundle.kpiYears.every((y) => kpiIds.has(y.kpiId))).toBe(true);
    expect(bundle.kpiYears).toEqual(records.kpiYears.filter((y) => kpiIds.has(y.kpiId)));
    expect(bundle.projectYears).toEqual(records.projectYears.filter((y) => projectIds.has(y.projectId)));
    // Context: the goal and the measure chain above the projects, not the other goals or measures.
    expect(bundle.goals.map((g) => g.number)).toEqual(['1']);
    expect(bundle.measures.map((m) => m.id)).toEqual([parent.id, child.id]);
    // No goal-level 数値目標, no other department's project.
    expect(bundle.kpis.some((k) => k.projectId === null)).toBe(false);
    expect(bundle.projects.some((p) => !p.departments.includes('商工課'))).toBe(false);
  });

  it('takes a project shared with another department, and several departments at once', () => {
    const { records, ctx } = sample();
    const kanko = records.projects.findIndex((p) => p.departments.includes('観光課'));
    records.projects[kanko] = applyPatch(ctx, records.projects[kanko]!, { departments: ['観光課', '商工課'] });
    expect(departmentBundle(records, ['商工課']).projects).toHaveLength(3);
    const two = departmentBundle(records, ['子ども家庭課', '農林課']);
    expect(two.projects.map((p) => p.departments[0])).toEqual(['農林課', '子ども家庭課', '子ども家庭課']);
    expect(two.goals.map((g) => g.number)).toEqual(['1', '3']);
    expect(departmentBundle(records, ['存在しない課']).projects).toEqual([]);
  });

  it('carries the department’s tombstones, so a deletion reaches the department’s copy', () => {
    const { records, ctx } = sample();
    const i = records.projects.findIndex((p) => p.departments.includes('商工課'));
    records.projects[i] = markDeleted(ctx, records.projects[i]!, 'b1');
    const bundle = departmentBundle(records, ['商工課']);
    expect(bundle.projects.find((p) => p.id === records.projects[i]!.id)?.deletedAt).not.toBeNull();
  });

  it('does not change its input', () => {
    const { records } = sampleWithMeasures();
    const before = clone(records);
    departmentBundle(records, ['商工課']);
    expect(records).toEqual(before);
  });
});

describe('editableBy', () => {
  it('lets a whole-strategy file change anything', () => {
    const { records } = sample();
    const rules = editableBy({ kind: 'strategy' });
    const owned = rules.ownership(records);
    expect(rules.fieldChange('goals', records.goals[0]!, 'title', owned)).toBeNull();
    expect(rules.addition('projects', records.projects[0]!, owned)).toBeNull();
    expect(rules.removal('kpis', records.kpis[0]!, owned)).toBeNull();
    expect(rules.addedFields('kpis')).toBe('all');
  });

  it('lets a department file change only the fields a department fills in, of its own projects', () => {
    const { records } = sample();
    const rules = editableBy({ kind: 'department', departments: ['商工課'] });
    const owned = rules.ownership(records);
    const own = records.projects.find((p) => p.departments.includes('商工課'))!;
    const other = records.projects.find((p) => p.departments.includes('観光課'))!;
    const ownKpi = records.kpis.find((k) => k.projectId === own.id)!;
    const ownYear = records.kpiYears.find((y) => y.kpiId === ownKpi.id)!;
    const ownProjectYear = records.projectYears.find((y) => y.projectId === own.id)!;
    const otherProjectYear = records.projectYears.find((y) => y.projectId === other.id)!;

    expect(rules.fieldChange('kpiYears', ownYear, 'actual', owned)).toBeNull();
    expect(rules.fieldChange('kpiYears', ownYear, 'shortfallReason', owned)).toBeNull();
    expect(rules.fieldChange('kpiYears', ownYear, 'target', owned)).toBe('notEditable');
    expect(rules.fieldChange('projectYears', ownProjectYear, 'departmentComment', owned)).toBeNull();
    expect(rules.fieldChange('projectYears', ownProjectYear, 'settlement', owned)).toBeNull();
    expect(rules.fieldChange('projectYears', ownProjectYear, 'fiscalYear', owned)).toBe('notEditable');
    expect(rules.fieldChange('projectYears', otherProjectYear, 'progress', owned)).toBe('notInScope');
    expect(rules.fieldChange('projects', own, 'summary', owned)).toBeNull();
    expect(rules.fieldChange('projects', own, 'name', owned)).toBe('notEditable');
    expect(rules.fieldChange('projects', own, 'departments', owned)).toBe('notEditable');
    expect(rules.fieldChange('kpis', ownKpi, 'note', owned)).toBeNull();
    expect(rules.fieldChange('kpis', ownKpi, 'target', owned)).toBe('notEditable');
    expect(rules.fieldChange('goals', records.goals[0]!, 'title', owned)).toBe('notEditable');
    expect(rules.fieldChange('strategies', records.strategy, 'name', owned)).toBe('notEditable');

    expect(rules.addition('kpiYears', { id: 'new', kpiId: ownKpi.id }, owned)).toBeNull();
    expect(rules.addition('projectYears', { id: 'new', projectId: other.id }, owned)).toBe('notInScope');
    expect(rules.addition('kpis', { id: 'new', projectId: own.id }, owned)).toBe('cannotAdd');
    expect(rules.addition('projects', { id: 'new', departments: ['商工課'] }, owned)).toBe('cannotAdd');
    expect(rules.removal('kpiYears', ownYear, owned)).toBe('cannotRemove');
    expect(rules.addedFields('kpiYears')).toEqual(['actual', 'shortfallReason', 'statusNote']);
  });

  it('decides ownership from this device’s records, not from what the file claims', () => {
    const { records } = sample();
    const rules = editableBy({ kind: 'department', departments: ['商工課'] });
    const owned = rules.ownership(records);
    const other = records.projects.find((p) => p.departments.includes('観光課'))!;
    // The file says the project is 商工課's; here it is 観光課's.
    expect(rules.fieldChange('projects', { ...other, departments: ['商工課'] }, 'summary', owned)).toBe('notInScope');
  });

  it('names only real fields', () => {
    for (const [kind, fields] of Object.entries(DEPARTMENT_FIELDS))
      for (const f of fields) expect(editableFields(kind as never)).toContain(f);
  });
});
