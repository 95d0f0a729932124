// Structures real strategies have (issue 15 items 6 and 7, issue 17): KPIs on a 施策 (seed 002), a
// project listed under a second goal with one primary place (seed 003's 1-03 under 1 and プラス1),
// and a 交付金 project directly under the strategy whose 交付金の名称 carries into the next year.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView, type WorkbookRecords } from '../../src/domain/workbook';
import { applyPatch, createRecord } from '../../src/domain/records';
import { measureDefaults, type Measure } from '../../src/domain/entities/measure';
import { kpiDefaults, type Kpi } from '../../src/domain/entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../../src/domain/entities/kpi-year';
import { projectDefaults, type Project } from '../../src/domain/entities/project';
import { carriedForward, projectYearDefaults, type ProjectYear } from '../../src/domain/entities/project-year';
import { deletionSet, projectPatches } from '../../src/domain/cascade';
import { copyToNewPeriod } from '../../src/domain/copy';
import { DEFAULT_INTERIM_JUDGEMENT, rollUp } from '../../src/domain/achievement';
import { referenceIssues } from '../../src/bundle/integrity';
import { findHeaderRow, guessMapping, issueMessage, kpiTable, loadSpreadsheet, newWorkbookRecords, planImport, readRows, tableRows, writeCsv } from '../../src/sheets';
import { testContext } from '../support/context';
import { serializeBundle } from '../../src/bundle/serialize';
import { parseBundle } from '../../src/bundle/parse';
import { departmentBundle } from '../../src/bundle/department';
import { exportOptions } from '../bundle/helpers';
import { buildDashboard } from '../../src/domain/achievement/dashboard';
import { NO_FILTERS } from '../../src/state/router.svelte';

const SEKI_KPIS = new WorkbookView(buildWorkbook(SEKI_SAMPLE, testContext())).kpiCount;

/** The sample with one structure of each kind added. */
function structured(): { records: WorkbookRecords; measure: Measure; measureKpi: Kpi; linked: Project; direct: Project; directKpi: Kpi } {
  const ctx = testContext();
  const records = buildWorkbook(SEKI_SAMPLE, ctx);
  const sid = records.strategy.id;
  const [g1, g2, g3] = records.goals;
  const measure = createRecord<Measure>(ctx, sid, { ...measureDefaults(g1!.id, null, 0), number: '(1)', title: '中小事業所の競争力強化' });
  const measureKpi = createRecord<Kpi>(ctx, sid, { ...kpiDefaults(g1!.id, null, 0, measure.id), name: '新規創業件数', unit: '件', target: { value: 30 }, targetYear: 2022 });
  const measureYear = createRecord<KpiYear>(ctx, sid, { ...kpiYearDefaults(measureKpi.id, 2022), actual: { value: 31 } });
  const i = records.projects.findIndex((p) => p.name === '空き家バンク事業');
  const linked = applyPatch(ctx, records.projects[i]!, { alsoUnder: [{ goalId: g3!.id, measureId: null }] });
  records.projects[i] = linked;
  expect(linked.goalId).toBe(g2!.id);
  const direct = createRecord<Project>(ctx, sid, { ...projectDefaults(null, null, 0), number: '1', name: '地方創生推進交付金事業', departments: ['企画広報課'] });
  const directKpi = createRecord<Kpi>(ctx, sid, { ...kpiDefaults(null, direct.id, 0), name: '移住相談件数', unit: '件', target: { value: 50 }, targetYear: 2022 });
  const directYear = createRecord<ProjectYear>(ctx, sid, { ...projectYearDefaults(direct.id, 2020), grantName: '地方創生推進交付金' });
  records.measures.push(measure);
  records.kpis.push(measureKpi, directKpi);
  records.kpiYears.push(measureYear);
  records.projects.push(direct);
  records.projectYears.push(directYear);
  return { records, measure, measureKpi, linked, direct, directKpi };
}

