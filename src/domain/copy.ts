/**
 * 次期への複写 — copy a strategy into a new period (第1期 → 第2期): the structure (goals, measures,
 * projects, KPIs with their baselines and final targets) comes along with fresh ids; yearly records
 * (actuals, budgets, evaluations), meetings and 委員意見 stay with the old period, where they belong.
 */
import { createRecord, type Editable, type RecordContext, type RecordMeta } from './records';
import type { Strategy } from './entities/strategy';
import type { Goal } from './entities/goal';
import type { Measure } from './entities/measure';
import type { Project } from './entities/project';
import type { Kpi } from './entities/kpi';
import type { WorkbookRecords } from './workbook';

export interface NewPeriod {
  name: string;
  startYear: number;
  endYear: number;
}

function fieldsOf<T extends RecordMeta>(r: T): Editable<T> {
  const { id, strategyId, createdAt, updatedAt, updatedBy, rev, stamps, deletedAt, deletedBatch, ...rest } = r;
  void [id, strategyId, createdAt, updatedAt, updatedBy, rev, stamps, deletedAt, deletedBatch];
  return rest as Editable<T>;
}

/** Copies the live structure of `source` into a new strategy for `period`. */
export function copyToNewPeriod(source: WorkbookRecords, period: NewPeriod, ctx: RecordContext): WorkbookRecords {
  const strategy = createRecord<Strategy>(ctx, null, {
    ...fieldsOf(source.strategy),
    name: period.name,
    startYear: period.startYear,
    endYear: period.endYear,
    copiedFrom: source.strategy.id,
  });
  const sid = strategy.id;
  const ids = new Map<string, string>();
  const idFor = (old: string) => {
    let n = ids.get(old);
    if (!n) ids.set(old, (n = ctx.newId()));
    return n;
  };
  const live = <T extends { deletedAt: string | null }>(list: T[]) => list.filter((r) => r.deletedAt === null);
  // Only records whose parents are copied too: a child of a deleted parent is not resurrected.
  const liveGoals = new Set(live(source.goals).map((g) => g.id));
  const liveMeasures = live(source.measures).filter((m) => liveGoals.has(m.goalId));
  const measureIds = new Set(liveMeasures.map((m) => m.id));
  // A project directly under the strategy (goalId null) is copied too.
  const liveProjects = live(source.projects).filter((p) => p.goalId === null || liveGoals.has(p.goalId));
  const projectIds = new Set(liveProjects.map((p) => p.id));
  const liveKpis = live(source.kpis).filter(
    (k) =>
      (k.projectId !== null ? projectIds.has(k.projectId) : k.goalId !== null && liveGoals.has(k.goalId)) &&
      (k.projectId !== null || k.measureId == null || measureIds.has(k.measureId)),
  );
  const refId = (old: string | null) => (old === null ? null : idFor(old));
  const goals = live(source.goals).map((g) => createRecord<Goal>(ctx, sid, fieldsOf(g), idFor(g.id)));
  const measures = liveMeasures.map((m) =>
    createRecord<Measure>(
      ctx,
      sid,
      { ...fieldsOf(m), goalId: idFor(m.goalId), parentId: m.parentId && measureIds.has(m.parentId) ? idFor(m.parentId) : null },
      idFor(m.id),
    ),
  );
  const projects = liveProjects.map((p) =>
    createRecord<Project>(
      ctx,
      sid,
      {
        ...fieldsOf(p),
        goalId: refId(p.goalId),
        measureId: p.measureId && measureIds.has(p.measureId) ? idFor(p.measureId) : null,
        alsoUnder: (p.alsoUnder ?? [])
          .filter((l) => liveGoals.has(l.goalId))
          .map((l) => ({ goalId: idFor(l.goalId), measureId: l.measureId && measureIds.has(l.measureId) ? idFor(l.measureId) : null })),
      },
      idFor(p.id),
    ),
  );
  const kpis = liveKpis.map((k) =>
    createRecord<Kpi>(
      ctx,
      sid,
      { ...fieldsOf(k), goalId: refId(k.goalId), projectId: k.projectId && idFor(k.projectId), measureId: k.projectId === null && k.measureId ? idFor(k.measureId) : null },
      idFor(k.id),
    ),
  );
  return { strategy, goals, measures, projects, kpis, kpiYears: [], projectYears: [], meetings: [], opinions: [] };
}
