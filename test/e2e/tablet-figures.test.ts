// Figures a clerk and a committee read on a tablet (1024×768 and 768×1024 with touch): the drafted
// 検証結果まとめ naming each KPI with its figures, first in the evaluation and editable until accepted.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  launchBrowser,
  newAppContext,
  openApp,
  screenshot,
  TABLET_LANDSCAPE,
  TABLET_PORTRAIT,
  type Browser,
  type BrowserContext,
  type Page,
  type Viewport,
} from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sizes: [string, Viewport][] = [
  ['1024x768', TABLET_LANDSCAPE],
  ['768x1024', TABLET_PORTRAIT],
];

/** Opens the outline when it is a drawer (upright tablet), then taps the link. */
async function outline(page: Page, testid: string, hasText?: string) {
  const link = page.getByTestId(testid).filter(hasText ? { hasText } : {}).first();
  await link.waitFor({ state: 'attached' });
  if (!(await link.isVisible())) await page.getByTestId('nav-toggle').tap();
  await link.tap();
}

/** Opens the strategy's 基本情報 page (the strategy's settings). */
async function strategyPage(page: Page) {
  const link = page.getByRole('link', { name: '戦略の基本情報', includeHidden: true }).first();
  await link.waitFor({ state: 'attached' });
  if ((await link.getAttribute('aria-current')) !== 'page') {
    if (!(await link.isVisible())) await page.getByTestId('nav-toggle').tap();
    await link.tap();
  }
}

async function judgeInterimYears(page: Page, how: 'adoptedOnly' | 'finalYearOnly' | 'interpolated') {
  await strategyPage(page);
  const radio = page.getByTestId(`interim-${how}`);
  await radio.tap();
  await expect.poll(() => radio.isChecked()).toBe(true);
}

describe.each(sizes)('on a tablet %s with touch', (name, viewport) => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    context = await newAppContext(browser, { viewport, hasTouch: true });
    ({ page, errors } = await openApp(context));
    await page.getByTestId('editor-name').fill('企画課 山田');
    await page.getByTestId('open-sample').tap();
    await page.getByTestId('nav-dashboard').waitFor({ state: 'attached' });
  });
  afterAll(async () => {
    await context?.close();
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
});
