// The generator of large strategies: exact counts, deterministic for a seed, every record valid
// for the entity schemas, and a strategy the engine rolls up without trouble.
import { describe, expect, it, vi } from 'vitest';
import type { ZodType } from 'zod';
import { generateStrategy, LARGE, STRESS, type GenerateOptions } from '../support/generate';
import { buildWorkbook } from '../../src/domain/sample/build';
import type { PlainKpi, PlainMeasure, PlainProject, PlainStrategy } from '../../src/domain/sample/types';
import { WorkbookView } from '../../src/domain/workbook';
import { strategySchema } from '../../src/domain/entities/strategy.schema';
import { goalSchema } from '../../src/domain/entities/goal.schema';
import { measureSchema } from '../../src/domain/entities/measure.schema';
import { projectSchema } from '../../src/domain/entities/project.schema';
import { kpiSchema } from '../../src/domain/entities/kpi.schema';
import { kpiYearSchema } from '../../src/domain/entities/kpi-year.schema';
import { projectYearSchema } from '../../src/domain/entities/project-year.schema';
import { PRESET_IDS, RANK_SCHEME_PRESETS, explain, rollUp } from '../../src/domain/achievement';
import { testContext } from '../support/context';

/** Every project and KPI of a plain strategy, walking nested measures. */
function contents(plain: PlainStrategy) {
  const projects: PlainProject[] = [];
  const kpis: PlainKpi[] = [];
  let measures = 0;
  const addProjects = (ps: PlainProject[] | undefined) => {
    for (const p of ps ?? []) {
      projects.push(p);
      kpis.push(...(p.kpis ?? []));
    }
  };
  const walk = (ms: PlainMeasure[] | undefined) => {
    for (const m of ms ?? []) {
      measures++;
      addProjects(m.projects);
      walk(m.measures);
    }
  };
  for (const g of plain.goals) {
    kpis.push(...(g.kpis ?? []));
    addProjects(g.projects);
    walk(g.measures);
  }
  return { projects, kpis, measures };
}

const build = (plain: PlainStrategy) => buildWorkbook(plain, testContext());

