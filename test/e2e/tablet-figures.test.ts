// Figures a clerk and a committee read on a tablet (1024×768 and 768×1024 with touch): the drafted
// 検証結果まとめ naming each KPI with its figures, first in the evaluation and editable until accepted.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { screenshot, type Page } from './support/browser';
import { judgeInterimYears, outline, sampleOnTablet, strategyPage, TABLET_SIZES } from './support/tablet';

describe.each(TABLET_SIZES)('on a tablet %s with touch', (name, viewport) => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await sampleOnTablet(viewport));
  });

  test('the drafted 検証結果まとめ names the KPI with its figures, heads the evaluation, and is a 下書き until accepted', async () => {
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').filter({ hasText: '空き家バンク事業' }).waitFor();
    const box = page.getByTestId('summary-draft');
    const text = page.getByTestId('summary-draft-text');
    await box.waitFor();
    // The sample judges its final year only: 令和2年度 states the figures and no verdict.
    await expect.poll(() => text.inputValue()).toContain('成果目標「空き家バンクを利用した移住者数」の令和2年度の実績は10人（令和4年度の最終目標35人）である。');
    expect(await text.inputValue()).toMatch(/^令和2年度は、空き家バンク活用による成約数は増加している。/);
    expect(await text.inputValue()).not.toMatch(/届かなかった|達成した/);
    expect(await box.getByText('下書き', { exact: true }).isVisible()).toBe(true);
    // It heads the evaluation: above the 事業の評価 choice, not at the bottom of the page.
    const draftTop = (await box.boundingBox())!.y;
    const effectiveness = page.getByRole('group', { name: '事業の評価' }).first();
    expect(draftTop).toBeLessThan((await effectiveness.boundingBox())!.y);
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, `figures-draft-unjudged-${name}`);

    // Judged against interpolated targets, the same KPI is missed, with its figures and rate.
    await judgeInterimYears(page, 'interpolated');
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').filter({ hasText: '空き家バンク事業' }).waitFor();
    await expect.poll(() => text.inputValue()).toMatch(/成果目標「空き家バンクを利用した移住者数」は、実績10人（按分した令和2年度目標[\d.,]+人、達成率[\d.]+%）で、目標に届かなかった。/);

    // Edited, then accepted: it becomes the 検証結果まとめ and is no longer a draft.
    await text.fill((await text.inputValue()) + '今後も周知を続ける。');
    await page.getByTestId('accept-draft').tap();
    await expect.poll(() => page.getByTestId('py-summary').inputValue()).toContain('今後も周知を続ける。');
    await expect.poll(() => box.count()).toBe(0);
    await page.getByTestId('py-summary').scrollIntoViewIfNeeded();
    await screenshot(page, `figures-draft-accepted-${name}`);
    await judgeInterimYears(page, 'finalYearOnly');
    expect(errors).toEqual([]);
  });

  test('money: a yen figure stays exact yen, shown in the strategy’s unit with the city’s precision in entry and reports', async () => {
    await strategyPage(page);
    const settings = page.getByTestId('money-settings');
    await settings.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('money-unit-thousand').isChecked()).toBe(true);
    expect(await page.getByTestId('money-example').textContent()).toContain('「9,962千円」');

    // Typed in yen into a 千円 strategy: kept as 9,962,058円, never 9,962.058千円.
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').filter({ hasText: '空き家バンク事業' }).waitFor();
    await page.getByTestId('year-tab-2020').tap();
    const budget = page.getByLabel('予算（千円）', { exact: true });
    await budget.scrollIntoViewIfNeeded();
    await budget.fill('996万2,058円');
    await budget.blur();
    await expect.poll(() => budget.inputValue()).toBe('9,962,058円');
    await expect.poll(() => page.getByText('円単位で正確に保存（印刷: 9,962千円）').isVisible()).toBe(true);
    expect(await page.getByText('9,962.058').count()).toBe(0);
    await screenshot(page, `figures-money-entry-${name}`);

    const sheetBudget = async () => {
      await outline(page, 'nav-reports');
      await page.getByTestId('report-chooser').waitFor();
      await page.getByTestId('report-kind-sheet').check();
      await page.getByTestId('report-year').selectOption('2020');
      const sheet = page.getByTestId('eval-sheet').filter({ hasText: '空き家バンク事業' });
      await sheet.waitFor();
      return (await sheet.textContent()) ?? '';
    };
    const back = () => page.evaluate(() => { location.hash = location.hash.replace(/\/reports.*$/, ''); });
    expect(await sheetBudget()).toContain('9,962千円');

    // The city prints 千円 with one decimal, then switches to exact 円: the same figure follows.
    await back();
    await strategyPage(page);
    await page.getByTestId('money-decimals').selectOption('1');
    await expect.poll(() => page.getByTestId('money-example').textContent()).toContain('「9,962.1千円」');
    expect(await sheetBudget()).toContain('9,962.1千円');
    await back();
    await strategyPage(page);
    await page.getByTestId('money-unit-yen').tap();
    await expect.poll(() => page.getByTestId('money-example').textContent()).toContain('「9,962,058円」');
    await page.getByTestId('money-settings').scrollIntoViewIfNeeded();
    await screenshot(page, `figures-money-settings-${name}`);
    const sheetText = await sheetBudget();
    expect(sheetText).toContain('9,962,058円');
    expect(sheetText).not.toContain('9,962.058');

    // Entry in 円: the field reads exact yen without a unit; back to whole 千円 for the next size.
    await back();
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('year-tab-2020').tap();
    await expect.poll(() => page.getByLabel('予算（円）', { exact: true }).inputValue()).toBe('9,962,058');
    await strategyPage(page);
    await page.getByTestId('money-unit-thousand').tap();
    await page.getByTestId('money-decimals').selectOption('0');
    expect(errors).toEqual([]);
  });

  test('the dashboard list shows each KPI’s trend as a sparkline, read out as text', async () => {
    await outline(page, 'nav-dashboard');
    const row = page.getByTestId('dash-row').filter({ hasText: '空き家バンクを利用した移住者数' });
    await row.waitFor();
    const spark = row.getByTestId('sparkline');
    // Drawn once the row is seen (the list paints first): then what a screen reader reads is every
    // point with its year, and the final target.
    await expect.poll(() => spark.getAttribute('data-shown')).toBe('true');
    expect(await spark.getByTestId('sparkline-text').textContent()).toBe('実績の推移: 基準値 6人（平成30年度） → 令和2年度 10人。最終目標 35人（令和4年度）');
    expect(await spark.locator('svg').getAttribute('aria-hidden')).toBe('true');
    expect(await spark.locator('svg circle').count()).toBe(2);
    // The line rises (10 above 6) and the final target lies above both.
    const ys = await spark.locator('svg circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))));
    expect(ys[1]!).toBeLessThan(ys[0]!);
    const targetY = Number(await spark.locator('svg line').getAttribute('y1'));
    expect(targetY).toBeLessThan(ys[1]!);
    // Under the actual, not in a column of its own: the list still fits the tablet without sideways scrolling.
    const wrap = page.getByTestId('dash-table').locator('..');
    expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await spark.locator('svg').scrollIntoViewIfNeeded();
    const box = (await spark.locator('svg').boundingBox())!;
    expect(box.width).toBeGreaterThan(60);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    await screenshot(page, `figures-sparkline-${name}`);
    expect(errors).toEqual([]);
  });

  test('a KPI chart is saved as a PNG image for slides, drawn in the browser with its name and legend', async () => {
    if (!/\/dashboard/.test(page.url())) await outline(page, 'nav-dashboard');
    const row = page.getByTestId('dash-row').filter({ hasText: '空き家バンクを利用した移住者数' });
    await row.getByRole('link').tap();
    await page.getByTestId('kpi-detail-heading').waitFor();
    await page.getByTestId('kpi-chart').locator('svg').last().waitFor();
    const button = page.getByTestId('chart-save-image');
    await button.scrollIntoViewIfNeeded();
    const size = (await button.boundingBox())!;
    expect(size.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, `figures-chart-save-${name}`);
    const [download] = await Promise.all([page.waitForEvent('download'), button.tap()]);
    expect(download.suggestedFilename()).toBe('関市_空き家バンクを利用した移住者数_グラフ.png');
    const path = `/tmp/figures-chart-${name}.png`;
    await download.saveAs(path);
    const png = readFileSync(path);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // What the image shows: white paper, the actual line in its orange, the targets in blue.
    const seen = await page.evaluate(async (data) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let orange = 0;
      let blue = 0;
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
        if (Math.abs(r - 0xc2) < 12 && Math.abs(g - 0x41) < 12 && Math.abs(b - 0x0c) < 12) orange++;
        if (Math.abs(r - 0x1f) < 12 && Math.abs(g - 0x4e) < 12 && Math.abs(b - 0x79) < 12) blue++;
        if (r < 60 && g < 60 && b < 60) dark++;
      }
      return { width: c.width, height: c.height, corner: [...px.subarray(0, 4)], orange, blue, dark };
    }, png.toString('base64'));
    expect(seen.width).toBeGreaterThanOrEqual(2 * 320);
    expect(seen.corner).toEqual([255, 255, 255, 255]);
    expect(seen.orange).toBeGreaterThan(100);
    expect(seen.blue).toBeGreaterThan(100);
    expect(seen.dark).toBeGreaterThan(500);
    expect(errors).toEqual([]);
  });
});
