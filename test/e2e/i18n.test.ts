// The second language: English chosen in the settings (or remembered from an earlier visit) shows
// the dashboard and a project with English words and fiscal years as "FY2020 (R2)"; no Japanese
// words of the screens are left, only the data (names of goals, projects, KPIs, departments …).
// The choice survives a reload, and switching back gives Japanese again.
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, type Page } from './support/browser';
import { ja } from '../../src/i18n/ja';
import { en } from '../../src/i18n/en';
import { LOCALE_STORAGE_KEY } from '../../src/i18n/locale.svelte';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const DATA = JSON.stringify(SEKI_SAMPLE);
const ENGLISH = Object.values(en).join('\n');

/**
 * The Japanese words of the screens' messages: each message's text between placeholders, for the
 * catalog areas the dashboard and the project screen draw from. Words that also occur in the
 * sample's data, or that the English messages quote as examples of input (集計中 …), are left out.
 */
const SCREEN_WORDS = [
  ...new Set(
    Object.entries(ja)
      .filter(([key]) => /^(app|nav|save|dash|goal|project|py|kpi|grid|rank|meeting\.(opinions|noOpinions|member|opinion|addOpinion)|common)\./.test(key))
      .flatMap(([, message]) => message.split(/\{\w+\}/))
      .map((fragment) => fragment.trim())
      .filter((fragment) => fragment.length >= 2 && JAPANESE.test(fragment) && !DATA.includes(fragment) && !ENGLISH.includes(fragment)),
  ),
];

/** UI words that must never show in English (checked besides the catalog-derived list). */
const KNOWN_LABELS = ['進捗ダッシュボード', '評価年度', '基本目標ごとの状況', '前年度比', '未達理由', '年度別の記録', '事業の評価', '評価保留', '未達成', '基準値', '目標値', '実績', '担当課', '令和', '年度', '戦略一覧', '目次'];

/** Japanese words of the screen found in the visible text of the page. */
async function japaneseChrome(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const labels = KNOWN_LABELS.filter((w) => !DATA.includes(w));
  return [...new Set([...SCREEN_WORDS, ...labels])].filter((w) => text.includes(w));
}

/** Attribute texts a screen reader reads (aria-label, title, placeholder), with Japanese words of the screens. */
async function japaneseAttributes(page: Page): Promise<string[]> {
  const values = await page.evaluate(() =>
    [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? '').filter((v) => v !== ''),
    ),
  );
  return values.filter((v) => SCREEN_WORDS.some((w) => v.includes(w)));
}

async function openSample(page: Page, editor: string): Promise<string> {
  await page.getByTestId('editor-name').fill(editor);
  await page.getByTestId('open-sample').click();
  await page.getByTestId('nav-dashboard').waitFor();
  const sid = page.url().split('#/s/')[1]!.split('/')[0]!;
  // The sample judges a year without its own target only in the final year (its strategy setting),
  // so FY2020 would have no verdicts to explain: judge it against the interpolated target instead.
  await go(page, `#/s/${sid}`, 'interim-interpolated');
  await page.getByTestId('interim-interpolated').check();
  await expect.poll(() => page.getByTestId('interim-interpolated').isChecked()).toBe(true);
  return sid;
}

const go = async (page: Page, hash: string, ready: string) => {
  await page.goto(`${page.url().replace(/#.*$/, '')}${hash}`);
  await page.getByTestId(ready).first().waitFor();
};

