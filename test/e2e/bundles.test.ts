// The department round trip by "email", on two devices: planning sends 商工課 its bundle; the
// department fills in actuals and mails it back; planning sees exactly what changed, chooses on a
// conflict, applies, and can undo. Broken files are refused with their own Japanese messages.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, screenshot, TABLET_LANDSCAPE, type Page } from './support/browser';
import { seriousViolations } from './support/axe';
import { typeInto } from './support/typing';

let planning: Page;
let department: Page;
const errors: string[][] = [];
const dir = mkdtempSync(join(tmpdir(), 'bundles-e2e-'));

beforeAll(async () => {
  const a = await openApp({ size: TABLET_LANDSCAPE });
  const b = await openApp({ size: TABLET_LANDSCAPE, touch: true });
  planning = a.page;
  department = b.page;
  errors.push(a.errors, b.errors);
});

async function download(page: Page, name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const path = join(dir, name);
  await dl.saveAs(path);
  return path;
}

async function importFile(page: Page, path: string) {
  await page.goto(`${page.url().replace(/#.*$/, '')}#/import`);
  await page.getByTestId('import-file').setInputFiles(path);
}

async function openProject(page: Page, name: string) {
  await page.getByTestId('nav-project').filter({ hasText: name }).click();
  await page.getByTestId('project-heading').filter({ hasText: name }).waitFor();
}

const PROJECT = '関市ビジネスサポートセンター事業';
let sid = '';
const openStrategy = (page: Page) => page.goto(`${page.url().replace(/#.*$/, '')}#/s/${sid}`);

describe('department round trip', () => {
  let bundlePath = '';
  let returnPath = '';

  test('planning exports a bundle for 商工課 with a recognisable file name', async () => {
    await planning.getByTestId('editor-name').fill('企画課 山田');
    await planning.getByTestId('open-sample').click();
    await planning.getByTestId('nav-export').click();
    await planning.getByTestId('export-scope-department').check();
    await planning.getByLabel('商工課').check();
    await planning.getByTestId('export-create').click();
    const name = await planning.getByTestId('export-file-name').textContent();
    expect(name).toMatch(/^関市_第2期総合戦略_商工課_\d{4}-\d{2}-\d{2}\.json$/);
    bundlePath = await download(planning, 'to-shoko.json');
    const json = JSON.parse(readFileSync(bundlePath, 'utf8'));
    expect(json.scope).toEqual({ kind: 'department', departments: ['商工課'] });
    // Only 商工課's two projects travel, with the goal titles as context.
    expect(json.records.projects.map((p: { name: string }) => p.name)).toHaveLength(2);
    expect(json.records.goals.length).toBeGreaterThan(0);
  });

  test('the department opens it on its own device and fills in FY2021', async () => {
    await department.getByTestId('editor-name').fill('商工課 佐藤');
    await department.getByTestId('start-import').click();
    await department.getByTestId('import-file').setInputFiles(bundlePath);
    await department.getByTestId('import-preview-new').waitFor();
    expect(await department.getByTestId('import-preview-new').textContent()).toContain('担当課（商工課）のファイル');
    await department.getByTestId('import-apply').click();
    await department.getByTestId('import-done').getByRole('link', { name: '開く' }).click();
    await openProject(department, PROJECT);
    expect(await department.getByTestId('department-copy-note').textContent()).toContain('商工課');
    await typeInto(department.getByTestId('cell-actual-2021'), '1,950件', { tap: true });
    await department.getByTestId('year-tab-2020').click();
    const progress = department.getByTestId('py-progress');
    await progress.fill('担当課による更新：相談件数は増加。');
    // Outside the department's share (planning would not take it): read-only, with the reason.
    expect(await department.getByTestId('project-name').isDisabled()).toBe(true);
    expect(await department.getByTestId('locked').first().textContent()).toContain('企画課が管理する項目');
    expect(await department.getByTestId('project-summary').isDisabled()).toBe(false);
    await expect.poll(() => department.getByTestId('save-indicator').textContent()).toContain('保存済み');
    await department.getByTestId('nav-export').click();
    await department.getByTestId('export-fixed-scope').waitFor();
    await department.getByTestId('export-create').click();
    returnPath = await download(department, 'from-shoko.json');
  });

  test('planning changed the same text meanwhile, and sees the conflict side by side', async () => {
    await openProject(planning, PROJECT);
    await planning.getByTestId('year-tab-2020').click();
    await planning.getByTestId('py-progress').fill('企画課による追記。');
    await planning.getByTestId('py-progress').blur();
    await expect.poll(() => planning.getByTestId('save-indicator').textContent()).toContain('保存済み');

    await importFile(planning, returnPath);
    const preview = planning.getByTestId('import-preview-merge');
    await preview.waitFor();
    await screenshot(planning, 'merge-preview-1024x768');
    expect(await seriousViolations(planning)).toEqual([]);
    // The FY2021 actual exists only in the file: taken without asking.
    expect(await planning.getByTestId('addition').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/相談件数.*令和3年度/)]));
    // The progress text changed on both sides: a conflict with both values and who wrote them.
    const conflict = planning.getByTestId('conflict');
    expect(await conflict.count()).toBe(1);
    expect(await conflict.textContent()).toContain('企画課による追記。');
    expect(await conflict.textContent()).toContain('担当課による更新：相談件数は増加。');
    expect(await conflict.textContent()).toContain('商工課 佐藤');
    expect(await conflict.textContent()).toContain('企画課 山田');
    // The preview names who sent it, from which department.
    expect(await planning.getByTestId('import-sender').textContent()).toContain('商工課 佐藤（商工課）');
    expect(await planning.getByTestId('import-apply').isDisabled()).toBe(true);
    await planning.getByTestId('all-theirs').click();
    await planning.getByTestId('import-apply').click();
    await planning.getByTestId('import-done').waitFor();
    sid = (await planning.getByTestId('import-done').getByRole('link').getAttribute('href'))!.split('/')[2]!;
  });

  test('the merge is applied, and 「取り込みを元に戻す」 restores the state before it', async () => {
    await openStrategy(planning);
    await openProject(planning, PROJECT);
    expect(await planning.getByTestId('cell-actual-2021').inputValue()).toBe('1,950件');
    await planning.getByTestId('year-tab-2020').click();
    await expect.poll(() => planning.getByTestId('py-progress').inputValue()).toBe('担当課による更新：相談件数は増加。');
    expect(await planning.getByTestId('project-name').inputValue()).toBe('商工活動支援事業（関市ビジネスサポートセンター事業）');

    await importFile(planning, returnPath);
    await planning.getByTestId('import-preview-merge').waitFor();
    // Already applied: nothing left to take.
    expect(await planning.getByTestId('import-preview-merge').textContent()).toContain('取り込み済み');
    expect(await planning.getByTestId('conflict').count()).toBe(0);
  });

  test('undo right after an import puts everything back', async () => {
    // A fresh merge to undo: the department corrects its actual once more.
    await openProject(department, PROJECT);
    await typeInto(department.getByTestId('cell-actual-2021'), '1,960件', { tap: true });
    await expect.poll(() => department.getByTestId('save-indicator').textContent()).toContain('保存済み');
    await department.getByTestId('nav-export').click();
    await department.getByTestId('export-create').click();
    const second = await download(department, 'from-shoko-2.json');

    await importFile(planning, second);
    await planning.getByTestId('import-preview-merge').waitFor();
    expect(await planning.getByTestId('conflict').count()).toBe(0);
    await planning.getByTestId('import-apply').click();
    await planning.getByTestId('import-undo').click();
    await expect.poll(() => planning.getByTestId('import-done').textContent()).toContain('元に戻しました');
    await openStrategy(planning);
    await openProject(planning, PROJECT);
    expect(await planning.getByTestId('cell-actual-2021').inputValue()).toBe('1,950件');
    for (const e of errors) expect(e).toEqual([]);
  });
});

