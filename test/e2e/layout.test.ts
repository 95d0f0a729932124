// Nothing wider than the screen and nothing too small to tap, in Chromium: every screen of the
// sample (each goal and project, three KPIs) at 1024×768 and 768×1024 with touch, the page not
// scrollable sideways and every control at least 44 px high. The WebKit lane checks the same
// (test/webkit/layout.test.ts) with the same page scripts (./support/lane.ts).
import { expect, test } from 'vitest';
import { openApp, type Page } from './support/browser';
import { OVERFLOW_SCRIPT, sampleScreens, SMALL_TARGETS_SCRIPT, TABLET_LANDSCAPE, TABLET_PORTRAIT } from './support/lane';

/** Every address linked from the page that contains `part`, once each. */
async function hrefs(page: Page, part: string): Promise<string[]> {
  await page.locator(`a[href*="${part}"]`).first().waitFor({ state: 'attached' });
  return page.evaluate((p) => [...new Set([...document.querySelectorAll(`a[href*="${p}"]`)].map((a) => a.getAttribute('href')!))], part);
}

const run = <T>(page: Page, body: string) => page.evaluate(`(() => {${body}})()`) as Promise<T>;

test('no screen of the sample is wider than a tablet or has a control under 44 px, in landscape or portrait with touch', async () => {
  const wide: string[] = [];
  const small: string[] = [];
  for (const size of [TABLET_LANDSCAPE, TABLET_PORTRAIT]) {
    const { page } = await openApp({ size, touch: true, mobile: true });
    await page.getByTestId('editor-name').fill('企画課 山田');
    await page.getByTestId('open-sample').click();
    await page.waitForURL(/#\/s\//);
    const sid = page.url().split('#/s/')[1]!.split('/')[0]!;
    const base = page.url().replace(/#.*$/, '');
    const screens = await sampleScreens(sid, (part) => hrefs(page, part), async (hash) => void (await page.goto(`${base}${hash}`)));
    for (const hash of screens) {
      await page.goto(`${base}${hash}`);
      // Drawn: the app's start marker for the screen is cleared once it has rendered.
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem(`chiho-senryaku.screen-starting:${sessionStorage.getItem('chiho-senryaku.tab-id')}`)))
        .toBeNull();
      await page.locator('h1').first().waitFor();
      const { over, where } = await run<{ over: number; where: string[] }>(page, OVERFLOW_SCRIPT);
      if (over > 0) wide.push(`${size.width}×${size.height} ${hash}: ${over} px too wide (${where.join(', ')})`);
      for (const target of await run<string[]>(page, SMALL_TARGETS_SCRIPT)) small.push(`${size.width}×${size.height} ${hash}: ${target}`);
    }
  }
  expect(wide).toEqual([]);
  expect(small).toEqual([]);
});
