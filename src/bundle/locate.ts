/**
 * Naming records and fields in the user's words.
 *
 * A refused file says where the problem is as a person finds it in the outline —
 * 「基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値」 — not as `records.kpiYears[12].actual.value`;
 * a merge preview says what changes as 「事業『…』の事業名」「KPI『…』の令和2年度の実績値」.
 * Meetings and 委員意見 are named the same way: 「会議『令和3年度第1回推進会議』」,
 * 「基本目標1 > 事業2の委員意見（山田委員）」.
 *
 * The namer reads records defensively: while a file is being checked its records are still
 * unvalidated JSON, so every field may be missing or of the wrong type.
 */
import { fy as fiscalYearText, t, type MessageKey } from '../i18n';
import type { RecordKind } from '../domain/workbook';
import { META_FIELDS, RECORD_KEYS } from './format';

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
  return typeof fy === 'number' && Number.isInteger(fy) ? fiscalYearText(fy, 'wareki') : str(fy);
}

type ListKey = Exclude<(typeof RECORD_KEYS)[number][1], 'strategy'>;
const LIST_KEYS = RECORD_KEYS.map(([, key]) => key).filter((key): key is ListKey => key !== 'strategy');

/** Any object holding records the way WorkbookRecords (or a file's `records`) does. */
export type RecordsLike = { readonly strategy?: unknown } & { readonly [K in ListKey]?: unknown };

/** 「山田」 → 「山田委員」; a name that already ends in a title (委員, 委員長, 会長, 座長) stays as written. */
function memberWords(member: string): string {
  const name = shortName(member, PATH_NAME_LENGTH);
  return /(委員|長)$/.test(name) ? name : t('bundle.place.member', { name });
}

/** Finds records by id across one or more record sets (earlier sets win) and names them. */
export class RecordNamer {
  readonly #byKind = new Map<RecordKind, Map<string, Raw>>();

  constructor(...sources: (RecordsLike | null | undefined)[]) {
    for (const [kind] of RECORD_KEYS) this.#byKind.set(kind, new Map());
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
      case 'meetings':
        return this.#meetingPlace(r, PATH_NAME_LENGTH);
      case 'opinions':
        return this.#opinionPlace(r, (kind, subject) => this.path(kind, subject));
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
      case 'meetings':
        return this.#meetingPlace(r, SUBJECT_NAME_LENGTH);
      case 'opinions':
        return this.#opinionPlace(r, (kind, subject) => this.subject(kind, subject));
      default:
        return assertKind(kind);
    }
  }

  /** The record an opinion is about (a project or a goal), if it is known. */
  opinionSubject(opinion: unknown): { kind: 'projects' | 'goals'; record: Raw } | undefined {
    const r: Raw = isObject(opinion) ? opinion : {};
    const kind = r['subjectKind'] === 'project' ? 'projects' : r['subjectKind'] === 'goal' ? 'goals' : null;
    const record = kind ? this.find(kind, r['subjectId']) : undefined;
    return kind && record ? { kind, record } : undefined;
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
  /** 会議『令和3年度第1回推進会議』; without a name, 「2021-07-15の会議」. */
  #meetingPlace(m: Raw, length: number): string {
    const name = str(m['name']);
    const date = str(m['date']);
    if (!name && date) return t('bundle.place.meetingOn', { date });
    return t('bundle.place.named', { what: t('bundle.what.meeting'), name: shortName(name, length) });
  }
  /** 「基本目標1 > 事業2の委員意見（山田委員）」; without a member, 「…の委員意見『（意見の冒頭）…』」. */
  #opinionPlace(o: Raw, name: (kind: 'projects' | 'goals', record: Raw) => string): string {
    const member = str(o['member']);
    const what = member
      ? t('bundle.place.opinionBy', { member: memberWords(member) })
      : t('bundle.place.named', { what: t('bundle.what.opinion'), name: shortName(str(o['text']), PATH_NAME_LENGTH) });
    const subject = this.opinionSubject(o);
    return subject ? t('bundle.place.of', { where: name(subject.kind, subject.record), what }) : what;
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
    return t('bundle.place.field', { where: base, field: label(`bundle.field.measurement.${String(next)}`, t('bundle.field.part.other')) });
  }
  // Deeper parts (a rank scheme's levels and colours): named in words, never as the file's keys.
  let words = base;
  for (const part of rest) {
    if (typeof part === 'number') words = t('bundle.place.item', { field: words, n: part + 1 });
    else words = t('bundle.place.field', { where: words, field: label(`bundle.field.part.${String(part)}`, t('bundle.field.part.other')) });
  }
  return words;
}

/** Whether a field of a kind holds a Measurement (値). */
export function isMeasurementField(kind: RecordKind, field: string): boolean {
  return (kind === 'kpis' || kind === 'kpiYears') && MEASUREMENT_FIELDS.has(field);
}
