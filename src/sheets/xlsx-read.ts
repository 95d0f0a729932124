/**
 * Reading an .xlsx workbook: the cells of every sheet **as the spreadsheet program shows them**,
 * not only the numbers it stores. Excel keeps 87.5% as the number 0.875 with a percent format,
 * 3,534千円 as 3534 with the custom format `#,##0"千円"` (or 3534000 with `#,##0,"千円"`), and a
 * date as a serial day number with a date format; read without the format, the first becomes
 * 0.875 % and the rest numbers in the wrong unit, silently.
 *
 * So each number cell is read with its number format ({@link formatMeaning}):
 * - a percent format: the number ×100 with 「%」 (0.875 → 「87.5%」);
 * - a format with literal text (「"千円"」「"件以上"」「"約"」, `\円`, `[$円-411]`): the number with that
 *   text, as shown (「3534千円」「90件以上」「約110人」), so that the workbook's own parser reads the
 *   unit, the threshold and 約 as it does for typed text; a trailing comma in the format divides by
 *   1,000 per comma, as Excel shows it;
 * - a date format (built-in 14–22, 27–36, 45–47, 50–58 or one with y/m/d/e/g tokens): yyyy-mm-dd;
 * - anything else (General, `#,##0`, `0.0`, `#,##0;"△"#,##0`): the number itself.
 *
 * The XML is scanned with regular expressions over the unpacked parts (linear in the file's
 * size; no DOM, so it runs in a Web Worker too) into plain strings, numbers and booleans: nothing
 * from the file becomes an object key or reaches a prototype. Phonetic runs (ふりがな, `<rPh>`)
 * that Japanese Excel keeps beside shared strings are left out.
 */
import type { RawCell } from './values';

