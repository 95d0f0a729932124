// Spreadsheets against a real spreadsheet program. The app (in Chromium) exports the KPI table and
// the progress table as .xlsx and CSV; LibreOffice (Debian's libreoffice-calc, headless) converts
// them, and the Japanese text and the numbers must come out as the app wrote them — numbers as
// number cells. Then LibreOffice saves the published progress table (seed 000, UTF-8) as a
// Shift_JIS CSV, which the app's import screen reads: mapping guessed from the seed's heads,
// preview with the row error, a new strategy with the right values. Last, a department's update
// of the open strategy is previewed, applied, and undone.
//
// LibreOffice is required: without `soffice` this test fails (it is never skipped).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, screenshot, type Page } from './support/browser';
import { seriousViolations } from './support/axe';
import { parseCsv } from '../../src/sheets/csv';
import { crossTabRows } from '../support/xlsx-fixture';

const SOFFICE = process.env.SOFFICE_PATH || 'soffice';
const dir = mkdtempSync(join(tmpdir(), 'sheets-e2e-'));
// A profile of its own, so a LibreOffice already running on the machine does not interfere.
const profile = pathToFileURL(join(dir, 'lo-profile')).href;
const fixture = fileURLToPath(new URL('../fixtures/sheets/seki-progress-utf8.csv', import.meta.url));

/** UTF-8 CSV out of LibreOffice: 44 = comma, 34 = double quote, 76 = UTF-8. */
const CSV_UTF8 = 'csv:Text - txt - csv (StarCalc):44,34,76';
/** The same with 「Save cell contents as shown」 off: number cells come out as bare numbers. */
const CSV_UTF8_RAW = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false';
/** Shift_JIS CSV out of LibreOffice: 64 = Shift_JIS. */
const CSV_SJIS = 'csv:Text - txt - csv (StarCalc):44,34,64';

/** Runs `soffice --headless --convert-to` and returns the output file's path. */
function convert(input: string, to: string, outDir: string, infilter?: string): string {
  const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore'];
  if (infilter) args.push(`--infilter=${infilter}`);
  args.push('--convert-to', to, '--outdir', outDir, input);
  const r = spawnSync(SOFFICE, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`soffice failed (${r.status ?? r.signal}): ${r.stderr}`);
  const out = join(outDir, basename(input).replace(/\.[^.]+$/, '.csv'));
  readFileSync(out); // throws when LibreOffice wrote nothing
  return out;
}

const readUtf8Csv = (path: string) => parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path)));
const rowOf = (rows: string[][], ...cells: string[]) => rows.find((r) => cells.every((c) => r.includes(c)));
const col = (rows: string[][], row: string[] | undefined, head: string) => row?.[rows[0]!.indexOf(head)];

let page: Page;
let errors: string[] = [];
let sid = '';

