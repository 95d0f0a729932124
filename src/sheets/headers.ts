/**
 * The column-mapping step: what each column of a spreadsheet holds. {@link guessMapping} reads the
 * column heads the way the published tables write them (seed 000: 「No.」「主な事業等」「事業内容」
 * 「KPI (重要業績評価指標)」「担当課」「平成30年度 (策定時)」「令和2年度 (実績値)」
 * 「令和2年度進捗状況・課題等」「令和4年度 KPI目標値」「KPI達成・未達成の状況」) and the app's own
 * export heads; the person can change every guess before anything is read.
 *
 * A fiscal year in a head (「令和2年度 (実績値)」) goes with the column: such a column holds that
 * year's value on every row (the wide layout of the published tables). Without one, a value column
 * takes the year from the row's 年度 column (the long layout of the KPI table).
 */
import { normalizeWidth } from '../domain/numbers';
import { parseFiscalYear } from '../domain/eras';
import type { RawCell } from './values';
import { cellString } from './values';

export const FIELD_KINDS = [
  'ignore',
  'goal',
  'measure',
  'alsoUnder',
  'projectNumber',
  'projectName',
  'projectSummary',
  'department',
  'kpiName',
  'unit',
  'direction',
  'baseline',
  'baselineYear',
  'finalTarget',
  'targetYear',
  'fiscalYear',
  'yearTarget',
  'actual',
  'progress',
  'shortfallReason',
  'kpiNote',
  'cumulative',
  'computed',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Kinds whose column may name a fiscal year in its head. */
export const YEAR_KINDS: ReadonlySet<FieldKind> = new Set(['baseline', 'finalTarget', 'yearTarget', 'actual', 'progress', 'shortfallReason']);

/** What one column holds: a field, and for the wide layout the fiscal year it is about. */
export interface ColumnMapping {
  kind: FieldKind;
  /** The fiscal year of the column (from its head); null = the row's 年度 (or the KPI's own year). */
  year: number | null;
}

const ERA_YEAR_RE = /(令和|平成|昭和|R|H|S)\s*\.?\s*(元|\d{1,2})\s*(年度|年)?|(\d{4})\s*(年度|年)/i;

/** The fiscal year named in a column head, and the head without it. */
export function yearInHeader(header: string): { year: number | null; rest: string } {
  const h = normalizeWidth(header);
  const m = ERA_YEAR_RE.exec(h);
  if (!m) return { year: null, rest: h };
  const year = parseFiscalYear(m[0].replace(/\s+/g, ''));
  if (year === null) return { year: null, rest: h };
  return { year, rest: (h.slice(0, m.index) + h.slice(m.index + m[0].length)).trim() };
}

/** A head reduced for matching: half-width, no spaces or brackets, ASCII lower case. */
function canonical(s: string): string {
  return normalizeWidth(s)
    .replace(/[\s　]+/g, '')
    .replace(/[()（）［］[\]【】「」]/g, '')
    .toLowerCase();
}

/** Rules in order: the first that matches a head decides. */
const RULES: readonly [RegExp, FieldKind][] = [
  [/判定|達成・?未達成|未達成・?達成|達成状況|事業の評価|ランク|評価区分|達成率|進捗率|^評価$|^%$/, 'computed'],
  [/未達理由|未達成の理由/, 'shortfallReason'],
  [/進捗状況|課題|実施内容|取組状況|取組内容|取り組み状況/, 'progress'],
  [/重要業績評価指標|^kpi名?$|^指標名?$|成果指標|^kpi指標$|^評価指標$/, 'kpiName'],
  [/^(no\.?|№|番号|事業番号|事業no\.?|no\.事業番号)$/, 'projectNumber'],
  [/事業内容|事業概要|^概要$|^内容$/, 'projectSummary'],
  [/主な事業|事業名|^事業$|事業等$|^主要事業$/, 'projectName'],
  [/他の基本目標|^再掲$|^再掲先$/, 'alsoUnder'],
  [/基本目標/, 'goal'],
  [/施策/, 'measure'],
  [/担当課|所管課|担当部署|^担当$|^所管$|^担当部局$/, 'department'],
  [/^単位$/, 'unit'],
  [/方向/, 'direction'],
  [/基準年度|策定年度|基準年$/, 'baselineYear'],
  [/目標年度|目標年$/, 'targetYear'],
  [/策定時|基準値|現状値|^基準$/, 'baseline'],
  [/^年度(西暦)?$|^西暦$|^fy$|^対象年度$|^実績年度$/, 'fiscalYear'],
  [/^累計(の指定|区分)?$|^cumulative$/, 'cumulative'],
  [/実績/, 'actual'],
  [/^目標$|^年度目標$|^目標年度別$|^年度別目標$|^単年度目標$/, 'yearTarget'],
  [/目標/, 'finalTarget'],
  [/^kpi$|指標/, 'kpiName'],
  [/備考|^注$|^メモ$/, 'kpiNote'],
];

/** The guess for one column head (the fiscal year it names included). */
export function guessColumn(header: string): ColumnMapping {
  const { year, rest } = yearInHeader(header);
  const h = canonical(rest);
  if (h === '' && year === null) return { kind: 'ignore', year: null };
  // A head that is only a year (「令和2年度」) or a year with 年度 is the year's actual.
  if (year !== null && (h === '' || h === '年度')) return { kind: 'actual', year };
  for (const [re, kind] of RULES) {
    if (re.test(h)) return { kind, year: YEAR_KINDS.has(kind) ? year : null };
  }
  return { kind: 'ignore', year: null };
}

/**
 * Guesses every column of a head row. When several target columns name a year, the latest is the
 * final target (目標値) and the others are yearly targets (年度目標).
 */
export function guessMapping(headers: readonly string[]): ColumnMapping[] {
  const out = headers.map(guessColumn);
  const targets = out.filter((m) => m.kind === 'finalTarget' && m.year !== null);
  if (targets.length > 1) {
    const latest = Math.max(...targets.map((m) => m.year!));
    for (const m of targets) if (m.year !== latest) m.kind = 'yearTarget';
  }
  return out;
}

/** How many columns a row's heads would fill: the head row is the first row that fills three or more. */
function headerScore(row: readonly RawCell[]): number {
  const kinds = new Set<string>();
  for (const c of row) {
    const s = cellString(c);
    if (s === '' || s.length > 40) continue;
    const m = guessColumn(s);
    if (m.kind !== 'ignore') kinds.add(`${m.kind}:${m.year ?? ''}`);
  }
  return kinds.size;
}

/** Index of the head row among the first rows (title lines above it are skipped); -1 when none. */
export function findHeaderRow(rows: readonly (readonly RawCell[])[], scan = 30): number {
  let best = -1;
  let bestScore = 2;
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const score = headerScore(rows[i]!);
    if (score > bestScore) {
      best = i;
      bestScore = score;
      // The first row that names the essentials is the head row; a later repeat is not.
      if (score >= 4) break;
    }
  }
  return best;
}

