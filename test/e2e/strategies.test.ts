// Several strategies on one device: create, switch, copy into a new period, delete with undo.
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, screenshot, type Page } from './support/browser';

let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ page, errors } = await openApp());
});

const h1 = () => page.getByRole('heading', { level: 1 });

describe('strategies', () => {
  test('copies the sample into a new period with its structure but not its yearly records', async () => {
    await page.getByTestId('editor-name').fill('企画課 山田');
    await page.getByTestId('open-sample').click();
    await h1().filter({ hasText: '第2期関市' }).waitFor();
    await page.getByLabel('新しい戦略名').fill('第3期関市まち・ひと・しごと創生総合戦略');
    await page.getByTestId('copy-strategy').click();
    await h1().filter({ hasText: '第3期関市' }).waitFor();
    await expect.poll(() => page.locator('main .muted').first().textContent()).toContain('令和5年度 (2023) 〜 令和7年度 (2025)');
    expect(await page.locator('main').textContent()).toContain('基本目標 4・事業 10・KPI 10');

    await page.getByTestId('nav-project').filter({ hasText: '関市ビジネスサポートセンター事業' }).click();
    await page.getByTestId('project-heading').waitFor();
    // Baseline and final target came along; the FY2020 actual stayed with 第2期 (outside this period).
    expect(await page.getByTestId('cell-baseline').inputValue()).toBe('1,636件');
    expect(await page.getByTestId('cell-final-target').inputValue()).toBe('1,620件以上');
    expect(await page.getByTestId('cell-actual-2023').inputValue()).toBe('');
    expect(await page.getByTestId('cell-actual-2020').count()).toBe(0);
    await screenshot(page, 'copied-strategy-1024x768');
  });

  test('switches between the two strategies from the header and lists both on the start screen', async () => {
    const switcher = page.getByTestId('strategy-switch');
    const options = await switcher.locator('option').allTextContents();
    expect(options.filter((o) => o.includes('関市'))).toHaveLength(2);
    const second = await switcher.locator('option', { hasText: '第2期' }).getAttribute('value');
    await switcher.selectOption(second!);
    await h1().filter({ hasText: '第2期関市' }).waitFor();
    await page.goto(page.url().replace(/#.*$/, '#/'));
    await expect.poll(() => page.getByTestId('strategy-list').locator('li').count()).toBe(2);
  });

  test('reopening the app returns to the screen last open', async () => {
    await page.getByTestId('strategy-list').locator('a', { hasText: '第3期' }).click();
    await h1().filter({ hasText: '第3期関市' }).waitFor();
    await page.goto(page.url().replace(/#.*$/, ''));
    await h1().filter({ hasText: '第3期関市' }).waitFor();
  });

  test('settings show the editor name, whether storage is persistent, and how much is used', async () => {
    await page.goto(page.url().replace(/#.*$/, '#/settings'));
    expect(await page.getByTestId('settings-editor').inputValue()).toBe('企画課 山田');
    const status = page.getByTestId('storage-status');
    await expect.poll(() => status.textContent()).toMatch(/使用量: [\d.]+ (KB|MB)/);
    expect(await status.textContent()).toMatch(/永続保存: (許可されています|許可されていません)/);
    await screenshot(page, 'settings-1024x768');
    await page.goBack();
    await h1().waitFor();
  });

  test('deleting a whole strategy asks first and can be undone', async () => {
    await page.getByTestId('delete-strategy').click();
    await page.getByTestId('delete-strategy-confirm').click();
    await page.getByTestId('undo-toast').waitFor();
    await expect.poll(() => page.getByTestId('strategy-list').locator('li').count()).toBe(1);
    await page.getByTestId('undo-toast').getByRole('button', { name: '元に戻す' }).click();
    await expect.poll(() => page.getByTestId('strategy-list').locator('li').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
