// The .xlsx export: numbers are number cells (with a format that shows units, 以上 and △), the
// head row is frozen, columns have widths; and the file reads back through the import.
import { inflateRawSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView } from '../../src/domain/workbook';
import { kpiTable, loadSpreadsheet, measurementCell, numberFormat, progressTable, readXlsx, writeXlsx } from '../../src/sheets';
import { formatMeasurement } from '../../src/domain/numbers';
import { testContext } from '../support/context';

const view = new WorkbookView(buildWorkbook(SEKI_SAMPLE, testContext()));

/** The files of a ZIP archive (enough of the format for what the writer produces). */
function unzip(bytes: Uint8Array): Map<string, string> {
  const files = new Map<string, string>();
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Central directory: found from the end-of-central-directory record.
  let eocd = bytes.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  for (let i = 0; i < count; i++) {
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extra = dv.getUint16(p + 30, true);
    const comment = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    const dataStart = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const data = bytes.subarray(dataStart, dataStart + size);
    files.set(name, new TextDecoder().decode(method === 8 ? inflateRawSync(data) : data));
    p += 46 + nameLength + extra + comment;
  }
  return files;
}

test('number formats print units, thresholds, 約 and △ like the documents', () => {
  expect(numberFormat(0)).toBe('#,##0;"△"#,##0');
  expect(numberFormat(1, '', '%以上')).toBe('#,##0.0"%以上";"△"#,##0.0"%以上"');
  expect(numberFormat(0, '約', '人')).toBe('"約"#,##0"人";"約△"#,##0"人"');
  const f = (m: Parameters<typeof formatMeasurement>[0]) => formatMeasurement(m, '件');
  expect(measurementCell({ value: 1636 }, '件', f, true)).toEqual({ t: 'n', v: 1636, format: '#,##0"件";"△"#,##0"件"', text: '1,636件' });
  expect(measurementCell({ value: 90, remark: '以上' }, '件', f, false)).toMatchObject({ t: 'n', v: 90, text: '90件以上' });
  expect(measurementCell({ value: -65 }, '', f, false)).toMatchObject({ t: 'n', v: -65, text: '-65' });
  expect(measurementCell({ value: 0, remark: 'コロナのため中止' }, '件', f, true)).toEqual({ t: 's', v: '0件 (コロナのため中止)' });
  expect(measurementCell({ value: null, status: 'collecting' }, '件', f, true)).toEqual({ t: 's', v: '集計中' });
});

/** The sample judged under the default 年度目標がない年度の判定 (adopted targets only) instead of its own. */
const adoptedOnly = (() => {
  const records = buildWorkbook(SEKI_SAMPLE, testContext());
  return new WorkbookView({ ...records, strategy: { ...records.strategy, interimJudgement: 'adoptedOnly' } });
})();

test('the KPI table as .xlsx: number cells, frozen head row, column widths', async () => {
  const bytes = new Uint8Array(await (await writeXlsx([kpiTable(view)])).arrayBuffer());
  const files = unzip(bytes);
  const sheet = files.get('xl/worksheets/sheet1.xml')!;
  // Frozen first row.
  expect(sheet).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
  // Widths.
  expect(sheet).toMatch(/<col [^>]*width="34"/);
  // The sheet's name.
  expect(files.get('xl/workbook.xml')).toContain('name="KPI表"');

  const [read] = await readXlsx(bytes.slice().buffer as ArrayBuffer);
  const head = read!.rows[0]!;
  const row = read!.rows.find((r) => r[5] === '関市ビジネスサポートセンターへの相談件数' && r[13] === 2020)!;
  const at = (name: string) => row[head.indexOf(name)];
  expect(at('基準値')).toBe(1636);
  expect(at('目標値')).toBe(1620);
  expect(at('実績')).toBe(1823);
  // The sample judges only in the final year (令和4年度), as 関市's 令和2年度 table did: no year
  // target, no rate and no verdict in 令和2年度.
  expect(view.strategy.interimJudgement).toBe('finalYearOnly');
  expect(at('目標')).toBe(null);
  expect(at('達成率 (%)')).toBe(null);
  expect(at('判定')).toBe('判定なし');
  // 「1,620件以上」 lies below the baseline: no progress toward it can be stated either.
  expect(at('進捗率 (%)')).toBe(null);
  // With no verdict, 進捗率 is the progress toward the final target, truncated as on screen:
  // (2,372 − 3,534) ÷ (3,817 − 3,534) = −410.60…% is −410.7 (toward −∞, never above the true rate).
  const visitors = read!.rows.find((r) => r[5] === '市内全域の観光入込客数' && r[13] === 2020)!;
  expect(visitors[head.indexOf('判定')]).toBe('判定なし');
  expect(visitors[head.indexOf('進捗率 (%)')]).toBe(-410.7);
  expect(at('単位')).toBe('件');
  expect(at('方向')).toBe('以上');
  // A value with a remark stays text, in the workbook's words.
  const matching = read!.rows.find((r) => r[5] === 'ビジネスマッチング数（ビジネスプラス展）' && r[13] === 2020)!;
  expect(matching[head.indexOf('実績')]).toBe('0 (コロナのため中止)');

  // Under adopted targets only, 「1,620件以上」 is a threshold adopted for every year: the rate is a
  // number cell.
  const [adopted] = await readXlsx((await (await writeXlsx([kpiTable(adoptedOnly)])).arrayBuffer()) as ArrayBuffer);
  const judged = adopted!.rows.find((r) => r[5] === '関市ビジネスサポートセンターへの相談件数' && r[13] === 2020)!;
  const cell = (name: string) => judged[adopted!.rows[0]!.indexOf(name)];
  expect(cell('目標')).toBe(1620);
  expect(cell('実績')).toBe(1823);
  expect(cell('達成率 (%)')).toBe(112.5);
  expect(cell('判定')).toBe('達成');
});