describe('the structures in the records', () => {
  const s = structured();
  const view = new WorkbookView(s.records);

  it('every reference resolves', () => {
    expect(referenceIssues(s.records)).toEqual([]);
  });

  it('the view places each: the 施策 KPI under its measure, the link under its second goal, the project under the strategy', () => {
    const [, g2, g3] = view.goals;
    expect(view.measureKpis(s.measure.id).map((k) => k.name)).toEqual(['新規創業件数']);
    expect(view.goalKpis(s.measure.goalId)).toEqual([]);
    expect(view.projectsOf(g2!.id).map((p) => p.id)).toContain(s.linked.id);
    expect(view.projectsOf(g3!.id).map((p) => p.id)).not.toContain(s.linked.id);
    expect(view.linkedProjectsOf(g3!.id).map((l) => l.project.id)).toEqual([s.linked.id]);
    expect(view.directProjects.map((p) => p.id)).toEqual([s.direct.id]);
    expect(view.kpiCount).toBe(SEKI_KPIS + 2);
  });

  it('roll-ups count the listed project once in each goal and once in the strategy, and say how many are shared', () => {
    const r = rollUp(view, 2022);
    const [g1, g2, g3] = view.goals;
    expect(r.strategy.total).toBe(view.kpiCount);
    const goalsTotal = r.goals.reduce((n, g) => n + g.tally.total, 0);
    // The goals add up to the strategy, less the direct project's KPI, plus the listed project's KPI once more.
    expect(goalsTotal).toBe(view.kpiCount - 1 + 1);
    expect(r.goal(g2!.id)!.shared).toBe(1);
    expect(r.goal(g3!.id)!.shared).toBe(1);
    expect(r.goal(g3!.id)!.linkedProjectIds).toEqual([s.linked.id]);
    expect(r.goal(g1!.id)!.shared).toBe(0);
    // The 施策's own KPI counts for the measure (31 against 30: achieved) and its goal.
    expect(r.measure(s.measure.id)!.ownKpis.byVerdict.achieved).toBe(1);
    expect(r.measure(s.measure.id)!.tally.total).toBe(1);
    expect(r.goal(g1!.id)!.tally.kpiIds).toContain(s.measureKpi.id);
    expect(r.direct.map((d) => d.projectId)).toEqual([s.direct.id]);
    expect(r.strategy.kpiIds).toContain(s.directKpi.id);
  });

  it('a deleted 施策 takes its KPIs with it; a deleted second goal leaves the listed project and its link', () => {
    const refs = deletionSet(s.records, 'measures', s.measure.id);
    expect(refs.filter((x) => x.kind === 'kpis').map((x) => x.id)).toEqual([s.measureKpi.id]);
    expect(refs.filter((x) => x.kind === 'kpiYears')).toHaveLength(1);
    const g3 = view.goals[2]!;
    const goalRefs = deletionSet(s.records, 'goals', g3.id);
    expect(goalRefs.some((x) => x.id === s.linked.id)).toBe(false);
    // The link stays (undo brings the listing back with the goal); the view skips a gone goal.
    expect(projectPatches(s.records, goalRefs).has(s.linked.id)).toBe(false);
  });

  it('a copy to a new period keeps each structure under the new ids', () => {
    const copy = copyToNewPeriod(s.records, { name: '第3期', startYear: 2023, endYear: 2027 }, testContext());
    expect(referenceIssues(copy)).toEqual([]);
    const v = new WorkbookView(copy);
    const m = copy.measures.find((x) => x.title === '中小事業所の競争力強化')!;
    expect(v.measureKpis(m.id).map((k) => k.name)).toEqual(['新規創業件数']);
    expect(v.directProjects.map((p) => p.name)).toEqual(['地方創生推進交付金事業']);
    expect(v.kpisOf(v.directProjects[0]!.id).map((k) => k.goalId)).toEqual([null]);
    const linked = copy.projects.find((p) => p.name === '空き家バンク事業')!;
    expect(linked.alsoUnder).toEqual([{ goalId: v.goals[2]!.id, measureId: null }]);
  });
});