export interface XlsxSheet {
  name: string;
  rows: RawCell[][];
  /** Merged ranges (0-based, inclusive), as the sheet declares them. */
  merges: { r0: number; c0: number; r1: number; c1: number }[];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text to a string: entities, numeric references, and Excel's _xHHHH_ escapes. */
export function xmlText(s: string): string {
  return s
    .replace(/&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return ENTITY[name]!;
      const code = hex ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR_RE = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | null {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*("([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? xmlText(m[2] ?? m[3] ?? '') : null;
}

/** The text of a string item (<si> or <is>): its <t> runs, without phonetic runs. */
function itemText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').replace(/<phoneticPr\b[^>]*\/>/g, '');
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out += xmlText(m[1]!);
  return out;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : itemText(m[1]));
  return out;
}

/** What a number format does to the number it shows. */
export type FormatMeaning =
  | { kind: 'plain' }
  | { kind: 'percent'; prefix: string; suffix: string }
  | { kind: 'date' }
  | { kind: 'shown'; prefix: string; suffix: string; divide: number };

/** Built-in date and time formats (ECMA-376 18.8.30; 27–36 and 50–58 are the Japanese era dates). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_PERCENT = new Set([9, 10]);

/**
 * What a number format code shows (its first section, the one for positive numbers): a percent,
 * a date, the number with text around it (and divided by 1,000 per trailing comma), or the plain
 * number.
 */
export function formatMeaning(code: string): FormatMeaning {
  // First section, outside quotes.
  let section = '';
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') inQuote = !inQuote;
    else if (c === '\\' && !inQuote) {
      section += c + (code[i + 1] ?? '');
      i++;
      continue;
    } else if (c === ';' && !inQuote) break;
    section += c;
  }
  let prefix = '';
  let suffix = '';
  let bare = '';
  let seenDigit = false;
  const lit = (s: string) => {
    if (seenDigit) suffix += s;
    else prefix += s;
  };
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      const s = end < 0 ? section.slice(i + 1) : section.slice(i + 1, end);
      lit(s);
      i = end < 0 ? section.length : end;
    } else if (c === '\\') {
      lit(section[i + 1] ?? '');
      i++;
    } else if (c === '[') {
      const end = section.indexOf(']', i);
      const inner = end < 0 ? '' : section.slice(i + 1, end);
      // [$円-411]: a currency text; [Red], [>=100], [$-411], [DBNum1]: no text.
      const currency = /^\$([^-\]]+)/.exec(inner);
      if (currency) lit(currency[1]!);
      i = end < 0 ? section.length : end;
    } else if (c === '_' || c === '*') {
      i++; // a space as wide as the next character; a fill character
    } else {
      if (c === '0' || c === '#' || c === '?') seenDigit = true;
      bare += c;
    }
  }
  if (!/[0#?]/.test(bare) && /[ymdhsegYMDHSEG]/.test(bare.replace(/General/gi, ''))) return { kind: 'date' };
  if (bare.includes('%')) return { kind: 'percent', prefix: prefix.trim(), suffix: suffix.trim() };
  const trailing = /[0#?](,+)[^0#?]*$/.exec(bare);
  const divide = trailing ? 1000 ** trailing[1]!.length : 1;
  const pre = prefix.replace(/[\s△▲-]/g, '');
  const post = suffix.trim();
  if (pre === '' && post === '' && divide === 1) return { kind: 'plain' };
  return { kind: 'shown', prefix: pre, suffix: post, divide };
}

/** A number as the text of its decimal value (no float noise: 0.935 × 100 is 93.5). */
function decimalText(n: number): string {
  if (!Number.isFinite(n)) return '';
  return String(Number(n.toPrecision(15)));
}

/** A date serial (1900 date system, with Excel's 1900-02-29) as yyyy-mm-dd. */
export function serialDate(serial: number, date1904 = false): string {
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial;
  const ms = Date.UTC(1899, 11, 30) + Math.round(days * 86400) * 1000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(serial);
  return d.toISOString().slice(0, 10);
}

/** A number cell as shown through its format. */
export function formatNumberCell(v: number, meaning: FormatMeaning, date1904 = false): RawCell {
  switch (meaning.kind) {
    case 'plain':
      return v;
    case 'date':
      return serialDate(v, date1904);
    case 'percent':
      return `${meaning.prefix}${decimalText(v * 100)}%${meaning.suffix}`;
    case 'shown':
      return `${meaning.prefix}${decimalText(v / meaning.divide)}${meaning.suffix}`;
  }
}

interface Styles {
  /** Per cell style (xf index): what its number format shows. */
  meanings: FormatMeaning[];
}

function styles(xml: string | undefined): Styles {
  if (!xml) return { meanings: [] };
  const codes = new Map<number, string>();
  const fmtRe = /<numFmt\b([^>]*?)\/?>/g;
  for (let m = fmtRe.exec(xml); m; m = fmtRe.exec(xml)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    const code = attr(m[1]!, 'formatCode');
    if (Number.isInteger(id) && code !== null) codes.set(id, code);
  }
  const meanings: FormatMeaning[] = [];
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const xfRe = /<xf\b([^>]*?)\/?>/g;
  for (let m = xfRe.exec(xfs); m; m = xfRe.exec(xfs)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? '0');
    const code = codes.get(id);
    if (code !== undefined) meanings.push(formatMeaning(code));
    else if (BUILTIN_PERCENT.has(id)) meanings.push({ kind: 'percent', prefix: '', suffix: '' });
    else if (BUILTIN_DATE.has(id)) meanings.push({ kind: 'date' });
    else meanings.push({ kind: 'plain' });
  }
  return { meanings };
}

/** "BC12" → [row 11, column 54]. */
function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

/** Largest sheet accepted, in rows and columns (a strategy's table is far smaller). */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 1_000;

function sheetCells(xml: string, strings: readonly string[], st: Styles, date1904: boolean): { rows: RawCell[][]; merges: XlsxSheet['merges'] } {
  const rows: RawCell[][] = [];
  let rowIndex = -1;
  let colIndex = -1;
  const re = /<row\b([^>]*?)(\/)?>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] !== undefined) {
      const r = Number(attr(m[1], 'r'));
      rowIndex = Number.isInteger(r) && r > 0 ? r - 1 : rowIndex + 1;
      colIndex = -1;
      continue;
    }
    const attrs = m[3] ?? '';
    const body = m[4] ?? '';
    const ref = attr(attrs, 'r');
    const at = ref ? cellRef(ref) : null;
    let r = rowIndex < 0 ? 0 : rowIndex;
    let c = colIndex + 1;
    if (at) [r, c] = at;
    colIndex = c;
    if (r >= MAX_ROWS || c >= MAX_COLS) continue;
    const type = attr(attrs, 't') ?? 'n';
    const raw = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1];
    let value: RawCell = null;
    if (type === 'inlineStr') {
      const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1];
      value = is === undefined ? null : itemText(is);
    } else if (raw === undefined) {
      value = null;
    } else if (type === 's') {
      value = strings[Number(raw)] ?? null;
    } else if (type === 'str' || type === 'e' || type === 'd') {
      value = xmlText(raw);
      if (type === 'd') value = value.slice(0, 10);
    } else if (type === 'b') {
      value = raw.trim() === '1';
    } else {
      const n = Number(raw);
      if (!Number.isFinite(n) || raw.trim() === '') value = xmlText(raw);
      else {
        const style = Number(attr(attrs, 's') ?? '0');
        value = formatNumberCell(n, st.meanings[style] ?? { kind: 'plain' }, date1904);
      }
    }
    if (value === null || value === '') continue;
    while (rows.length <= r) rows.push([]);
    const row = rows[r]!;
    while (row.length < c) row.push(null);
    row[c] = value;
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const merges: XlsxSheet['merges'] = [];
  const mergeRe = /<mergeCell\b([^>]*?)\/?>/g;
  for (let m = mergeRe.exec(xml); m; m = mergeRe.exec(xml)) {
    const [a, b] = (attr(m[1]!, 'ref') ?? '').split(':');
    const from = a ? cellRef(a) : null;
    const to = b ? cellRef(b) : from;
    if (from && to) merges.push({ r0: from[0], c0: from[1], r1: to[0], c1: to[1] });
  }
  return { rows, merges };
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Reads every sheet of an unpacked .xlsx (path → XML text), in the workbook's order. */
export function readXlsxParts(part: (path: string) => string | undefined): XlsxSheet[] {
  const workbook = part('xl/workbook.xml');
  if (!workbook) throw new Error('no workbook part');
  const rels = new Map<string, string>();
  const relXml = part('xl/_rels/workbook.xml.rels') ?? '';
  const relRe = /<Relationship\b([^>]*?)\/?>/g;
  for (let m = relRe.exec(relXml); m; m = relRe.exec(relXml)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) rels.set(id, resolve('xl/workbook.xml', target));
  }
  const date1904 = /<workbookPr\b[^>]*date1904\s*=\s*"(1|true)"/.test(workbook);
  const strings = sharedStrings(part('xl/sharedStrings.xml'));
  const st = styles(part('xl/styles.xml'));
  const sheets: XlsxSheet[] = [];
  const sheetRe = /<sheet\b([^>]*?)\/?>/g;
  for (let m = sheetRe.exec(workbook); m; m = sheetRe.exec(workbook)) {
    const name = attr(m[1]!, 'name') ?? `Sheet${sheets.length + 1}`;
    const rid = attr(m[1]!, 'r:id');
    const path = rid ? rels.get(rid) : undefined;
    const xml = path ? part(path) : undefined;
    if (xml === undefined) continue; // a chart sheet or a missing part
    sheets.push({ name, ...sheetCells(xml, strings, st, date1904) });
  }
  return sheets;
}