test('the progress table as .xlsx keeps the published heads and Japanese text', async () => {
  const blob = await writeXlsx([progressTable(view, 2020)]);
  const loaded = await loadSpreadsheet('進捗状況一覧.xlsx', new Uint8Array(await blob.arrayBuffer()));
  expect(loaded.ok).toBe(true);
  if (!loaded.ok) return;
  expect(loaded.file.encoding).toBe('xlsx');
  const [head, first] = loaded.file.sheets[0]!.rows;
  expect(head).toEqual([
    '基本目標',
    'No.',
    '主な事業等',
    '事業内容',
    'KPI (重要業績評価指標)',
    '担当課',
    '単位',
    '平成30年度 (策定時)',
    '令和2年度 (実績値)',
    '令和2年度進捗状況・課題等',
    '令和3年度 (実績値)',
    '令和3年度進捗状況・課題等',
    '令和4年度 (実績値)',
    '令和4年度進捗状況・課題等',
    '令和4年度 KPI目標値',
    'KPI達成・未達成の状況 (令和2年度)',
  ]);
  expect(first!.slice(0, 3)).toEqual(['1 産業の振興と人材を育成するまち', '1', '企業競争力強化支援事業（関市ビジネスプラス展の開催）']);
  // A number cell shows its unit through its format (#,##0"件"): read as shown.
  expect(first![7]).toBe('93件');
});

test('a file that is neither CSV nor .xlsx is refused', async () => {
  const r = await loadSpreadsheet('report.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
  expect(r).toEqual({ ok: false, reason: 'notSpreadsheet', detail: '' });
  const broken = await loadSpreadsheet('broken.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
  expect(broken.ok).toBe(false);
});

test('text is escaped and characters XML cannot hold are dropped; formats are declared once', async () => {
  const { xlsxParts } = await import('../../src/sheets');
  const parts = xlsxParts([
    {
      sheetName: "O'Brien表",
      columns: [{ header: '<見出し>', width: 10 }, { header: '値', width: 8 }],
      rows: [
        [{ t: 's', v: 'A & B "引用"\u0001' }, { t: 'n', v: 1636, format: '#,##0"件";"△"#,##0"件"', text: '1,636件' }],
        [{ t: 's', v: '=1+1' }, { t: 'n', v: 5, format: '#,##0"件";"△"#,##0"件"', text: '5件' }],
      ],
    },
  ]);
  const sheet = parts['xl/worksheets/sheet1.xml']!;
  expect(sheet).toContain('<t xml:space="preserve">&lt;見出し&gt;</t>');
  expect(sheet).toContain('<t xml:space="preserve">A &amp; B &quot;引用&quot;</t>');
  // Text stays text: a cell never becomes a formula.
  expect(sheet).toContain('t="inlineStr"><is><t xml:space="preserve">=1+1</t>');
  expect(sheet).not.toContain('<f>');
  expect(parts['xl/styles.xml']!.match(/<numFmt /g)).toHaveLength(1);
  expect(parts['xl/styles.xml']).toContain('formatCode="#,##0&quot;件&quot;;&quot;△&quot;#,##0&quot;件&quot;"');
  expect(parts['xl/workbook.xml']).toContain(`'O''Brien表'!$1:$1`);
  const blob = await writeXlsx([{ sheetName: 'x', columns: [{ header: 'a', width: 5 }], rows: [[{ t: 's', v: '=1+1' }]] }]);
  const [read] = await readXlsx(await blob.arrayBuffer());
  expect(read!.rows).toEqual([['a'], ['=1+1']]);
});
