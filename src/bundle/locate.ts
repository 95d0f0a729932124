/**
 * Naming records and fields in the user's words.
 *
 * A refused file says where the problem is as a person finds it in the outline —
 * 「基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値」 — not as `records.kpiYears[12].actual.value`;
 * a merge preview says what changes as 「事業『…』の事業名」「KPI『…』の令和2年度の実績値」.
 *
 * The namer reads records defensively: while a file is being checked its records are still
 * unvalidated JSON, so every field may be missing or of the wrong type.
 */
import { t, type MessageKey } from '../i18n';
import { formatFiscalYear } from '../domain/eras';
import type { RecordKind } from '../domain/workbook';
import { META_FIELDS } from './format';

type Raw = Readonly<Record<string, unknown>>;

/** Name lengths in paths (errors, kept short) and in subjects (merge preview). */
const PATH_NAME_LENGTH = 12;
const SUBJECT_NAME_LENGTH = 24;

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** 「空き家バンクを利用した移住者数」 → 「空き家バンクを利用した移…」 */
export function shortName(name: string, max: number): string {
  const chars = [...name.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return t('bundle.untitled');
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

function yearWords(fy: unknown): string {
  return typeof fy === 'number' && Number.isInteger(fy) ? formatFiscalYear(fy, 'wareki') : str(fy);
}

const LIST_KEYS = ['goals', 'measures', 'projects', 'kpis', 'kpiYears', 'projectYears'] as const;

/** Any object holding records the way WorkbookRecords (or a file's `records`) does. */
export type RecordsLike = { readonly strategy?: unknown } & { readonly [K in (typeof LIST_KEYS)[number]]?: unknown };

/** Finds records by id across one or more record sets (earlier sets win) and names them. */
export class RecordNamer {
  readonly #byKind = new Map<RecordKind, Map<string, Raw>>();

  constructor(...sources: (RecordsLike | null | undefined)[]) {
    for (const kind of ['strategies', ...LIST_KEYS] as RecordKind[]) this.#byKind.set(kind, new Map());
    for (const source of sources) {
      if (!isObject(source)) continue;
      const s = source as Raw;
      if (isObject(s['strategy'])) this.#add('strategies', s['strategy']);
      for (const key of LIST_KEYS) {
        const list = s[key];
        if (Array.isArray(list)) for (const r of list) if (isObject(r)) this.#add(key, r);
      }
    }
  }

  #add(kind: RecordKind, r: Raw) {
    const id = r['id'];
    const map = this.#byKind.get(kind)!;
    if (typeof id === 'string' && !map.has(id)) map.set(id, r);
  }

  find(kind: RecordKind, id: unknown): Raw | undefined {
    return typeof id === 'string' ? this.#byKind.get(kind)!.get(id) : undefined;
  }

  /** Where a record sits in the outline: 「基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度」. */
  path(kind: RecordKind, record: unknown): string {
    const r: Raw = isObject(record) ? record : {};
    const sep = t('bundle.place.separator');
    const join = (...parts: (string | null)[]) => parts.filter((p): p is string => !!p).join(sep);
    switch (kind) {
      case 'strategies':
        return t('bundle.place.strategy');
      case 'goals':
        return this.#goalPlace(r);
      case 'measures':
        return join(this.#goalOf(r), this.#measurePlace(r));
      case 'projects':
        return join(this.#goalOf(r), this.#projectPlace(r));
      case 'kpis': {
        const project = this.find('projects', r['projectId']);
        if (project) return join(this.path('projects', project), this.#kpiPlace(r, PATH_NAME_LENGTH));
        return join(this.#goalOf(r), this.#kpiPlace(r, PATH_NAME_LENGTH));
      }
      case 'kpiYears': {
        const kpi = this.find('kpis', r['kpiId']);
        const where = kpi ? this.path('kpis', kpi) : t('bundle.what.kpiYear');
        return t('bundle.place.year', { where, year: yearWords(r['fiscalYear']) });
      }
      case 'projectYears': {
        const project = this.find('projects', r['projectId']);
        const where = project ? this.path('projects', project) : t('bundle.what.projectYear');
        return t('bundle.place.year', { where, year: yearWords(r['fiscalYear']) });
      }
      default:
        return assertKind(kind);
    }
  }

  /** What a merge preview calls a record: 「事業『…』」「KPI『…』の令和2年度」「基本目標2」. */
  subject(kind: RecordKind, record: unknown): string {
    const r: Raw = isObject(record) ? record : {};
    const named = (what: MessageKey, name: unknown) =>
      t('bundle.place.named', { what: t(what), name: shortName(str(name), SUBJECT_NAME_LENGTH) });
    switch (kind) {
      case 'strategies':
        return named('bundle.what.strategy', r['name']);
      case 'goals':
        return this.#goalPlace(r);
      case 'measures':
        return named('bundle.what.measure', r['title']);
      case 'projects':
        return named('bundle.what.project', r['name']);
      case 'kpis':
        return this.#kpiPlace(r, SUBJECT_NAME_LENGTH);
      case 'kpiYears': {
        const kpi = this.find('kpis', r['kpiId']);
        const where = kpi ? this.subject('kpis', kpi) : t('bundle.what.kpiYear');
        return t('bundle.place.year', { where, year: yearWords(r['fiscalYear']) });
      }
      case 'projectYears': {
        const project = this.find('projects', r['projectId']);
        const where = project ? this.subject('projects', project) : t('bundle.what.projectYear');
        return t('bundle.place.year', { where, year: yearWords(r['fiscalYear']) });
      }
      default:
        return assertKind(kind);
    }
  }

  /** The KPI unit a measurement of this record is written in (for showing values). */
  unitOf(kind: RecordKind, record: unknown): string {
    const r: Raw = isObject(record) ? record : {};
    if (kind === 'kpis') return str(r['unit']);
    if (kind === 'kpiYears') return str(this.find('kpis', r['kpiId'])?.['unit']);
    return '';
  }

  #goalOf(r: Raw): string | null {
    const goal = this.find('goals', r['goalId']);
    return goal ? this.#goalPlace(goal) : null;
  }
  #goalPlace(g: Raw): string {
    const number = str(g['number']);
    return number
      ? t('bundle.place.goal', { number })
      : t('bundle.place.named', { what: t('bundle.what.goal'), name: shortName(str(g['title']), PATH_NAME_LENGTH) });
  }
  #measurePlace(m: Raw): string {
    const number = str(m['number']);
    return number
      ? t('bundle.place.measure', { number })
      : t('bundle.place.named', { what: t('bundle.what.measure'), name: shortName(str(m['title']), PATH_NAME_LENGTH) });
  }
  #projectPlace(p: Raw): string {
    const number = str(p['number']);
    return number
      ? t('bundle.place.project', { number })
      : t('bundle.place.named', { what: t('bundle.what.project'), name: shortName(str(p['name']), PATH_NAME_LENGTH) });
  }
  #kpiPlace(k: Raw, length: number): string {
    const what = k['projectId'] === null ? t('bundle.what.goalKpi') : t('bundle.what.kpi');
    return t('bundle.place.named', { what, name: shortName(str(k['name']), length) });
  }
}