describe('generateStrategy', () => {
  const large = generateStrategy(LARGE);
  const records = build(large);
  const view = new WorkbookView(records);

  it('LARGE: 8 goals, 300 projects, 1,000 KPIs over 10 fiscal years', () => {
    expect(LARGE).toMatchObject({ goals: 8, projects: 300, kpis: 1000, years: 10 });
    expect(view.goals).toHaveLength(8);
    expect(view.projectCount).toBe(300);
    expect(view.kpiCount).toBe(1000);
    expect(view.years).toHaveLength(10);
    expect(view.years[0]).toBe(LARGE.startYear);
    for (const y of records.kpiYears) expect(view.years).toContain(y.fiscalYear);
    for (const y of records.projectYears) expect(view.years).toContain(y.fiscalYear);
    // Every KPI has yearly records, one per year at most.
    const perKpi = new Map<string, number>();
    for (const y of records.kpiYears) perKpi.set(y.kpiId, (perKpi.get(y.kpiId) ?? 0) + 1);
    expect(perKpi.size).toBe(1000);
    for (const n of perKpi.values()) expect(n).toBeLessThanOrEqual(10);
    expect(records.kpiYears.length).toBeGreaterThan(9000);
    expect(records.projectYears).toHaveLength(300 * 10);
  }, 60_000);

  it('STRESS: 10,000 KPIs', () => {
    expect(STRESS).toMatchObject({ kpis: 10_000, years: 10 });
    const plain = generateStrategy(STRESS);
    const { projects, kpis } = contents(plain);
    expect(plain.goals).toHaveLength(STRESS.goals);
    expect(projects).toHaveLength(STRESS.projects);
    expect(kpis).toHaveLength(10_000);
    expect(plain.endYear - plain.startYear + 1).toBe(10);
  }, 60_000);

  it.each<GenerateOptions>([
    { goals: 1, projects: 1, kpis: 1, years: 1, seed: 1 },
    { goals: 3, projects: 7, kpis: 5, years: 3, seed: 2 },
    { goals: 3, projects: 0, kpis: 10, years: 5, seed: 3 },
    { goals: 12, projects: 40, kpis: 200, years: 6, seed: 4, startYear: 2020 },
    { goals: 2, projects: 5, kpis: 0, years: 4, seed: 5 },
  ])('exact counts for %o', (options) => {
    const plain = generateStrategy(options);
    const { projects, kpis } = contents(plain);
    expect(plain.goals).toHaveLength(options.goals);
    expect(projects).toHaveLength(options.projects);
    expect(kpis).toHaveLength(options.kpis);
    expect(plain.startYear).toBe(options.startYear ?? 2015);
    expect(plain.endYear - plain.startYear + 1).toBe(options.years);
    const v = new WorkbookView(build(plain));
    expect(v.kpiCount).toBe(options.kpis);
    expect(v.projectCount).toBe(options.projects);
    for (const fy of v.years) expect(rollUp(v, fy).strategy.total).toBe(options.kpis);
  });

  it('is deterministic for a seed and never calls Math.random', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    try {
      const again = generateStrategy({ ...LARGE });
      expect(again).toEqual(large);
      expect(JSON.stringify(again)).toBe(JSON.stringify(large));
      const other = generateStrategy({ ...LARGE, seed: LARGE.seed + 1 });
      expect(contents(other).kpis).toHaveLength(1000);
      expect(JSON.stringify(other)).not.toBe(JSON.stringify(large));
    } finally {
      random.mockRestore();
    }
  });

  it('every record validates against the entity schemas', () => {
    const check = (schema: ZodType, rows: readonly unknown[], kind: string) => {
      const problems: string[] = [];
      for (const row of rows) {
        const r = schema.safeParse(row);
        if (!r.success) problems.push(`${kind}: ${JSON.stringify(row).slice(0, 200)}: ${r.error.message}`);
      }
      expect(problems.slice(0, 5)).toEqual([]);
    };
    check(strategySchema, [records.strategy], 'strategy');
    const tables: [ZodType, readonly unknown[], string][] = [
      [goalSchema, records.goals, 'goals'],
      [measureSchema, records.measures, 'measures'],
      [projectSchema, records.projects, 'projects'],
      [kpiSchema, records.kpis, 'kpis'],
      [kpiYearSchema, records.kpiYears, 'kpiYears'],
      [projectYearSchema, records.projectYears, 'projectYears'],
    ];
    for (const [schema, rows, kind] of tables) {
      expect(rows.length, kind).toBeGreaterThan(0);
      check(schema, rows, kind);
    }
  }, 60_000);

  it('looks like a real strategy: every direction, milestones, cumulative KPIs, statuses, 速報値, remarks', () => {
    const { kpis, measures } = contents(large);
    const units = new Set(kpis.map((k) => k.unit));
    expect([...units].sort()).toEqual(['%', '人', '件', '円', '千人'].sort());
    const directions = new Map<string, number>();
    for (const k of kpis) if (k.kind !== 'milestone') directions.set(k.direction ?? 'higher', (directions.get(k.direction ?? 'higher') ?? 0) + 1);
    expect(directions.get('higher')).toBeGreaterThan(500);
    for (const d of ['lower', 'atLeast', 'atMost']) expect(directions.get(d) ?? 0).toBeGreaterThan(10);
    expect(kpis.filter((k) => k.kind === 'milestone').length).toBeGreaterThan(10);
    expect(kpis.filter((k) => k.cumulative).length).toBeGreaterThan(10);
    expect(kpis.filter((k) => (k.baseline?.value ?? 0) < 0).length).toBeGreaterThan(0);
    const years = kpis.flatMap((k) => k.years ?? []);
    const statuses = new Set(years.map((y) => y.actual?.status).filter(Boolean));
    expect([...statuses].sort()).toEqual(['collecting', 'evaluatedElsewhere', 'notConducted']);
    expect(years.some((y) => y.actual?.provisional)).toBe(true);
    expect(years.some((y) => y.actual?.remark)).toBe(true);
    expect(years.some((y) => y.actual?.statPeriod)).toBe(true);
    expect(years.some((y) => y.target)).toBe(true);
    expect(years.some((y) => y.shortfallReason)).toBe(true);
    expect(years.some((y) => !y.actual)).toBe(true);
    expect(measures).toBeGreaterThan(8 * 3 - 1);
    expect(records.measures.some((m) => m.parentId !== null)).toBe(true);
    expect(view.departments.length).toBeGreaterThan(10);
    // In Japanese order, each named once; a caller's change to the list does not reach the view.
    const names = new Set(records.projects.filter((p) => p.deletedAt === null).flatMap((p) => p.departments));
    expect(view.departments).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ja')));
    view.departments.reverse();
    expect(view.departments).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ja')));
    const py = records.projectYears;
    expect(py.every((y) => y.progress.length > 0 && y.budget !== null && y.budget > 0)).toBe(true);
    expect(py.some((y) => y.grantName !== '')).toBe(true);
    expect(records.goals.every((g) => g.title && g.directions.length > 0)).toBe(true);
  });

  it('the engine rolls it up for every year and scheme without throwing', () => {
    const seen = new Set<string>();
    for (const fy of view.years) {
      const r = rollUp(view, fy);
      const t = r.strategy;
      expect(t.total).toBe(1000);
      expect(t.evaluated).toBe(t.byVerdict.achieved + t.byVerdict.notAchieved);
      expect(t.pending + t.excluded + t.evaluated).toBe(t.total);
      for (const [v, n] of Object.entries(t.byVerdict)) if (n > 0) seen.add(v);
      for (const e of r.evaluations.values()) {
        for (const ratio of [e.attainment, e.progress, e.interimProgress, e.baselineChange]) expect(ratio === null || Number.isFinite(ratio)).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual(['achieved', 'excluded', 'notAchieved', 'pending']);
    const last = view.years.at(-1)!;
    for (const id of PRESET_IDS) {
      const r = rollUp(view, last, RANK_SCHEME_PRESETS[id]);
      expect(r.strategy.total).toBe(1000);
      expect(r.goals).toHaveLength(8);
    }
    for (const e of rollUp(view, last).evaluations.values()) expect(explain(e).length).toBeGreaterThan(0);
  }, 60_000);
});
