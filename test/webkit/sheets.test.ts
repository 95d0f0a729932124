// Excel tables in WebKit (the iPad's engine): a town's .xlsx with cell formats (percent, 千円,
// ÷1,000) read through the file input becomes a strategy with the values Excel shows; the KPI表
// exported from it as .xlsx, read back in Node with the app's own reader, holds the same values as
// number cells. The Chromium lane checks the same files in more depth (test/e2e/sheets-import.test.ts,
// test/e2e/sheets.test.ts, LibreOffice included).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { rowPerKpiWorkbook } from '../support/xlsx-fixture';
import { readXlsx } from '../../src/sheets/xlsx';
import { cellString } from '../../src/sheets/values';
import { openApp, sel, until } from './support/app';

const dir = mkdtempSync(join(tmpdir(), 'webkit-sheets-'));

describe('Excel tables in WebKit', () => {
  test('an .xlsx with cell formats becomes a strategy with the values Excel shows, and its KPI表 .xlsx holds them as numbers', async () => {
    const app = await openApp();
    await app.startWithSample();
    const sid = (await app.session.currentURL()).split('#/s/')[1]!.split('/')[0]!;
    await app.go(`#/s/${sid}/sheets`);
    const file = join(dir, '見本市_進捗状況.xlsx');
    writeFileSync(file, rowPerKpiWorkbook());
    await app.session.sendKeys(await app.find('sheet-file', { visible: false }), file);
    await app.find('sheet-preview', { timeout: 30_000 });
    expect(await app.session.property<boolean>(await app.find('sheet-mode-create'), 'checked')).toBe(true);
    await until(() => app.text('sheet-counts'), (t) => t.includes('基本目標 2・施策 0・事業 4・KPI 4'), 'the counts of the new strategy');
    const rate = await app.session.text(await app.session.find(sel('sheet-value-row'), { text: /就職率/ }));
    for (const shown of ['85%', '87.5%', '93.5%', '90%']) expect(rate).toContain(shown);
    expect(rate).not.toContain('0.875');
    expect(await app.session.text(await app.session.find(sel('sheet-value-row'), { text: /法人市民税収/ }))).toContain('3,620千円');
    // The value off by ×1,000 is marked, with the row it is on.
    expect(await app.session.text(await app.session.find(`${sel('sheet-value')}[data-flag="scale"]`))).toContain('816.325人');
    expect(await app.text('sheet-warning')).toContain('7行目');
    // Scrolled down to the values, the table's own sideways scroll left where it starts.
    await app.session.execute(`arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });`, await app.find('sheet-values'));
    await app.screenshot('sheets-format-preview-1024x768');

    await app.tapTestId('sheet-apply');
    await app.find('sheet-done', { timeout: 30_000 });
    const created = (await app.session.property<string>(await app.find('sheet-open'), 'href')).split('#/s/')[1]!.split('/')[0]!;
    expect(created).not.toBe(sid);
    await app.go(`#/s/${created}/sheets`);
    const bytes = await app.downloaded(() => app.tapTestId('export-kpi-xlsx'));
    const [sheet] = await readXlsx(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const rows = sheet!.rows;
    const head = rows.findIndex((r) => r.some((c) => cellString(c) === '実績'));
    expect(head).toBeGreaterThanOrEqual(0);
    const column = (name: string) => rows[head]!.findIndex((c) => cellString(c) === name);
    const row = (kpi: string, year: string) => rows.find((r) => r.some((c) => cellString(c) === kpi) && r.some((c) => cellString(c) === year));
    expect(row('就職率', '2020')?.[column('実績')]).toBe(87.5);
    expect(row('就職率', '2021')?.[column('実績')]).toBe(93.5);
    expect(row('就職率', '2020')?.[column('基準値')]).toBe(85);
    expect(row('法人市民税収', '2020')?.[column('実績')]).toBe(3620);
    expect(cellString(row('法人市民税収', '2020')?.[column('単位')] ?? null)).toBe('千円');
  });
});
