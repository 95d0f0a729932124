// Typing into filled cells as a person does, in Chromium (the WebKit lane runs the same in
// test/webkit/typing.test.ts): click or tap the cell, type key by key, Enter or Tab. What is typed
// replaces the old value.
import { describe, expect, test } from 'vitest';
import { openApp, type Page } from './support/browser';
import { typeInto } from './support/typing';

async function sampleProject(name: RegExp, hasTouch: boolean) {
  const { page, errors } = await openApp({ touch: hasTouch, mobile: hasTouch });
  await typeInto(page.getByTestId('editor-name'), '企画課 山田', { finish: null, tap: hasTouch });
  await page.getByTestId('open-sample').click();
  await page.getByRole('heading', { level: 1, name: /第2期関市まち・ひと・しごと創生総合戦略/ }).waitFor();
  const toggle = page.getByTestId('nav-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.getByTestId('nav-project').filter({ hasText: name }).click();
  await page.getByTestId('project-heading').filter({ hasText: name }).waitFor();
  return { page, errors };
}

const cell = (page: Page, testid: string) => page.getByTestId(testid).first();

describe('typing into filled KPI cells', () => {
  for (const hasTouch of [false, true]) {
    test(`${hasTouch ? 'tap' : 'click'} + keys replaces 「1,823件」 with 「１，９００件」, and 万 in a target`, async () => {
      const { page, errors } = await sampleProject(/関市ビジネスサポートセンター事業/, hasTouch);
      await expect.poll(() => cell(page, 'cell-actual-2020').inputValue()).toBe('1,823件');
      await typeInto(cell(page, 'cell-actual-2020'), '１，９００件', { tap: hasTouch });
      await expect.poll(() => cell(page, 'cell-actual-2020').inputValue()).toBe('1,900件');
      await typeInto(cell(page, 'cell-target-2021'), '２万件', { tap: hasTouch, finish: 'Tab' });
      await expect.poll(() => cell(page, 'cell-target-2021').inputValue()).toBe('20,000件以上');
      await expect.poll(() => page.getByTestId('save-indicator').textContent()).toContain('保存済み');
      await page.reload({ waitUntil: 'load' });
      await page.getByTestId('project-heading').waitFor();
      await expect.poll(() => cell(page, 'cell-actual-2020').inputValue()).toBe('1,900件');
      await expect.poll(() => cell(page, 'cell-target-2021').inputValue()).toBe('20,000件以上');
      expect(errors).toEqual([]);
    });
  }

  test('a second click in the focused cell places the caret (to correct one digit)', async () => {
    const { page, errors } = await sampleProject(/市内全域の観光|刃物ミュージアム/, false);
    const actual = cell(page, 'cell-actual-2020');
    await typeInto(actual, '2,400千人');
    await expect.poll(() => actual.inputValue()).toBe('2,400千人');
    await page.getByTestId('project-heading').click();
    await actual.click();
    expect(await actual.evaluate((e: HTMLInputElement) => [e.selectionStart, e.selectionEnd])).toEqual([0, 7]);
    await actual.click();
    const [start, end] = await actual.evaluate((e: HTMLInputElement) => [e.selectionStart, e.selectionEnd]);
    expect(start).toBe(end);
    expect(errors).toEqual([]);
  });
});
