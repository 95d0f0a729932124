// What the tablet e2e files share: the two tablet sizes, the sample opened by touch, and moving
// around the app by touch.
import { expect } from 'vitest';
import { openApp, TABLET_LANDSCAPE, TABLET_PORTRAIT, type App, type Page, type Viewport } from './browser';

/** The two tablet sizes every tablet check runs at, with their names for screenshots. */
export const TABLET_SIZES: [string, Viewport][] = [
  ['1024x768', TABLET_LANDSCAPE],
  ['768x1024', TABLET_PORTRAIT],
];

/** Opens the app at `size` with touch, named 企画課 山田, with the sample strategy open. */
export async function sampleOnTablet(size: Viewport): Promise<App> {
  const app = await openApp({ size, touch: true });
  await app.page.getByTestId('editor-name').fill('企画課 山田');
  await app.page.getByTestId('open-sample').tap();
  await app.page.getByTestId('nav-dashboard').waitFor({ state: 'attached' });
  return app;
}

/** Opens the outline when it is a drawer (upright tablet), then taps the link. */
export async function outline(page: Page, testid: string, hasText?: string): Promise<void> {
  const link = page.getByTestId(testid).filter(hasText ? { hasText } : {}).first();
  await link.waitFor({ state: 'attached' });
  if (!(await link.isVisible())) await page.getByTestId('nav-toggle').tap();
  await link.tap();
}

/** Opens the strategy's 基本情報 page (its settings) by touch, unless it is open already. */
export async function strategyPage(page: Page): Promise<void> {
  const link = page.getByRole('link', { name: '戦略の基本情報', includeHidden: true }).first();
  await link.waitFor({ state: 'attached' });
  if ((await link.getAttribute('aria-current')) !== 'page') {
    if (!(await link.isVisible())) await page.getByTestId('nav-toggle').tap();
    await link.tap();
  }
}

/**
 * Sets the strategy's 「年度目標がない年度の判定」 on its 基本情報 page. The sample judges only its final
 * year (as the published 関市 table does), so 令和2年度 is judged only once another setting is chosen.
 */
export async function judgeInterimYears(page: Page, how: 'adoptedOnly' | 'finalYearOnly' | 'interpolated'): Promise<void> {
  // Opening a strategy may already show that page (a link to it would then leave a drawer open).
  await strategyPage(page);
  const radio = page.getByTestId(`interim-${how}`);
  await radio.tap();
  await expect.poll(() => radio.isChecked()).toBe(true);
}
