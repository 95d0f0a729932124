/**
 * Department bundles (担当課への照会): every spring planning staff send each department just its
 * projects, the department fills in last year's actuals, comments and evaluation on its own device
 * and mails the file back, and planning merges it.
 *
 * Two rules live here:
 * - what a department bundle holds (`departmentBundle`): the chosen departments' projects with
 *   their KPIs and yearly records — what the department edits — plus the context it reads (the
 *   strategy, the goals and measures those projects sit under, and the 委員意見 on those projects
 *   with the meetings they were given in), and nothing else;
 * - what a returning file may change (`editableBy`): a department's file changes only the fields a
 *   department fills in, of its own projects. Anything else it carries is reported and ignored.
 */
import type { Kpi } from '../domain/entities/kpi';
import type { Project } from '../domain/entities/project';
import type { RecordKind, WorkbookRecords } from '../domain/workbook';
import { editableFields, type BundleScope } from './format';
import { DEPARTMENT_FIELD_LISTS, PROJECT_YEAR_KEYS } from './department-fields';

/**
 * The records of a department bundle for `departments` (担当課): live and deleted projects naming
 * one of them, their KPIs, KPI years and project years; and, read-only, the strategy, the goals
 * and measures above those projects (a measure's parents included), the 委員意見 on those projects
 * (what the committee said about the department's work) and the meetings those opinions name.
 * Goal-level 数値目標, opinions on goals, other meetings and other departments' projects are left out.
 */
export function departmentBundle(records: WorkbookRecords, departments: readonly string[]): WorkbookRecords {
  const wanted = new Set(departments);
  const projects = records.projects.filter((p) => p.departments.some((d) => wanted.has(d)));
  const projectIds = new Set(projects.map((p) => p.id));
  const kpis = records.kpis.filter((k) => k.projectId !== null && projectIds.has(k.projectId));
  const kpiIds = new Set(kpis.map((k) => k.id));

  // Goals and measures the projects stand under, their further places (alsoUnder) included, so
  // that every reference in the file resolves. A project directly under the strategy has no goal.
  const goalIds = new Set<string>();
  const measureById = new Map(records.measures.map((m) => [m.id, m]));
  const measureIds = new Set<string>();
  const places = projects.flatMap((p) => [{ goalId: p.goalId, measureId: p.measureId }, ...(p.alsoUnder ?? [])]);
  for (const p of places) {
    if (p.goalId !== null) goalIds.add(p.goalId);
    for (let id = p.measureId; id !== null && !measureIds.has(id); ) {
      const m = measureById.get(id);
      if (!m) break;
      measureIds.add(id);
      goalIds.add(m.goalId);
      id = m.parentId;
    }
  }
  const opinions = (records.opinions ?? []).filter((o) => o.subjectKind === 'project' && projectIds.has(o.subjectId));
  const meetingIds = new Set(opinions.flatMap((o) => (o.meetingId === null ? [] : [o.meetingId])));
  return {
    strategy: records.strategy,
    goals: records.goals.filter((g) => goalIds.has(g.id)),
    measures: records.measures.filter((m) => measureIds.has(m.id)),
    projects,
    kpis,
    kpiYears: records.kpiYears.filter((y) => kpiIds.has(y.kpiId)),
    projectYears: records.projectYears.filter((y) => projectIds.has(y.projectId)),
    meetings: (records.meetings ?? []).filter((m) => meetingIds.has(m.id)),
    opinions,
  };
}

/**
 * The fields a department fills in, per record kind (of its own projects only):
 * - project: 事業内容, 事業主体, 事業期間, 連携自治体, KPIの注記 — not its number, name, 担当課,
 *   区分 or place in the outline, which are the strategy's;
 * - KPI: 備考 (source and definition) — not its name, unit, baseline or targets;
 * - KPI year: 実績値, 未達理由, 達成状況 — not the year's target;
 * - project year: everything (実施内容, 予算・決算, 財源, 交付金, 評価, コメント, まとめ).
 * Strategy, goals and measures are context only, and so are meetings and 委員意見: they are the
 * committee's words, recorded by planning; a department reads them but does not change them.
 */
export const DEPARTMENT_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  ...DEPARTMENT_FIELD_LISTS,
  projectYears: editableFields('projectYears').filter((f) => !PROJECT_YEAR_KEYS.includes(f)),
};

