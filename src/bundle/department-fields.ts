/**
 * Which fields a department fills in (of its own projects), without the file schemas: the screens
 * of a department's copy ask this on the first load, which must not carry zod (docs/performance.md).
 * `DEPARTMENT_FIELDS` (department.ts) is the same rule as lists, for the merge; a test checks that
 * the two agree for every field of every kind.
 */
import type { RecordKind } from '../domain/workbook';

/** Per kind, the fields a department fills in; project years: every field but the keys. */
export const DEPARTMENT_FIELD_LISTS: Readonly<Record<Exclude<RecordKind, 'projectYears'>, readonly string[]>> = {
  strategies: [],
  goals: [],
  measures: [],
  projects: ['summary', 'implementer', 'implementerOther', 'periodStart', 'periodEnd', 'partners', 'kpiNote'],
  kpis: ['note'],
  kpiYears: ['actual', 'shortfallReason', 'statusNote'],
  meetings: [],
  opinions: [],
};

/** The keys of a project year (which project, which year): the record, not a value in it. */
export const PROJECT_YEAR_KEYS: readonly string[] = ['projectId', 'fiscalYear'];

/** Whether a department fills in `field` of a record of `kind` (one of its own projects'). */
export function departmentFills(kind: RecordKind, field: string): boolean {
  return kind === 'projectYears' ? !PROJECT_YEAR_KEYS.includes(field) : DEPARTMENT_FIELD_LISTS[kind].includes(field);
}