beforeAll(async () => {
  const version = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(
      'LibreOffice is required for the spreadsheet compatibility test, but `soffice` was not found. ' +
        'Install it with `apt-get install -y --no-install-recommends libreoffice-calc` (or set SOFFICE_PATH).',
    );
  }
  console.log(`[sheets] ${version.stdout.trim()}`);
  ({ page, errors } = await openApp({ size: { width: 1280, height: 900 } }));
  await page.getByTestId('editor-name').fill('企画課 山田');
  await page.getByTestId('open-sample').click();
  await page.getByTestId('nav-dashboard').waitFor();
  sid = page.url().split('#/s/')[1]!.split('/')[0]!;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

async function openSheets(strategyId = sid) {
  await page.goto(`${page.url().replace(/#.*$/, '')}#/s/${strategyId}/sheets`);
  await page.getByTestId('export-kpi-xlsx').waitFor();
}

async function download(testId: string, prefix = ''): Promise<string> {
  const failed = page
    .getByTestId('export-error')
    .waitFor({ timeout: 25_000 })
    .then(async () => {
      throw new Error(`the export failed: ${await page.getByTestId('export-error').textContent()}`);
    }, () => new Promise<never>(() => {}));
  const [dl] = await Promise.race([Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]), failed]);
  const path = join(dir, `${prefix}${testId}-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return path;
}

describe('export, opened by LibreOffice', () => {
  const files: Record<string, string> = {};

  test('the sheets screen offers the four files', async () => {
    await page.getByTestId('nav-sheets').click();
    await page.getByTestId('export-kpi-xlsx').waitFor();
    for (const id of ['export-kpi-xlsx', 'export-kpi-csv', 'export-progress-xlsx', 'export-progress-csv']) files[id] = await download(id);
    expect(basename(files['export-kpi-xlsx']!)).toMatch(/関市_第2期関市まち・ひと・しごと創生総合戦略_KPI表_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(await page.getByTestId('export-done').textContent()).toContain('.csv');

    // The sample judges only in its final year (令和4年度), as 関市's 令和2年度 table did. The KPI
    // table is exported once more judged against the interpolated yearly targets, where 令和2年度
    // gets rates (negative ones too) and verdicts; then the sample's own setting is restored.
    const interim = async (judgement: string) => {
      await page.goto(`${page.url().replace(/#.*$/, '')}#/s/${sid}`);
      await page.getByTestId(`interim-${judgement}`).check();
      await expect.poll(() => page.getByTestId(`interim-${judgement}`).isChecked()).toBe(true);
    };
    await interim('interpolated');
    await openSheets();
    for (const id of ['export-kpi-xlsx', 'export-kpi-csv']) files[`judged-${id}`] = await download(id, 'judged-');
    await interim('finalYearOnly');
  });

  test('the CSV files are UTF-8 with a BOM and CRLF line ends', () => {
    for (const id of ['export-kpi-csv', 'export-progress-csv']) {
      const bytes = readFileSync(files[id]!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.split('\r\n').length).toBeGreaterThan(10);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\r(?!\n)/);
    }
  });

  test('KPI表.xlsx: LibreOffice reads Japanese text, and numbers as number cells', () => {
    const shown = readUtf8Csv(convert(files['export-kpi-xlsx']!, CSV_UTF8, join(dir, 'kpi-shown')));
    const raw = readUtf8Csv(convert(files['export-kpi-xlsx']!, CSV_UTF8_RAW, join(dir, 'kpi-raw')));
    expect(raw[0]!.slice(0, 8)).toEqual(['基本目標', '施策', '事業番号', '事業名', '担当課', 'KPI', '単位', '方向']);
    const r = rowOf(raw, '関市ビジネスサポートセンターへの相談件数', '2020');
    expect(col(raw, r, '基本目標')).toBe('1 産業の振興と人材を育成するまち');
    expect(col(raw, r, '事業名')).toBe('商工活動支援事業（関市ビジネスサポートセンター事業）');
    expect(col(raw, r, '単位')).toBe('件');
    // Raw values are bare numbers: the cells are number cells, not text.
    expect(col(raw, r, '基準値')).toBe('1636');
    expect(col(raw, r, '実績')).toBe('1823');
    // Under the sample's own setting (final year only): no year target, no rate, no verdict in 2020.
    expect(col(raw, r, '目標')).toBe('');
    expect(col(raw, r, '達成率 (%)')).toBe('');
    expect(col(raw, r, '判定')).toBe('判定なし');
    // Judged against the interpolated yearly targets, 「1,620件以上」 holds in 2020: the rate is a
    // number cell.
    const judgedRaw = readUtf8Csv(convert(files['judged-export-kpi-xlsx']!, CSV_UTF8_RAW, join(dir, 'judged-kpi-raw')));
    const judgedShown = readUtf8Csv(convert(files['judged-export-kpi-xlsx']!, CSV_UTF8, join(dir, 'judged-kpi-shown')));
    const j = rowOf(judgedRaw, '関市ビジネスサポートセンターへの相談件数', '2020');
    expect(col(judgedRaw, j, '目標')).toBe('1620');
    expect(col(judgedRaw, j, '実績')).toBe('1823');
    expect(col(judgedRaw, j, '達成率 (%)')).toBe('112.5');
    expect(col(judgedRaw, j, '判定')).toBe('達成');
    // Shown with the number format the app wrote: thousands separators, △ for negatives.
    const s = rowOf(shown, '関市ビジネスサポートセンターへの相談件数', '2020');
    expect(col(shown, s, '基準値')).toBe('1,636');
    expect(col(shown, s, '年度 (西暦)')).toBe('2020');
    const visitors = rowOf(shown, '市内全域の観光入込客数', '2020');
    expect(col(shown, visitors, '単位')).toBe('千人');
    expect(col(shown, visitors, '実績')).toBe('2,372');
    // No year target under the sample's own setting: the 進捗率 toward the final target, truncated;
    // judged, the one against the year's target, also negative.
    expect(col(shown, visitors, '進捗率 (%)')).toBe('△410.7');
    expect(col(judgedShown, rowOf(judgedShown, '市内全域の観光入込客数', '2020'), '進捗率 (%)')).toMatch(/^△\d/);
    // A value with a remark stays text.
    expect(col(raw, rowOf(raw, 'ビジネスマッチング数（ビジネスプラス展）', '2020'), '実績')).toBe('0 (コロナのため中止)');
  });

  test('進捗状況一覧.xlsx: the published heads, values shown with their units', () => {
    const shown = readUtf8Csv(convert(files['export-progress-xlsx']!, CSV_UTF8, join(dir, 'progress-shown')));
    const raw = readUtf8Csv(convert(files['export-progress-xlsx']!, CSV_UTF8_RAW, join(dir, 'progress-raw')));
    expect(shown[0]).toContain('KPI (重要業績評価指標)');
    expect(shown[0]).toContain('平成30年度 (策定時)');
    expect(shown[0]).toContain('令和2年度 (実績値)');
    expect(shown[0]).toContain('令和2年度進捗状況・課題等');
    expect(shown[0]).toContain('令和4年度 KPI目標値');
    const s = rowOf(shown, '関市ビジネスサポートセンターへの相談件数');
    expect(col(shown, s, '平成30年度 (策定時)')).toBe('1,636件');
    expect(col(shown, s, '令和2年度 (実績値)')).toBe('1,823件');
    expect(col(shown, s, '令和2年度進捗状況・課題等')).toMatch(/^関市の産業支援拠点として/);
    const r = rowOf(raw, '関市ビジネスサポートセンターへの相談件数');
    expect(col(raw, r, '令和2年度 (実績値)')).toBe('1823');
    expect(col(shown, rowOf(shown, '市内全域の観光入込客数'), '令和2年度 (実績値)')).toBe('2,372千人');
    expect(col(shown, rowOf(shown, '子育て支援の市民満足度（市民アンケート調査結果）'), '令和2年度 (実績値)')).toBe('93.5%');
  });

  test('the CSV files open in LibreOffice with their Japanese text and numbers', () => {
    // Read as UTF-8 CSV (the BOM is what makes Excel and LibreOffice pick UTF-8 by themselves).
    const kpi = readUtf8Csv(convert(files['export-kpi-csv']!, CSV_UTF8, join(dir, 'kpi-csv'), 'CSV:44,34,76,1'));
    const r = rowOf(kpi, '関市ビジネスサポートセンターへの相談件数', '2020');
    expect(col(kpi, r, '事業名')).toBe('商工活動支援事業（関市ビジネスサポートセンター事業）');
    expect(col(kpi, r, '実績')).toBe('1823');
    expect(col(kpi, r, '達成率 (%)')).toBe('');
    expect(col(kpi, r, '判定')).toBe('判定なし');
    const judged = readUtf8Csv(convert(files['judged-export-kpi-csv']!, CSV_UTF8, join(dir, 'judged-kpi-csv'), 'CSV:44,34,76,1'));
    const j = rowOf(judged, '関市ビジネスサポートセンターへの相談件数', '2020');
    expect(col(judged, j, '実績')).toBe('1823');
    expect(col(judged, j, '達成率 (%)')).toBe('112.5');
    expect(col(judged, j, '判定')).toBe('達成');
    const progress = readUtf8Csv(convert(files['export-progress-csv']!, CSV_UTF8, join(dir, 'progress-csv'), 'CSV:44,34,76,1'));
    const p = rowOf(progress, '関市ビジネスサポートセンターへの相談件数');
    expect(col(progress, p, '令和2年度 (実績値)')).toBe('1,823件');
    expect(col(progress, p, '担当課')).toBe('商工課');
  });
});

