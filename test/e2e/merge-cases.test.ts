// The six sequences of the lossless-merge issue, on two or three browser profiles exchanging files
// by "email", asserting the records stored in IndexedDB after each step and after undo:
// 1 deleted here / edited there, 2 edited here / deleted there, 3 a department's return after the
// project was deleted, 4 applying a preview gone stale (two tabs), 5 undo forgets the file, 6 the
// department copy is read-only outside the department's share.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openApp, screenComes, screenshot, TABLET_LANDSCAPE, TABLET_PORTRAIT, type Page } from './support/browser';

const errors: string[][] = [];
const dir = mkdtempSync(join(tmpdir(), 'merge-e2e-'));
let files = 0;

const PROJECT = '関市ビジネスサポートセンター事業';

async function profile(editor: string, touch = false): Promise<Page> {
  const { page, errors: e } = await openApp({ size: touch ? TABLET_PORTRAIT : TABLET_LANDSCAPE, touch });
  errors.push(e);
  await page.getByTestId('editor-name').fill(editor);
  return page;
}

const base = (page: Page) => page.url().replace(/#.*$/, '');

async function exportFile(page: Page, sid: string, department?: string): Promise<string> {
  await page.goto(`${base(page)}#/s/${sid}/export`);
  if (department) {
    await page.getByTestId('export-scope-department').check();
    await page.getByLabel(department).check();
  }
  await page.getByTestId('export-create').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const path = join(dir, `file-${++files}.json`);
  await dl.saveAs(path);
  return path;
}

async function preview(page: Page, path: string) {
  await page.goto(`${base(page)}#/import`);
  await page.getByTestId('import-file').setInputFiles(path);
  await page.getByTestId('import-preview-merge').or(page.getByTestId('import-preview-new')).waitFor();
}

async function apply(page: Page) {
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor();
}

async function openProject(page: Page, sid: string) {
  const project = (await stored<{ id: string; name: string }>(page, 'projects')).find((p) => p.name.includes(PROJECT))!;
  await page.goto(`${base(page)}#/s/${sid}/project/${project.id}`);
  await screenComes(page, page.getByTestId('project-heading').filter({ hasText: PROJECT }));
}

async function saved(page: Page) {
  await expect.poll(() => page.getByTestId('save-indicator').textContent()).toContain('保存済み');
}

/** Rows of one object store of the app's database, as stored. */
async function stored<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('senryaku-workbook');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const q = db.transaction(name, 'readonly').objectStore(name).getAll();
      q.onsuccess = () => resolve(q.result as unknown[]);
      q.onerror = () => reject(q.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

interface Row {
  id: string;
  name?: string;
  projectId?: string;
  kpiId?: string;
  fiscalYear?: number;
  deletedAt: string | null;
  progress?: string;
  actual?: { value: number | null } | null;
  target?: { value: number | null } | null;
  shortfallReason?: string;
}

/** What is stored of the project: itself, its first KPI's year 2020 and its year 2020. */
async function state(page: Page) {
  const project = (await stored<Row>(page, 'projects')).find((p) => p.name?.includes(PROJECT))!;
  const kpi = (await stored<Row>(page, 'kpis')).find((k) => k.projectId === project.id)!;
  const kpiYear = (await stored<Row>(page, 'kpiYears')).find((y) => y.kpiId === kpi.id && y.fiscalYear === 2020)!;
  const year = (await stored<Row>(page, 'projectYears')).find((y) => y.projectId === project.id && y.fiscalYear === 2020)!;
  return {
    projectDeleted: project.deletedAt !== null,
    kpiYearDeleted: kpiYear.deletedAt !== null,
    actual: kpiYear.actual?.value ?? null,
    target: kpiYear.target?.value ?? null,
    shortfallReason: kpiYear.shortfallReason ?? '',
    progress: year.progress ?? '',
    yearDeleted: year.deletedAt !== null,
  };
}

/** Planning opens the sample and sends the whole strategy to the other profiles; returns its id. */
async function share(from: Page, to: Page[], department?: string): Promise<string> {
  await from.getByTestId('open-sample').click();
  await from.waitForURL(/#\/s\/[^/]+/);
  const sid = from.url().split('#/s/')[1]!.split('/')[0]!;
  const path = await exportFile(from, sid, department);
  for (const page of to) {
    // From the start screen: the editor's name is kept as the strategy arrives.
    await page.getByTestId('start-import').click();
    await page.getByTestId('import-file').setInputFiles(path);
    await page.getByTestId('import-preview-new').waitFor();
    await apply(page);
  }
  return sid;
}

async function deleteProject(page: Page, sid: string) {
  await openProject(page, sid);
  await page.getByTestId('delete-project').click();
  await page.getByTestId('delete-project-confirm').click();
  await page.getByTestId('project-heading').waitFor({ state: 'detached' });
}

async function enterActualAndProgress(page: Page, sid: string, actual: string, progress: string) {
  await openProject(page, sid);
  await page.getByTestId('cell-actual-2020').fill(actual);
  await page.getByTestId('cell-actual-2020').press('Enter');
  await page.getByTestId('year-tab-2020').click();
  await page.getByTestId('py-progress').fill(progress);
  await page.getByTestId('py-progress').blur();
  await saved(page);
}

async function received(page: Page) {
  return (await stored<{ id: string; direction: string }>(page, 'syncLog')).filter((r) => r.direction === 'received').map((r) => r.id);
}

describe('1: deleted here, edited there', () => {
  test('is one conflict with the file’s entries; restoring brings them back; undo deletes it again', async () => {
    const a = await profile('企画課 山田');
    const b = await profile('企画課 鈴木');
    const sid = await share(a, [b]);
    await deleteProject(a, sid);
    await enterActualAndProgress(b, sid, '9件', '9人が参加した。');
    const fromB = await exportFile(b, sid);
    const before = await state(a);
    expect(before).toMatchObject({ projectDeleted: true, kpiYearDeleted: true, yearDeleted: true });

    await preview(a, fromB);
    const conflict = a.getByTestId('conflict');
    expect(await conflict.count()).toBe(1);
    expect(await conflict.textContent()).toContain('削除したままにする');
    expect(await a.getByTestId('conflict-edit').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('9件'), expect.stringContaining('9人が参加した。')]),
    );
    await screenshot(a, 'merge-deleted-here-1024x768', { fullPage: true });
    await conflict.getByTestId('choose-theirs').check();
    await apply(a);
    expect(await state(a)).toMatchObject({ projectDeleted: false, kpiYearDeleted: false, yearDeleted: false, actual: 9, progress: '9人が参加した。' });
    await a.getByTestId('import-undo').click();
    await expect.poll(() => a.getByTestId('import-done').textContent()).toContain('元に戻しました');
    expect(await state(a)).toEqual(before);

    // Kept deleted instead: stays deleted, nothing of the file's entries is written.
    await preview(a, fromB);
    await a.getByTestId('conflict').getByTestId('choose-mine').check();
    await apply(a);
    expect(await state(a)).toEqual(before);
  });
});

describe('2: edited here, deleted there', () => {
  test('is a conflict, not a plain deletion; keeping it keeps the edit; undo restores', async () => {
    const a = await profile('企画課 山田');
    const b = await profile('企画課 鈴木');
    const c = await profile('企画課 田中');
    const sid = await share(a, [b, c]);
    await openProject(a, sid);
    await a.getByTestId('year-tab-2020').click();
    await a.getByTestId('py-progress').fill('ここで書いた進捗。');
    await a.getByTestId('py-progress').blur();
    await saved(a);
    await deleteProject(b, sid);
    const fromB = await exportFile(b, sid);
    // The deletion travels through a third profile first (another order of exchange).
    await preview(c, fromB);
    // c cannot tell which side changed (it never sent b anything): it asks, and takes b's.
    await c.getByTestId('all-theirs').click();
    await apply(c);
    const fromC = await exportFile(c, sid);
    const before = await state(a);

    await preview(a, fromC);
    expect(await a.getByTestId('removal').count()).toBe(0);
    const conflict = a.getByTestId('conflict');
    expect(await conflict.count()).toBe(1);
    expect(await conflict.textContent()).toContain('ファイルのとおり削除する');
    expect(await a.getByTestId('conflict-edit').allTextContents()).toEqual([expect.stringContaining('ここで書いた進捗。')]);
    await conflict.getByTestId('choose-mine').check();
    await apply(a);
    expect(await state(a)).toEqual(before);
    await a.getByTestId('import-undo').click();
    await expect.poll(() => a.getByTestId('import-done').textContent()).toContain('元に戻しました');
    expect(await state(a)).toEqual(before);

    await preview(a, fromC);
    await a.getByTestId('conflict').getByTestId('choose-theirs').check();
    await apply(a);
    expect(await state(a)).toMatchObject({ projectDeleted: true, yearDeleted: true, kpiYearDeleted: true });
  });
});

describe('3: a department’s return after planning deleted the project', () => {
  test('shows the department’s values and restores the project with them', async () => {
    const planning = await profile('企画課 山田', true);
    const dept = await profile('商工課 佐藤', true);
    const sid = await share(planning, [dept], '商工課');
    await enterActualAndProgress(dept, sid, '5件', '5件の相談に対応した。');
    const back = await exportFile(dept, sid);
    await deleteProject(planning, sid);
    const before = await state(planning);

    await preview(planning, back);
    expect(await planning.getByTestId('import-sender').textContent()).toContain('商工課 佐藤（商工課）');
    const conflict = planning.getByTestId('conflict');
    expect(await conflict.count()).toBe(1);
    expect(await planning.getByTestId('conflict-edit').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('5件'), expect.stringContaining('5件の相談に対応した。')]),
    );
    await planning.getByTestId('show-whole').first().click();
    await screenshot(planning, 'merge-department-deleted-768x1024', { fullPage: true });
    await conflict.getByTestId('choose-theirs').check();
    await apply(planning);
    expect(await state(planning)).toMatchObject({ projectDeleted: false, kpiYearDeleted: false, actual: 5, progress: '5件の相談に対応した。' });
    await planning.getByTestId('import-undo').click();
    await expect.poll(() => planning.getByTestId('import-done').textContent()).toContain('元に戻しました');
    expect(await state(planning)).toEqual(before);
  });
});