/** The dashboard and the first project of the sample, in English, with nothing Japanese but data. */
async function checkEnglishScreens(page: Page, sid: string) {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  expect(await page.title()).toBe('Regional Strategy Workbook');

  await go(page, `#/s/${sid}/dashboard?fy=2020`, 'dash-summary');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Progress dashboard');
  expect(await page.locator('#dash-total').textContent()).toBe('Achievement in FY2020 (R2)');
  expect(await page.getByTestId('filter-year').locator('option:checked').textContent()).toBe('FY2020 (R2)');
  expect(await page.getByRole('heading', { name: 'By basic goal' }).count()).toBe(1);
  // The engine's explanations are English too.
  const explanations = await page.locator('.explain').allTextContents();
  expect(explanations.length).toBeGreaterThan(0);
  expect(explanations.every((e) => /^(Attainment|Progress|Pending|Not evaluated|Target|Actual|Change from baseline)/.test(e))).toBe(true);
  expect(await japaneseChrome(page)).toEqual([]);
  expect(await japaneseAttributes(page)).toEqual([]);

  await page.getByTestId('nav-project').first().click();
  await page.getByTestId('kpi-grid').first().waitFor();
  await page.getByTestId('year-tab-2020').click();
  await page.getByTestId('project-year-panel').waitFor();
  expect(await page.getByTestId('project-year-panel').getByRole('heading', { level: 3 }).textContent()).toBe('Record for FY2020 (R2)');
  expect(await page.getByTestId('year-tab-2020').textContent()).toContain('FY2020 (R2)');
  // Year columns of the KPI grid: FY2020 over (R2).
  expect(await page.getByTestId('kpi-grid').first().locator('thead th').nth(2).innerText()).toBe('FY2020\n(R2)');
  expect(await page.getByRole('heading', { name: 'KPIs (key performance indicators)' }).count()).toBe(1);
  expect(await japaneseChrome(page)).toEqual([]);
  expect(await japaneseAttributes(page)).toEqual([]);
}

async function checkJapaneseDashboard(page: Page, sid: string) {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
  expect(await page.title()).toBe('総合戦略ワークブック');
  await go(page, `#/s/${sid}/dashboard?fy=2020`, 'dash-summary');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('進捗ダッシュボード');
  expect(await page.locator('#dash-total').textContent()).toBe('令和2年度 (2020)の達成状況');
}

describe('English', () => {
  test('Japanese is the default', async () => {
    const { page, errors } = await openApp();
    await page.getByTestId('open-sample').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ようこそ');
    expect(await page.evaluate((key) => localStorage.getItem(key), LOCALE_STORAGE_KEY)).toBeNull();
    expect(errors).toEqual([]);
  });

  test('a language chosen earlier applies from the first screen', async () => {
    const { page, errors } = await openApp();
    await page.evaluate((key) => localStorage.setItem(key, 'en'), LOCALE_STORAGE_KEY);
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('open-sample').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome');
    expect(await page.getByTestId('open-sample').textContent()).toBe('Open the sample (Seki City’s strategy)');
    const sid = await openSample(page, 'Planning Div. Yamada');
    await checkEnglishScreens(page, sid);
    expect(errors).toEqual([]);
  });
});

describe('switching in the settings', () => {
  let page: Page;
  let errors: string[];
  let sid = '';
  beforeAll(async () => {
    ({ page, errors } = await openApp());
  });

  test('English chosen in the settings shows the dashboard and a project in English', async () => {
    sid = await openSample(page, '企画課 山田');
    await checkJapaneseDashboard(page, sid);

    await go(page, '#/settings', 'language-select');
    await page.getByTestId('language-select').selectOption('en');
    // Applied at once, without a reload.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    expect(await page.getByLabel('Language (表示言語)').count()).toBe(1);
    await checkEnglishScreens(page, sid);
    expect(errors).toEqual([]);
  });

  test('a reload keeps English', async () => {
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('project-year-panel').waitFor();
    expect(await page.getByTestId('project-year-panel').getByRole('heading', { level: 3 }).textContent()).toBe('Record for FY2020 (R2)');
    await checkEnglishScreens(page, sid);
  });

  test('switching back gives Japanese, also after a reload', async () => {
    await go(page, '#/settings', 'language-select');
    await page.getByTestId('language-select').selectOption('ja');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('設定');
    await checkJapaneseDashboard(page, sid);
    await page.reload({ waitUntil: 'load' });
    await checkJapaneseDashboard(page, sid);
    expect(errors).toEqual([]);
  });
});