describe('交付金の名称 carried forward', () => {
  const y = (fiscalYear: number, grantName: string, deletedAt: string | null = null) => ({ fiscalYear, grantName, deletedAt });
  it('takes the latest earlier year that names a grant', () => {
    expect(carriedForward([y(2020, '地方創生推進交付金'), y(2021, 'デジタル田園都市国家構想交付金'), y(2022, '')], 2023)).toEqual({ grantName: 'デジタル田園都市国家構想交付金' });
    expect(carriedForward([y(2020, '地方創生推進交付金'), y(2021, '  ')], 2022)).toEqual({ grantName: '地方創生推進交付金' });
  });
  it('never from a later year or a deleted record, and empty when none', () => {
    expect(carriedForward([y(2022, '後の年度')], 2021)).toEqual({ grantName: '' });
    expect(carriedForward([y(2020, '削除済み', '2024-01-01T00:00:00Z')], 2021)).toEqual({ grantName: '' });
    expect(carriedForward([], 2021)).toEqual({ grantName: '' });
  });
});

describe('the KPI table carries the structures', () => {
  const s = structured();
  const view = new WorkbookView(s.records);
  const rowsOf = async () => {
    const loaded = await loadSpreadsheet('t.csv', new TextEncoder().encode(writeCsv(tableRows(kpiTable(view)))));
    if (!loaded.ok) throw new Error(loaded.reason);
    return loaded.file.sheets[0]!.rows;
  };
  const plan = (rows: Awaited<ReturnType<typeof rowsOf>>, target: Parameters<typeof planImport>[1]) => {
    const h = findHeaderRow(rows);
    let n = 0;
    return planImport(readRows(rows, h, guessMapping(rows[h]!.map((c) => String(c ?? '')))), target, { ...testContext('取込'), newId: () => `import-${++n}` });
  };

  it('writes 他の基本目標 and 「（基本目標なし）」', () => {
    const table = tableRows(kpiTable(view));
    const head = table[0]!;
    const col = (name: string) => head.indexOf(name);
    const linkedRow = table.find((r) => r[col('事業名')] === '空き家バンク事業')!;
    expect(linkedRow[col('他の基本目標')]).toBe('3');
    const directRow = table.find((r) => r[col('事業名')] === '地方創生推進交付金事業')!;
    expect(directRow[col('基本目標')]).toBe('（基本目標なし）');
    const measureRow = table.find((r) => r[col('KPI')] === '新規創業件数' || r.includes('新規創業件数'))!;
    expect(measureRow[col('施策')]).toBe('(1) 中小事業所の競争力強化');
    expect(measureRow[col('事業名')]).toBe('');
  });

  it('an unchanged export taken back changes nothing', async () => {
    const p = plan(await rowsOf(), { mode: 'update', records: s.records });
    expect(p.issues.map(issueMessage)).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.added).toEqual({ goals: 0, measures: 0, projects: 0, kpis: 0 });
  });

  it('a new strategy from it has the same structures, with no goal invented', async () => {
    const p = plan(await rowsOf(), { mode: 'create', strategy: { municipality: '関市', name: 'コピー', startYear: 2020, endYear: 2022 }, defaultGoalTitle: '基本目標' });
    expect(p.issues.map(issueMessage)).toEqual([]);
    const copy = newWorkbookRecords(p);
    expect(referenceIssues(copy)).toEqual([]);
    const created = new WorkbookView(copy);
    expect(created.goals).toHaveLength(view.goals.length);
    expect(created.directProjects.map((x) => x.name)).toEqual(['地方創生推進交付金事業']);
    const m = copy.measures.find((x) => x.title === '中小事業所の競争力強化')!;
    expect(created.measureKpis(m.id).map((k) => k.name)).toEqual(['新規創業件数']);
    expect(copy.projects.find((x) => x.name === '空き家バンク事業')!.alsoUnder).toEqual([{ goalId: created.goals[2]!.id, measureId: null }]);
    const judged = new WorkbookView({ ...s.records, strategy: { ...s.records.strategy, interimJudgement: DEFAULT_INTERIM_JUDGEMENT } });
    expect(tableRows(kpiTable(created))).toEqual(tableRows(kpiTable(judged)));
  });

  it('an unknown 他の基本目標 is refused with a message naming the row and cell', async () => {
    const rows = await rowsOf();
    const head = rows[0]!.map((c) => String(c ?? ''));
    const at = head.indexOf('他の基本目標');
    const row = rows.findIndex((r) => r[head.indexOf('事業名')] === '空き家バンク事業');
    rows[row] = rows[row]!.map((c, i) => (i === at ? '9' : c));
    const p = plan(rows, { mode: 'update', records: s.records });
    expect(p.issues.map(issueMessage).join('\n')).toContain('「他の基本目標」の「9」はこの総合戦略の基本目標・施策にありません');
  });
});

