/**
 * A table to export, independent of the file format: a header row, column widths and typed cells.
 * A number cell carries the number itself (an .xlsx number cell), the Excel number format that
 * prints it the way the documents do (「1,636件」「△65」「90以上」) and the text a CSV gets.
 */
import { formatNumber } from '../domain/numbers';
import type { Measurement } from '../domain/entities/measurement';
import { THRESHOLD_REMARKS } from './values';

export type SheetCell =
  | null
  | { t: 's'; v: string }
  | {
      t: 'n';
      v: number;
      /** Excel number format (ECMA-376 numFmt). */
      format: string;
      /** The cell as a CSV writes it. */
      text: string;
    };

export interface SheetColumn {
  header: string;
  /** Width in characters (a full-width character counts as two). */
  width: number;
}

export interface SheetTable {
  /** Sheet name (at most 31 characters, none of []:*?/\). */
  sheetName: string;
  columns: SheetColumn[];
  rows: SheetCell[][];
}

export const text = (v: string): SheetCell => (v === '' ? null : { t: 's', v });

/** Decimal places of a number as {@link formatNumber} prints it. */
function decimals(n: number): number {
  const s = formatNumber(n);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Quotes literal text for a number format: "件", "以上". */
function literal(s: string): string {
  return s === '' ? '' : `"${s.replace(/"/g, '')}"`;
}

/**
 * The Excel number format for a number with the given decimals, prefix and suffix: thousands
 * separators, and negatives with △ as the documents print them (#,##0;"△"#,##0).
 */
export function numberFormat(places: number, prefix = '', suffix = ''): string {
  const body = places > 0 ? `#,##0.${'0'.repeat(places)}` : '#,##0';
  const post = literal(suffix);
  return `${literal(prefix)}${body}${post};${literal(prefix + '△')}${body}${post}`;
}

/**
 * A plain number cell, written as a machine number in CSV ("1636", "-65", "93.5"). `format`
 * defaults to thousands separators; a year is written with '0' (2020, not 2,020).
 */
export function num(v: number, format: string = numberFormat(decimals(v))): SheetCell {
  if (!Number.isFinite(v)) return null;
  return { t: 'n', v, format, text: formatNumber(v, { negativeStyle: 'minus' }).replace(/,/g, '') };
}

/**
 * A KPI value as a cell. A bare number (or one that is only approximate or a 「以上」「以下」
 * threshold) becomes a number cell whose format prints 約 / the unit / 以上; anything with more to
 * say (a remark, a status such as 集計中, a milestone text, 速報値) is written as text, in the
 * words {@link formatMeasurement} uses, so that it reads back to the same value.
 *
 * `unit` is printed in the format and, when `textWithUnit`, in the CSV text too (the progress
 * table, as in the published tables); the KPI table has a 単位 column and writes bare numbers.
 */
export function measurementCell(m: Measurement | null, unit: string, formatted: (m: Measurement) => string, textWithUnit: boolean): SheetCell {
  if (!m) return null;
  const onlyNumber =
    m.value !== null &&
    Number.isFinite(m.value) &&
    m.text === undefined &&
    m.status === undefined &&
    !m.provisional &&
    m.statPeriod === undefined &&
    m.done === undefined &&
    // A range target (「80〜90%」) is text: a number cell would keep only its lower bound.
    m.range === undefined &&
    (m.remark === undefined || (THRESHOLD_REMARKS as readonly string[]).includes(m.remark));
  if (!onlyNumber || m.value === null) return text(formatted(m));
  const prefix = m.approximate ? '約' : '';
  const suffix = unit + (m.remark ?? '');
  const plain = formatNumber(m.value, { negativeStyle: 'minus' }).replace(/,/g, '');
  return {
    t: 'n',
    v: m.value,
    format: numberFormat(decimals(m.value), prefix, suffix),
    text: textWithUnit || prefix !== '' || m.remark ? formatted(m) : plain,
  };
}

/**
 * Text a spreadsheet program would take as a formula when it opens a CSV (=, +, -, @ first) gets
 * a leading apostrophe, as Excel itself shows typed text; the import takes it off again.
 */
export function guardFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The cell as text for a CSV. */
export function cellText(c: SheetCell): string {
  if (c === null) return '';
  return c.t === 's' ? guardFormula(c.v) : c.text;
}

/** The table as rows of strings (header first), for {@link writeCsv}. */
export function tableRows(table: SheetTable): string[][] {
  return [table.columns.map((c) => c.header), ...table.rows.map((r) => r.map(cellText))];
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, '・').trim();
  return (cleaned || 'Sheet1').slice(0, 31);
}

/** A file name without the characters Windows, macOS and iPadOS refuse. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/\s+/g, ' ').trim();
}
