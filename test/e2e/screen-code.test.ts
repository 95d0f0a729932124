// A screen whose code cannot be loaded (a tab of an older build after an update removed its files,
// or offline without the cached copy) says so in Japanese with a way out, never a blank page.
import { describe, expect, test } from 'vitest';
import { appURL, openApp, screenshot, TABLET_PORTRAIT } from './support/browser';

describe('a screen whose code is missing', () => {
  test('shows a message and a reload button instead of a blank page; the outline stays usable', async () => {
    // No service worker (it would serve the code from its cache), and the project screen's file is refused.
    const refused = /ProjectPage|Failed to fetch dynamically imported module|net::ERR_FAILED/;
    const { page, context, errors } = await openApp({ size: TABLET_PORTRAIT, touch: true, serviceWorkers: 'block', blank: true, allowErrors: refused });
    await context.route(/\/assets\/ProjectPage-[^/]+\.js$/, (route) => route.abort());
    await page.goto(appURL(''), { waitUntil: 'load' });
    await page.getByTestId('editor-name').fill('企画課 山田');
    await page.getByTestId('open-sample').tap();
    await page.getByTestId('nav-toggle').tap();
    await page.getByTestId('nav-project').first().tap();

    const failed = page.getByTestId('screen-code-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('この画面のプログラムを読み込めませんでした');
    const reload = failed.getByRole('button', { name: '再読み込みする' });
    const box = (await reload.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'screen-code-failed-768x1024');

    // Another screen still opens.
    await page.getByTestId('nav-toggle').tap();
    await page.getByTestId('nav-dashboard').tap();
    await page.getByTestId('dash-summary').waitFor();
    // The refused file is the only error (the browser reports the failed load).
    expect(errors.filter((e) => !refused.test(e))).toEqual([]);
  });
});
