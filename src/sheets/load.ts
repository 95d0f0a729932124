/**
 * Opening a file handed to the import: an .xlsx workbook (recognised by its ZIP signature, not its
 * name) or delimited text in whatever encoding a spreadsheet program wrote (see csv.ts).
 */
import { decodeText, isZip, parseCsv, type MixedLine, type TextEncodingName } from './csv';
import { readXlsx, XlsxTooLargeError } from './xlsx';
import type { RawCell } from './values';

/** Files larger than this are refused before reading (a strategy's table is far smaller). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface LoadedSheet {
  name: string;
  rows: RawCell[][];
  /** Merged ranges of an .xlsx sheet (0-based, inclusive). */
  merges?: { r0: number; c0: number; r1: number; c1: number }[];
}

export interface LoadedFile {
  fileName: string;
  encoding: TextEncodingName | 'xlsx';
  sheets: LoadedSheet[];
  /** Lines of a text file in the other encoding (UTF-8 and Shift_JIS mixed). */
  mixedLines?: MixedLine[];
  /** A UTF-8 byte-order mark in front of Shift_JIS bytes. */
  bomIgnored?: boolean;
  /** Lines neither UTF-8 nor Shift_JIS (read with replacement characters). */
  badLines?: MixedLine[];
}

export type LoadResult = { ok: true; file: LoadedFile } | { ok: false; reason: 'tooLarge' | 'notSpreadsheet' | 'unreadable'; detail: string };

/** Reads a file's bytes as a workbook of one sheet (CSV) or several (.xlsx). */
export async function loadSpreadsheet(fileName: string, bytes: Uint8Array): Promise<LoadResult> {
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, reason: 'tooLarge', detail: String(bytes.byteLength) };
  if (isZip(bytes)) {
    try {
      const copy = bytes.slice().buffer as ArrayBuffer;
      const sheets = await readXlsx(copy);
      return { ok: true, file: { fileName, encoding: 'xlsx', sheets } };
    } catch (e) {
      if (e instanceof XlsxTooLargeError) return { ok: false, reason: 'tooLarge', detail: 'unpacked' };
      return { ok: false, reason: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
    }
  }
  // Binary files (an old .xls, a PDF) hold NUL bytes; text files do not (UTF-16 is told by its BOM).
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 4096).includes(0)) return { ok: false, reason: 'notSpreadsheet', detail: '' };
  const { text, encoding, mixedLines, bomIgnored, badLines } = decodeText(bytes);
  const rows = parseCsv(text);
  const name = fileName.replace(/\.[^.]+$/, '') || fileName;
  return { ok: true, file: { fileName, encoding, sheets: [{ name, rows }], mixedLines, bomIgnored, badLines: badLines ?? [] } };
}
