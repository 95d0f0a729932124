/**
 * Turns a {@link PlainStrategy} (nested data typed in by hand) into the records of a workbook.
 * Pure: ids and time come from the context.
 */
import { createRecord, type RecordContext } from '../records';
import { strategyDefaults, type Strategy } from '../entities/strategy';
import { goalDefaults, type Goal } from '../entities/goal';
import { measureDefaults, type Measure } from '../entities/measure';
import { projectDefaults, type Project } from '../entities/project';
import { kpiDefaults, type Kpi } from '../entities/kpi';
import { kpiYearDefaults, type KpiYear } from '../entities/kpi-year';
import { projectYearDefaults, type ProjectYear } from '../entities/project-year';
import type { WorkbookRecords } from '../workbook';
import type { PlainKpi, PlainMeasure, PlainProject, PlainStrategy } from './types';

/** Builds every record of `plain` with fresh ids. */
export function buildWorkbook(plain: PlainStrategy, ctx: RecordContext): WorkbookRecords {
  const strategy = createRecord<Strategy>(ctx, null, {
    ...strategyDefaults(plain.startYear),
    municipality: plain.municipality,
    name: plain.name,
    startYear: plain.startYear,
    endYear: plain.endYear,
    note: plain.note ?? '',
    ...(plain.interimJudgement ? { interimJudgement: plain.interimJudgement } : {}),
  });
  const sid = strategy.id;
  const out: WorkbookRecords = { strategy, goals: [], measures: [], projects: [], kpis: [], kpiYears: [], projectYears: [], meetings: [], opinions: [] };

  const addKpis = (kpis: PlainKpi[] | undefined, goalId: string | null, projectId: string | null, measureId: string | null = null) => {
    (kpis ?? []).forEach((k, order) => {
      const { years, ...fields } = k;
      const kpi = createRecord<Kpi>(ctx, sid, {
        ...kpiDefaults(goalId, projectId, order, measureId),
        ...fields,
        baseline: k.baseline ?? null,
        baselineYear: k.baselineYear ?? null,
        target: k.target ?? null,
        targetYear: k.targetYear ?? null,
        cumulativeFrom: k.cumulativeFrom ?? null,
        note: k.note ?? '',
      });
      out.kpis.push(kpi);
      for (const y of years ?? []) {
        out.kpiYears.push(
          createRecord<KpiYear>(ctx, sid, {
            ...kpiYearDefaults(kpi.id, y.fiscalYear),
            target: y.target ?? null,
            actual: y.actual ?? null,
            shortfallReason: y.shortfallReason ?? '',
            statusNote: y.statusNote ?? '',
          }),
        );
      }
    });
  };

  // Links by goal number, resolved once every goal exists.
  const links: { index: number; numbers: string[] }[] = [];
  const addProjects = (projects: PlainProject[] | undefined, goalId: string | null, measureId: string | null, start: number) => {
    (projects ?? []).forEach((p, i) => {
      const { kpis, years, alsoUnder, ...fields } = p;
      if (alsoUnder?.length) links.push({ index: out.projects.length, numbers: alsoUnder });
      const project = createRecord<Project>(ctx, sid, {
        ...projectDefaults(goalId, measureId, start + i),
        ...fields,
        category: p.category ?? null,
        periodStart: p.periodStart ?? null,
        periodEnd: p.periodEnd ?? null,
      });
      out.projects.push(project);
      addKpis(kpis, goalId, project.id);
      for (const y of years ?? []) {
        out.projectYears.push(
          createRecord<ProjectYear>(ctx, sid, { ...projectYearDefaults(project.id, y.fiscalYear), ...y }),
        );
      }
    });
    return start + (projects?.length ?? 0);
  };

  plain.goals.forEach((g, order) => {
    const goal = createRecord<Goal>(ctx, sid, {
      ...goalDefaults(order),
      number: g.number,
      title: g.title,
      directions: g.directions ?? [],
    });
    out.goals.push(goal);
    addKpis(g.kpis, goal.id, null);
    let projectOrder = addProjects(g.projects, goal.id, null, 0);
    const addMeasures = (measures: PlainMeasure[] | undefined, parentId: string | null) => {
      (measures ?? []).forEach((m, mOrder) => {
        const measure = createRecord<Measure>(ctx, sid, {
          ...measureDefaults(goal.id, parentId, mOrder),
          number: m.number,
          title: m.title,
          category: m.category ?? '',
          description: m.description ?? '',
        });
        out.measures.push(measure);
        addKpis(m.kpis, goal.id, null, measure.id);
        projectOrder = addProjects(m.projects, goal.id, measure.id, projectOrder);
        addMeasures(m.measures, measure.id);
      });
    };
    addMeasures(g.measures, null);
  });
  addProjects(plain.projects, null, null, 0);
  for (const l of links) {
    const p = out.projects[l.index]!;
    const alsoUnder = l.numbers.flatMap((n) => out.goals.filter((g) => g.number === n && g.id !== p.goalId).map((g) => ({ goalId: g.id, measureId: null })));
    out.projects[l.index] = { ...p, alsoUnder };
  }
  return out;
}