describe('import of a CSV that LibreOffice saved in Shift_JIS', () => {
  let sjis = '';
  let created = '';

  test('LibreOffice writes the seed table as Shift_JIS', () => {
    sjis = convert(fixture, CSV_SJIS, join(dir, 'sjis'), 'CSV:44,34,76,1');
    const bytes = readFileSync(sjis);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(new TextDecoder('shift_jis').decode(bytes)).toContain('関市ビジネスサポートセンターへの相談件数');
  });

  test('the import screen reads it, guesses the seed heads and previews a new strategy', async () => {
    await openSheets();
    await page.getByTestId('sheet-file').setInputFiles(sjis);
    await expect.poll(() => page.getByTestId('sheet-file-info').textContent()).toContain('Shift_JIS');
    const heads = await page.getByTestId('mapping-header').allTextContents();
    const kinds = await page.getByTestId('mapping-kind').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    const kindOf = (head: string) => kinds[heads.indexOf(head)];
    expect(kindOf('No.')).toBe('projectNumber');
    expect(kindOf('主な事業等')).toBe('projectName');
    expect(kindOf('KPI (重要業績評価指標)')).toBe('kpiName');
    expect(kindOf('平成30年度 (策定時)')).toBe('baseline');
    expect(kindOf('令和2年度 (実績値)')).toBe('actual');
    expect(kindOf('令和2年度進捗状況・課題等')).toBe('progress');
    expect(kindOf('令和4年度 KPI目標値')).toBe('finalTarget');

    await page.getByTestId('sheet-mode-create').check();
    expect(await page.getByTestId('sheet-new-name').inputValue()).toBe('第2期関市まち・ひと・しごと創生総合戦略');
    expect(await page.getByTestId('sheet-new-municipality').inputValue()).toBe('関市');
    expect(await page.getByTestId('sheet-new-start').inputValue()).toBe('2020');
    expect(await page.getByTestId('sheet-new-end').inputValue()).toBe('2022');
    await page.getByTestId('sheet-new-name').fill('第2期総合戦略（Excelから）');

    await expect.poll(() => page.getByTestId('sheet-counts').textContent()).toContain('基本目標 4・施策 0・事業 10・KPI 10');
    expect(await page.getByTestId('sheet-issue').allTextContents()).toEqual(['62行目: 「令和2年度 (実績値)」の「たくさん」は数値として読めません']);
    const addedList = await page.getByTestId('sheet-added').allTextContents();
    expect(addedList.some((a) => a.includes('関市ビジネスサポートセンターへの相談件数'))).toBe(true);
    await screenshot(page, 'sheets-import-preview', { fullPage: true });
  });

  test('nothing is written until confirmed; then the strategy has the sheet’s values', async () => {
    const before = await page.evaluate(() => document.querySelectorAll('[data-testid="sheet-done"]').length);
    expect(before).toBe(0);
    await page.getByTestId('sheet-apply').click();
    await page.getByTestId('sheet-done').waitFor();
    expect(await page.getByTestId('sheet-done').textContent()).toContain('第2期総合戦略（Excelから）');
    created = (await page.getByTestId('sheet-open').getAttribute('href'))!.split('/')[2]!;
    expect(created).not.toBe(sid);

    // The new strategy's own KPI table shows what the Shift_JIS file said.
    await openSheets(created);
    const kpi = readUtf8Csv(await download('export-kpi-csv'));
    const r = rowOf(kpi, '関市ビジネスサポートセンターへの相談件数', '2020');
    expect(col(kpi, r, '基本目標')).toBe('1 産業の振興と人材を育成するまち');
    expect(col(kpi, r, '単位')).toBe('件');
    expect(col(kpi, r, '方向')).toBe('以上');
    expect(col(kpi, r, '基準値')).toBe('1636');
    expect(col(kpi, r, '基準年度')).toBe('平成30年度');
    expect(col(kpi, r, '目標値')).toBe('1,620以上');
    expect(col(kpi, r, '目標年度')).toBe('令和4年度');
    expect(col(kpi, r, '実績')).toBe('1823');
    expect(col(kpi, r, '判定')).toBe('達成');
    const v = rowOf(kpi, '市内全域の観光入込客数', '2020');
    expect([col(kpi, v, '単位'), col(kpi, v, '基準値'), col(kpi, v, '実績')]).toEqual(['千人', '3534', '2372']);
    expect(col(kpi, rowOf(kpi, 'ビジネスマッチング数（ビジネスプラス展）', '2020'), '実績')).toBe('0 (コロナのため中止)');
    expect(kpi.some((row) => row.includes('テスト入力事業'))).toBe(false);
  });

  test('the new strategy can be taken back', async () => {
    await openSheets(created);
    await page.getByTestId('sheet-file').setInputFiles(sjis);
    await page.getByTestId('sheet-mode-create').check();
    await page.getByTestId('sheet-new-name').fill('取り消す戦略');
    await page.getByTestId('sheet-apply').click();
    await page.getByTestId('sheet-undo').click();
    await expect.poll(() => page.getByTestId('sheet-done').textContent()).toContain('元に戻しました');
    await page.goto(`${page.url().replace(/#.*$/, '')}#/`);
    await page.getByTestId('open-sample').waitFor();
    expect(await page.locator('body').textContent()).not.toContain('取り消す戦略');
  });
});

