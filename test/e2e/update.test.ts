// A new version of the app never reloads the page by itself: it waits for the user's tap, and
// what was being typed survives the update.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { openApp, screenshot, waitForServiceWorker } from './support/browser';

const swPath = join(inject('distDir'), 'sw.js');
const originalWorker = readFileSync(swPath, 'utf8');

afterAll(() => {
  writeFileSync(swPath, originalWorker);
});

describe('service-worker update', () => {
  test('is offered, not applied, while the user types; applying it keeps the typed text', async () => {
    const { page, errors } = await openApp();
    await page.getByTestId('editor-name').fill('企画課 山田');
    await page.getByTestId('open-sample').click();
    await page.getByTestId('nav-project').filter({ hasText: '空き家バンク事業' }).click();
    await page.getByTestId('project-heading').waitFor();
    await waitForServiceWorker(page);
    await page.getByTestId('project-heading').waitFor();

    // The server now has a new version of the worker.
    writeFileSync(swPath, `${originalWorker}\n// next version\n`);
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'still the same page';
    });
    const progress = page.getByTestId('py-progress');
    await progress.click();
    await progress.press('End');
    await progress.pressSequentially('更新前に入力中の文章');

    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const prompt = page.getByTestId('update-prompt');
    await prompt.waitFor({ timeout: 20_000 });
    await screenshot(page, 'update-prompt-1024x768');
    // Offered, not applied: same page, same focus, text intact.
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still the same page');
    expect(await progress.evaluate((el) => el === document.activeElement)).toBe(true);
    await progress.pressSequentially('、続き');

    await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), prompt.getByRole('button', { name: '更新する' }).click()]);
    await page.getByTestId('project-heading').waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBeUndefined();
    await expect.poll(() => page.getByTestId('py-progress').inputValue()).toContain('更新前に入力中の文章、続き');
    expect(errors).toEqual([]);
  });
});