describe('4: applying a preview that has gone stale', () => {
  test('two tabs applying files that change different fields of one KPI year keep both', async () => {
    const a = await profile('企画課 山田');
    const b = await profile('企画課 鈴木');
    const c = await profile('企画課 田中');
    const sid = await share(a, [b, c]);
    await openProject(b, sid);
    await b.getByTestId('cell-actual-2020').fill('4242件');
    await b.getByTestId('cell-actual-2020').press('Enter');
    await saved(b);
    await openProject(c, sid);
    await c.getByTestId('cell-target-2020').fill('2000件');
    await c.getByTestId('cell-target-2020').press('Enter');
    await saved(c);
    const fromB = await exportFile(b, sid);
    const fromC = await exportFile(c, sid);

    const tab2 = await a.context().newPage();
    await tab2.goto(a.url());
    await preview(a, fromB);
    await preview(tab2, fromC);
    await apply(a);
    expect(await state(a)).toMatchObject({ actual: 4242 });
    await apply(tab2);
    expect(await state(a)).toMatchObject({ actual: 4242, target: 2000 });
  });

  test('a value typed in another tab between preview and apply is not overwritten: the apply stops with a fresh preview', async () => {
    const a = await profile('企画課 山田');
    const b = await profile('企画課 鈴木');
    const sid = await share(a, [b]);
    await enterActualAndProgress(b, sid, '1,900件', 'ファイルの進捗。');
    const fromB = await exportFile(b, sid);
    await preview(a, fromB);
    expect(await a.getByTestId('conflict').count()).toBe(0);

    const tab2 = await a.context().newPage();
    await tab2.goto(base(a));
    await openProject(tab2, sid);
    await tab2.getByTestId('year-tab-2020').click();
    await tab2.getByTestId('py-progress').fill('別のタブで入力した進捗。');
    await tab2.getByTestId('py-progress').blur();
    await saved(tab2);
    const typed = await state(a);

    await a.getByTestId('import-apply').click();
    await expect.poll(() => a.getByTestId('import-stale').textContent()).toContain('最新のデータで確認し直してください');
    await screenshot(a, 'merge-stale-1024x768', { fullPage: true });
    expect(await state(a)).toEqual(typed);
    const conflict = a.getByTestId('conflict');
    expect(await conflict.count()).toBe(1);
    expect(await conflict.textContent()).toContain('別のタブで入力した進捗。');
    await conflict.getByTestId('choose-mine').check();
    await apply(a);
    expect(await state(a)).toMatchObject({ progress: '別のタブで入力した進捗。', actual: 1900 });
  });
});

