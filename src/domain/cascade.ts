/**
 * What goes with a record when it is deleted or copied: a goal takes its measures, projects, KPIs
 * and their yearly records; a measure takes its sub-measures (its projects move up to the goal
 * level rather than vanish — a measure is an outline heading, the project is the work) and its own
 * KPIs. A project listed under a goal by a link (Project.alsoUnder) is not deleted with that goal;
 * the link stays, pointing at a deleted place, until the goal is restored ({@link projectPatches}).
 */
import type { ChildKind, RecordKind, WorkbookRecords } from './workbook';

export interface RecordRef {
  kind: RecordKind;
  id: string;
}

/** The record itself and every live record that must be deleted with it. */
export function deletionSet(records: WorkbookRecords, kind: ChildKind | 'strategies', id: string): RecordRef[] {
  const out: RecordRef[] = [{ kind, id }];
  const live = <T extends { deletedAt: string | null }>(list: T[]) => list.filter((r) => r.deletedAt === null);
  const kpiWithYears = (kpiIds: string[]) => {
    const set = new Set(kpiIds);
    for (const k of kpiIds) out.push({ kind: 'kpis', id: k });
    for (const y of live(records.kpiYears)) if (set.has(y.kpiId)) out.push({ kind: 'kpiYears', id: y.id });
  };
  const opinionsAbout = (kind: 'project' | 'goal', ids: Set<string>) => {
    for (const o of live(records.opinions ?? [])) if (o.subjectKind === kind && ids.has(o.subjectId)) out.push({ kind: 'opinions', id: o.id });
  };
  const projectsWithChildren = (projectIds: string[]) => {
    const set = new Set(projectIds);
    for (const p of projectIds) out.push({ kind: 'projects', id: p });
    opinionsAbout('project', set);
    kpiWithYears(live(records.kpis).filter((k) => k.projectId !== null && set.has(k.projectId)).map((k) => k.id));
    for (const y of live(records.projectYears)) if (set.has(y.projectId)) out.push({ kind: 'projectYears', id: y.id });
  };
  switch (kind) {
    case 'strategies': {
      for (const k of ['goals', 'measures', 'projects', 'kpis', 'kpiYears', 'projectYears', 'meetings', 'opinions'] as const) {
        const list: { id: string; deletedAt: string | null }[] = records[k] ?? [];
        for (const r of live(list)) out.push({ kind: k, id: r.id });
      }
      break;
    }
    case 'goals': {
      for (const m of live(records.measures)) if (m.goalId === id) out.push({ kind: 'measures', id: m.id });
      projectsWithChildren(live(records.projects).filter((p) => p.goalId === id).map((p) => p.id));
      kpiWithYears(live(records.kpis).filter((k) => k.goalId === id && k.projectId === null).map((k) => k.id));
      opinionsAbout('goal', new Set([id]));
      break;
    }
    case 'measures': {
      const measures = live(records.measures);
      const stack = [id];
      while (stack.length) {
        const parent = stack.pop();
        for (const m of measures)
          if (m.parentId === parent) {
            out.push({ kind: 'measures', id: m.id });
            stack.push(m.id);
          }
      }
      kpiWithYears(
        live(records.kpis)
          .filter((k) => k.projectId === null && k.measureId != null && (k.measureId === id || out.some((r) => r.kind === 'measures' && r.id === k.measureId)))
          .map((k) => k.id),
      );
      break;
    }
    case 'projects':
      out.length = 0;
      projectsWithChildren([id]);
      break;
    case 'kpis':
      out.length = 0;
      kpiWithYears([id]);
      break;
    case 'kpiYears':
    case 'projectYears':
    case 'opinions':
      break;
    case 'meetings':
      // A meeting's opinions stay (they are about projects); they only lose the link to it.
      break;
    default:
      return assertNever(kind);
  }
  return out;
}

/** Ids of measures removed in a deletion set: projects under them move up to their goal. */
export function orphanedProjects(records: WorkbookRecords, refs: RecordRef[]): string[] {
  const gone = new Set(refs.filter((r) => r.kind === 'measures').map((r) => r.id));
  const deleted = new Set(refs.filter((r) => r.kind === 'projects').map((r) => r.id));
  return records.projects
    .filter((p) => p.deletedAt === null && p.measureId !== null && gone.has(p.measureId) && !deleted.has(p.id))
    .map((p) => p.id);
}

/**
 * The changes a deletion makes to projects that stay: a project whose primary measure is removed
 * moves up to its goal. Links (Project.alsoUnder) to a removed goal or measure are left as they
 * are: the outline and roll-ups skip deleted places, and undoing the deletion brings the listing
 * back with them. By project id, the fields to write.
 */
export function projectPatches(records: WorkbookRecords, refs: RecordRef[]): Map<string, { measureId: null }> {
  return new Map(orphanedProjects(records, refs).map((id) => [id, { measureId: null }]));
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}