const canonicalHeads = new WeakMap<readonly string[], string[]>();

/** Whether a row repeats the head row (tables pasted from a PDF repeat it per 基本目標). */
export function isHeaderRepeat(row: readonly RawCell[], headers: readonly string[]): boolean {
  // The heads are reduced once per head row, not once per row of the sheet.
  let heads = canonicalHeads.get(headers);
  if (!heads) canonicalHeads.set(headers, (heads = Array.from(headers, (h) => canonical(h ?? ''))));
  let same = 0;
  let filled = 0;
  row.forEach((c, i) => {
    const s = cellString(c);
    if (s === '') return;
    filled++;
    if (canonical(s) === (heads[i] ?? '')) same++;
  });
  return filled >= 2 && same * 2 >= filled;
}

/** Whether a mapping can make anything: it needs a project or a KPI to hang values on. */
export function mappingProblems(mapping: readonly ColumnMapping[]): ('noSubject' | 'noYearForValues' | 'duplicate')[] {
  const problems: ('noSubject' | 'noYearForValues' | 'duplicate')[] = [];
  const has = (k: FieldKind) => mapping.some((m) => m.kind === k);
  if (!has('projectName') && !has('projectNumber') && !has('kpiName')) problems.push('noSubject');
  const yearless = mapping.some((m) => (m.kind === 'actual' || m.kind === 'yearTarget' || m.kind === 'progress' || m.kind === 'shortfallReason') && m.year === null);
  if (yearless && !has('fiscalYear')) problems.push('noYearForValues');
  const seen = new Set<string>();
  for (const m of mapping) {
    if (m.kind === 'ignore' || m.kind === 'computed' || m.kind === 'fiscalYear') continue;
    const key = `${m.kind}:${m.year ?? ''}`;
    if (seen.has(key)) {
      problems.push('duplicate');
      break;
    }
    seen.add(key);
  }
  return problems;
}
