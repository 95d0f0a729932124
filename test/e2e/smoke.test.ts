// The built app loads in Japanese, is installable, and keeps working offline from its precache.
import { describe, expect, test } from 'vitest';
import { openApp, screenshot, waitForServiceWorker } from './support/browser';

const TITLE = '総合戦略ワークブック';

describe('smoke', () => {
  test('the app shell is Japanese and links a standalone web manifest', async () => {
    const { page, errors } = await openApp();

    expect(await page.title()).toBe(TITLE);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');

    const manifestHref = await page.$eval('link[rel="manifest"]', (link) => (link as HTMLLinkElement).href);
    const manifest = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return { ok: response.ok, body: (await response.json()) as Record<string, unknown> };
    }, manifestHref);
    expect(manifest.ok).toBe(true);
    expect(manifest.body).toMatchObject({ lang: 'ja', display: 'standalone', name: TITLE });

    await page.locator('#app > *').first().waitFor();
    await screenshot(page, 'smoke-online');
    expect(errors).toEqual([]);
  });

  test('once the service worker controls the page, the app opens offline', async () => {
    const { page, errors, context } = await openApp();

    await waitForServiceWorker(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.reload({ waitUntil: 'load' });

    expect(await page.title()).toBe(TITLE);
    // The script bundle came from the precache too: the app mounted something into #app.
    await page.locator('#app > *').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'smoke-offline');
    expect(errors).toEqual([]);
  });
});
