// Importing a town's own Excel tables, as a clerk does it in the app (Chromium, the built app, real
// IndexedDB, the spreadsheet worker): an .xlsx whose cells carry Excel number formats (percent,
// 千円, ÷1,000, 約, 以上) becomes a strategy with the values Excel shows — the percent test fails
// when the format is ignored (0.875 % instead of 87.5 %); a value off by ×1,000 is marked in the
// preview; next year's table adds that year's values and can be undone; a CSV that mixes UTF-8 and
// Shift_JIS is read line by line and the screen lists the odd lines; a big CSV shows its progress
// and can be cancelled.
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, screenshot, TABLET_PORTRAIT, type Page } from './support/browser';
import { crossTabWorkbook, rowPerKpiWorkbook } from '../support/xlsx-fixture';
import { parseCsv } from '../../src/sheets/csv';

let page: Page;
let errors: string[] = [];
let sid = '';
let created = '';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  ({ page, errors } = await openApp());
  await page.getByTestId('editor-name').fill('企画課 山田');
  await page.getByTestId('open-sample').click();
  await page.getByTestId('nav-dashboard').waitFor();
  sid = page.url().split('#/s/')[1]!.split('/')[0]!;
});

async function openSheets(strategyId: string) {
  await page.goto(`${page.url().replace(/#.*$/, '')}#/s/${strategyId}/sheets`);
  await page.getByTestId('export-kpi-csv').waitFor();
}

/** The strategy's KPI表 as the app exports it (what is stored). */
async function kpiTable(): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-kpi-csv').click()]);
  const text = new TextDecoder().decode(Buffer.concat(await (async () => {
    const chunks: Buffer[] = [];
    for await (const c of (await download.createReadStream())!) chunks.push(c as Buffer);
    return chunks;
  })()));
  return parseCsv(text);
}
const cell = (rows: string[][], kpi: string, year: string, head: string) => {
  const row = rows.find((r) => r.includes(kpi) && r.includes(year));
  return row?.[rows[0]!.indexOf(head)];
};

describe('an .xlsx with cell formats, as a new strategy', () => {
  test('the preview shows the values as Excel shows them, the ×1,000 one marked', async () => {
    await openSheets(sid);
    await page.getByTestId('sheet-file').setInputFiles({ name: '見本市_進捗状況.xlsx', mimeType: XLSX, buffer: Buffer.from(rowPerKpiWorkbook()) });
    await page.getByTestId('sheet-preview').waitFor();
    expect(await page.getByTestId('sheet-mode-create').isChecked()).toBe(true);
    expect(await page.getByTestId('sheet-new-name').inputValue()).toBe('第2期見本市まち・ひと・しごと創生総合戦略');
    await expect.poll(() => page.getByTestId('sheet-counts').textContent()).toContain('基本目標 2・施策 0・事業 4・KPI 4');
    const rows = await page.getByTestId('sheet-value-row').allTextContents();
    const rate = rows.find((r) => r.includes('就職率'))!;
    expect(rate).toContain('85%');
    expect(rate).toContain('87.5%');
    expect(rate).toContain('93.5%');
    expect(rate).toContain('90%');
    expect(rate).not.toContain('0.875');
    expect(rows.find((r) => r.includes('法人市民税収'))).toContain('3,620千円');
    const flagged = page.locator('[data-testid="sheet-value"][data-flag="scale"]');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.textContent()).toContain('816.325人');
    const warnings = await page.getByTestId('sheet-warning').allTextContents();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('7行目');
    expect(warnings[0]).toContain('約1,000分の1');
    await screenshot(page, 'sheets-format-preview-1024', { fullPage: false });
    await page.getByTestId('sheet-values').scrollIntoViewIfNeeded();
    await screenshot(page, 'sheets-format-values-1024');
  });

  test('after 取り込む the stored values are 87.5 % and 3,620 千円, not 0.875 and 3,620,000', async () => {
    await page.getByTestId('sheet-apply').click();
    await page.getByTestId('sheet-done').waitFor();
    created = (await page.getByTestId('sheet-open').getAttribute('href'))!.split('/')[2]!;
    await openSheets(created);
    const kpi = await kpiTable();
    expect(cell(kpi, '就職率', '2020', '単位')).toBe('%');
    expect(cell(kpi, '就職率', '2020', '基準値')).toBe('85');
    expect(cell(kpi, '就職率', '2020', '実績')).toBe('87.5');
    expect(cell(kpi, '就職率', '2021', '実績')).toBe('93.5');
    expect(cell(kpi, '就職率', '2020', '目標値')).toBe('90');
    expect(cell(kpi, '法人市民税収', '2020', '単位')).toBe('千円');
    expect(cell(kpi, '法人市民税収', '2020', '実績')).toBe('3620');
    expect(cell(kpi, '法人市民税収', '2020', '目標値')).toBe('4,000以上');
    expect(cell(kpi, '観光客数', '2021', '実績')).toBe('816.325');
    expect(cell(kpi, '移住相談件数', '2021', '実績')).toBe('0 (コロナのため中止)');
  });
});

