// axe-core on every main screen: no serious or critical violation (WCAG 2.1 A/AA rules).
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, type Page } from './support/browser';
import { seriousViolations } from './support/axe';

let page: Page;
let sid = '';

beforeAll(async () => {
  ({ page } = await openApp());
});

const go = async (hash: string, ready: string) => {
  await page.goto(`${page.url().replace(/#.*$/, '')}${hash}`);
  await page.getByTestId(ready).first().waitFor();
};

describe('accessibility of the main screens', () => {
  test('start screen', async () => {
    await page.getByTestId('editor-name').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('editor-name').fill('企画課 山田');
    await page.getByTestId('open-sample').click();
    await page.getByTestId('nav-dashboard').waitFor();
    sid = page.url().split('#/s/')[1]!.split('/')[0]!;
  });

  const screens: [string, () => string, string][] = [
    ['strategy overview', () => `#/s/${sid}`, 'rank-settings'],
    ['dashboard', () => `#/s/${sid}/dashboard`, 'dash-summary'],
    ['export', () => `#/s/${sid}/export`, 'export-form'],
    ['import', () => '#/import', 'drop-zone'],
    ['settings', () => '#/settings', 'storage-status'],
    ['reports', () => `#/s/${sid}/reports?kind=progress&fy=2020`, 'report-chooser'],
    ['spreadsheets', () => `#/s/${sid}/sheets`, 'export-kpi-csv'],
    ['meeting mode', () => `#/s/${sid}/meeting`, 'meeting-slide'],
  ];
  for (const [name, hash, ready] of screens) {
    test(name, async () => {
      await go(hash(), ready);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test('project with its KPI grid and year panel', async () => {
    await go(`#/s/${sid}`, 'nav-project');
    await page.getByTestId('nav-project').nth(1).click();
    await page.getByTestId('kpi-grid').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('KPI detail with its chart', async () => {
    await go(`#/s/${sid}/dashboard`, 'dash-table');
    await page.getByTestId('dash-row').first().getByRole('link').click();
    await page.getByTestId('kpi-chart').locator('svg').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
