/**
 * The second layout family of the published tables: **per-project cross-tabs** (山陽小野田市's
 * 交付金 report). Each project is a block —
 *
 *     A 小野田ガラスのブランド化推進事業            ← project: a letter (or number) and its name
 *     (1) 事業内容                                 ← the paragraph below is the project's summary
 *     本市の誇る「ガラスの文化」…
 *     (2) 重要業績評価指標(KPI)
 *           | 販売額        | 来客数          |  ← header band: KPI names over column pairs
 *           | 目標  | 実績  | 目標   | 実績   |  ← the 目標/実績 row
 *     当初  | 0円   | 0円   | 12,672人| 12,672人| ← baseline (当初 / 策定時 / 基準)
 *     R 2   | 0円   | 0円   | 12,672人| 8,016人 |  ← one row per fiscal year
 *           | (+0)  | (+0)  | (+0)   | (-4,656)|  ← difference rows: skipped
 *     R 4   | 15,000,000円 |  | 15,672人|        |  ← the last year's 目標 is the final target
 *     達成状況 | 現在のところ達成できてない。…     ← computed by the app: not imported
 *     未達理由 | 新型コロナウイルス感染症の…       ← the latest year with an actual's 未達理由
 *
 * The reader turns every KPI × year row into a {@link SheetRow} (project, KPI name, that year's
 * 目標 and 実績), so the plan (plan.ts) matches and writes them as it does the row-per-KPI layout.
 * Cells with no digit that only say why a value is missing (「…のため省略」「―」) are left empty.
 */
import { normalizeWidth } from '../domain/numbers';
import type { ReadSheet, RowText, RowValue, SheetRow } from './read';
import { cellString, readYear, type RawCell } from './values';

/** Where the cross-tab's head is: the 目標/実績 row, and the column of the year labels. */
export interface CrossTabLayout {
  /** 0-based row of the first block's 目標/実績 row. */
  pairRow: number;
  /** 0-based column holding 当初 / R2 / 令和2年度. */
  yearColumn: number;
}

const canon = (s: string) => normalizeWidth(s).replace(/[\s　]+/g, '');
const isTarget = (s: string) => /^(目標|目標値|計画)$/.test(canon(s));
const isActual = (s: string) => /^(実績|実績値)$/.test(canon(s));
const BASELINE_RE = /^(当初|策定時|基準|基準値|現状|現状値)$/;
const PROJECT_RE = /^([A-ZＡ-Ｚ]|[0-9０-９]{1,3})[\s　.．、:：)）]+(.{2,})$/s;
const SUMMARY_RE = /^[(（]\s*1\s*[)）]\s*事業(内容|概要)/;
const KPI_HEAD_RE = /^[(（]\s*2\s*[)）]|重要業績評価指標|KPI/;
const NOTE_RE = /省略|^[―－\-—–]+$|^[-ー]$/;

/** The columns of a 目標/実績 row whose cell says 目標 and whose right neighbour says 実績. */
function pairColumns(row: readonly RawCell[]): number[] {
  const out: number[] = [];
  for (let c = 0; c + 1 < row.length; c++) if (isTarget(cellString(row[c] ?? null)) && isActual(cellString(row[c + 1] ?? null))) out.push(c);
  return out;
}

/** Whether a cell labels a year row: 当初 or a fiscal year (R 2, 令和2年度, 2020). */
function yearLabel(c: RawCell): 'baseline' | number | null {
  const s = canon(cellString(c));
  if (s === '') return null;
  if (BASELINE_RE.test(s)) return 'baseline';
  if (typeof c === 'number') return Number.isInteger(c) && c >= 1900 && c <= 2200 ? c : null;
  return readYear(s);
}

/**
 * Finds a cross-tab among the first rows: a row with 目標/実績 pairs and, below it, a column of
 * year labels. Null when there is none.
 */
