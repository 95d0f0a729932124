// The workbook end to end, in the built app with real IndexedDB and the real service worker:
// first start → sample → edit an actual with a Japanese number → reload; offline; a small strategy
// from scratch by keyboard and by touch; a refused number; deletion with undo; nothing typed lost.
import { describe, expect, test } from 'vitest';
import { openApp, screenshot, waitForServiceWorker, TABLET_LANDSCAPE, TABLET_PORTRAIT, type Page } from './support/browser';
import { typeInto } from './support/typing';

async function startWithSample(page: Page) {
  await page.getByTestId('editor-name').fill('企画課 山田');
  await page.getByTestId('open-sample').click();
  await page.getByRole('heading', { level: 1, name: /第2期関市まち・ひと・しごと創生総合戦略/ }).waitFor();
}

async function openProject(page: Page, name: RegExp) {
  const toggle = page.getByTestId('nav-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.getByTestId('nav-project').filter({ hasText: name }).click();
  await page.getByTestId('project-heading').filter({ hasText: name }).waitFor();
}

async function saved(page: Page) {
  await expect.poll(() => page.getByTestId('save-indicator').textContent(), { timeout: 10_000 }).toContain('保存済み');
}

const cellInput = (page: Page, testid: string) => page.getByTestId(testid).first();

describe('first start and the sample strategy', () => {
  test('asks for the editor name, opens the sample, keeps an edited actual across a reload', async () => {
    const { page, errors } = await openApp();
    await page.getByRole('heading', { name: 'ようこそ' }).waitFor();
    // Without a name the app asks for it first.
    await page.getByTestId('open-sample').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('お名前');
    await startWithSample(page);
    await screenshot(page, 'sample-strategy-1024x768');

    await openProject(page, /関市ビジネスサポートセンター事業/);
    const actual = cellInput(page, 'cell-actual-2020');
    await expect.poll(() => actual.inputValue()).toBe('1,823件');
    await typeInto(actual, '１，９００件');
    await saved(page);
    await expect.poll(() => actual.inputValue()).toBe('1,900件');
    await screenshot(page, 'project-grid-1024x768');

    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('project-heading').waitFor();
    await expect.poll(() => cellInput(page, 'cell-actual-2020').inputValue()).toBe('1,900件');
    // The sample's other values are the seed's, typed in faithfully.
    expect(await cellInput(page, 'cell-baseline').inputValue()).toBe('1,636件');
    expect(await cellInput(page, 'cell-final-target').inputValue()).toBe('1,620件以上');
    expect(errors).toEqual([]);
  });

  test('keeps the app and the data offline after the first visit', async () => {
    const { context, page, errors } = await openApp();
    await startWithSample(page);
    await openProject(page, /市内全域の観光|刃物ミュージアム/);
    const actual = cellInput(page, 'cell-actual-2020');
    await typeInto(actual, '2,400千人');
    await saved(page);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('project-heading').waitFor();
    await expect.poll(() => cellInput(page, 'cell-actual-2020').inputValue()).toBe('2,400千人');
    expect(await page.getByText('オフライン', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'offline-project-1024x768');
    await context.setOffline(false);
    expect(errors).toEqual([]);
  });

  test('refuses an unreadable number in place, with a Japanese message, and keeps the old value', async () => {
    const { page, errors } = await openApp();
    await startWithSample(page);
    await openProject(page, /空き家バンク事業/);
    const actual = cellInput(page, 'cell-actual-2020');
    await expect.poll(() => actual.inputValue()).toBe('10人');
    await typeInto(actual, 'たくさん');
    const message = page.getByTestId('grid-error').first();
    await expect.poll(() => message.textContent()).toMatch(/「たくさん」.*読めません/);
    await screenshot(page, 'refused-number-1024x768');
    // Leaving the cell restores the stored value; a unit that does not fit is refused too.
    await actual.press('Tab');
    await expect.poll(() => actual.inputValue()).toBe('10人');
    await typeInto(actual, '12件');
    await expect.poll(() => message.textContent()).toContain('単位');
    await actual.press('Escape');
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('project-heading').waitFor();
    await expect.poll(() => cellInput(page, 'cell-actual-2020').inputValue()).toBe('10人');
    expect(errors).toEqual([]);
  });

  test('text typed and the tab reloaded at once is not lost', async () => {
    const { page, errors } = await openApp();
    await startWithSample(page);
    await openProject(page, /新規就農事業/);
    const progress = page.getByTestId('py-progress');
    await progress.click();
    await progress.press('End');
    await progress.pressSequentially('追記：相談会を3回開催。');
    // No blur, no wait: reload right away.
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('project-heading').waitFor();
    await expect.poll(() => page.getByTestId('py-progress').inputValue()).toContain('追記：相談会を3回開催。');
    expect(errors).toEqual([]);
  });

  test('deleting a project offers undo, which brings it back with its KPI', async () => {
    const { page, errors } = await openApp();
    await startWithSample(page);
    await openProject(page, /新規就農事業/);
    await page.getByTestId('delete-project').click();
    await page.getByTestId('delete-project-confirm').click();
    await page.getByTestId('undo-toast').waitFor();
    await expect.poll(() => page.getByTestId('nav-project').filter({ hasText: '新規就農事業' }).count()).toBe(0);
    await page.getByTestId('undo-toast').getByRole('button', { name: '元に戻す' }).click();
    await expect.poll(() => page.getByTestId('nav-project').filter({ hasText: '新規就農事業' }).count()).toBe(1);
    await openProject(page, /新規就農事業/);
    await expect.poll(() => cellInput(page, 'cell-actual-2020').inputValue()).toBe('1人');
    expect(errors).toEqual([]);
  });
});

/** Enters a small strategy (goal, project, KPI, two years of values) by keyboard or by touch. */
async function enterSmallStrategy(page: Page, mode: 'keyboard' | 'touch') {
  const act = async (locator: ReturnType<Page['getByTestId']>) => {
    if (mode === 'touch') await locator.tap();
    else await locator.focus();
  };
  const press = async (locator: ReturnType<Page['getByTestId']>) => {
    if (mode === 'touch') await locator.tap();
    else {
      await locator.focus();
      await page.keyboard.press('Enter');
    }
  };
  const type = async (locator: ReturnType<Page['getByTestId']>, text: string) => {
    await act(locator);
    await page.keyboard.type(text);
  };

  await type(page.getByTestId('editor-name'), '企画課 鈴木');
  await press(page.getByTestId('new-blank'));
  await type(page.getByLabel('自治体名'), '室蘭市');
  await type(page.getByLabel('戦略名'), '第3期総合戦略');
  await type(page.getByLabel('計画期間（開始年度）'), 'R7');
  await type(page.getByLabel('計画期間（終了年度）'), '令和8');
  await press(page.getByRole('button', { name: '作成する' }));
  await page.getByRole('heading', { level: 1, name: /第3期総合戦略/ }).waitFor();

  await press(page.getByTestId('add-goal'));
  await type(page.getByTestId('goal-title'), '働くまちをつくる');
  await press(page.getByTestId('add-project'));
  await page.getByTestId('project-heading').waitFor();
  const number = page.getByTestId('project-number');
  await act(number);
  await number.selectText();
  await page.keyboard.type('1-01');
  await type(page.getByTestId('project-name'), '移住推進事業');
  await type(page.getByTestId('project-departments'), '企画課');
  await press(page.getByTestId('add-kpi'));
  await type(page.getByTestId('kpi-name'), 'UIJターン促進による新規就業者数');
  await type(page.getByTestId('kpi-unit'), '人');
  await type(page.getByTestId('kpi-baseline-year'), 'R6');
  if (mode === 'keyboard') await page.keyboard.press('Enter');
  await type(page.getByTestId('kpi-target-year'), '2026');
  if (mode === 'keyboard') await page.keyboard.press('Enter');

  // The card's heading shows the unit once it is stored (a person reads it before typing "人").
  await page.getByTestId('kpi-card').getByRole('heading', { name: /（人）/ }).waitFor();
  // The grid: baseline, then FY2025/2026 targets and actuals, then the final target.
  const cell = (id: string) => page.getByTestId(id);
  await type(cell('cell-baseline'), '△5');
  await page.keyboard.press('Enter');
  await type(cell('cell-target-2025'), '10');
  await page.keyboard.press(mode === 'keyboard' ? 'ArrowDown' : 'Enter');
  if (mode === 'touch') await act(cell('cell-actual-2025'));
  else expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['testid'])).toBe('cell-actual-2025');
  await page.keyboard.type('約8人');
  await page.keyboard.press('Enter');
  await type(cell('cell-target-2026'), '20人');
  await page.keyboard.press('Enter');
  await type(cell('cell-actual-2026'), '集計中');
  await page.keyboard.press('Enter');
  await type(cell('cell-final-target'), '20人以上');
  await page.keyboard.press('Enter');
}

