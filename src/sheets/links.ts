/**
 * How a spreadsheet writes the places of a project beyond the plain tree: a project directly under
 * the strategy (no 基本目標) and the further goals a project is listed under (他の基本目標). Shared
 * by the export and the import, kept apart so that the export does not load the import.
 */
import type { Goal } from '../domain/entities/goal';
import type { Measure } from '../domain/entities/measure';
import type { ProjectLink } from '../domain/entities/project';
import { sheets as ja } from '../i18n/ja/sheets';
import { sheets as en } from '../i18n/en/sheets';

/**
 * The 基本目標 cell of a project that stands directly under the strategy (no goal): the export
 * writes it, the import reads it back (「（基本目標なし）」).
 */
export const NO_GOAL_CELL = ja['sheets.cell.noGoal'];
/** The same cell as an English export writes it; the import reads either. */
export const NO_GOAL_CELLS: readonly string[] = [ja['sheets.cell.noGoal'], en['sheets.cell.noGoal']];
/**
 * The cell text of a project's further places: each goal number, with 「 / 」 and the measure number
 * when the link names a measure, joined by 「、」 (「プラス1、2 / (1)」).
 */
export function alsoUnderCellText(links: readonly ProjectLink[], goalOf: (id: string) => Goal | undefined, measureOf: (id: string) => Measure | undefined): string {
  return links
    .map((l) => {
      const g = goalOf(l.goalId);
      if (!g) return '';
      const m = l.measureId ? measureOf(l.measureId) : undefined;
      return m ? `${g.number} / ${m.number}` : g.number;
    })
    .filter((s) => s !== '')
    .join('、');
}