describe('the 交付金 cross-tab as a Shift_JIS CSV that LibreOffice wrote', () => {
  test('is recognised as a cross-tab and becomes the projects, KPIs and yearly values', async () => {
    // The fixture of the unit tests, as a UTF-8 CSV; LibreOffice saves it as Shift_JIS.
    const rows = crossTabRows().map((r) => r.map((c) => (c === null ? '' : typeof c === 'object' ? `${c.v.toLocaleString('en')}円` : String(c))));
    const utf8 = join(dir, 'koufukin.csv');
    writeFileSync(utf8, rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n');
    const sjis = convert(utf8, CSV_SJIS, join(dir, 'koufukin-sjis'), 'CSV:44,34,76,1');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(sjis))).toThrow();

    await openSheets();
    await page.getByTestId('sheet-file').setInputFiles(sjis);
    await expect.poll(() => page.getByTestId('sheet-file-info').textContent()).toContain('Shift_JIS');
    expect(await page.getByTestId('sheet-layout').getAttribute('data-layout')).toBe('crossTab');
    await page.getByTestId('sheet-mode-create').check();
    await page.getByTestId('sheet-new-name').fill('交付金事業（CSV）');
    await expect.poll(() => page.getByTestId('sheet-counts').textContent()).toContain('事業 2・KPI 5');
    expect(await page.getByTestId('sheet-issue').count()).toBe(0);
    await page.getByTestId('sheet-apply').click();
    const made = (await page.getByTestId('sheet-open').getAttribute('href'))!.split('/')[2]!;

    await openSheets(made);
    const kpi = readUtf8Csv(await download('export-kpi-csv'));
    const at = (name: string, year: string, head: string) => col(kpi, rowOf(kpi, name, year), head);
    expect(at('ブランド化したガラス商品の販売額', '2021', '単位')).toBe('円');
    expect(at('ブランド化したガラス商品の販売額', '2021', '実績')).toBe('134280');
    expect(at('ブランド化したガラス商品の販売額', '2021', '目標')).toBe('10000000');
    expect(at('ブランド化したガラス商品の販売額', '2021', '未達理由')).toBe('新型コロナウイルス感染症の影響により協議が進まなかった。');
    expect(at('ブランド化したガラス商品の販売額', '2021', '目標値')).toBe('15000000');
    expect(at('見本ガラス館の来客数', '2020', '実績')).toBe('8016');
    expect(at('観光客数', '2021', '実績')).toBe('816325');
    expect(at('健康づくり実施箇所数', '2022', '実績')).toBe('');
    expect(at('健康づくり実施箇所数', '2022', '目標')).toBe('70');
    expect(kpi.some((r) => r.includes('当初') || r.includes('R 2') || r.includes('達成状況'))).toBe(false);
  });
});

