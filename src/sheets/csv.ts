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

/** A line of a file whose bytes are in another encoding than the rest. */
export interface MixedLine {
  /** Line number in the file (1 = first line). */
  line: number;
  encoding: 'utf-8' | 'shift_jis';
  /** The line, decoded in its own encoding. */
  text: string;
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Lines in the other encoding (a file that mixes UTF-8 and Shift_JIS); empty normally. */
  mixedLines: MixedLine[];
  /** A UTF-8 byte-order mark in front of bytes that are not UTF-8 (it was a hint, not proof). */
  bomIgnored: boolean;
  /** Lines that are neither well-formed UTF-8 nor Shift_JIS (read with replacement characters). */
  badLines?: MixedLine[];
}

/** Whether bytes [from, to) are well-formed UTF-8 (no overlongs, no surrogates). */
function validUtf8(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return false;
    if (i + n >= to) return false;
    let cp = c & (n === 1 ? 0x1f : n === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k]!;
      if ((x & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

/** Whether bytes [from, to) are well-formed Shift_JIS / CP932 (lead and trail byte ranges). */
function validSjis(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    const c = b[i]!;
    if (c < 0x80 || (c >= 0xa1 && c <= 0xdf)) {
      i++;
      continue;
    }
    if ((c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc)) {
      if (i + 1 >= to) return false;
      const t = b[i + 1]!;
      if (t < 0x40 || t === 0x7f || t > 0xfc) return false;
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

function ascii(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i]! >= 0x80) return false;
  return true;
}

/**
 * Decodes a text file of unknown encoding, from its bytes. A UTF-16 byte-order mark decides. A
 * UTF-8 byte-order mark is a hint, not proof (a Shift_JIS file saved behind one by a tool reads as
 * replacement characters otherwise). Each line is checked: well-formed UTF-8, well-formed
 * Shift_JIS (CP932: the WHATWG decoder for 'shift_jis' has the NEC and IBM extensions Excel
 * writes: ①, ㈱, 髙), or neither; a line that is both is UTF-8. The file's encoding is the one its lines agree on; lines
 * that can only be the other one are decoded in their own encoding and listed (a UTF-8 file with a
 * line pasted in from a Shift_JIS one), so the screen can say so and show them. Plain ASCII is
 * valid either way and reads the same.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', mixedLines: [], bomIgnored: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', mixedLines: [], bomIgnored: false };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // Fast path: the whole file is UTF-8.
  if (validUtf8(body, 0, body.length)) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', mixedLines: [], bomIgnored: false };

  // Line by line (0x0A never occurs inside a Shift_JIS or UTF-8 character).
  type Kind = 'ascii' | 'utf-8' | 'shift_jis' | 'neither';
  const lines: { from: number; to: number; kind: Kind }[] = [];
  let utf8Only = 0;
  let sjisOnly = 0;
  for (let from = 0; from <= body.length; ) {
    let to = body.indexOf(0x0a, from);
    if (to < 0) to = body.length;
    let kind: Kind;
    if (ascii(body, from, to)) kind = 'ascii';
    else {
      const u = validUtf8(body, from, to);
      const j = validSjis(body, from, to);
      // Japanese UTF-8 is often well-formed Shift_JIS by chance (E4 BB B6 is a kanji and a
      // half-width kana), while Shift_JIS text is almost never well-formed UTF-8: a line that is
      // both is UTF-8.
      kind = u ? 'utf-8' : j ? 'shift_jis' : 'neither';
    }
    if (kind === 'utf-8') utf8Only++;
    else if (kind === 'shift_jis') sjisOnly++;
    lines.push({ from, to, kind });
    if (to === body.length) break;
    from = to + 1;
  }
  const main: 'utf-8' | 'shift_jis' = utf8Only > sjisOnly ? 'utf-8' : 'shift_jis';
  const utf8 = new TextDecoder('utf-8');
  const sjis = new TextDecoder('shift_jis');
  if (main === 'shift_jis' && utf8Only === 0 && !lines.some((l) => l.kind === 'neither')) {
    return { text: sjis.decode(body), encoding: 'shift_jis', mixedLines: [], bomIgnored: bom };
  }
  const mixedLines: MixedLine[] = [];
  const badLines: MixedLine[] = [];
  const parts: string[] = [];
  lines.forEach((l, i) => {
    const own = l.kind === 'utf-8' || l.kind === 'shift_jis' ? l.kind : main;
    const text = (own === 'utf-8' ? utf8 : sjis).decode(body.subarray(l.from, l.to));
    if (own !== main) mixedLines.push({ line: i + 1, encoding: own, text: text.replace(/\r$/, '') });
    if (l.kind === 'neither') badLines.push({ line: i + 1, encoding: own, text: text.replace(/\r$/, '') });
    parts.push(text);
  });
  return { text: parts.join('\n'), encoding: main, mixedLines, bomIgnored: bom && main !== 'utf-8', badLines };
}

/** Whether the bytes are a ZIP archive (an .xlsx file is one): "PK\x03\x04". */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
