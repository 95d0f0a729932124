/**
 * CSV as Excel and LibreOffice read and write it in Japan.
 *
 * Writing: UTF-8 with a byte-order mark (without it Excel opens a UTF-8 file as Shift_JIS and shows
 * mojibake), CRLF line ends, and a field quoted only when it holds a comma, a quote, a line break
 * or leading/trailing spaces; quotes inside are doubled (RFC 4180).
 *
 * Reading: the bytes are decoded by {@link decodeText} (BOM, else strict UTF-8, else Shift_JIS /
 * CP932, which is what Excel's 「CSV (コンマ区切り)」 writes on Japanese Windows), then split by
 * {@link parseCsv}: quoted fields with commas and line breaks, CRLF / LF / CR, and a comma, tab or
 * semicolon separator guessed from the first line (text copied from a PDF or saved as
 * 「テキスト (タブ区切り)」 is tab-separated).
 *
 * Pure: no DOM, no clock.
 */

const BOM = '\uFEFF';

/** A field needs quotes when it holds the separator, a quote, a line break, or edge spaces. */
function quote(field: string, separator: string): string {
  if (field === '') return '';
  const needs = field.includes(separator) || /["\r\n]/.test(field) || /^\s|\s$/.test(field);
  return needs ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Writes rows as CSV text: BOM first, CRLF after every row (the last one included). */
export function writeCsv(rows: readonly (readonly string[])[], separator = ','): string {
  let out = BOM;
  for (const row of rows) out += row.map((f) => quote(f, separator)).join(separator) + '\r\n';
  return out;
}

/** The separator of a delimited text: the most frequent of comma, tab and semicolon outside quotes on the first line. */
export function guessSeparator(text: string): string {
  let inQuotes = false;
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && c in counts) counts[c] = (counts[c] ?? 0) + 1;
  }
  let best = ',';
  for (const s of ['\t', ';']) if ((counts[s] ?? 0) > (counts[best] ?? 0)) best = s;
  return best;
}

/**
 * Splits delimited text into rows of fields. A leading BOM is dropped; a quote inside an unquoted
 * field is kept as written (Excel does the same); an unclosed quote runs to the end of the text.
 * Trailing empty lines are dropped, empty lines inside are kept as empty rows (so that row numbers
 * match what a spreadsheet program shows).
 */
export function parseCsv(text: string, separator: string = guessSeparator(text.replace(/^\uFEFF/, ''))): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === separator) {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRow();
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (field !== '' || fieldStarted || row.length > 0) endRow();
  while (rows.length > 0 && rows[rows.length - 1]!.every((f) => f === '')) rows.pop();
  return rows;
}

/** How a file's bytes were read. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

/**
 * Decodes a text file of unknown encoding: a byte-order mark decides (UTF-8, UTF-16 LE/BE);
 * otherwise the bytes are tried as strict UTF-8 and, when that fails, read as Shift_JIS (the
 * WHATWG decoder for 'shift_jis' is CP932 / Windows-31J, with the NEC and IBM extensions Excel
 * writes: ①, ㈱, 髙 …). Plain ASCII is valid UTF-8 and reads the same either way.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(bytes), encoding: 'shift_jis' };
  }
}

/** Whether the bytes are a ZIP archive (an .xlsx file is one): "PK\x03\x04". */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