export function findCrossTab(rows: readonly (readonly RawCell[])[]): CrossTabLayout | null {
  for (let r = 0; r < rows.length; r++) {
    const pairs = pairColumns(rows[r]!);
    if (pairs.length === 0) continue;
    const yearColumn = guessYearColumn(rows, r);
    if (yearColumn !== null) return { pairRow: r, yearColumn };
  }
  return null;
}

/** The column left of the first pair whose cells below the 目標/実績 row are year labels. */
export function guessYearColumn(rows: readonly (readonly RawCell[])[], pairRow: number): number | null {
  const first = pairColumns(rows[pairRow] ?? [])[0];
  const limit = first ?? 5;
  for (let c = 0; c < limit; c++) {
    let years = 0;
    for (let r = pairRow + 1; r < Math.min(rows.length, pairRow + 15); r++) if (yearLabel(rows[r]?.[c] ?? null) !== null) years++;
    if (years >= 1) return c;
  }
  return null;
}

/** Reads every block of a cross-tab sheet. `layout` is the first block's head, as recognised or corrected. */
export function readCrossTab(grid: readonly (readonly RawCell[])[], layout: CrossTabLayout): ReadSheet {
  const rows: SheetRow[] = [];
  const titleLines: string[] = [];
  let project: { number: string; name: string; summary: string } | null = null;
  let collectingSummary = false;
  let bandFrom = 0;
  const yc = layout.yearColumn;

  const filled = (r: number) => (grid[r] ?? []).map((c) => cellString(c)).filter((s) => s !== '');

  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const cells = filled(r);
    if (cells.length === 0) continue;
    const pairs = r >= layout.pairRow ? pairColumns(row) : [];
    if (pairs.length === 0) {
      // Outside a table: project titles, the summary paragraph, the KPI heading, the title.
      if (cells.length === 1) {
        const line = cells[0]!;
        const p = PROJECT_RE.exec(normalizeWidth(line).trim());
        if (p && !SUMMARY_RE.test(line) && !KPI_HEAD_RE.test(line) && !/^[0-9]+$/.test(p[2]!.trim())) {
          project = { number: normalizeWidth(p[1]!), name: p[2]!.trim(), summary: '' };
          collectingSummary = false;
          bandFrom = r + 1;
          continue;
        }
        if (SUMMARY_RE.test(line)) {
          collectingSummary = true;
          continue;
        }
        if (KPI_HEAD_RE.test(line) && project) {
          collectingSummary = false;
          bandFrom = r + 1;
          continue;
        }
        if (collectingSummary && project) {
          project.summary = project.summary ? `${project.summary}\n${line}` : line;
          continue;
        }
        if (!project) titleLines.push(line);
      }
      continue;
    }

    // A 目標/実績 row: the KPI names are the band rows above it (since the KPI heading), per pair.
    const names = pairs.map((c) => {
      const parts: string[] = [];
      for (let b = Math.max(bandFrom, r - 3); b < r; b++) {
        const band = grid[b] ?? [];
        if (yearLabel(band[yc] ?? null) !== null) continue;
        const text = [cellString(band[c] ?? null), cellString(band[c + 1] ?? null)].filter((s) => s !== '').join('');
        if (text !== '') parts.push(text);
      }
      return parts.join('').replace(/\s*\n\s*/g, '');
    });
    const firstYears: number[] = [];
    let shortfall: string[] = pairs.map(() => '');
    let inShortfall = false;
    const blockRows: SheetRow[][] = pairs.map(() => []);
    let end = r + 1;
    for (; end < grid.length; end++) {
      const line = grid[end] ?? [];
      const lineCells = filled(end);
      if (lineCells.length === 0) break;
      if (pairColumns(line).length > 0) break;
      const label = yearLabel(line[yc] ?? null);
      const labelText = canon(cellString(line[yc] ?? null));
      if (label === null && lineCells.length === 1 && PROJECT_RE.test(normalizeWidth(lineCells[0]!).trim())) break;
      if (label !== null) {
        inShortfall = false;
        const year = label === 'baseline' ? null : label;
        if (year !== null) firstYears.push(year);
        pairs.forEach((c, i) => {
          const values: RowValue[] = [];
          const head = names[i] || `${c + 1}`;
          const cell = (k: number): RawCell => {
            const v = line[k] ?? null;
            const s = cellString(v);
            return s === '' || (!/[0-9０-９]/.test(s) && NOTE_RE.test(s)) ? null : v;
          };
          const target = cell(c);
          const actual = cell(c + 1);
          if (year === null) {
            // 当初: the baseline is what was measured (実績), else what was set (目標).
            const base = actual ?? target;
            if (base !== null) values.push({ kind: 'baseline', year: null, cell: base, column: `${head} ${cellString(line[yc] ?? null)}` });
          } else {
            if (target !== null) values.push({ kind: 'yearTarget', year, cell: target, column: `${head} 目標` });
            if (actual !== null) values.push({ kind: 'actual', year, cell: actual, column: `${head} 実績` });
          }
          blockRows[i]!.push(sheetRow(end + 1, project, names[i] ?? '', values, []));
        });
        continue;
      }
      if (/未達/.test(labelText) || (inShortfall && (labelText === '' || /理由/.test(labelText)))) {
        inShortfall = true;
        pairs.forEach((c, i) => {
          const text = [cellString(line[c] ?? null), cellString(line[c + 1] ?? null)].filter((s) => s !== '').join('');
          if (text !== '') shortfall[i] = shortfall[i] + text;
        });
        continue;
      }
      // (+n) difference rows, 達成状況 (computed by the app) and its continuation lines: skipped.
      if (!/未達/.test(labelText)) inShortfall = false;
    }

    pairs.forEach((_, i) => {
      const list = blockRows[i]!;
      const name = names[i] ?? '';
      if (name === '' && list.every((x) => x.values.length === 0)) return;
      // The last year's 目標 is the final target (目標値) with that year as its target year.
      for (let k = list.length - 1; k >= 0; k--) {
        const t = list[k]!.values.find((v) => v.kind === 'yearTarget');
        if (t) {
          list[k]!.values.push({ kind: 'finalTarget', year: t.year, cell: t.cell, column: t.column });
          break;
        }
      }
      // 当初 is the year before the first year row.
      const base = list.find((x) => x.values.some((v) => v.kind === 'baseline'));
      if (base && firstYears.length > 0) base.baselineYear = { cell: Math.min(...firstYears) - 1, column: '当初' };
      // 未達理由: the latest year with an actual.
      const reason = shortfall[i]!.trim();
      if (reason !== '') {
        const withActual = [...list].reverse().find((x) => x.values.some((v) => v.kind === 'actual' && v.year !== null));
        const year = withActual?.values.find((v) => v.kind === 'actual')?.year ?? null;
        if (withActual && year !== null) withActual.texts.push({ kind: 'shortfallReason', year, text: reason, column: `${name} 未達理由` } satisfies RowText);
      }
      rows.push(...list);
    });
    shortfall = [];
    r = end - 1;
  }
  rows.sort((a, b) => a.row - b.row);
  return { headers: [], rows, titleLines };
}

function sheetRow(row: number, project: { number: string; name: string; summary: string } | null, kpiName: string, values: RowValue[], texts: RowText[]): SheetRow {
  return {
    row,
    goal: null,
    goalDirections: [],
    measure: null,
    alsoUnder: null,
    projectNumber: project?.number ?? '',
    projectName: project?.name ?? '',
    projectSummary: project?.summary ?? '',
    departments: '',
    kpiName,
    unit: '',
    direction: null,
    cumulative: null,
    baselineYear: null,
    targetYear: null,
    fiscalYear: null,
    values,
    texts,
  };
}
