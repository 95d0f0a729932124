/**
 * Cross-record checks of a bundle's records, after each record has passed its own schema:
 * every reference points at a record of the file, ids are unique, the tree has no cycles, and each
 * KPI (project) has at most one live record per fiscal year. A 委員意見 must be about a project
 * (goal) of the file, of the kind its `subjectKind` says, and name a meeting of the file if any.
 *
 * A reference may point at a tombstone, as everywhere in the format: a record deleted together with
 * what it points at (a project and the opinions about it) travels as two tombstones, and a merge
 * may add a record under one deleted on the receiving device. A file this app wrote must always read.
 */
import type { RecordKind, WorkbookRecords } from '../domain/workbook';
import type { ReferenceIssue, ReferenceTarget } from './errors';
import { RecordNamer } from './locate';

type Ref = { id: string; strategyId: string };

/** Every broken reference in `records`, in file order. An empty list means the records hang together. */
export function referenceIssues(records: WorkbookRecords, namer = new RecordNamer(records)): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const strategyId = records.strategy.id;
  type What = Extract<ReferenceTarget, { what: unknown }>['what'];
  const what = (w: What): ReferenceTarget => ({ what: w });

  const ids = <K extends RecordKind>(kind: K, list: readonly Ref[]) => {
    const set = new Set<string>();
    for (const r of list) {
      if (set.has(r.id)) issues.push({ problem: 'duplicateId', kind, id: r.id, where: namer.path(kind, r) });
      set.add(r.id);
      if (r.strategyId !== strategyId) issues.push({ problem: 'otherStrategy', kind, id: r.id, where: namer.path(kind, r) });
    }
    return set;
  };
  if (records.strategy.strategyId !== strategyId)
    issues.push({ problem: 'otherStrategy', kind: 'strategies', id: strategyId, where: namer.path('strategies', records.strategy) });
  const goals = ids('goals', records.goals);
  ids('measures', records.measures);
  const projects = ids('projects', records.projects);
  const kpis = ids('kpis', records.kpis);
  ids('kpiYears', records.kpiYears);
  ids('projectYears', records.projectYears);
  const meetings = ids('meetings', records.meetings);
  ids('opinions', records.opinions);

  const missing = (kind: RecordKind, r: Ref, target: What) =>
    issues.push({ problem: 'missingParent', kind, id: r.id, where: namer.path(kind, r), target: what(target) });

  const measureById = new Map(records.measures.map((m) => [m.id, m]));
  const projectById = new Map(records.projects.map((p) => [p.id, p]));
  for (const m of records.measures) {
    if (!goals.has(m.goalId)) missing('measures', m, 'goal');
    if (m.parentId !== null) {
      const parent = measureById.get(m.parentId);
      if (!parent) missing('measures', m, 'measure');
      else if (parent.goalId !== m.goalId)
        issues.push({ problem: 'goalMismatch', kind: 'measures', id: m.id, where: namer.path('measures', m), target: what('measure') });
      // A cycle: walking up from m comes back to m.
      const seen = new Set<string>();
      for (let up: string | null = m.parentId; up !== null && !seen.has(up); up = measureById.get(up)?.parentId ?? null) {
        if (up === m.id) {
          issues.push({ problem: 'measureCycle', kind: 'measures', id: m.id, where: namer.path('measures', m) });
          break;
        }
        seen.add(up);
      }
    }
  }
  for (const p of records.projects) {
    // goalId null: the project stands directly under the strategy, and under no measure.
    if (p.goalId !== null && !goals.has(p.goalId)) missing('projects', p, 'goal');
    if (p.goalId === null && p.measureId !== null)
      issues.push({ problem: 'goalMismatch', kind: 'projects', id: p.id, where: namer.path('projects', p), target: what('measure') });
    for (const l of p.alsoUnder ?? []) {
      if (!goals.has(l.goalId)) missing('projects', p, 'goal');
      if (l.measureId === null) continue;
      const measure = measureById.get(l.measureId);
      if (!measure) missing('projects', p, 'measure');
      else if (measure.goalId !== l.goalId)
        issues.push({ problem: 'goalMismatch', kind: 'projects', id: p.id, where: namer.path('projects', p), target: what('measure') });
    }
    if (p.goalId !== null && p.measureId !== null) {
      const measure = measureById.get(p.measureId);
      if (!measure) missing('projects', p, 'measure');
      else if (measure.goalId !== p.goalId)
        issues.push({ problem: 'goalMismatch', kind: 'projects', id: p.id, where: namer.path('projects', p), target: what('measure') });
    }
  }
  for (const k of records.kpis) {
    // goalId null only for a KPI of a project directly under the strategy (checked below).
    if (k.goalId !== null && !goals.has(k.goalId)) missing('kpis', k, 'goal');
    if (k.goalId === null && k.projectId === null) missing('kpis', k, 'goal');
    if (k.projectId === null && k.measureId != null) {
      const measure = measureById.get(k.measureId);
      if (!measure) missing('kpis', k, 'measure');
      else if (measure.goalId !== k.goalId)
        issues.push({ problem: 'goalMismatch', kind: 'kpis', id: k.id, where: namer.path('kpis', k), target: what('measure') });
    }
    if (k.projectId !== null) {
      const project = projectById.get(k.projectId);
      if (!project) missing('kpis', k, 'project');
      else if (project.goalId !== k.goalId)
        issues.push({ problem: 'goalMismatch', kind: 'kpis', id: k.id, where: namer.path('kpis', k), target: what('project') });
    }
  }
  const years = (kind: 'kpiYears' | 'projectYears', list: readonly (Ref & { fiscalYear: number; deletedAt: string | null })[], parentOf: (r: never) => string, parents: Set<string>, target: What) => {
    const live = new Set<string>();
    for (const y of list) {
      const parent = parentOf(y as never);
      if (!parents.has(parent)) missing(kind, y, target);
      if (y.deletedAt !== null) continue;
      const key = `${parent}|${y.fiscalYear}`;
      if (live.has(key)) {
        const parentKind = kind === 'kpiYears' ? 'kpis' : 'projects';
        const parentRecord = namer.find(parentKind, parent);
        issues.push({
          problem: 'duplicateYear',
          kind,
          id: y.id,
          where: parentRecord ? namer.path(parentKind, parentRecord) : namer.path(kind, y),
          target: { fiscalYear: y.fiscalYear },
        });
      }
      live.add(key);
    }
  };
  years('kpiYears', records.kpiYears, (y: { kpiId: string }) => y.kpiId, kpis, 'kpi');
  years('projectYears', records.projectYears, (y: { projectId: string }) => y.projectId, projects, 'project');
  for (const o of records.opinions) {
    const [subjects, target] = o.subjectKind === 'goal' ? ([goals, 'goal'] as const) : ([projects, 'project'] as const);
    if (!subjects.has(o.subjectId))
      issues.push({ problem: 'missingSubject', kind: 'opinions', id: o.id, where: namer.path('opinions', o), target: what(target) });
    if (o.meetingId !== null && !meetings.has(o.meetingId))
      issues.push({ problem: 'missingMeeting', kind: 'opinions', id: o.id, where: namer.path('opinions', o), target: what('meeting') });
  }
  return issues;
}