describe('updating the open strategy from a department’s sheet', () => {
  test('preview shows exactly the change; apply writes it; undo restores', async () => {
    const path = join(dir, '商工課_令和3年度.csv');
    writeFileSync(
      path,
      '\uFEFFNo.,主な事業等,KPI (重要業績評価指標),担当課,令和3年度 (実績値),令和3年度進捗状況・課題等\r\n' +
        '2,商工活動支援事業（関市ビジネスサポートセンター事業）,関市ビジネスサポートセンターへの相談件数,商工課,"１，９０５件",出張相談を増やした。\r\n',
    );
    await openSheets();
    await page.getByTestId('sheet-file').setInputFiles(path);
    await expect.poll(() => page.getByTestId('sheet-counts').textContent()).toContain('設定・変更する値: 2');
    expect(await page.getByTestId('sheet-mode-update').isChecked()).toBe(true);
    const changes = await page.getByTestId('sheet-change').allTextContents();
    expect(changes.some((c) => c.includes('実績：（空欄） → 1,905件'))).toBe(true);
    expect(changes.some((c) => c.includes('進捗状況・課題等：（空欄） → 出張相談を増やした。'))).toBe(true);

    await page.getByTestId('sheet-apply').click();
    await page.getByTestId('sheet-undo').waitFor();
    const after = readUtf8Csv(await download('export-kpi-csv'));
    expect(col(after, rowOf(after, '関市ビジネスサポートセンターへの相談件数', '2021'), '実績')).toBe('1905');

    await page.getByTestId('sheet-undo').click();
    await expect.poll(() => page.getByTestId('sheet-done').textContent()).toContain('元に戻しました');
    const undone = readUtf8Csv(await download('export-kpi-csv'));
    expect(col(undone, rowOf(undone, '関市ビジネスサポートセンターへの相談件数', '2021'), '実績')).toBe('');
    expect(errors).toEqual([]);
  });
});

