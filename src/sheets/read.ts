/**
 * First pass of an import: the sheet's rows, cut along the column mapping, into {@link SheetRow}s,
 * with the context the published tables give outside the table itself — the 基本目標 heading
 * above each goal's rows (「基本目標1 産業の振興と人材を育成するまち」), the 目指す方向性 bullets
 * under it, the title line (「第2期関市まち・ひと・しごと創生総合戦略（令和2年～4年度）進捗状況」)
 * and head rows repeated per goal. Values stay raw here: reading them needs the KPI's unit, which
 * the plan (plan.ts) knows.
 */
import { normalizeWidth } from '../domain/numbers';
import { parseFiscalYearRange } from '../domain/eras';
import { isHeaderRepeat, type ColumnMapping, type FieldKind } from './headers';
import { cellString, readYear, splitNumbered, type RawCell } from './values';

export type ValueKind = 'baseline' | 'finalTarget' | 'yearTarget' | 'actual';
export type TextKind = 'progress' | 'shortfallReason' | 'kpiNote';

export interface RowValue {
  kind: ValueKind;
  /** The column's own fiscal year; null = the row's 年度 (or the KPI's baseline / target year). */
  year: number | null;
  cell: RawCell;
  column: string;
}

export interface RowText {
  kind: TextKind;
  year: number | null;
  text: string;
  column: string;
}

export interface NumberedTitle {
  number: string;
  title: string;
}

/** One data row of the sheet, cut along the mapping. Empty cells are left out. */
export interface SheetRow {
  /** Row number as a spreadsheet program shows it (1 = first row of the file). */
  row: number;
  goal: NumberedTitle | null;
  /** 目指す方向性 bullets seen under the goal heading. */
  goalDirections: string[];
  measure: NumberedTitle | null;
  /** 他の基本目標: the further places of a project, as written (「プラス1」「2 / (1)」, several joined by 、). */
  alsoUnder: { text: string; column: string } | null;
  projectNumber: string;
  projectName: string;
  projectSummary: string;
  departments: string;
  kpiName: string;
  unit: string;
  direction: { text: string; column: string } | null;
  /** The 累計 cell (「累計（単年度の値で入力）」). */
  cumulative: { text: string; column: string } | null;
  baselineYear: { cell: RawCell; column: string } | null;
  targetYear: { cell: RawCell; column: string } | null;
  fiscalYear: { cell: RawCell; column: string } | null;
  values: RowValue[];
  texts: RowText[];
}

export interface ReadSheet {
  headers: string[];
  rows: SheetRow[];
  /** Lines above the head row (a title, a date). */
  titleLines: string[];
}

const GOAL_HEADING_RE = /^【?\s*基本目標\s*([0-9０-９]+|プラス\s*[0-9０-９]*|[一二三四五六七八九十]+)\s*】?\s*[:：.．、]?\s*(.*)$/s;
const BULLET_RE = /^[-－・●○■□◆◇*＊‐]\s*(.+)$/s;

function filledCells(row: readonly RawCell[]): string[] {
  return row.map(cellString).filter((s) => s !== '');
}

