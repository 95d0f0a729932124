/**
 * The import's work, as the spreadsheet worker does it off the page: it keeps the file it read
 * and answers requests — read a file; plan the import for a sheet, head row, column mapping and
 * target — posting progress as it goes. The page holds only the first rows of each sheet (for the
 * column mapping) and the plan's summary; the records to write travel only when the person
 * confirms (`full`). Pure apart from the clock and ids of the records it plans (the worker's own).
 *
 * The worker is src/features/spreadsheets/sheet.worker.ts; where a Worker cannot start, the page
 * runs the same session itself (sheet-client.ts).
 */
import type { RecordContext } from '../domain/records';
import type { MixedLine, TextEncodingName } from './csv';
import { loadSpreadsheet, type LoadedFile } from './load';
import { readLayout, type SheetLayout } from './layout';
import { planImport, type ImportPlan, type PlanTarget, type WrittenRecords } from './plan';
import type { RawCell } from './values';

/** Rows of each sheet handed to the page for the column mapping (head row, samples, title lines). */
export const HEAD_ROWS = 60;

export interface SheetSummary {
  name: string;
  rowCount: number;
  /** The first {@link HEAD_ROWS} rows. */
  head: RawCell[][];
  merges: { r0: number; c0: number; r1: number; c1: number }[];
}

export interface FileSummary {
  fileName: string;
  encoding: TextEncodingName | 'xlsx';
  sheets: SheetSummary[];
  mixedLines: MixedLine[];
  bomIgnored: boolean;
  badLines: MixedLine[];
}

export type LoadAnswer = { ok: true; file: FileSummary } | { ok: false; reason: 'tooLarge' | 'notSpreadsheet' | 'unreadable'; detail: string };

export interface PlanRequest {
  sheetIndex: number;
  layout: SheetLayout;
  target: PlanTarget;
  editor: string;
  /** Whether the records to write are wanted (at 取り込む), or only what the preview shows. */
  full: boolean;
}

export type SheetRequest = { type: 'load'; id: number; fileName: string; bytes: Uint8Array } | ({ type: 'plan'; id: number } & PlanRequest);

export type SheetAnswer =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'loaded'; id: number; result: LoadAnswer }
  | { type: 'planned'; id: number; plan: ImportPlan }
  | { type: 'failed'; id: number; detail: string };

const EMPTY_WRITTEN = (): WrittenRecords => ({ strategies: [], goals: [], measures: [], projects: [], kpis: [], kpiYears: [], projectYears: [], meetings: [], opinions: [] });

/** The records of one plan are stamped with one moment (the moment it was made), as a write is. */
function workerContext(editor: string): RecordContext {
  const at = new Date().toISOString();
  return { editor, now: () => at, newId: () => crypto.randomUUID() };
}

export class SheetSession {
  #file: LoadedFile | null = null;

  async answer(req: SheetRequest, post: (a: SheetAnswer) => void): Promise<void> {
    try {
      if (req.type === 'load') {
        this.#file = null;
        const r = await loadSpreadsheet(req.fileName, req.bytes);
        if (!r.ok) return post({ type: 'loaded', id: req.id, result: r });
        this.#file = r.file;
        const f = r.file;
        post({
          type: 'loaded',
          id: req.id,
          result: {
            ok: true,
            file: {
              fileName: f.fileName,
              encoding: f.encoding,
              mixedLines: f.mixedLines ?? [],
              bomIgnored: f.bomIgnored ?? false,
              badLines: f.badLines ?? [],
              sheets: f.sheets.map((s) => ({ name: s.name, rowCount: s.rows.length, head: s.rows.slice(0, HEAD_ROWS), merges: s.merges ?? [] })),
            },
          },
        });
        return;
      }
      const sheet = this.#file?.sheets[req.sheetIndex];
      if (!sheet) return post({ type: 'failed', id: req.id, detail: 'no file' });
      const read = readLayout(sheet.rows, req.layout);
      let last = 0;
      const plan = planImport(read, req.target, workerContext(req.editor), (done, total) => {
        const now = Date.now();
        if (now - last < 100) return;
        last = now;
        post({ type: 'progress', id: req.id, done, total });
      });
      post({ type: 'planned', id: req.id, plan: req.full ? plan : { ...plan, written: EMPTY_WRITTEN() } });
    } catch (e) {
      post({ type: 'failed', id: req.id, detail: e instanceof Error ? e.message : String(e) });
    }
  }
}