async function expectSmallStrategy(page: Page) {
  await page.getByTestId('project-heading').filter({ hasText: '移住推進事業' }).waitFor();
  const value = (id: string) => page.getByTestId(id).inputValue();
  await expect.poll(() => value('cell-baseline')).toBe('△5人');
  // The final target 「20人以上」 made the KPI an at-least one: yearly targets read as thresholds too.
  expect(await value('cell-target-2025')).toBe('10人以上');
  expect(await value('cell-actual-2025')).toBe('約8人');
  expect(await value('cell-target-2026')).toBe('20人以上');
  expect(await value('cell-actual-2026')).toBe('集計中');
  expect(await value('cell-final-target')).toBe('20人以上');
  expect(await page.getByRole('columnheader', { name: /令和7年度/ }).count()).toBe(1);
  expect(await page.getByRole('columnheader', { name: /令和8年度/ }).count()).toBeGreaterThan(0);
}

describe('entering a strategy from scratch', () => {
  test('by keyboard on a laptop-sized window', async () => {
    const { page, errors } = await openApp({ size: TABLET_LANDSCAPE });
    await enterSmallStrategy(page, 'keyboard');
    await saved(page);
    await screenshot(page, 'scratch-keyboard-1024x768');
    await page.reload({ waitUntil: 'load' });
    await expectSmallStrategy(page);
    expect(errors).toEqual([]);
  });

  test('by touch on a tablet held upright', async () => {
    const { page, errors } = await openApp({ size: TABLET_PORTRAIT, touch: true, mobile: true });
    await enterSmallStrategy(page, 'touch');
    await saved(page);
    await screenshot(page, 'scratch-touch-768x1024');
    await page.reload({ waitUntil: 'load' });
    await expectSmallStrategy(page);
    expect(errors).toEqual([]);
  });
});

describe('layout on tablets', () => {
  for (const [name, viewport] of [
    ['1024x768', TABLET_LANDSCAPE],
    ['768x1024', TABLET_PORTRAIT],
  ] as const) {
    test(`nothing overflows and touch targets are at least 44 px at ${name}`, async () => {
      const { page, errors } = await openApp({ size: viewport, touch: true });
      await screenshot(page, `start-${name}`);
      await startWithSample(page);
      await openProject(page, /刃物ミュージアム回廊事業/);
      await screenshot(page, `project-${name}`);
      const report = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const overflow = document.documentElement.scrollWidth > width;
        const small: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input:not([type=radio]):not([type=checkbox]), select, summary, label:has(input[type=radio]), label:has(input[type=checkbox])')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue; // hidden
          if (el.closest('.visually-hidden')) continue;
          if (r.height < 44 - 0.5) small.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
        }
        return { overflow, small };
      });
      expect(report.overflow).toBe(false);
      expect(report.small).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