describe('a large strategy', () => {
  // 300 projects × 3 years: the .xlsx sheet is well over the size at which the zip library the
  // .xlsx libraries share compresses in a Web Worker.
  test('exports and reads back its .xlsx KPI table unchanged', async () => {
    const lines = ['\uFEFF基本目標,事業番号,事業名,担当課,KPI,単位,年度,目標,実績,目標値,目標年度'];
    for (let p = 1; p <= 300; p++) {
      const goal = `${(p % 4) + 1} 基本目標その${(p % 4) + 1}（大規模な総合戦略の書き出しと読み込みの確認用）`;
      for (const year of ['令和2年度', '令和3年度', '令和4年度']) {
        lines.push(`${goal},${p},事業その${p}（地域の産業振興と人材育成のための取組）,企画課,KPIその${p}（事業の成果を測る重要業績評価指標）,件,${year},${100 + p},${90 + p},${120 + p},令和4年度`);
      }
    }
    const path = join(dir, '大規模.csv');
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    await openSheets();
    await page.getByTestId('sheet-file').setInputFiles(path);
    await page.getByTestId('sheet-mode-create').check();
    await page.getByTestId('sheet-new-name').fill('大規模な総合戦略');
    await expect.poll(() => page.getByTestId('sheet-counts').textContent()).toContain('事業 300・KPI 300');
    await page.getByTestId('sheet-apply').click();
    const big = (await page.getByTestId('sheet-open').getAttribute('href'))!.split('/')[2]!;

    await openSheets(big);
    const xlsx = await download('export-kpi-xlsx');
    const raw = readUtf8Csv(convert(xlsx, CSV_UTF8_RAW, join(dir, 'big')));
    expect(raw).toHaveLength(1 + 900);
    expect(col(raw, rowOf(raw, 'KPIその300（事業の成果を測る重要業績評価指標）', '2021'), '実績')).toBe('390');

    await page.getByTestId('sheet-file').setInputFiles(xlsx);
    await expect.poll(() => page.getByTestId('sheet-file-info').textContent()).toContain('Excel');
    await expect.poll(() => page.getByTestId('sheet-preview').textContent()).toContain('変更はありません');
    expect(errors).toEqual([]);
  });
});

test('the sheets screen with a preview passes axe', async () => {
  // axe-core is injected as a script, which the app's Content-Security-Policy forbids: this one
  // check runs in a context that bypasses it.
  const { page: axePage } = await openApp({ bypassCSP: true });
  await axePage.getByTestId('editor-name').fill('企画課 山田');
  await axePage.getByTestId('open-sample').click();
  await axePage.getByTestId('nav-sheets').click();
  const path = join(dir, 'axe.csv');
  writeFileSync(path, '\uFEFFNo.,主な事業等,KPI,令和3年度 (実績値)\r\n1,新規就農事業,就農計画認定者数,たくさん\r\n2,新規就農事業,就農計画認定者数,3人\r\n');
  await axePage.getByTestId('sheet-file').setInputFiles(path);
  await axePage.getByTestId('sheet-preview').waitFor();
  expect(await seriousViolations(axePage)).toEqual([]);
});

// Keep a record of the exact LibreOffice build in the test log.
test('LibreOffice version', () => {
  expect(execFileSync(SOFFICE, ['--version'], { encoding: 'utf8' })).toMatch(/LibreOffice/);
});
