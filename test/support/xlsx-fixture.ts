/**
 * Builds .xlsx files for tests the way Excel saves them: shared strings (with ふりがな runs),
 * a styles part with built-in and custom number formats, merged cells and line breaks in cells.
 * The cells are given as the spreadsheet stores them (0.875 with a percent format), so the reader
 * has to use the format to get what the clerk sees.
 */
import { zipSync, strToU8 } from 'fflate';

/** A cell: text, a number (optionally with a number format code), or empty. */
export type FixtureCell = null | string | number | { v: number; fmt: string | number };

export interface FixtureSheet {
  name: string;
  rows: FixtureCell[][];
  /** A1-style ranges: 'A1:H1'. */
  merges?: string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function col(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function buildXlsx(sheets: FixtureSheet[]): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const customFormats: string[] = [];
  // Style 0 is General; then one style per number format used.
  const styleOf = new Map<string, number>();
  const xfs: number[] = [0];
  const styleFor = (fmt: string | number): number => {
    const key = String(fmt);
    let s = styleOf.get(key);
    if (s !== undefined) return s;
    let id: number;
    if (typeof fmt === 'number') id = fmt;
    else {
      let i = customFormats.indexOf(fmt);
      if (i < 0) i = customFormats.push(fmt) - 1;
      id = 164 + i;
    }
    s = xfs.push(id) - 1;
    styleOf.set(key, s);
    return s;
  };
  const sheetXml = sheets.map((sheet) => {
    const rows = sheet.rows
      .map((row, r) => {
        const cells = row
          .map((c, i) => {
            const ref = `${col(i)}${r + 1}`;
            if (c === null) return '';
            if (typeof c === 'string') {
              let si = stringIndex.get(c);
              if (si === undefined) {
                si = strings.push(c) - 1;
                stringIndex.set(c, si);
              }
              return `<c r="${ref}" t="s"><v>${si}</v></c>`;
            }
            if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
            return `<c r="${ref}" s="${styleFor(c.fmt)}"><v>${c.v}</v></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join('');
    const merges = sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${merges}</worksheet>`;
  });
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      head +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8(
      head +
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      head +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    ),
  };
  sheetXml.forEach((x, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(x)));
  // Excel keeps ふりがな beside Japanese text: the reader must leave it out.
  files['xl/sharedStrings.xml'] = strToU8(
    head +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t>${/[\u4e00-\u9fff]/.test(s) ? '<rPh sb="0" eb="1"><t>カナ</t></rPh><phoneticPr fontId="1"/>' : ''}</si>`).join('') +
      '</sst>',
  );
  files['xl/styles.xml'] = strToU8(
    head +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (customFormats.length ? `<numFmts count="${customFormats.length}">${customFormats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` : '') +
      '<fonts count="1"><font><sz val="11"/><name val="游ゴシック"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('')}</cellXfs>` +
      '</styleSheet>',
  );
  return zipSync(files, { level: 6 });
}

/** A 関市-style progress table (row per KPI, goal headings between blocks) with real cell formats. */
export function rowPerKpiWorkbook(): Uint8Array {
  const pct = (v: number) => ({ v, fmt: '0.0%' });
  return buildXlsx([
    {
      name: '進捗状況',
      merges: ['A1:H1'],
      rows: [
        ['第2期見本市まち・ひと・しごと創生総合戦略（令和2年～4年度）進捗状況'],
        ['No.', '主な事業等', 'KPI\n(重要業績評価指標)', '担当課', '平成30年度\n(策定時)', '令和2年度\n(実績値)', '令和3年度\n(実績値)', '令和4年度\nKPI目標値'],
        ['基本目標1 しごとをつくるまち'],
        ['1', '就業支援事業', '就職率', '商工課', { v: 0.85, fmt: 9 }, pct(0.875), pct(0.935), { v: 0.9, fmt: 9 }],
        ['2', '企業誘致事業', '法人市民税収', '税務課', { v: 3534, fmt: '#,##0"千円"' }, { v: 3620000, fmt: '#,##0,"千円"' }, { v: 3700, fmt: '#,##0"千円";"△"#,##0"千円"' }, { v: 4000, fmt: '#,##0"千円以上"' }],
        ['基本目標2 ひとが集うまち'],
        ['3', '観光振興事業', '観光客数', '観光課', { v: 1072438, fmt: '#,##0"人"' }, { v: 739034, fmt: '#,##0"人"' }, 816.325, { v: 1149438, fmt: '#,##0"人"' }],
        ['4', '移住促進事業', '移住相談件数', '企画課', { v: 120, fmt: '#,##0"件"' }, { v: 135, fmt: '#,##0"件"' }, '0件 (コロナのため中止)', { v: 200, fmt: '"約"#,##0"件"' }],
      ],
    },
  ]);
}

/**
 * A 山陽小野田市-style 交付金 table: per-project blocks with the KPI names in a header band (merged
 * over 目標/実績 column pairs, with a line break), years as row labels with 当初 as the baseline,
 * (+n) difference rows, 達成状況 and 未達理由 text rows, a 「…のため省略」 note.
 */
export function crossTabRows(): FixtureCell[][] {
  return [
    ['地方創生推進交付金事業の進捗及び重要業績評価指標(KPI)の達成度の状況について'],
    [],
    ['A 見本ガラスのブランド化推進事業'],
    ['(1) 事業内容'],
    ['本市の誇る「ガラスの文化」を活用し、作家の作品をブランド化する。'],
    ['(2) 重要業績評価指標(KPI)'],
    [null, 'ブランド化したガラス商品の\n販売額', null, '見本ガラス館の来客数', null, 'ブランド化したガラス商品数', null],
    [null, '目標', '実績', '目標', '実績', '目標', '実績'],
    ['当初', '0 円', '0 円', '12,672 人', '12,672 人', '0個', '0 個'],
    ['R 2', '0 円', '0 円', '12,672 人', '8,016人', '0個', '0 個'],
    [null, '(+0)', '(+0)', '(+0)', '(-4, 656)', '(+0)', '(+0)'],
    ['R 3', { v: 10000000, fmt: '#,##0"円"' }, '134, 280 円', '13,672 人', '13,482 人', '5個', '33 個'],
    [null, '(+10, 000, 000)', '(+134, 280)', '(+1, 000)', '(+810)', '(+5)', '(33)'],
    ['R 4', '15,000,000円', null, '15,672 人', null, '10 個', null],
    ['達成状況', '現在のところ達成できていない。', null, '現在のところ達成できていない。', null, null, null],
    ['未達理由', '新型コロナウイルス感染症の影響により', null, '来客数がコロナ前に', null, null, null],
    [null, '協議が進まなかった。', null, '戻っていない。', null, null, null],
    [],
    ['B 交流・にぎわい創出事業'],
    ['(1) 事業内容'],
    ['スマイルエイジングに取り組む。'],
    ['(2) 重要業績評価指標(KPI)'],
    [null, '健康づくり実施箇所数', null, '観光客数', null],
    [null, '目標', '実績', '目標', '実績'],
    ['当初', '0件', '0 件', '1,072,438 人', '1,072,438 人'],
    ['R 2', '50 件', '80 件', '1,092,438 人', '739,034 人'],
    ['R 3', '60 件', '122 件', '1, 117, 438 人', '816,325 人'],
    ['R 4', '70 件', 'コロナのため省略', '1, 149, 438 人', null],
  ];
}

export function crossTabWorkbook(): Uint8Array {
  return buildXlsx([{ name: '交付金', rows: crossTabRows(), merges: ['A1:G1', 'B7:C7', 'D7:E7', 'F7:G7', 'B23:C23', 'D23:E23'] }]);
}
