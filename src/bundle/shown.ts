/**
 * A field's value as the merge preview shows it, as data: what kind of value it is (a measurement
 * with its unit, a fiscal year, a choice, a record it points at, a list cut to its first items),
 * never words. features/bundles/merge-words.ts writes it in the chosen language.
 *
 * A value pointing at another record (a KPI's project, a project's further goals) is shown by
 * that record's place (`RecordPlace`, names shortened); a long list by its first items and a count.
 */
import type { Measurement } from '../domain/entities/measurement';
import type { RecordKind } from '../domain/workbook';
import { DELETED_FIELD, isMeasurementField, type RecordNamer, type RecordPlace } from './locate';

/** Fields whose value is one of a fixed set of choices (written by their label). */
export const CHOICE_FIELDS = {
  kpis: ['kind', 'direction', 'framework', 'cumulativeEntry', 'cumulativeJudged'],
  projects: ['category'],
  projectYears: ['effectiveness', 'impact', 'policy', 'revision'],
  opinions: ['subjectKind'],
} as const satisfies Partial<Record<RecordKind, readonly string[]>>;

export type ChoiceKind = keyof typeof CHOICE_FIELDS;

export type ShownValue =
  /** The pseudo-field 削除: deleted or not. */
  | { shown: 'deleted'; deleted: boolean }
  /** No value (null, '', an empty list). */
  | { shown: 'empty' }
  | { shown: 'measurement'; value: Measurement; unit: string }
  | { shown: 'choice'; kind: ChoiceKind; field: string; value: string }
  | { shown: 'year'; year: number }
  /** A record the value points at, by its place (an id no record of either side has is shown as `text`). */
  | { shown: 'record'; place: RecordPlace }
  | { shown: 'yesNo'; value: boolean }
  | { shown: 'number'; value: number }
  /** A project's further places (再掲): each goal, and its measure if any. */
  | { shown: 'places'; places: { goal: ShownValue; measure: ShownValue | null }[] }
  /** The first items of a list, and how many more it has. */
  | { shown: 'list'; items: string[]; more: number }
  | { shown: 'text'; text: string };

const YEAR_FIELDS: ReadonlySet<string> = new Set([
  'startYear',
  'endYear',
  'periodStart',
  'periodEnd',
  'cumulativeFrom',
  'baselineYear',
  'targetYear',
  'fiscalYear',
]);
const REFERENCE_FIELDS: Readonly<Record<string, RecordKind>> = {
  goalId: 'goals',
  measureId: 'measures',
  parentId: 'measures',
  projectId: 'projects',
  kpiId: 'kpis',
  meetingId: 'meetings',
};

/** Whether a field points at another record (goalId, measureId …). */
export function isReferenceField(field: string): boolean {
  return Object.hasOwn(REFERENCE_FIELDS, field);
}

/** How many items of a list value the preview shows before 「…ほかN件」. */
export const LIST_PREVIEW = 20;

function isChoice(kind: RecordKind, field: string): kind is ChoiceKind {
  return Object.hasOwn(CHOICE_FIELDS, kind) && (CHOICE_FIELDS[kind as ChoiceKind] as readonly string[]).includes(field);
}

/**
 * A field's value as the preview shows it. `record` (the record the value belongs to) tells what an
 * opinion's `subjectId` points at, which its `subjectKind` decides; without `namer` a reference is
 * shown as the id it holds.
 */
export function shownValue(
  kind: RecordKind,
  field: string,
  value: unknown,
  unit: string,
  namer?: RecordNamer,
  record?: unknown,
  listLimit: number = LIST_PREVIEW,
): ShownValue {
  if (field === DELETED_FIELD) return { shown: 'deleted', deleted: !!value };
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return { shown: 'empty' };
  if (isMeasurementField(kind, field)) return { shown: 'measurement', value: value as Measurement, unit };
  if (typeof value === 'string' && isChoice(kind, field)) return { shown: 'choice', kind, field, value };
  if (YEAR_FIELDS.has(field) && typeof value === 'number') return { shown: 'year', year: value };
  if (kind === 'opinions' && field === 'subjectId' && typeof value === 'string') {
    const subject = namer?.opinionSubject({ ...(record as object), subjectId: value });
    return subject ? { shown: 'record', place: namer!.subject(subject.kind, subject.record) } : { shown: 'text', text: value };
  }
  const ref = REFERENCE_FIELDS[field];
  if (ref && typeof value === 'string') {
    const r = namer?.find(ref, value);
    return r ? { shown: 'record', place: namer!.subject(ref, r) } : { shown: 'text', text: value };
  }
  if (typeof value === 'boolean') return { shown: 'yesNo', value };
  if (typeof value === 'number') return { shown: 'number', value };
  if (kind === 'projects' && field === 'alsoUnder' && Array.isArray(value)) {
    // A project's further places (再掲), by the names of the goals and measures.
    const name = (k: 'goals' | 'measures', id: unknown): ShownValue => {
      const r = typeof id === 'string' ? namer?.find(k, id) : undefined;
      return r ? { shown: 'record', place: namer!.subject(k, r) } : { shown: 'text', text: String(id ?? '') };
    };
    return {
      shown: 'places',
      places: (value as { goalId?: unknown; measureId?: unknown }[]).map((l) => ({ goal: name('goals', l.goalId), measure: l.measureId ? name('measures', l.measureId) : null })),
    };
  }
  if (Array.isArray(value)) {
    // A long list is shown by its first items and its count; the whole list is a tap away.
    const items = value.slice(0, listLimit).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    return { shown: 'list', items, more: Math.max(0, value.length - listLimit) };
  }
  if (typeof value === 'string') return { shown: 'text', text: value };
  // A nested setting (the strategy's 評価区分) is shown by its name.
  const name = (value as { name?: unknown }).name;
  return { shown: 'text', text: typeof name === 'string' && name ? name : JSON.stringify(value) };
}
