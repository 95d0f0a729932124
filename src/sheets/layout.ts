/**
 * Which layout a sheet has. Two families are read (docs/spreadsheets.md shows both):
 *
 * - `rows` — one row per KPI (or per KPI and year) under a head row: the published progress table
 *   (関市's 進捗状況一覧, 基本目標 headings between blocks) and the app's own KPI表. Read by
 *   read.ts along a column mapping.
 * - `crossTab` — per-project blocks with KPI names in a header band over 目標/実績 column pairs
 *   and fiscal years as row labels (山陽小野田市's 交付金 table). Read by crosstab.ts.
 *
 * A sheet that is neither is refused with what was expected: nothing is guessed from a title line.
 * The person can correct what was recognised (the head row; the 目標/実績 row and the year column)
 * and the preview follows.
 */
import { findCrossTab, readCrossTab, type CrossTabLayout } from './crosstab';
import { findHeaderRow, type ColumnMapping } from './headers';
import { readRows, type ReadSheet } from './read';
import type { RawCell } from './values';

export type SheetLayout = { kind: 'rows'; headerRow: number; mapping: ColumnMapping[] } | ({ kind: 'crossTab' } & CrossTabLayout);

export type Recognised = { kind: 'rows'; headerRow: number } | ({ kind: 'crossTab' } & CrossTabLayout) | { kind: 'none' };

/** Recognises the layout from a sheet's first rows. */
export function recognizeLayout(head: readonly (readonly RawCell[])[]): Recognised {
  const cross = findCrossTab(head);
  const headerRow = findHeaderRow(head);
  // A head row that names the row-per-KPI columns at or above the first 目標/実績 pair wins (the
  // KPI表's head row has 「年度 | 目標 | 実績」 side by side, with years below 年度).
  if (cross && (headerRow < 0 || cross.pairRow < headerRow)) return { kind: 'crossTab', ...cross };
  if (headerRow >= 0) return { kind: 'rows', headerRow };
  return { kind: 'none' };
}

/** Reads a sheet in the given layout. */
export function readLayout(grid: readonly (readonly RawCell[])[], layout: SheetLayout): ReadSheet {
  return layout.kind === 'rows' ? readRows(grid, layout.headerRow, layout.mapping) : readCrossTab(grid, layout);
}