describe('refused files', () => {
  test('a cut, a newer and a foreign file each get their own message, and nothing changes', async () => {
    const full = readFileSync(join(dir, 'to-shoko.json'), 'utf8');
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, full.slice(0, Math.floor(full.length * 0.6)));
    await importFile(planning, cut);
    await expect.poll(() => planning.getByTestId('import-error').textContent()).toMatch(/途中で切れて|壊れて|JSON/);
    await screenshot(planning, 'import-error-1024x768');

    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, full.replace('"1,823', '"1,824').replace('"value":1823', '"value":1824'));
    await importFile(planning, tampered);
    await expect.poll(() => planning.getByTestId('import-error').textContent()).toContain('書き出したときと一致しません');

    const newer = join(dir, 'newer.json');
    const env = JSON.parse(full);
    env.formatVersion = 99;
    writeFileSync(newer, JSON.stringify(env));
    await importFile(planning, newer);
    await expect.poll(() => planning.getByTestId('import-error').textContent()).toContain('アプリを更新してください');

    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ hello: 'world' }));
    await importFile(planning, foreign);
    await expect.poll(() => planning.getByTestId('import-error').textContent()).toContain('データファイルではありません');
  });

  test('a password-protected file opens only with the right password', async () => {
    await openStrategy(planning);
    await planning.getByTestId('nav-export').click();
    await planning.getByTestId('export-protect').check();
    await planning.getByTestId('export-password').fill('kikaku-2026');
    await planning.getByTestId('export-password2').fill('kikaku-2026');
    await planning.getByTestId('export-create').click();
    const path = await download(planning, 'protected.json');
    const { page } = await openApp();
    await page.goto(`${page.url().replace(/#.*$/, '')}#/import`);
    await page.getByTestId('import-file').setInputFiles(path);
    await page.getByTestId('import-password').fill('wrong-password');
    await page.getByTestId('import-password').press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('パスワードが違います');
    await page.getByTestId('import-password').fill('kikaku-2026');
    await page.getByTestId('import-password').press('Enter');
    await page.getByTestId('import-preview-new').waitFor();
  });
});
