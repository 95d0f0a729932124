/**
 * Reading one spreadsheet cell into what the workbook stores: KPI values through the workbook's
 * own parser ({@link parseMeasurement}: 「1,636件」「3,534千人」「△65」「約110人」「0件 (コロナのため中止)」,
 * full-width digits …), fiscal years through {@link parseFiscalYear} (令和2年度, R2, H30, 2020).
 * An .xlsx number cell is a number already and is taken as it is, in the KPI's unit.
 */
import { normalizeWidth, parseMeasurement, type MeasurementParseError } from '../domain/numbers';
import { formatFiscalYear, parseFiscalYear } from '../domain/eras';
import type { Measurement } from '../domain/entities/measurement';
import type { CumulativeFigure, Kpi, KpiDirection, KpiKind } from '../domain/entities/kpi';

/** What a cell holds as read from a CSV (always text) or an .xlsx file (text, number, boolean). */
export type RawCell = string | number | boolean | null;

/** Remarks that are a target's threshold (「90件以上」), kept beside a number in a number cell. */
export const THRESHOLD_REMARKS = ['以上', '以下', '超', '未満'] as const;

/** The text of a cell, trimmed; '' for an empty one. */
export function cellString(c: RawCell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  // The apostrophe the export puts before text that looks like a formula.
  return c.trim().replace(/^'(?=[=+\-@])/, '');
}

export function isBlank(c: RawCell): boolean {
  return cellString(c) === '';
}

/**
 * The unit a value cell shows: 「1,636件」 → 件, 「3,534千人」 → 千人, 「87.5%以上」 → %. Null when the
 * cell shows no unit (a bare number, a status, a text).
 */
export function unitOf(c: RawCell): string | null {
  if (typeof c !== 'string') return null;
  const r = parseCached(c, '', 'numeric');
  return !r.ok && r.error.code === 'unitNotExpected' ? r.error.found : null;
}

export type ValueRead = { ok: true; measurement: Measurement | null } | { ok: false; error: MeasurementParseError };

/**
 * Parses a cell's text, remembering the result: a long sheet repeats the same texts (「1,012件」)
 * row after row. Each call gets its own copy, so a caller may keep or change what it is given.
 */
const parsed = new Map<string, ValueRead>();
function parseCached(s: string, unit: string, kind: KpiKind, role?: ValueRole): ValueRead {
  const key = `${kind}\u0000${role ?? ''}\u0000${unit}\u0000${s}`;
  let r = parsed.get(key);
  if (r === undefined) {
    if (parsed.size >= 50_000) parsed.clear();
    r = parseMeasurement(s, role ? { unit, kind, role } : { unit, kind });
    parsed.set(key, r);
  }
  if (r.ok) return { ok: true, measurement: r.measurement && { ...r.measurement } };
  return { ok: false, error: { ...r.error } };
}

/** The role of a value cell: only targets may be ranges, only baselines remarks alone. */
export type ValueRole = 'target' | 'actual' | 'baseline';

/** Reads a KPI value cell for a KPI with the given unit and kind. */
export function readValue(c: RawCell, unit: string, kind: KpiKind, role?: ValueRole): ValueRead {
  if (typeof c === 'number') return Number.isFinite(c) ? { ok: true, measurement: { value: c } } : { ok: true, measurement: null };
  const s = cellString(c);
  if (s === '') return { ok: true, measurement: null };
  return parseCached(s, unit, kind, role);
}

/** Whether a target cell reads as a milestone (「構想策定」「SPCの設立」): text with no number and no status. */
export function looksLikeMilestone(c: RawCell): boolean {
  if (typeof c !== 'string') return false;
  const s = normalizeWidth(c).trim();
  if (s === '' || /\d/.test(s)) return false;
  const r = parseMeasurement(s, { unit: '', kind: 'numeric' });
  return !r.ok;
}

/** Reads a fiscal-year cell: 令和2年度, R2, H30, 2020, 2020年度 …; an .xlsx number is a Western year. */
export function readYear(c: RawCell): number | null {
  if (typeof c === 'number') return Number.isInteger(c) && c >= 1900 && c <= 2200 ? c : null;
  const s = cellString(c);
  if (s === '') return null;
  return parseFiscalYear(s.replace(/\s*\(.*\)\s*$/, '')) ?? parseFiscalYear(s);
}

/** 担当課 written as one cell: 「商工課・観光課」「商工課、観光課」「商工課/観光課」, or one per line. */
export function splitDepartments(s: string): string[] {
  return s
    .split(/[・、,，/／\n;；]+/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

/** The words of the 方向 column. */
export const DIRECTION_WORDS: Readonly<Record<KpiDirection, string>> = {
  higher: '多いほど良い',
  lower: '少ないほど良い',
  atLeast: '以上',
  atMost: '以下',
};

/** Reads the 方向 column: its own words and the usual ways of saying them. */
export function readDirection(s: string): KpiDirection | null {
  const x = normalizeWidth(s).replace(/\s+/g, '');
  if (x === '') return null;
  for (const [d, w] of Object.entries(DIRECTION_WORDS) as [KpiDirection, string][]) if (x === w) return d;
  if (/以上|下回らない/.test(x)) return 'atLeast';
  if (/以下|上回らない/.test(x)) return 'atMost';
  if (/少ない|減|低い|抑制/.test(x)) return 'lower';
  if (/多い|増|高い|上昇|↑/.test(x)) return 'higher';
  return null;
}

/**
 * A number cell of an .xlsx file says only the number: when it equals the value kept, the kept
 * measurement stays (its 約, 以上 or remark included); a different number keeps a threshold word.
 */
export function mergeNumber(existing: Measurement | null | undefined, value: number): Measurement {
  if (existing && existing.value === value) return existing;
  const remark = existing?.remark;
  return remark !== undefined && (THRESHOLD_REMARKS as readonly string[]).includes(remark) ? { value, remark } : { value };
}

/** Splits 「1 産業の振興と人材を育成するまち」 / 「基本目標1 産業の…」 / 「(1) 移住の促進」 into number and title. */
export function splitNumbered(s: string, prefix: RegExp | null = null): { number: string; title: string } {
  let x = s.trim();
  if (prefix) x = x.replace(prefix, '').trim();
  const m = /^([0-9０-９]+(?:[-‐－.][0-9０-９]+)*|[(（][0-9０-９]+[)）]|[①-⑳]|プラス[0-9０-９]*)[\s　.．:：、]*(.*)$/s.exec(x);
  if (m && m[2]!.trim() !== '') return { number: normalizeWidth(m[1]!).trim(), title: m[2]!.trim() };
  if (m) return { number: normalizeWidth(m[1]!).trim(), title: '' };
  return { number: '', title: x };
}

/** A 累計 KPI's setting in a cell of the KPI table. */
export type CumulativeSetting = Pick<Kpi, 'cumulative' | 'cumulativeFrom'> & { cumulativeEntry?: CumulativeFigure; cumulativeJudged?: CumulativeFigure };

const ENTRY_WORDS: Readonly<Record<CumulativeFigure, string>> = { total: '累計値で入力', yearly: '単年度の値で入力' };
const JUDGED_WORDS: Readonly<Record<CumulativeFigure, string>> = { total: '累計値で判定', yearly: '単年度の値で判定' };

/**
 * The 累計 cell: 「累計」, with what differs from the plain running totals in brackets
 * (「累計（令和2年度から、単年度の値で入力）」); '' for a KPI that is not cumulative.
 * {@link readCumulative} reads it back.
 */
export function cumulativeWords(k: CumulativeSetting): string {
  if (!k.cumulative) return '';
  const parts: string[] = [];
  if (k.cumulativeFrom !== null) parts.push(`${formatFiscalYear(k.cumulativeFrom, 'wareki')}から`);
  if (k.cumulativeEntry) parts.push(ENTRY_WORDS[k.cumulativeEntry]);
  if (k.cumulativeJudged) parts.push(JUDGED_WORDS[k.cumulativeJudged]);
  return parts.length === 0 ? '累計' : `累計（${parts.join('、')}）`;
}

/** Reads a 累計 cell (「累計」「累計（令和2年度から、単年度の値で入力）」「なし」); null when unreadable. */
export function readCumulative(s: string): CumulativeSetting | null {
  const x = normalizeWidth(s).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  if (/^(なし|無|-|−|―|×|非累計|単年度)$/.test(x)) return { cumulative: false, cumulativeFrom: null };
  const m = /^(?:累計|○|〇|あり)(?:\((.*)\))?$/.exec(x);
  if (!m) return null;
  const out: CumulativeSetting = { cumulative: true, cumulativeFrom: null };
  for (const part of (m[1] ?? '').split(/[、,]/).filter(Boolean)) {
    const entry = (Object.entries(ENTRY_WORDS) as [CumulativeFigure, string][]).find(([, w]) => w === part);
    const judged = (Object.entries(JUDGED_WORDS) as [CumulativeFigure, string][]).find(([, w]) => w === part);
    const from = /^(.+)から$/.exec(part);
    if (entry) out.cumulativeEntry = entry[0];
    else if (judged) out.cumulativeJudged = judged[0];
    else if (from && parseFiscalYear(from[1]!) !== null) out.cumulativeFrom = parseFiscalYear(from[1]!);
    else return null;
  }
  return out;
}
