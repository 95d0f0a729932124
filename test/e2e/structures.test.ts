// Structures of real strategies, as a clerk builds them on a tablet with touch: a 交付金 project
// directly under the strategy whose 交付金の名称 carries into the next year (issue 17), KPIs set on a
// 施策 (issue 15, seed 002), and a project listed under a second 基本目標 that each goal counts once
// (issue 15, seed 003).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TABLET_LANDSCAPE, TABLET_PORTRAIT, type Page, type Viewport } from './support/browser';
import { outline, sampleOnTablet, strategyPage } from './support/tablet';
import { seriousViolations } from './support/axe';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'struct-e2e-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

const sizes: [string, Viewport][] = [
  ['768x1024', TABLET_PORTRAIT],
  ['1024x768', TABLET_LANDSCAPE],
];

async function strategyPageWithAdd(page: Page) {
  await strategyPage(page);
  await page.getByTestId('add-direct-project').waitFor();
}

/** Types into a text field and leaves it (the edit is written on leaving). */
async function type(page: Page, testid: string, text: string) {
  const field = page.getByTestId(testid).first();
  await field.scrollIntoViewIfNeeded();
  await field.tap();
  await field.fill(text);
  await field.blur();
}

/** Each control is at least 44 px tall and wide, for a finger. */
async function touchSized(page: Page, ...testids: string[]) {
  for (const id of testids) {
    const box = (await page.getByTestId(id).first().boundingBox())!;
    expect(box, id).not.toBeNull();
    expect(box.height, id).toBeGreaterThanOrEqual(44);
    expect(box.width, id).toBeGreaterThanOrEqual(44);
  }
}

/** No element of the page is wider than the screen (nothing overflows sideways). */
async function noSidewaysOverflow(page: Page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over).toBeLessThanOrEqual(0);
}

