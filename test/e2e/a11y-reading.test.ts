// Reading without a mouse and without good eyesight: keyboard only, text at 200%, and what a screen
// reader is given (Chromium's accessibility tree) for the dashboard and a project card.
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, type Page } from './support/browser';

let page: Page;
let base = '';
let sid = '';

beforeAll(async () => {
  ({ page } = await openApp({ size: { width: 1024, height: 768 } }));
  base = page.url().replace(/#.*$/, '');
});

describe('keyboard, zoom and the accessibility tree', () => {
  test('the start screen and the sample can be used with the keyboard alone', async () => {
    // The start screen is drawn (the page's load does not wait for the app's first frame): Tab from
    // the top of the page then reaches the skip link first.
    await page.getByTestId('editor-name').waitFor();
    await page.keyboard.press('Tab'); // skip link
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('本文へ移動');
    await page.getByTestId('editor-name').focus();
    await page.keyboard.type('企画課 山田');
    let guard = 0;
    while (!(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['testid'] === 'open-sample')) && guard++ < 20)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('nav-dashboard').waitFor();
    sid = page.url().split('#/s/')[1]!.split('/')[0]!;
    // The focused element is always visibly outlined.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  test('at 200% zoom nothing is lost: no page-wide horizontal scrolling on the main screens', async () => {
    // Browser zoom to 200% on a 1024-pixel-wide screen = a 512 CSS-pixel viewport at twice the density.
    const { page: z } = await openApp({ size: { width: 512, height: 384 } });
    await z.getByTestId('editor-name').fill('企画課 山田');
    await z.getByTestId('open-sample').click();
    await z.waitForURL(/#\/s\//);
    const zsid = z.url().split('#/s/')[1]!.split('/')[0]!;
    for (const hash of [`#/s/${zsid}`, `#/s/${zsid}/dashboard`, '#/settings']) {
      await z.goto(z.url().replace(/#.*$/, '') + hash);
      await z.locator('h1').first().waitFor();
      const overflow = await z.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, hash).toBeLessThanOrEqual(1);
    }
    await z.getByRole('link', { name: /戦略一覧へ戻る/ }).click();
    await z.getByTestId('strategy-list').locator('a').first().click();
    await z.getByTestId('nav-toggle').click();
    await z.getByTestId('nav-project').nth(1).click();
    await z.getByTestId('kpi-grid').waitFor();
    const overflow = await z.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'project').toBeLessThanOrEqual(1);
  });

  test('the dashboard reads as headings, a summary and a table with headers', async () => {
    await page.goto(`${base}#/s/${sid}/dashboard`);
    await page.getByTestId('dash-table').waitFor();
    const tree = await page.locator('main').last().ariaSnapshot();
    expect(tree).toContain('heading "進捗ダッシュボード" [level=1]');
    expect(tree).toMatch(/heading "令和2年度 \(2020\)の達成状況" \[level=2\]/);
    expect(tree).toMatch(/columnheader "ランク"/);
    expect(tree).toMatch(/rowheader "ビジネスマッチング数（ビジネスプラス展）"/);
  });

  test('a project card reads its KPI grid with row and column headers and named cells', async () => {
    await page.goto(`${base}#/s/${sid}`);
    await page.getByTestId('nav-project').nth(1).click();
    await page.getByTestId('kpi-grid').waitFor();
    const tree = await page.getByTestId('kpi-card').first().ariaSnapshot();
    expect(tree).toMatch(/columnheader "基準値 平成30年度"/);
    expect(tree).toMatch(/rowheader "実績"/);
    expect(tree).toMatch(/textbox "令和2年度 \(2020\) 実績"/);
  });
});