/** The records a scope covers, as known on the receiving device (not as claimed by the file). */
export interface Ownership {
  projects: ReadonlySet<string>;
  kpis: ReadonlySet<string>;
}

/** Why a change in a file is not taken. */
export type NotAllowed = 'notEditable' | 'notInScope' | 'cannotAdd' | 'cannotRemove';

/** What a file of a given scope may change on the receiving device. */
export interface EditRules {
  readonly scope: BundleScope;
  /** Works out, from the receiving device's own records, which projects and KPIs the scope covers. */
  ownership(local: WorkbookRecords): Ownership;
  /** May the file change `field` of this local record? null = yes, else why not. */
  fieldChange(kind: RecordKind, record: OwnedRecord, field: string, owned: Ownership): NotAllowed | null;
  /** May the file add this record (new here)? Additions only take the editable fields. */
  addition(kind: RecordKind, record: OwnedRecord, owned: Ownership): NotAllowed | null;
  /** May the file delete or restore this local record? */
  removal(kind: RecordKind, record: OwnedRecord, owned: Ownership): NotAllowed | null;
  /** The fields an added record keeps from the file ('all' for a whole-strategy file). */
  addedFields(kind: RecordKind): readonly string[] | 'all';
}

/** The parts of a record ownership is decided by. */
export type OwnedRecord = { id: string } & Partial<Pick<Project, 'departments'> & Pick<Kpi, 'projectId'> & { kpiId: string }>;

/**
 * The edit rules of a bundle scope.
 * - `{ kind: 'strategy' }`: the file may change anything (a whole-strategy file, or planning's
 *   department bundle arriving at the department).
 * - `{ kind: 'department', departments }`: the file changes only {@link DEPARTMENT_FIELDS} of
 *   records that belong, on this device, to a project naming one of those departments; it may add
 *   yearly records (KPI years, project years) of those, but not projects, KPIs, goals, measures,
 *   meetings or 委員意見, and it deletes and restores nothing.
 */
export function editableBy(scope: BundleScope): EditRules {
  if (scope.kind === 'strategy') {
    return {
      scope,
      ownership: () => ({ projects: new Set(), kpis: new Set() }),
      fieldChange: () => null,
      addition: () => null,
      removal: () => null,
      addedFields: () => 'all',
    };
  }
  const departments = new Set(scope.departments);
  const fieldSets = Object.fromEntries(Object.entries(DEPARTMENT_FIELDS).map(([k, v]) => [k, new Set(v)])) as unknown as Record<
    RecordKind,
    ReadonlySet<string>
  >;
  const covers = (kind: RecordKind, r: OwnedRecord, owned: Ownership): boolean => {
    switch (kind) {
      case 'projects':
        return owned.projects.has(r.id);
      case 'kpis':
        return owned.kpis.has(r.id);
      case 'kpiYears':
        return r.kpiId !== undefined && owned.kpis.has(r.kpiId);
      case 'projectYears':
        return r.projectId != null && owned.projects.has(r.projectId);
      case 'strategies':
      case 'goals':
      case 'measures':
      case 'meetings':
      case 'opinions':
        return false;
      default:
        return assertKind(kind);
    }
  };
  return {
    scope,
    ownership(local) {
      // Deleted ones too: what the department filled in for a project deleted here is shown to
      // the person, who may bring the project back with it (see planMerge).
      const projects = new Set(local.projects.filter((p) => p.departments.some((d) => departments.has(d))).map((p) => p.id));
      const kpis = new Set(local.kpis.filter((k) => k.projectId !== null && projects.has(k.projectId)).map((k) => k.id));
      return { projects, kpis };
    },
    fieldChange(kind, record, field, owned) {
      if (!fieldSets[kind].has(field)) return 'notEditable';
      return covers(kind, record, owned) ? null : 'notInScope';
    },
    addition(kind, record, owned) {
      if (kind !== 'kpiYears' && kind !== 'projectYears') return 'cannotAdd';
      return covers(kind, record, owned) ? null : 'notInScope';
    },
    removal() {
      return 'cannotRemove';
    },
    addedFields(kind) {
      return DEPARTMENT_FIELDS[kind];
    },
  };
}

function assertKind(kind: never): never {
  throw new Error(`unknown record kind ${String(kind)}`);
}

/** 商工課・観光課 — the departments of a scope, for file names and the preview. */
export function scopeDepartments(scope: BundleScope): string[] {
  return scope.kind === 'department' ? [...scope.departments] : [];
}