describe('the bundle file carries the structures', () => {
  it('written and read back, every structure is the same; a department file resolves every place its projects stand in', async () => {
    const s = structured();
    const out = await serializeBundle(s.records, exportOptions());
    const parsed = await parseBundle(out.json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.records).toEqual(s.records);
    const json = JSON.parse(out.json) as { records: { projects: { id: string; goalId: unknown; alsoUnder: unknown }[]; kpis: { id: string; measureId: unknown }[] } };
    expect(json.records.projects.find((p) => p.id === s.direct.id)!.goalId).toBeNull();
    expect(json.records.projects.find((p) => p.id === s.linked.id)!.alsoUnder).toEqual(s.linked.alsoUnder);
    expect(json.records.kpis.find((k) => k.id === s.measureKpi.id)!.measureId).toBe(s.measure.id);

    const dept = departmentBundle(s.records, ['企画広報課']);
    expect(referenceIssues(dept)).toEqual([]);
    expect(dept.goals.map((g) => g.number)).toContain('3');
    expect(dept.projects.map((p) => p.id)).toContain(s.direct.id);
  });
});

describe('property: a project listed under any goals counts once in each, once in the strategy', () => {
  it('holds for random listings (primary goal, further goals, or directly under the strategy)', async () => {
    const fc = (await import('fast-check')).default;
    const base = structured();
    const goalIds = base.records.goals.map((g) => g.id);
    const n = base.records.projects.length;
    fc.assert(
      fc.property(
        fc.array(fc.record({ primary: fc.integer({ min: -1, max: goalIds.length - 1 }), also: fc.subarray(goalIds) }), { minLength: n, maxLength: n }),
        (places) => {
          const projects = base.records.projects.map((p, i) => {
            const goalId = places[i]!.primary < 0 ? null : goalIds[places[i]!.primary]!;
            return { ...p, goalId, measureId: null, alsoUnder: places[i]!.also.map((g) => ({ goalId: g, measureId: null })) };
          });
          const goalOf = new Map(projects.map((p) => [p.id, p.goalId]));
          const kpis = base.records.kpis.map((k) => (k.projectId ? { ...k, goalId: goalOf.get(k.projectId) ?? null } : k));
          const view = new WorkbookView({ ...base.records, projects, kpis });
          const r = rollUp(view, 2022);
          expect(r.strategy.total).toBe(view.kpiCount);
          for (const g of view.goals) {
            const under = projects.filter((p) => p.goalId === g.id || p.alsoUnder.some((l) => l.goalId === g.id));
            const own = view.goalKpis(g.id).length + view.allMeasuresOf(g.id).reduce((s, m) => s + view.measureKpis(m.id).length, 0);
            const fromProjects = under.reduce((s, p) => s + view.kpisOf(p.id).length, 0);
            expect(r.goal(g.id)!.tally.total).toBe(own + fromProjects);
            const shared = under.filter((p) => new Set([p.goalId, ...p.alsoUnder.map((l) => l.goalId)].filter((x) => x !== null)).size > 1);
            expect(r.goal(g.id)!.shared).toBe(shared.reduce((s, p) => s + view.kpisOf(p.id).length, 0));
          }
          // The dashboard says the same: per goal, shared, and the total once.
          const dash = buildDashboard(view, { ...NO_FILTERS, fy: 2022 });
          expect(dash.total.total).toBe(r.strategy.total);
          for (const g of dash.goals) {
            expect(g.tally.total).toBe(r.goal(g.goal.id)!.tally.total);
            expect(g.shared).toBe(r.goal(g.goal.id)!.shared);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
