/**
 * .xlsx files (Office Open XML SpreadsheetML), with their libraries loaded only when a file is
 * written or read (dynamic import: they stay out of the first load).
 *
 * Writing: the few parts a workbook needs are written here — number cells with an Excel number
 * format (so 「1,636件」 is the number 1636 shown with its unit), text as inline strings, column
 * widths, a bold head row that is frozen — and zipped with fflate's synchronous zipSync. The
 * spreadsheet writers on the registry zip large sheets in a Web Worker made from a blob: URL,
 * which the app's Content-Security-Policy (worker-src 'self') forbids, and the export would hang.
 *
 * Reading: the archive is unpacked with fflate's unzipSync — refusing archives that would unpack
 * to more than {@link MAX_UNPACKED_BYTES} — and its XML parts are read by xlsx-read.ts, which
 * reads every number cell through its number format (87.5% is 0.875 with a percent format; a
 * 「千円」 custom format; a date serial). Nothing from the file becomes an object key, so a crafted
 * file cannot reach object prototypes (SheetJS 0.18.5, the registry's "xlsx" package, has a known
 * prototype-pollution flaw when reading untrusted files and is not used).
 */
import type { SheetTable } from './table';
import { readXlsxParts, type XlsxSheet } from './xlsx-read';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx file that unpacks to more than this is refused (a zip bomb, or not a strategy's table). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** Characters XML 1.0 does not allow, removed from cell text. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function esc(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Cell styles: 0 default, 1 head, 2 text, 3 wrapped text, 4… one per number format. */
interface Styles {
  numFmtIds: Map<string, number>;
  xml: string;
}

function buildStyles(formats: string[]): Styles {
  const numFmtIds = new Map<string, number>();
  formats.forEach((f, i) => numFmtIds.set(f, 164 + i));
  const numFmts = formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('');
  const font = '<sz val="11"/><name val="Yu Gothic"/><family val="3"/><charset val="128"/><scheme val="minor"/>';
  const top = '<alignment vertical="top"/>';
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>',
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">${top}</xf>`,
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
    ...formats.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">${top}</xf>`),
  ];
  const xml =
    XML_HEAD +
    `<styleSheet xmlns="${NS_MAIN}">` +
    (formats.length ? `<numFmts count="${formats.length}">${numFmts}</numFmts>` : '') +
    `<fonts count="2"><font>${font}</font><font><b/>${font}</font></fonts>` +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>';
  return { numFmtIds, xml };
}

function inlineString(ref: string, style: number, text: string): string {
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

function sheetXml(table: SheetTable, styles: Styles): string {
  const cols = table.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  const rows: string[] = [];
  rows.push(`<row r="1">${table.columns.map((c, i) => inlineString(`${columnName(i)}1`, 1, c.header)).join('')}</row>`);
  table.rows.forEach((row, r) => {
    const n = r + 2;
    const cells: string[] = [];
    row.forEach((cell, i) => {
      if (cell === null) return;
      const ref = `${columnName(i)}${n}`;
      if (cell.t === 'n') cells.push(`<c r="${ref}" s="${4 + (styles.numFmtIds.get(cell.format)! - 164)}"><v>${cell.v}</v></c>`);
      else cells.push(inlineString(ref, cell.v.length > 20 || cell.v.includes('\n') ? 3 : 2, cell.v));
    });
    rows.push(`<row r="${n}">${cells.join('')}</row>`);
  });
  const last = `${columnName(Math.max(0, table.columns.length - 1))}${table.rows.length + 1}`;
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="18.75"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A1:${last}"/>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape"/>' +
    '</worksheet>'
  );
}

/** The parts of an .xlsx workbook holding the tables, one sheet each, as path → XML text. */
export function xlsxParts(tables: readonly SheetTable[]): Record<string, string> {
  const formats = [...new Set(tables.flatMap((t) => t.rows.flatMap((r) => r.flatMap((c) => (c && c.t === 'n' ? [c.format] : [])))))];
  const styles = buildStyles(formats);
  const parts: Record<string, string> = {};
  parts['[Content_Types].xml'] =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    tables.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '</Types>';
  parts['_rels/.rels'] =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
    '</Relationships>';
  parts['xl/workbook.xml'] =
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView/></bookViews><sheets>' +
    tables.map((t, i) => `<sheet name="${esc(t.sheetName)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets>' +
    // The head row is the print title of each sheet (repeated on every printed page).
    `<definedNames>${tables
      .map((t, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${esc(t.sheetName.replace(/'/g, "''"))}'!$A$1:$${columnName(Math.max(0, t.columns.length - 1))}$${t.rows.length + 1}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${esc(t.sheetName.replace(/'/g, "''"))}'!$1:$1</definedName>`)
      .join('')}</definedNames>` +
    '</workbook>';
  parts['xl/_rels/workbook.xml.rels'] =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    tables.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${tables.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    '</Relationships>';
  parts['xl/styles.xml'] = styles.xml;
  tables.forEach((t, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(t, styles)));
  return parts;
}

/** Writes tables as an .xlsx workbook, one sheet each. */
export async function writeXlsx(tables: readonly SheetTable[]): Promise<Blob> {
  const { zipSync, strToU8 } = await import('fflate');
  const files: Record<string, Uint8Array> = {};
  for (const [path, xml] of Object.entries(xlsxParts(tables))) files[path] = strToU8(xml);
  const zipped = zipSync(files, { level: 6 });
  return new Blob([zipped.slice().buffer as ArrayBuffer], { type: XLSX_TYPE });
}

export type ReadWorkbookSheet = XlsxSheet;

export class XlsxTooLargeError extends Error {
  constructor() {
    super('the workbook unpacks to too much data');
    this.name = 'XlsxTooLargeError';
  }
}

/** Reads every sheet of an .xlsx file into rows of cells, as shown through their number formats (xlsx-read.ts). */
export async function readXlsx(data: ArrayBuffer): Promise<ReadWorkbookSheet[]> {
  const { unzipSync, strFromU8 } = await import('fflate');
  let unpacked = 0;
  const entries = unzipSync(new Uint8Array(data), {
    filter: (f) => {
      unpacked += f.originalSize;
      if (unpacked > MAX_UNPACKED_BYTES) throw new XlsxTooLargeError();
      // Pictures, printer settings and the like are not read.
      return /\.(xml|rels)$/i.test(f.name);
    },
  });
  const byLowerName = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(entries)) byLowerName.set(name.replace(/^\//, '').toLowerCase(), bytes);
  const part = (path: string) => {
    const bytes = byLowerName.get(path.toLowerCase());
    return bytes ? strFromU8(bytes) : undefined;
  };
  return readXlsxParts(part);
}