describe('5: undo forgets the file', () => {
  test('after undo the file imports again like the first time, and the next export does not name it', async () => {
    const a = await profile('企画課 山田');
    const b = await profile('企画課 鈴木');
    const sid = await share(a, [b]);
    await enterActualAndProgress(b, sid, '1,700件', 'Bの進捗。');
    const fromB = await exportFile(b, sid);
    const exportId = JSON.parse(await (await import('node:fs/promises')).readFile(fromB, 'utf8')).exportId as string;
    const before = { state: await state(a), received: await received(a) };

    await preview(a, fromB);
    const counts = await a.getByTestId('merge-counts').textContent();
    await apply(a);
    expect(await received(a)).toContain(exportId);
    await a.getByTestId('import-undo').click();
    await expect.poll(() => a.getByTestId('import-done').textContent()).toContain('元に戻しました');
    expect({ state: await state(a), received: await received(a) }).toEqual(before);

    await preview(a, fromB);
    expect(await a.getByTestId('import-preview-merge').textContent()).not.toContain('取り込み済み');
    expect(await a.getByTestId('merge-counts').textContent()).toBe(counts);
    await a.getByTestId('import-cancel').click();
    await a.getByTestId('import-cancelled').waitFor();
    const next = JSON.parse(await (await import('node:fs/promises')).readFile(await exportFile(a, sid), 'utf8'));
    expect(next.basedOn?.exportId ?? null).not.toBe(exportId);
  });
});

