// CSV writing (BOM, CRLF, quoting) and reading (quotes, line breaks, separators), and telling the
// encoding of a file: BOM, strict UTF-8, else Shift_JIS — with a file LibreOffice saved in Shift_JIS.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cellString, decodeText, guessSeparator, isZip, num, parseCsv, tableRows, writeCsv, type SheetTable } from '../../src/sheets';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/sheets/${name}`, import.meta.url)));

describe('writeCsv', () => {
  test('starts with a BOM and ends every row with CRLF', () => {
    const csv = writeCsv([
      ['No.', 'KPI'],
      ['1', '相談件数'],
    ]);
    expect(csv).toBe('\uFEFFNo.,KPI\r\n1,相談件数\r\n');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test('quotes only fields that need it, doubling quotes inside', () => {
    const csv = writeCsv([['1,636件', '企業展「ビジネスプラス展」', 'a"b', '1行目\n2行目', ' 前に空白', 'ふつう', '']]);
    expect(csv).toBe('\uFEFF"1,636件",企業展「ビジネスプラス展」,"a""b","1行目\n2行目"," 前に空白",ふつう,\r\n');
  });

  test('what it writes reads back the same', () => {
    const rows = [
      ['基本目標', '実績', '備考'],
      ['1 産業の振興', '0 (コロナのため中止)', '改行を\r\n含む, "引用" も'],
      ['', '△65', ''],
    ];
    expect(parseCsv(writeCsv(rows))).toEqual(rows);
  });
});

test('text that a spreadsheet would run as a formula is written with an apostrophe and read without it', () => {
  const table: SheetTable = { sheetName: 'x', columns: [{ header: 'KPI', width: 10 }, { header: '実績', width: 10 }], rows: [[{ t: 's', v: '=HYPERLINK("x")' }, num(-65)]] };
  const csv = writeCsv(tableRows(table));
  expect(csv).toBe('\uFEFFKPI,実績\r\n"\'=HYPERLINK(""x"")",-65\r\n');
  expect(cellString(parseCsv(csv)[1]![0]!)).toBe('=HYPERLINK("x")');
});

describe('parseCsv', () => {
  test('handles LF, CR and CRLF line ends and a missing final line end', () => {
    expect(parseCsv('a,b\nc,d\re,f\r\ng,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  test('keeps empty lines inside (row numbers stay as the spreadsheet shows them) and drops trailing ones', () => {
    expect(parseCsv('a\r\n\r\nb\r\n\r\n\r\n')).toEqual([['a'], [''], ['b']]);
  });

  test('guesses tab and semicolon separators from the first line', () => {
    expect(guessSeparator('No.\t主な事業等\t事業内容\n1\tx,y\tz')).toBe('\t');
    expect(parseCsv('No.\t主な事業等\n1\t1,636件')).toEqual([
      ['No.', '主な事業等'],
      ['1', '1,636件'],
    ]);
    expect(guessSeparator('a;b;c\n1,2;3;4')).toBe(';');
    expect(guessSeparator('"a,b";c')).toBe(';');
  });
});

describe('decodeText', () => {
  test('a UTF-8 BOM in front of UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('実績')]);
    expect(decodeText(bytes)).toMatchObject({ text: '実績', encoding: 'utf-8', mixedLines: [], bomIgnored: false });
  });

  test('UTF-8 without a BOM is read as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('令和2年度 (実績値)'))).toMatchObject({ text: '令和2年度 (実績値)', encoding: 'utf-8' });
  });

  test('UTF-16 with a BOM (Excel 「Unicode テキスト」)', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x9f, 0x5b, 0x3e, 0x7e]); // 実績 in UTF-16LE
    expect(decodeText(bytes)).toMatchObject({ text: '実績', encoding: 'utf-16le' });
  });

  test('bytes that are not UTF-8 are read as Shift_JIS / CP932, extensions included', () => {
    // 実績 ① ㈱ 髙 in CP932 (① ㈱ are NEC specials, 髙 an IBM extension: Excel on Windows writes them).
    const bytes = new Uint8Array([0x8e, 0xc0, 0x90, 0xd1, 0x20, 0x87, 0x40, 0x20, 0x87, 0x8a, 0x20, 0xfb, 0xfc]);
    expect(decodeText(bytes)).toMatchObject({ text: '実績 ① ㈱ 髙', encoding: 'shift_jis', mixedLines: [] });
  });

  test('a CSV LibreOffice saved in Shift_JIS reads as the UTF-8 original', () => {
    const sjis = fixture('seki-progress-sjis.csv');
    const utf8 = fixture('seki-progress-utf8.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(sjis)).toThrow();
    const a = decodeText(sjis);
    const b = decodeText(utf8);
    expect(a.encoding).toBe('shift_jis');
    expect(b.encoding).toBe('utf-8');
    // Shift_JIS has one code for 〜 and ～ (WAVE DASH / FULLWIDTH TILDE); everything else is equal.
    // LibreOffice also pads every row to the table's width, and reads 「87.5%」 as a percentage
    // that it writes back as 「87.50%」.
    const same = (rows: string[][]) =>
      rows.map((r) => {
        const cells = r.map((s) => s.replace(/[〜～]/g, '~').replace(/^(\d+\.\d*?)0+%$/, '$1%'));
        while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
        return cells;
      });
    expect(same(parseCsv(a.text))).toEqual(same(parseCsv(b.text)));
    expect(a.text).toContain('関市ビジネスサポートセンターへの相談件数');
    expect(a.text).toContain('"1,636件"');
  });
});

