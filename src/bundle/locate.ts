/**
 * Where a record sits, as data: the chain of its parents, its fiscal year, the 委員 of an opinion.
 *
 * A refused file says where the problem is as a person finds it in the outline —
 * 「基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値」 — not as `records.kpiYears[12].actual.value`;
 * a merge preview says what changes as 「事業『…』の事業名」「KPI『…』の令和2年度の実績値」.
 * This module finds the place (a `RecordPlace`); features/shared/record-words.ts writes it in the
 * chosen language. Names taken from a file are shortened here (`shortName`), so a place never
 * carries more than a few dozen characters of untrusted text.
 *
 * The namer reads records defensively: while a file is being checked its records are still
 * unvalidated JSON, so every field may be missing or of the wrong type.
 */
import type { RecordKind } from '../domain/workbook';
import { RECORD_KEYS } from './format';

type Raw = Readonly<Record<string, unknown>>;

/** Name lengths in paths (errors, kept short) and in subjects (merge preview). */
export const PATH_NAME_LENGTH = 12;
export const SUBJECT_NAME_LENGTH = 24;

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** 「空き家バンクを利用した移住者数」 → 「空き家バンクを利用した移…」; an empty name stays '' (written 「（無題）」). */
export function shortName(name: string, max: number): string {
  const chars = [...name.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** What a step of a place is: a record kind as the outline names it (「基本目標」「数値目標」「委員意見」). */
export type PlaceWhat = 'strategy' | 'goal' | 'measure' | 'project' | 'kpi' | 'goalKpi' | 'kpiYear' | 'projectYear' | 'meeting' | 'opinion';

/** One step of a place. Every name in it is already shortened; '' is a record with no name. */
export type PlaceStep =
  /** 「戦略の基本情報」 */
  | { step: 'strategy' }
  /** 「基本目標2」「施策1」「事業3」 */
  | { step: 'numbered'; what: 'goal' | 'measure' | 'project'; number: string }
  /** 「事業『…』」「KPI『…』」 */
  | { step: 'named'; what: PlaceWhat; name: string }
  /** A year record whose KPI (project) is not known: 「KPIの年度別の記録」. */
  | { step: 'record'; what: 'kpiYear' | 'projectYear' }
  /** A meeting with a date and no name: 「2021-07-15の会議」. */
  | { step: 'meetingOn'; date: string }
  /** 「委員意見（山田委員）」 */
  | { step: 'opinionBy'; member: string };

/** A path inside one record (['actual', 'value'], ['directions', 2]), written as its field labels. */
export interface FieldPlace {
  kind: RecordKind;
  path: readonly (string | number)[];
}

/**
 * Where a record (or a value of it) sits: `chain` from the outermost parent down, then the fiscal
 * year of a year record, then what of it is meant (an opinion about the chain), then the field.
 * 「基本目標2 > 事業1 > KPI『空き家バンク…』」 + 令和3年度 + 実績値.
 */
export interface RecordPlace {
  chain: readonly PlaceStep[];
  /** A whole number is a fiscal year (written 令和3年度); a string is shown as the file has it. */
  year?: number | string;
  /** The record itself when it hangs off the chain (an opinion about a project: 「…の委員意見」). */
  of?: PlaceStep;
  field?: FieldPlace;
}

function yearOf(fy: unknown): number | string {
  return typeof fy === 'number' && Number.isInteger(fy) ? fy : str(fy);
}

type ListKey = Exclude<(typeof RECORD_KEYS)[number][1], 'strategy'>;
const LIST_KEYS = RECORD_KEYS.map(([, key]) => key).filter((key): key is ListKey => key !== 'strategy');

/** Any object holding records the way WorkbookRecords (or a file's `records`) does. */
export type RecordsLike = { readonly strategy?: unknown } & { readonly [K in ListKey]?: unknown };

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
  path(kind: RecordKind, record: unknown): RecordPlace {
    const r: Raw = isObject(record) ? record : {};
    const chain = (...parts: (PlaceStep | RecordPlace | null)[]): PlaceStep[] =>
      parts.flatMap((p) => (p === null ? [] : 'step' in p ? [p] : [...p.chain]));
    switch (kind) {
      case 'strategies':
        return { chain: [{ step: 'strategy' }] };
      case 'goals':
        return { chain: [this.#goalPlace(r)] };
      case 'measures':
        return { chain: chain(this.#goalOf(r), this.#measurePlace(r)) };
      case 'projects':
        return { chain: chain(this.#goalOf(r), this.#projectPlace(r)) };
      case 'kpis': {
        const project = this.find('projects', r['projectId']);
        if (project) return { chain: chain(this.path('projects', project), this.#kpiPlace(r, PATH_NAME_LENGTH)) };
        return { chain: chain(this.#goalOf(r), this.#kpiPlace(r, PATH_NAME_LENGTH)) };
      }
      case 'kpiYears': {
        const kpi = this.find('kpis', r['kpiId']);
        const where = kpi ? this.path('kpis', kpi).chain : [{ step: 'record', what: 'kpiYear' } as const];
        return { chain: where, year: yearOf(r['fiscalYear']) };
      }
      case 'projectYears': {
        const project = this.find('projects', r['projectId']);
        const where = project ? this.path('projects', project).chain : [{ step: 'record', what: 'projectYear' } as const];
        return { chain: where, year: yearOf(r['fiscalYear']) };
      }
      case 'meetings':
        return { chain: [this.#meetingPlace(r, PATH_NAME_LENGTH)] };
      case 'opinions':
        return this.#opinionPlace(r, (kind, subject) => this.path(kind, subject));
      default:
        return assertKind(kind);
    }
  }

  /** What a merge preview calls a record: 「事業『…』」「KPI『…』の令和2年度」「基本目標2」. */
  subject(kind: RecordKind, record: unknown): RecordPlace {
    const r: Raw = isObject(record) ? record : {};
    const named = (what: PlaceWhat, name: unknown): RecordPlace => ({ chain: [{ step: 'named', what, name: shortName(str(name), SUBJECT_NAME_LENGTH) }] });
    switch (kind) {
      case 'strategies':
        return named('strategy', r['name']);
      case 'goals':
        return { chain: [this.#goalPlace(r)] };
      case 'measures':
        return named('measure', r['title']);
      case 'projects':
        return named('project', r['name']);
      case 'kpis':
        return { chain: [this.#kpiPlace(r, SUBJECT_NAME_LENGTH)] };
      case 'kpiYears': {
        const kpi = this.find('kpis', r['kpiId']);
        const where = kpi ? this.subject('kpis', kpi).chain : [{ step: 'record', what: 'kpiYear' } as const];
        return { chain: where, year: yearOf(r['fiscalYear']) };
      }
      case 'projectYears': {
        const project = this.find('projects', r['projectId']);
        const where = project ? this.subject('projects', project).chain : [{ step: 'record', what: 'projectYear' } as const];
        return { chain: where, year: yearOf(r['fiscalYear']) };
      }
      case 'meetings':
        return { chain: [this.#meetingPlace(r, SUBJECT_NAME_LENGTH)] };
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

  #goalOf(r: Raw): PlaceStep | null {
    const goal = this.find('goals', r['goalId']);
    return goal ? this.#goalPlace(goal) : null;
  }
  #goalPlace(g: Raw): PlaceStep {
    const number = str(g['number']);
    return number ? { step: 'numbered', what: 'goal', number } : { step: 'named', what: 'goal', name: shortName(str(g['title']), PATH_NAME_LENGTH) };
  }
  #measurePlace(m: Raw): PlaceStep {
    const number = str(m['number']);
    return number ? { step: 'numbered', what: 'measure', number } : { step: 'named', what: 'measure', name: shortName(str(m['title']), PATH_NAME_LENGTH) };
  }
  #projectPlace(p: Raw): PlaceStep {
    const number = str(p['number']);
    return number ? { step: 'numbered', what: 'project', number } : { step: 'named', what: 'project', name: shortName(str(p['name']), PATH_NAME_LENGTH) };
  }
  /** 会議『令和3年度第1回推進会議』; without a name, 「2021-07-15の会議」. */
  #meetingPlace(m: Raw, length: number): PlaceStep {
    const name = str(m['name']);
    const date = str(m['date']);
    if (!name && date) return { step: 'meetingOn', date: shortName(date, PATH_NAME_LENGTH) };
    return { step: 'named', what: 'meeting', name: shortName(name, length) };
  }
  /** 「基本目標1 > 事業2の委員意見（山田委員）」; without a member, 「…の委員意見『（意見の冒頭）…』」. */
  #opinionPlace(o: Raw, name: (kind: 'projects' | 'goals', record: Raw) => RecordPlace): RecordPlace {
    const member = str(o['member']);
    const what: PlaceStep = member
      ? { step: 'opinionBy', member: shortName(member, PATH_NAME_LENGTH) }
      : { step: 'named', what: 'opinion', name: shortName(str(o['text']), PATH_NAME_LENGTH) };
    const subject = this.opinionSubject(o);
    return { chain: subject ? name(subject.kind, subject.record).chain : [], of: what };
  }
  #kpiPlace(k: Raw, length: number): PlaceStep {
    return { step: 'named', what: k['projectId'] === null ? 'goalKpi' : 'kpi', name: shortName(str(k['name']), length) };
  }
}

function assertKind(kind: never): never {
  throw new Error(`unknown record kind ${String(kind)}`);
}

/** The pseudo-field a merge uses for "deleted or not". */
export const DELETED_FIELD = 'deleted';

/** The fields of a KPI (its year) that hold a Measurement. */
export const MEASUREMENT_FIELDS: ReadonlySet<string> = new Set(['baseline', 'target', 'actual']);

/** Whether a field of a kind holds a Measurement (値). */
export function isMeasurementField(kind: RecordKind, field: string): boolean {
  return (kind === 'kpis' || kind === 'kpiYears') && MEASUREMENT_FIELDS.has(field);
}