/** Cuts the rows below the head row along the mapping. */
export function readRows(grid: readonly (readonly RawCell[])[], headerRow: number, mapping: readonly ColumnMapping[]): ReadSheet {
  const headers = (grid[headerRow] ?? []).map(cellString);
  const titleLines: string[] = [];
  const rows: SheetRow[] = [];
  let headingGoal: NumberedTitle | null = null;
  let directions: string[] = [];
  let collectingDirections = false;
  const kindAt = (i: number): FieldKind => mapping[i]?.kind ?? 'ignore';

  /** Takes a line standing alone: a goal heading, its 目指す方向性, a bullet. False when it is none. */
  const contextLine = (text: string): boolean => {
    const line = normalizeWidth(text).trim();
    const heading = GOAL_HEADING_RE.exec(line);
    if (heading && /方向性|基本的方向/.test(line)) {
      collectingDirections = true;
      return true;
    }
    if (heading) {
      headingGoal = { number: normalizeWidth(heading[1]!).replace(/\s+/g, ''), title: heading[2]!.trim() };
      directions = [];
      collectingDirections = false;
      return true;
    }
    const bullet = BULLET_RE.exec(text.trim());
    if (bullet && collectingDirections) {
      directions = [...directions, bullet[1]!.trim()];
      return true;
    }
    return false;
  };

  // Above the head row: the title, and the first goal's heading and directions.
  for (let r = 0; r < headerRow; r++) {
    for (const line of filledCells(grid[r]!)) if (!contextLine(line)) titleLines.push(line);
  }

  for (let r = headerRow + 1; r < grid.length; r++) {
    const cells = grid[r]!;
    const filled = filledCells(cells);
    if (filled.length === 0) continue;
    if (isHeaderRepeat(cells, headers)) continue;
    // A line on its own: a goal heading, its 目指す方向性, a bullet, or a title repeated per page.
    if (filled.length === 1 && !cells.some((c, i) => cellString(c) !== '' && kindAt(i) === 'kpiName')) {
      if (contextLine(filled[0]!)) continue;
      // Anything else alone on a line, unless it names a project or a KPI, is a title or a note.
      const subjectFilled = cells.some((c, i) => cellString(c) !== '' && (kindAt(i) === 'projectName' || kindAt(i) === 'kpiName'));
      if (!subjectFilled) continue;
    }
    collectingDirections = false;

    const row: SheetRow = {
      row: r + 1,
      goal: headingGoal,
      goalDirections: directions,
      measure: null,
      alsoUnder: null,
      projectNumber: '',
      projectName: '',
      projectSummary: '',
      departments: '',
      kpiName: '',
      unit: '',
      direction: null,
      cumulative: null,
      baselineYear: null,
      targetYear: null,
      fiscalYear: null,
      values: [],
      texts: [],
    };
    cells.forEach((cell, i) => {
      const m = mapping[i];
      if (!m) return;
      const s = cellString(cell);
      if (s === '') return;
      const column = headers[i] || `${i + 1}`;
      switch (m.kind) {
        case 'goal': {
          const g = splitNumbered(s, /^【?\s*基本目標\s*/);
          row.goal = g;
          break;
        }
        case 'measure':
          row.measure = splitNumbered(s, /^施策\s*/);
          break;
        case 'alsoUnder':
          row.alsoUnder = { text: s, column };
          break;
        case 'projectNumber':
          row.projectNumber = normalizeWidth(s).trim();
          break;
        case 'projectName':
          row.projectName = s;
          break;
        case 'projectSummary':
          row.projectSummary = s;
          break;
        case 'department':
          row.departments = s;
          break;
        case 'kpiName':
          row.kpiName = s;
          break;
        case 'unit':
          row.unit = s;
          break;
        case 'direction':
          row.direction = { text: s, column };
          break;
        case 'cumulative':
          row.cumulative = { text: s, column };
          break;
        case 'baselineYear':
          row.baselineYear = { cell, column };
          break;
        case 'targetYear':
          row.targetYear = { cell, column };
          break;
        case 'fiscalYear':
          if (!row.fiscalYear) row.fiscalYear = { cell, column };
          break;
        case 'baseline':
        case 'finalTarget':
        case 'yearTarget':
        case 'actual':
          row.values.push({ kind: m.kind, year: m.year, cell, column });
          break;
        case 'progress':
        case 'shortfallReason':
        case 'kpiNote':
          row.texts.push({ kind: m.kind, year: m.year, text: s, column });
          break;
        default:
          break;
      }
    });
    rows.push(row);
  }
  return { headers, rows, titleLines };
}

/** What the title lines and the data say about a strategy to create. */
export interface StrategyGuess {
  municipality: string;
  name: string;
  startYear: number | null;
  endYear: number | null;
}

const MUNICIPALITY_RE = /([^\s　第期「」（）()]{1,10}?(?:市|町|村|区))/;

/**
 * Guesses the strategy's name, municipality and period from a title line such as
 * 「第2期関市まち・ひと・しごと創生総合戦略（令和2年～4年度）進捗状況」, else from the file name;
 * the period falls back to the fiscal years the sheet's columns and rows name.
 */
export function guessStrategy(sheet: ReadSheet, mapping: readonly ColumnMapping[], fileName: string): StrategyGuess {
  const guess: StrategyGuess = { municipality: '', name: '', startYear: null, endYear: null };
  const lines = [...sheet.titleLines, fileName.replace(/\.[^.]+$/, '')];
  for (const line of lines) {
    const n = normalizeWidth(line);
    const title = /^(.*?総合戦略)/.exec(n);
    if (title && guess.name === '') guess.name = title[1]!.trim();
    const period = /[（(]([^（）()]*?(?:年度|年)[^（）()]*?)[）)]/.exec(n);
    if (period && guess.startYear === null) {
      const range = parseFiscalYearRange(period[1]!.replace(/\s+/g, ''));
      if (range) {
        guess.startYear = range.from;
        guess.endYear = range.to;
      }
    }
    if (guess.municipality === '') {
      const m = MUNICIPALITY_RE.exec(n.replace(/^第[0-9]+期/, ''));
      if (m && title) guess.municipality = m[1]!;
    }
  }
  if (guess.name === '') guess.name = fileName.replace(/\.[^.]+$/, '').replace(/_?\d{4}-\d{2}-\d{2}$/, '').replace(/_/g, ' ').trim();
  if (guess.startYear === null) {
    const years = new Set<number>();
    for (const m of mapping) if (m.year !== null && (m.kind === 'actual' || m.kind === 'yearTarget' || m.kind === 'finalTarget' || m.kind === 'progress')) years.add(m.year);
    for (const r of sheet.rows) {
      const y = r.fiscalYear ? readYear(r.fiscalYear.cell) : null;
      if (y !== null) years.add(y);
      // A cross-tab's rows carry their year on each value.
      for (const v of r.values) if (v.year !== null && v.kind !== 'baseline') years.add(v.year);
    }
    if (years.size > 0) {
      guess.startYear = Math.min(...years);
      guess.endYear = Math.max(...years);
    }
  }
  return guess;
}