describe('next year’s table into the strategy with the earlier years', () => {
  test('adds that year’s values; earlier years stay; undo takes them back', async () => {
    await openSheets(created);
    const csv = '\uFEFFNo.,主な事業等,KPI (重要業績評価指標),担当課,令和4年度 (実績値)\r\n1,就業支援事業,就職率,商工課,91.2%\r\n3,観光振興事業,観光客数,観光課,"901,223人"\r\n';
    await page.getByTestId('sheet-file').setInputFiles({ name: '令和4年度.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('sheet-preview').waitFor();
    expect(await page.getByTestId('sheet-mode-update').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('sheet-counts').textContent()).toContain('設定・変更する値: 2');
    const changes = await page.getByTestId('sheet-change').allTextContents();
    expect(changes.some((c) => c.includes('就職率') && c.includes('令和4年度') && c.includes('91.2%'))).toBe(true);
    await page.getByTestId('sheet-apply').click();
    await page.getByTestId('sheet-undo').waitFor();
    const after = await kpiTable();
    expect(cell(after, '就職率', '2022', '実績')).toBe('91.2');
    expect(cell(after, '就職率', '2020', '実績')).toBe('87.5');
    expect(cell(after, '観光客数', '2022', '実績')).toBe('901223');
    await page.getByTestId('sheet-undo').click();
    await expect.poll(() => page.getByTestId('sheet-done').textContent()).toContain('元に戻しました');
    const undone = await kpiTable();
    expect(cell(undone, '就職率', '2022', '実績')).toBe('');
    expect(cell(undone, '就職率', '2020', '実績')).toBe('87.5');
  });
});

describe('encodings and size', () => {
  test('a UTF-8 CSV with one Shift_JIS line: read, and the line is shown', async () => {
    await openSheets(sid);
    const utf8 = (s: string) => [...new TextEncoder().encode(s)];
    // 「9,目標,実績,ABC,1件」 in Shift_JIS (CP932), as a line pasted in from a Shift_JIS file.
    const sjisLine = [...utf8('9,'), 0x96, 0xda, 0x95, 0x57, ...utf8(','), 0x8e, 0xc0, 0x90, 0xd1, ...utf8(',ABC,1'), 0x8c, 0x8f, ...utf8('\r\n')];
    const bytes = Buffer.from([...utf8('No.,主な事業等,KPI,担当課,令和2年度 (実績値)\r\n1,就業支援事業,就職率,商工課,1件\r\n'), ...sjisLine]);
    await page.getByTestId('sheet-file').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: bytes });
    await page.getByTestId('sheet-mixed-encoding').waitFor();
    expect(await page.getByTestId('sheet-mixed-encoding').textContent()).toContain('UTF-8 と Shift_JIS が混ざっています');
    expect(await page.getByTestId('sheet-mixed-line').allTextContents()).toEqual(['3行目: 9,目標,実績,ABC,1件']);
  });

  test('a big CSV shows its progress and can be cancelled', async () => {
    await openSheets(sid);
    const lines = ['No.,主な事業等,KPI,担当課,単位,令和2年度 (実績値),令和3年度 (実績値)'];
    for (let i = 1; i <= 60_000; i++) lines.push(`${i},事業${i},指標${i},企画課,件,${i}件,${i + 1}件`);
    await page.getByTestId('sheet-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
    await page.getByTestId('sheet-planning').waitFor({ timeout: 60_000 });
    // The page stays responsive while the worker plans.
    const t0 = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - t0).toBeLessThan(2000);
    await page.getByTestId('sheet-cancel').click();
    await page.getByTestId('sheet-plan-error').waitFor();
    expect(await page.getByTestId('sheet-plan-error').textContent()).toContain('中止しました');
    expect(await page.getByTestId('sheet-planning').count()).toBe(0);
  });

  test('portrait tablet with touch: the preview fits', async () => {
    const { page: p } = await openApp({ size: TABLET_PORTRAIT, touch: true, mobile: true });
    await p.getByTestId('editor-name').fill('企画課 山田');
    await p.getByTestId('open-sample').click();
    await p.waitForURL(/#\/s\//);
    const own = p.url().split('#/s/')[1]!.split('/')[0]!;
    await p.goto(`${p.url().replace(/#.*$/, '')}#/s/${own}/sheets`);
    await p.getByTestId('sheet-file').waitFor({ state: 'attached' });
    await p.getByTestId('sheet-file').setInputFiles({ name: '見本市_進捗状況.xlsx', mimeType: XLSX, buffer: Buffer.from(rowPerKpiWorkbook()) });
    await p.getByTestId('sheet-values').waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await p.getByTestId('sheet-values').scrollIntoViewIfNeeded();
    await screenshot(p, 'sheets-format-values-768');
    expect(errors).toEqual([]);
  });
});

describe('the start screen’s 「ファイルを取り込む」', () => {
  test('a spreadsheet starts a new strategy without a throwaway one', async () => {
    const { page: p, errors: errs } = await openApp();
    await p.getByTestId('editor-name').fill('企画課 山田');
    await p.getByTestId('start-import').click();
    await p.getByTestId('import-file').setInputFiles({ name: '交付金.xlsx', mimeType: XLSX, buffer: Buffer.from(crossTabWorkbook()) });
    // Routed to the spreadsheet screen, which recognises the cross-tab.
    await p.getByTestId('sheet-layout').waitFor();
    expect(p.url()).toContain('#/sheets');
    expect(await p.getByTestId('sheet-layout').getAttribute('data-layout')).toBe('crossTab');
    expect(await p.getByTestId('sheet-mode-update').count()).toBe(0);
    await p.getByTestId('sheet-new-name').fill('交付金事業');
    await expect.poll(() => p.getByTestId('sheet-counts').textContent()).toContain('事業 2・KPI 5');
    const rows = await p.getByTestId('sheet-value-row').allTextContents();
    expect(rows.some((r) => r.includes('ブランド化したガラス商品の販売額') && r.includes('134,280円'))).toBe(true);
    // A wrong years column leaves nothing to import; putting it back brings the values back.
    await p.getByTestId('sheet-year-column').selectOption('1');
    await expect.poll(() => p.getByTestId('sheet-value-row').count()).toBe(0);
    await p.getByTestId('sheet-year-column').selectOption('0');
    await expect.poll(() => p.getByTestId('sheet-value-row').count()).toBe(5);
    await screenshot(p, 'sheets-crosstab-from-start');
    await p.getByTestId('sheet-apply').click();
    await p.getByTestId('sheet-open').click();
    await p.getByTestId('nav-dashboard').waitFor();
    // The start screen lists only the new strategy: no throwaway one was needed.
    await p.goto(p.url().replace(/#.*$/, '#/'));
    await p.getByTestId('strategy-list').waitFor();
    const items = await p.getByTestId('strategy-list').locator(':scope > li').allTextContents();
    expect(items).toHaveLength(1);
    expect(items[0]).toContain('交付金事業');
    expect(errs).toEqual([]);
  });

  test('an unreadable layout is refused with what was expected, never mapped to junk', async () => {
    const { page: p } = await openApp();
    await p.getByTestId('editor-name').fill('企画課 山田');
    await p.getByTestId('start-import').click();
    const text = '交付金事業の状況について\r\n事業の概要は以下のとおり。\r\nR2,当初,達成状況\r\n';
    await p.getByTestId('import-file').setInputFiles({ name: 'memo.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await p.getByTestId('sheet-layout-expected').waitFor();
    expect(await p.getByTestId('sheet-layout').getAttribute('data-layout')).toBe('none');
    expect(await p.getByTestId('sheet-layout-expected').textContent()).toContain('「目標」「実績」');
    await p.waitForTimeout(500);
    expect(await p.getByTestId('sheet-preview').count()).toBe(0);
  });
});
