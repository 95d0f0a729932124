// Safari on an iPad, not installed: the 「ホーム画面に追加」 guide says why (7-day deletion) once,
// and stays closed after it is dismissed; other browsers never see it; opened from the home
// screen, the app asks for persistent storage.
import { describe, expect, test } from 'vitest';
import { appURL, openApp, screenshot } from './support/browser';
import { TABLET_SIZES } from './support/tablet';

const IPAD_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

describe.each(TABLET_SIZES)('the home-screen guide at %s with touch', (name, viewport) => {
  test('iPad Safari, not installed: shown once with the reason, gone after 「閉じる」 (also after a reload)', async () => {
    const { page, errors } = await openApp({ size: viewport, touch: true, userAgent: IPAD_SAFARI });
    const guide = page.getByTestId('install-guide');
    await guide.waitFor();
    expect(await guide.textContent()).toContain('ホーム画面に追加');
    expect(await guide.textContent()).toContain('7日間');
    await screenshot(page, `install-guide-${name}`);
    await page.getByTestId('install-guide-dismiss').tap();
    await expect.poll(() => guide.count()).toBe(0);
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('editor-name').waitFor();
    expect(await guide.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('Chromium on a tablet: no guide; opened from the home screen: persistent storage is asked for', async () => {
    const { page } = await openApp({ size: viewport, touch: true });
    await page.getByTestId('editor-name').waitFor();
    expect(await page.getByTestId('install-guide').count()).toBe(0);

    const { page: app, context: installed } = await openApp({ size: viewport, touch: true, userAgent: IPAD_SAFARI, blank: true });
    await installed.addInitScript(() => {
      Object.defineProperty(navigator, 'standalone', { value: true });
      const w = window as unknown as { persistAsked: number };
      w.persistAsked = 0;
      navigator.storage.persist = async () => {
        w.persistAsked++;
        return true;
      };
    });
    await app.goto(appURL(), { waitUntil: 'load' });
    await app.getByTestId('editor-name').waitFor();
    expect(await app.getByTestId('install-guide').count()).toBe(0);
    await expect.poll(() => app.evaluate(() => (window as unknown as { persistAsked: number }).persistAsked)).toBe(1);
  });
});