describe('6: the department copy', () => {
  test('edits only what travels back; the rest is read-only with a short reason', async () => {
    const planning = await profile('企画課 山田');
    const dept = await profile('商工課 佐藤', true);
    const sid = await share(planning, [dept], '商工課');
    await openProject(dept, sid);
    expect(await dept.getByTestId('project-name').isDisabled()).toBe(true);
    expect(await dept.getByTestId('project-number').isDisabled()).toBe(true);
    expect(await dept.getByTestId('add-kpi').isDisabled()).toBe(true);
    expect(await dept.getByTestId('delete-project').isDisabled()).toBe(true);
    expect(await dept.getByTestId('locked').first().textContent()).toContain('企画課が管理する項目です');
    expect(await dept.getByTestId('project-summary').isDisabled()).toBe(false);
    // A target is planning's: its cell is read-only, and the grid says why; the actual is taken.
    expect(await dept.getByTestId('cell-target-2020').getAttribute('readonly')).not.toBeNull();
    expect(await dept.getByTestId('cell-target-2020').getAttribute('title')).toContain('企画課が管理する目標値');
    expect(await dept.getByTestId('locked-targets').textContent()).toContain('実績値は入力できます');
    const target = await dept.getByTestId('cell-target-2020').inputValue();
    await dept.getByTestId('cell-target-2020').press('9');
    expect(await dept.getByTestId('cell-target-2020').inputValue()).toBe(target);
    await dept.getByTestId('cell-actual-2020').fill('1,234件');
    await dept.getByTestId('cell-actual-2020').press('Enter');
    await saved(dept);
    await screenshot(dept, 'department-copy-locked-768x1024');
    expect(await state(dept)).toMatchObject({ actual: 1234 });
    expect((await state(dept)).target).not.toBe(99);
    for (const e of errors) expect(e).toEqual([]);
  });
});