function assertKind(kind: never): never {
  throw new Error(`unknown record kind ${String(kind)}`);
}

function label(key: string, fallback: string): string {
  const s = t(key as MessageKey);
  return s === key ? fallback : s;
}

/** The label of a top-level field of a record kind: 「事業名」「実績値」「表示順」. */
export function fieldLabel(kind: RecordKind, field: string): string {
  if (META_FIELDS.includes(field) || field === DELETED_FIELD) return label(`bundle.field.meta.${field}`, field);
  return label(`bundle.field.${kind}.${field}`, field);
}

/** The pseudo-field a merge uses for "deleted or not". */
export const DELETED_FIELD = 'deleted';

const MEASUREMENT_FIELDS = new Set(['baseline', 'target', 'actual']);

/**
 * A path inside one record in words: ['actual', 'value'] → 「実績値」, ['actual', 'remark'] →
 * 「実績値の補足」, ['directions', 2] → 「目指す方向性の3番目」, ['stamps', 'title', 'at'] →
 * 「項目ごとの更新記録」.
 */
export function fieldPathLabel(kind: RecordKind, path: readonly PropertyKey[]): string {
  const [head, ...rest] = path;
  if (head === undefined) return '';
  const base = fieldLabel(kind, String(head));
  if (head === 'stamps') return base;
  const next = rest[0];
  if (next === undefined) return base;
  if (typeof next === 'number') return t('bundle.place.item', { field: base, n: next + 1 });
  if (MEASUREMENT_FIELDS.has(String(head))) {
    if (next === 'value') return base;
    return t('bundle.place.field', { where: base, field: label(`bundle.field.measurement.${String(next)}`, String(next)) });
  }
  return t('bundle.place.field', { where: base, field: String(next) });
}

/** Whether a field of a kind holds a Measurement (値). */
export function isMeasurementField(kind: RecordKind, field: string): boolean {
  return (kind === 'kpis' || kind === 'kpiYears') && MEASUREMENT_FIELDS.has(field);
}
