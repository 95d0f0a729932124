// Tablet screens, as a person sees them at 1024×768 and 768×1024 with touch: the verdict written
// beside every rank, a route change starting at the top (back returns to the place), ways back,
// and the KPI grid's pinned row labels and 基準値.
import { beforeAll, describe, expect, test } from 'vitest';
import { screenshot, TABLET_LANDSCAPE, TABLET_PORTRAIT, type Page } from './support/browser';
import { judgeInterimYears, outline, sampleOnTablet, TABLET_SIZES } from './support/tablet';

describe.each(TABLET_SIZES)('on a tablet %s with touch', (name, viewport) => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await sampleOnTablet(viewport));
  });

  test('the verdict is a visible word beside each rank, in the grid and on the dashboard, with a legend', async () => {
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').waitFor();
    const word = page.getByTestId('rank-2020').getByTestId('verdict-word');
    // The sample as published: 令和2年度 is not judged, and says so beside the badge.
    await expect.poll(() => word.textContent()).toBe('判定なし');
    expect(await word.isVisible()).toBe(true);
    // Visible means painted with a size, not clipped away as screen-reader text is.
    let box = (await word.boundingBox())!;
    expect(box.width).toBeGreaterThan(20);
    expect(box.height).toBeGreaterThan(10);
    await word.scrollIntoViewIfNeeded();
    await screenshot(page, `tablet-verdict-none-${name}`);

    // With 按分目標 adopted as yearly targets, the same year gets a verdict word.
    await judgeInterimYears(page, 'interpolated');
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').waitFor();
    await expect.poll(() => word.textContent()).toBe('未達成');
    expect(await word.isVisible()).toBe(true);
    box = (await word.boundingBox())!;
    expect(box.width).toBeGreaterThan(20);
    expect(box.height).toBeGreaterThan(10);
    await page.getByTestId('verdict-legend').locator('summary').tap();
    expect(await page.getByTestId('verdict-legend').textContent()).toContain('評価保留');

    await outline(page, 'nav-dashboard');
    const row = page.getByTestId('dash-row').filter({ hasText: '空き家バンクを利用した移住者数' });
    await row.waitFor();
    expect(await row.getByTestId('verdict-word').textContent()).toBe('未達成');
    expect(await row.getByTestId('verdict-word').isVisible()).toBe(true);
    const pending = page.locator('[data-testid="dash-row"][data-verdict="pending"]').first();
    if (await pending.count()) expect(await pending.getByTestId('verdict-word').textContent()).toBe('評価保留');
    const behind = page.getByTestId('behind-item').first();
    expect(await behind.getByTestId('verdict-word').textContent()).toBe('未達成');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, `tablet-verdicts-${name}`);
  });

  test('a route change starts at the top, back returns to the place, and the outline button stays in reach', async () => {
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').waitFor();
    await page.evaluate(() => window.scrollTo(0, 1500));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    if (viewport === TABLET_PORTRAIT) {
      // Far down the page, the outline button is still on screen.
      const toggle = (await page.getByTestId('nav-toggle').boundingBox())!;
      expect(toggle.y).toBeGreaterThanOrEqual(0);
      expect(toggle.y + toggle.height).toBeLessThan(viewport.height);
      expect(toggle.height).toBeGreaterThanOrEqual(44);
    }
    // Where the person is when leaving (once the page has settled).
    let before = -1;
    await expect
      .poll(async () => {
        const y = await page.evaluate(() => window.scrollY);
        const same = y === before;
        before = y;
        return same;
      })
      .toBe(true);
    const inView = () =>
      page.evaluate(() => {
        const h = [...document.querySelectorAll('main h2, main h3, main label')].find((e) => e.getBoundingClientRect().top > 60);
        return { text: h?.textContent?.trim() ?? '', top: Math.round(h?.getBoundingClientRect().top ?? -1) };
      });
    const seen = await inView();
    await outline(page, 'nav-project', '地域子育て支援拠点の増設');
    await expect.poll(() => page.getByTestId('project-heading').textContent()).toContain('地域子育て支援拠点の増設');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    expect(await page.getByTestId('project-heading').isVisible()).toBe(true);
    await screenshot(page, `tablet-route-top-${name}`);

    await page.goBack();
    await expect.poll(() => page.getByTestId('project-heading').textContent()).toContain('空き家バンク事業');
    // Back where the person was: the same part of the page at the same place on the screen.
    // Exactly the place, also when parts above it are drawn after the first scroll.
    await expect.poll(() => page.evaluate((y) => Math.abs(window.scrollY - y), before)).toBeLessThanOrEqual(1);
    await expect.poll(async () => (await inView()).text).toBe(seen.text);
    expect(Math.abs((await inView()).top - seen.top)).toBeLessThan(50);
  });

  test('every screen has a way back: reports and the file import, reachable from the outline', async () => {
    await outline(page, 'nav-reports');
    await page.getByTestId('report-chooser').waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await screenshot(page, `tablet-reports-back-${name}`);
    await page.getByTestId('back-link').tap();
    await outline(page, 'nav-import');
    await page.getByRole('heading', { level: 1, name: 'ファイルを取り込む' }).waitFor();
    await page.getByTestId('back-link').tap();
    await page.getByTestId('open-sample').or(page.getByTestId('strategy-switch')).first().waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
  });

  test("the dashboard's explanations and the chart's values open with a tap; the legend reads at ≥ 12 px with its own marker for 按分目標", async () => {
    await page.getByTestId('strategy-switch').selectOption({ index: 1 });
    // 令和2年度 judged against its 按分目標, so the explanation gives a 達成率.
    await judgeInterimYears(page, 'interpolated');
    await outline(page, 'nav-dashboard');
    const row = page.getByTestId('dash-row').filter({ hasText: '空き家バンクを利用した移住者数' });
    await row.waitFor();
    const why = row.getByTestId('verdict-why');
    expect(await why.isVisible()).toBe(false);
    await row.getByTestId('verdict-explain').tap();
    await expect.poll(() => why.isVisible()).toBe(true);
    expect(await why.textContent()).toContain('達成率');
    const box = (await row.getByTestId('verdict-explain').boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, `tablet-explain-tap-${name}`);
    await row.getByTestId('verdict-explain').tap();
    await expect.poll(() => why.isVisible()).toBe(false);

    await row.getByRole('link').first().tap();
    const chart = page.getByTestId('kpi-chart');
    await chart.locator('svg').last().waitFor();
    const legend = chart.locator('div[class*="-swatches"]');
    expect(parseFloat(await legend.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(12);
    const marker = (label: string) =>
      legend.locator('span', { hasText: new RegExp(`^${label}$`) }).first().locator('svg').innerHTML();
    expect(await marker('按分目標')).not.toBe(await marker('目標'));
    // A tap at 令和2年度 on the chart says its values.
    await chart.locator('svg').last().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const tick = chart.locator('svg').last().locator('text', { hasText: /^R2$/ }).first();
    const at = (await tick.boundingBox())!;
    const plot = (await chart.locator('svg').last().boundingBox())!;
    await page.touchscreen.tap(at.x + at.width / 2, plot.y + plot.height / 2);
    const picked = page.getByTestId('chart-picked');
    await expect.poll(() => picked.textContent()).toContain('令和2年度');
    expect(await picked.textContent()).toContain('実績 10人');
    expect(await picked.getByTestId('verdict-word').textContent()).toBe('未達成');
    await picked.scrollIntoViewIfNeeded();
    await screenshot(page, `tablet-chart-tap-${name}`);
  });

  test("年度別の記録 opens on the evaluation year, moved into the project's own period; a new 事業 gets the next number", async () => {
    await page.getByTestId('strategy-switch').selectOption({ index: 1 });
    await outline(page, 'nav-project', 'まちづくり計画事業');
    await page.getByTestId('project-heading').filter({ hasText: 'まちづくり計画事業' }).waitFor();
    // The sample's evaluation year is 令和2年度 (its latest actuals).
    await expect.poll(() => page.getByTestId('year-tab-2020').getAttribute('aria-selected')).toBe('true');
    const start = page.getByLabel('事業期間（開始年度）');
    await start.fill('R3');
    await start.press('Tab');
    await expect.poll(() => start.inputValue()).toContain('2021');
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').filter({ hasText: '空き家バンク事業' }).waitFor();
    await outline(page, 'nav-project', 'まちづくり計画事業');
    await page.getByTestId('project-heading').filter({ hasText: 'まちづくり計画事業' }).waitFor();
    await expect.poll(() => page.getByTestId('year-tab-2021').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('year-tab-2021').scrollIntoViewIfNeeded();
    await screenshot(page, `tablet-year-tab-${name}`);

    await page.locator('.crumb a').first().tap();
    await page.getByTestId('add-project').tap();
    const heading = page.getByTestId('project-heading');
    await expect.poll(() => heading.locator('span').first().textContent()).toBe('3');
  });

  test("meeting mode: chrome under 15% of the height, the slide shows まとめ, 事業費 and the KPI's years; ranks grow with the text", async () => {
    await outline(page, 'nav-project', '企業競争力強化支援事業');
    await page.getByTestId('project-heading').filter({ hasText: '企業競争力強化支援事業' }).waitFor();
    await page.getByTestId('year-tab-2020').tap();
    const cost = page.getByLabel('事業費（千円）');
    await cost.fill('6,249');
    await cost.press('Tab');
    await page.getByTestId('py-summary').fill('ビジネスプラス展はコロナ禍で中止となり、マッチング数は0件であった。');
    await page.getByTestId('py-summary').blur();
    await expect.poll(() => page.getByTestId('save-indicator').textContent()).toContain('保存済み');

    await outline(page, 'nav-meeting');
    await page.getByTestId('meeting-slide').waitFor();
    await page.getByTestId('meeting-next').tap();
    const slide = page.getByTestId('meeting-slide');
    await expect.poll(() => slide.getByRole('heading', { level: 1 }).textContent()).toContain('企業競争力強化支援事業');
    const toolbar = page.getByTestId('meeting-toolbar');
    const chromeBottom = async () => (await toolbar.boundingBox())!.y + (await toolbar.boundingBox())!.height;
    expect(await chromeBottom()).toBeLessThanOrEqual(viewport.height * 0.15);
    expect(await page.getByTestId('meeting-summary').textContent()).toContain('マッチング数は0件');
    expect(await page.getByTestId('meeting-money').textContent()).toContain('6,249千円');
    const years = page.getByTestId('meeting-kpi-years').first();
    expect(await years.textContent()).toContain('R2');
    expect(await years.textContent()).toContain('R4');
    await screenshot(page, `tablet-meeting-${name}`);
    // Scrolled down, only the one row stays: the app's header has gone.
    await page.evaluate(() => window.scrollTo(0, 400));
    await expect.poll(async () => (await toolbar.boundingBox())!.y).toBe(0);
    expect(await chromeBottom()).toBeLessThanOrEqual(viewport.height * 0.1);
    // The tools open from one button; a larger text makes the rank larger too.
    const rank = slide.getByTestId('rank-badge').first();
    const before = parseFloat(await rank.evaluate((el) => getComputedStyle(el).fontSize));
    await page.getByTestId('meeting-tools').tap();
    await page.getByRole('button', { name: '文字を大きく' }).tap();
    await page.getByRole('button', { name: '文字を大きく' }).tap();
    await expect.poll(async () => parseFloat(await rank.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThan(before * 1.2);
    await page.getByRole('button', { name: '文字を小さく' }).tap();
    await page.getByRole('button', { name: '文字を小さく' }).tap();
    await page.getByTestId('meeting-tools').tap();
    await page.locator('a.exit').tap();
  });

  test('the KPI grid keeps 区分 and 基準値 in view when scrolled sideways; 「県において集計中」 wraps', async () => {
    // A five-year plan, as the seeds' plans are: the grid is wider than the screen.
    await page.getByTestId('strategy-switch').selectOption({ index: 1 });
    const end = page.getByLabel('計画期間（終了年度）').first();
    await end.fill('2024');
    await end.press('Tab');
    await expect.poll(() => end.inputValue()).toContain('2024');
    await outline(page, 'nav-project', '空き家バンク事業');
    await page.getByTestId('project-heading').waitFor();
    const actual = page.getByTestId('cell-actual-2021').first();
    await actual.tap();
    await actual.fill('県において集計中');
    await actual.press('Tab');
    const grid = page.getByTestId('kpi-grid').first();
    const wrap = grid.locator('xpath=..');
    await wrap.scrollIntoViewIfNeeded();
    const shown = actual.locator('xpath=preceding-sibling::span[1]');
    await expect.poll(() => shown.textContent()).toBe('県において集計中');
    // Whole, on more than one line, not cut off.
    const fit = await shown.evaluate((el) => ({ wide: el.scrollWidth <= el.clientWidth + 1, lines: el.getBoundingClientRect().height }));
    expect(fit.wide).toBe(true);
    expect(fit.lines).toBeGreaterThan(30);

    const overflow = await wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
    if (viewport === TABLET_LANDSCAPE) expect(overflow).toBeGreaterThan(0);
    await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBe(Math.max(0, overflow));
    const wrapBox = (await wrap.boundingBox())!;
    const label = (await grid.locator('th.rowhead').nth(1).boundingBox())!;
    const baseline = (await grid.getByTestId('cell-baseline').boundingBox())!;
    expect(label.x).toBeGreaterThanOrEqual(wrapBox.x - 1);
    expect(label.x).toBeLessThan(wrapBox.x + 5);
    expect(baseline.x).toBeGreaterThanOrEqual(label.x + label.width - 2);
    expect(baseline.x + baseline.width).toBeLessThan(wrapBox.x + wrapBox.width);
    // The last year is in view too, beside the pinned columns.
    const final = (await grid.getByTestId('cell-final-target').boundingBox())!;
    expect(final.x + final.width).toBeLessThanOrEqual(wrapBox.x + wrapBox.width + 1);
    await screenshot(page, `tablet-grid-pinned-${name}`);
    expect(errors).toEqual([]);
  });
});
