// The department round trip as the tablets do it: planning sends 商工課 its file; the department's
// copy opens on 「入力してほしい項目」, the count of what is left falls as the fields are filled,
// one 「返送する」 makes the return file (named with 返送, the department and the date); planning
// recognises it as a return when picking it, takes it in, and its 返送状況 shows it returned with
// who sent it; the values are merged. Run with each side on each tablet orientation, with touch.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from './support/axe';
import { openApp, screenshot, TABLET_LANDSCAPE, TABLET_PORTRAIT, type Page, type Viewport } from './support/browser';
import { outline } from './support/tablet';

const dir = mkdtempSync(join(tmpdir(), 'roundtrip-e2e-'));

const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

const layouts: [string, Viewport, string, Viewport][] = [
  ['planning 1024x768, department 768x1024', TABLET_LANDSCAPE, '768x1024', TABLET_PORTRAIT],
  ['planning 768x1024, department 1024x768', TABLET_PORTRAIT, '1024x768', TABLET_LANDSCAPE],
];

describe.each(layouts)('department round trip (%s)', (_, planningSize, deptName, deptSize) => {
  let planning: Page;
  let department: Page;
  const errors: string[][] = [];
  let sentPath = '';
  let returnPath = '';

  beforeAll(async () => {
    const a = await openApp({ size: planningSize, touch: true });
    const b = await openApp({ size: deptSize, touch: true });
    planning = a.page;
    department = b.page;
    errors.push(a.errors, b.errors);
  });

  test('planning sends 商工課 its file; 返送状況 says it waits for the return', async () => {
    await planning.getByTestId('editor-name').fill('企画課 山田');
    await planning.getByTestId('open-sample').tap();
    await planning.getByTestId('nav-export').waitFor({ state: 'attached' });
    await outline(planning, 'nav-export');
    await planning.getByTestId('export-scope-department').check();
    await planning.getByLabel('商工課').check();
    await planning.getByTestId('export-create').tap();
    const [dl] = await Promise.all([planning.waitForEvent('download'), planning.getByTestId('export-download').tap()]);
    sentPath = join(dir, `sent-${deptName}.json`);
    await dl.saveAs(sentPath);
    const row = planning.getByTestId('return-row').filter({ hasText: '商工課' });
    await expect.poll(() => row.getAttribute('data-state')).toBe('waiting');
    expect(await row.textContent()).toContain('返送待ち');
    expect(await planning.getByTestId('return-row').filter({ hasText: '農林課' }).getAttribute('data-state')).toBe('notSent');
  });

  test('the department copy opens on its to-do list; the count falls as fields are filled; one button returns it', async () => {
    await department.getByTestId('editor-name').fill('商工課 佐藤');
    await department.getByTestId('start-import').tap();
    await department.getByTestId('import-file').setInputFiles(sentPath);
    await department.getByTestId('import-apply').tap();
    await department.getByTestId('import-done').getByRole('link', { name: '開く' }).tap();
    await department.getByTestId('todo-left').waitFor();
    expect(new URL(department.url()).hash).toMatch(/\/todo/);
    expect(await department.evaluate(() => window.scrollY)).toBe(0);
    const count = async () => Number((await department.getByTestId('todo-left-count').textContent())!.replace(/\D/g, ''));
    // 商工課: two projects with one KPI each, for the year asked about: two actuals, two 進捗.
    expect(await count()).toBe(4);
    expect(await department.getByTestId('todo-item').count()).toBe(4);
    await screenshot(department, `todo-start-${deptName}`);
    expect(await seriousViolations(department)).toEqual([]);

    const actuals = department.getByTestId('todo-actual');
    await actuals.nth(0).tap();
    await actuals.nth(0).fill('5,000件');
    await actuals.nth(0).press('Enter');
    await expect.poll(count).toBe(3);
    await actuals.nth(1).tap();
    await actuals.nth(1).fill('2,500件');
    await actuals.nth(1).press('Enter');
    await expect.poll(count).toBe(2);
    const progress = department.getByTestId('todo-progress');
    await progress.nth(0).fill('展示会を開催し、商談が増えた。');
    await progress.nth(0).blur();
    await expect.poll(count).toBe(1);
    await progress.nth(1).fill('相談件数は増加。');
    await progress.nth(1).blur();
    await expect.poll(count).toBe(0);
    await department.getByTestId('todo-all-done').waitFor();
    // Filled items stay where they were, marked done.
    expect(await department.locator('[data-testid="todo-item"][data-done="1"]').count()).toBe(4);

    const [dl] = await Promise.all([department.waitForEvent('download'), department.getByTestId('return-send').tap()]);
    const name = dl.suggestedFilename();
    expect(name).toBe(`関市_第2期総合戦略_商工課_返送_${today()}.json`);
    expect(await department.getByTestId('return-file-name').textContent()).toBe(name);
    const mail = await department.getByTestId('return-mail').inputValue();
    expect(mail).toContain(name);
    expect(mail).toContain('商工課');
    expect(mail).toContain('商工課 佐藤');
    returnPath = join(dir, `return-${deptName}.json`);
    await dl.saveAs(returnPath);
    await department.getByTestId('return-mail').scrollIntoViewIfNeeded();
    await screenshot(department, `todo-returned-${deptName}`);
  });

  test("planning recognises the return when picking it, takes it in, and 返送状況 shows it returned; the values are merged", async () => {
    await planning.goto(`${planning.url().replace(/#.*$/, '')}#/import`);
    await planning.getByTestId('import-file').setInputFiles(returnPath);
    const note = planning.getByTestId('returned-file');
    await note.waitFor();
    expect(await note.textContent()).toContain('商工課からの返送ファイル');
    expect(await note.textContent()).toContain('商工課 佐藤');
    expect(await note.textContent()).toContain('送ったファイルへの返送');
    await screenshot(planning, `return-picked-${deptName}`);
    await planning.getByTestId('import-apply').tap();
    await planning.getByTestId('import-done').waitFor();
    const sid = (await planning.getByTestId('import-done').getByRole('link').getAttribute('href'))!.split('/')[2]!;

    await planning.goto(`${planning.url().replace(/#.*$/, '')}#/s/${sid}/export`);
    const row = planning.getByTestId('return-row').filter({ hasText: '商工課' });
    await expect.poll(() => row.getAttribute('data-state')).toBe('returned');
    expect(await row.textContent()).toContain('返送済み');
    expect(await row.textContent()).toContain('商工課 佐藤');
    await planning.getByTestId('return-status').scrollIntoViewIfNeeded();
    await screenshot(planning, `return-status-${deptName}`);
    expect(await seriousViolations(planning)).toEqual([]);

    await outline(planning, 'nav-project', '関市ビジネスサポートセンター事業');
    await planning.getByTestId('project-heading').filter({ hasText: '関市ビジネスサポートセンター事業' }).waitFor();
    const year = await planning.locator('[data-testid^="cell-actual-"]').evaluateAll((els) =>
      els.map((e) => (e as HTMLInputElement).value).filter((v) => v !== ''),
    );
    expect(year).toContain('2,500件');
    expect(errors.flat()).toEqual([]);
  });
});
