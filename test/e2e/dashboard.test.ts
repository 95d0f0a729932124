// The dashboard shows what the engine computes for the sample, follows an edited actual without a
// reload, and keeps its filters across a reload.
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, screenshot, TABLET_PORTRAIT, type Page } from './support/browser';
import { typeInto } from './support/typing';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView } from '../../src/domain/workbook';
import { formatPercent, rollUp } from '../../src/domain/achievement';
import type { PlainStrategy } from '../../src/domain/sample/types';
import { testContext } from '../support/context';

let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ page, errors } = await openApp());
});

/** What the engine says for the sample (optionally with one FY2020 actual changed). */
function expected(change?: { kpiName: string; value: number }) {
  // The tests below switch the sample to interpolated targets adopted (多摩市's way), so that
  // 令和2年度 has a verdict for every KPI (the sample itself judges the final year only).
  const plain: PlainStrategy = { ...structuredClone(SEKI_SAMPLE), interimJudgement: 'interpolated' };
  if (change)
    for (const g of plain.goals)
      for (const p of g.projects ?? [])
        for (const k of p.kpis ?? []) if (k.name === change.kpiName) k.years = [{ fiscalYear: 2020, actual: { value: change.value } }];
  const view = new WorkbookView(buildWorkbook(plain, testContext()));
  const r = rollUp(view, 2020);
  return {
    share: formatPercent(r.strategy.achievedShare!),
    goals: r.goals.map((g) => formatPercent(g.tally.achievedShare!)),
    behind: r.strategy.notAchievedIds.length,
  };
}

async function dashboardNumbers() {
  await page.getByTestId('dash-summary').waitFor();
  return {
    share: (await page.getByTestId('dash-share').textContent())!.trim(),
    goals: (await page.getByTestId('goal-share').allTextContents()).map((s) => s.trim()),
    behind: await page.getByTestId('behind-item').count(),
  };
}

describe('dashboard', () => {
  test('shows, for the sample in FY2020, exactly what the engine computes', async () => {
    await page.getByTestId('editor-name').fill('委員 佐藤');
    await page.getByTestId('open-sample').click();
    await page.getByRole('link', { name: '戦略の基本情報' }).click();
    await page.getByTestId('interim-interpolated').check();
    await expect.poll(() => page.getByTestId('interim-interpolated').isChecked()).toBe(true);
    await page.getByTestId('nav-dashboard').click();
    const want = expected();
    expect(await dashboardNumbers()).toEqual(want);
    // Every KPI that missed has no 未達理由 in the sample: each carries the warning.
    expect(await page.getByTestId('missing-reason').count()).toBe(want.behind);
    await screenshot(page, 'dashboard-1024x768');
  });

  test('follows an edited actual without a reload: the grid rank and the roll-up change', async () => {
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
    await page.getByTestId('nav-project').filter({ hasText: '空き家バンク事業' }).click();
    await page.getByTestId('project-heading').waitFor();
    const rank = page.getByTestId('rank-2020');
    await expect.poll(() => rank.textContent()).toContain('D');
    const actual = page.getByTestId('cell-actual-2020');
    await typeInto(actual, '25人');
    await expect.poll(() => rank.textContent()).toContain('A');
    expect(await page.getByTestId('grid-explain').textContent()).toContain('25');

    await page.getByTestId('nav-dashboard').click();
    expect(await dashboardNumbers()).toEqual(expected({ kpiName: '空き家バンクを利用した移住者数', value: 25 }));
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
  });

  test('filters narrow the lists and survive a reload', async () => {
    await page.getByTestId('filter-verdict').selectOption('notAchieved');
    await page.getByTestId('filter-dept').selectOption('商工課');
    const rows = page.getByTestId('dash-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('ビジネスマッチング数');
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('dash-summary').waitFor();
    expect(await page.getByTestId('filter-verdict').inputValue()).toBe('notAchieved');
    expect(await page.getByTestId('filter-dept').inputValue()).toBe('商工課');
    await expect.poll(() => page.getByTestId('dash-row').count()).toBe(1);
  });

  test('a KPI detail shows the rank, the explanation with its formula, and a chart', async () => {
    await page.getByTestId('dash-row').first().getByRole('link').click();
    await page.getByTestId('kpi-detail-heading').waitFor();
    expect(await page.getByTestId('kpi-verdict').textContent()).toBe('未達成');
    expect(await page.getByTestId('kpi-explain').textContent()).toMatch(/達成率 = 0 ÷ 90 = 0%/);
    await page.getByTestId('kpi-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('kpi-values').locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'kpi-detail-1024x768');
    expect(errors).toEqual([]);
  });
});

describe('rank schemes', () => {
  test('a preset changes the ranks shown; a custom scheme with overlapping thresholds is refused', async () => {
    await page.getByRole('link', { name: '戦略の基本情報' }).click();
    await page.getByTestId('rank-preset').selectOption('nagano');
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dash-summary').waitFor();
    await expect.poll(() => page.getByTestId('dash-summary').textContent()).toContain('順調');

    await page.getByRole('link', { name: '戦略の基本情報' }).click();
    await page.getByTestId('rank-preset').selectOption('custom');
    const settings = page.getByTestId('rank-settings');
    await settings.getByLabel('下限（%以上） 2').fill('120');
    await settings.getByLabel('下限（%以上） 2').press('Tab');
    await page.getByTestId('rank-save').click();
    await expect.poll(() => page.getByTestId('rank-problems').textContent()).toContain('しきい値');
    // Refused: the strategy still ranks with the 長野県 scheme.
    await page.getByTestId('nav-dashboard').click();
    await expect.poll(() => page.getByTestId('dash-summary').textContent()).toContain('順調');
    await page.getByRole('link', { name: '戦略の基本情報' }).click();
    await page.getByTestId('rank-preset').selectOption('default');
  });
});

describe('dashboard on a tablet held upright', () => {
  test('reads at 768×1024 without overflowing', async () => {
    const { page: p, errors: errs } = await openApp({ size: TABLET_PORTRAIT, touch: true });
    await p.getByTestId('editor-name').fill('委員 佐藤');
    await p.getByTestId('open-sample').click();
    await p.getByTestId('nav-toggle').tap();
    await p.getByTestId('nav-dashboard').tap();
    await p.getByTestId('dash-summary').waitFor();
    await screenshot(p, 'dashboard-768x1024');
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(errs).toEqual([]);
  });
});