describe.each(sizes)('on a tablet %s with touch', (name, viewport) => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await sampleOnTablet(viewport));
  });

  test('a 交付金 project stands directly under the strategy, and its 交付金の名称 carries into the next year', async () => {
    await strategyPageWithAdd(page);
    const goalsBefore = await page.getByTestId('nav-goal').count();
    await page.getByTestId('add-direct-project').tap();
    await page.getByTestId('project-heading').waitFor();
    // No 基本目標 was invented: the crumb names the strategy, and the outline has as many goals as before.
    await expect.poll(() => page.locator('.crumb').first().textContent()).toContain('総合戦略の直下（基本目標なし）');
    expect(await page.getByTestId('project-goal').inputValue()).toBe('');
    await type(page, 'project-name', '地方創生推進交付金事業（移住定住促進）');
    expect(await page.getByTestId('nav-goal').count()).toBe(goalsBefore);
    // Its KPI belongs to no goal either.
    await page.getByTestId('add-kpi').tap();
    await type(page, 'kpi-name', '移住相談件数');

    await page.getByTestId('year-tab-2020').tap();
    await type(page, 'py-grant-name', '地方創生推進交付金');
    await page.getByTestId('year-tab-2021').tap();
    await expect.poll(() => page.getByTestId('py-grant-name').inputValue()).toBe('地方創生推進交付金');
    await page.screenshot({ path: `/tmp/struct-direct-${name}.png` });
    await noSidewaysOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    await touchSized(page, 'project-goal', 'py-grant-name');
    // Typed in the next year, the record keeps the carried name (it is stored, not only shown).
    await type(page, 'py-progress', '移住相談会を3回開催した。');
    await page.reload();
    await page.getByTestId('project-heading').waitFor();
    await expect.poll(() => page.getByTestId('py-grant-name').inputValue()).toBe('地方創生推進交付金');
    expect(await page.getByTestId('py-progress').inputValue()).toBe('移住相談会を3回開催した。');

    // The strategy page and the outline list it under the strategy.
    await strategyPageWithAdd(page);
    await expect.poll(() => page.getByTestId('direct-project').textContent()).toContain('地方創生推進交付金事業（移住定住促進）');
    expect(await page.getByTestId('nav-direct').textContent()).toContain('地方創生推進交付金事業（移住定住促進）');
    expect(await page.getByTestId('nav-goal').count()).toBe(goalsBefore);
    expect(errors).toEqual([]);
  });

  test('a 施策 carries KPIs of its own: added on its page, kept on reload, gone with it and back with undo', async () => {
    await outline(page, 'nav-goal', '基本目標1');
    await page.getByTestId('add-measure').tap();
    await type(page, 'measure-title', '中小事業所の競争力強化');
    await page.getByTestId('add-measure-kpi').tap();
    const card = page.getByTestId('measure-kpis').getByTestId('kpi-card');
    await card.waitFor();
    await type(page, 'kpi-name', '新規創業件数');
    await type(page, 'kpi-unit', '件');
    await page.screenshot({ path: `/tmp/struct-measure-${name}.png` });
    await noSidewaysOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    await touchSized(page, 'add-measure-kpi');
    await page.reload();
    await page.getByTestId('measure-kpis').waitFor();
    await expect.poll(() => page.getByTestId('measure-kpis').textContent()).toContain('新規創業件数');

    // Deleted with its 施策, back with it on undo.
    await page.getByTestId('delete-measure').scrollIntoViewIfNeeded();
    await page.getByTestId('delete-measure').tap();
    await page.getByTestId('delete-measure-confirm').tap();
    await page.getByTestId('undo-toast').waitFor();
    await outline(page, 'nav-goal', '基本目標1');
    await expect.poll(() => page.getByRole('link', { name: /中小事業所の競争力強化/, includeHidden: true }).count()).toBe(0);
    await page.getByTestId('undo-toast').getByRole('button', { name: '元に戻す' }).tap();
    await page.getByRole('link', { name: /中小事業所の競争力強化/ }).first().waitFor();
    await page.getByRole('link', { name: /中小事業所の競争力強化/ }).first().tap();
    await expect.poll(() => page.getByTestId('measure-kpis').textContent()).toContain('新規創業件数');
    expect(errors).toEqual([]);
  });

  test('a project listed under a second 基本目標: one primary place, shown as 再掲, counted once in each goal', async () => {
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').waitFor();
    const links = page.getByTestId('project-links');
    await links.scrollIntoViewIfNeeded();
    const target = page.getByTestId('project-link-target');
    const value = await target.evaluate((el) => {
      const o = [...(el as HTMLSelectElement).options].find((x) => x.text.includes('基本目標3') && x.text.includes('施策なし'));
      return o?.value ?? '';
    });
    expect(value).not.toBe('');
    await target.selectOption(value);
    await page.getByTestId('project-link-add').tap();
    await expect.poll(() => page.getByTestId('project-link').textContent()).toContain('基本目標3');
    // The primary place stays 基本目標2.
    expect(await page.locator('.crumb').first().textContent()).toContain('基本目標2');
    await page.screenshot({ path: `/tmp/struct-links-${name}.png` });
    await noSidewaysOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    await touchSized(page, 'project-link-remove', 'project-link-target', 'project-link-add');

    // Goal 3 lists it as 再掲, in its page and in the outline.
    await outline(page, 'nav-goal', '基本目標3');
    await expect.poll(() => page.getByTestId('goal-linked-project').textContent()).toContain('空き家バンク事業');
    expect(await page.getByTestId('nav-linked-project').filter({ hasText: '空き家バンク事業' }).count()).toBe(1);

    // The dashboard counts its KPI in goal 2 and goal 3, and says so under each; the total once.
    await outline(page, 'nav-dashboard');
    const goalCard = (n: string) => page.getByTestId('dash-goal').filter({ hasText: `基本目標${n}` });
    await expect.poll(() => goalCard('3').getByTestId('goal-shared').textContent()).toContain('1 件');
    expect(await goalCard('2').getByTestId('goal-shared').textContent()).toContain('1 件');
    expect(await goalCard('1').getByTestId('goal-shared').count()).toBe(0);
    const total = await page.getByTestId('dash-beside').textContent();
    const kpiCount = await page.getByTestId('dash-table').locator('tbody tr').count();
    expect(kpiCount).toBeGreaterThan(0);
    expect(total).toContain(`${kpiCount}`);
    await page.screenshot({ path: `/tmp/struct-dash-${name}.png`, fullPage: false });
    expect(errors).toEqual([]);
  });

  test('the 進捗状況一覧 prints each: a 施策 KPI, the 再掲 under its second goal, and the project under the strategy with no goal number', async () => {
    await outline(page, 'nav-reports');
    await page.getByTestId('report-chooser').waitFor();
    await page.getByTestId('report-kind-progress').tap();
    await page.getByTestId('report-year').selectOption('2020');
    await expect.poll(() => page.getByTestId('report').getAttribute('data-kind')).toBe('progress');
    const goals = page.getByTestId('progress-goal');
    // Four goals as before, and the strategy's own projects after them: no 基本目標 was invented.
    await expect.poll(() => goals.count()).toBe(5);
    expect(await goals.nth(4).locator('h2').textContent()).toBe('総合戦略の直下の事業（基本目標なし）');
    expect(await goals.nth(4).getByTestId('progress-project').textContent()).toContain('地方創生推進交付金事業（移住定住促進）');
    expect(await goals.nth(0).getByTestId('progress-measure-kpis').textContent()).toContain('新規創業件数');
    expect(await goals.nth(2).getByTestId('progress-project').filter({ hasText: '空き家バンク事業' }).textContent()).toContain('空き家バンク事業（再掲）');
    expect(await goals.nth(1).getByTestId('progress-project').filter({ hasText: '空き家バンク事業' }).textContent()).not.toContain('再掲');

    await page.getByTestId('report-kind-grant').tap();
    await expect.poll(() => page.getByTestId('report').getAttribute('data-kind')).toBe('grant');
    const row = page.getByTestId('report').locator('tbody tr').filter({ hasText: '地方創生推進交付金事業（移住定住促進）' }).first();
    expect(await row.locator('td').first().textContent()).toBe('');
    expect(errors).toEqual([]);
  });

  test('the KPI table carries each structure: exported and read back as a new strategy, nothing is lost and no goal is invented', async () => {
    // From the report (a full screen with no outline), to the strategy's spreadsheet screen.
    const sid = /#\/s\/([^/?]+)/.exec(page.url())![1]!;
    await page.goto(`${page.url().replace(/#.*$/, '')}#/s/${sid}/sheets`);
    await page.getByTestId('export-kpi-csv').waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-kpi-csv').tap()]);
    const file = join(dir, `${name}-${dl.suggestedFilename()}`);
    await dl.saveAs(file);
    await page.getByTestId('sheet-file').setInputFiles(file);
    await page.getByTestId('sheet-mode-create').tap();
    await page.getByTestId('sheet-new-name').fill('構造の往復');
    // Four goals as before, the 施策, the project under the strategy (11 projects), its KPI and the 施策's (12 KPIs).
    await expect.poll(() => page.getByTestId('sheet-counts').textContent()).toContain('基本目標 4・施策 1・事業 11・KPI 12');
    expect(await page.getByTestId('sheet-issue').count()).toBe(0);
    await page.getByTestId('sheet-apply').tap();
    await page.getByTestId('sheet-done').waitFor();
    await page.getByTestId('sheet-open').tap();
    await page.getByTestId('nav-direct').waitFor({ state: 'attached' });
    expect(await page.getByTestId('nav-direct').textContent()).toContain('地方創生推進交付金事業（移住定住促進）');
    expect(await page.getByTestId('nav-goal').count()).toBe(4);
    expect(await page.getByTestId('nav-linked-project').filter({ hasText: '空き家バンク事業' }).count()).toBe(1);
    await outline(page, 'nav-goal', '基本目標1');
    await page.getByRole('link', { name: /中小事業所の競争力強化/ }).first().waitFor();
    await page.getByRole('link', { name: /中小事業所の競争力強化/ }).first().tap();
    await expect.poll(() => page.getByTestId('measure-kpis').textContent()).toContain('新規創業件数');
    expect(errors).toEqual([]);
  });
});