describe('encoding from the bytes (issue 14)', () => {
  const sjisOf = (s: string) => {
    // The few characters these tests need, in CP932 (the browser has no Shift_JIS encoder).
    const table: Record<string, number[]> = { 実: [0x8e, 0xc0], 績: [0x90, 0xd1], 件: [0x8c, 0x8f], 目: [0x96, 0xda], 標: [0x95, 0x57] };
    return [...s].flatMap((c) => table[c] ?? [c.charCodeAt(0)]);
  };
  const utf8 = (s: string) => [...new TextEncoder().encode(s)];

  test('a UTF-8 file with one Shift_JIS line: read as UTF-8, the line decoded as Shift_JIS and reported', () => {
    const bytes = new Uint8Array([...utf8('KPI,目標,実績\r\n相談件数,10件,12件\r\n'), ...sjisOf('相,10件,12件').slice(0, 0), ...sjisOf('xx,目標,実績件'), ...utf8('\r\n移住,3件,4件\r\n')]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.mixedLines).toEqual([{ line: 3, encoding: 'shift_jis', text: 'xx,目標,実績件' }]);
    expect(parseCsv(d.text)).toEqual([
      ['KPI', '目標', '実績'],
      ['相談件数', '10件', '12件'],
      ['xx', '目標', '実績件'],
      ['移住', '3件', '4件'],
    ]);
    expect(d.text).not.toContain('\uFFFD');
  });

  test('a Shift_JIS file behind a UTF-8 BOM: the BOM is a hint, the bytes decide', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...sjisOf('KPI,目標,実績\r\nA,1件,2件\r\n')]);
    const d = decodeText(bytes);
    expect(d).toMatchObject({ encoding: 'shift_jis', bomIgnored: true, mixedLines: [] });
    expect(parseCsv(d.text)[0]).toEqual(['KPI', '目標', '実績']);
  });

  test('a line that is neither UTF-8 nor Shift_JIS is listed, not read silently', () => {
    // A broken byte (0x80 starts no character in either encoding) in a UTF-8 file.
    const bytes = new Uint8Array([...utf8('KPI,目標\n1,2件\n9,'), 0x80, ...utf8('件\n')]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.badLines?.map((l) => l.line)).toEqual([3]);
    expect(d.badLines?.[0]!.text).toContain('\uFFFD');
  });

  test('a Shift_JIS file with one UTF-8 line: read as Shift_JIS, the UTF-8 line reported', () => {
    const bytes = new Uint8Array([...sjisOf('KPI,目標\n'), ...sjisOf('A,1件\n'), ...sjisOf('B,2件\n'), ...utf8('C,3件\n')]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('shift_jis');
    expect(d.mixedLines).toEqual([{ line: 4, encoding: 'utf-8', text: 'C,3件' }]);
    expect(parseCsv(d.text).map((r) => r[1])).toEqual(['目標', '1件', '2件', '3件']);
  });
});

test('isZip tells an .xlsx file by its signature', () => {
  expect(isZip(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe(true);
  expect(isZip(new TextEncoder().encode('No.,KPI'))).toBe(false);
});
