// Nothing lost, in the built app: automatic snapshots browsed and restored from the settings (and
// the restore undone), the backup reminder and its one tap to the export screen, an emptied
// browser storage noticed and explained with the way back, a full device reported while the
// edit in hand is kept, and two tabs editing at once losing no update.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { appURL, openApp, screenshot, type Page } from './support/browser';
import { typeInto } from './support/typing';

const dir = mkdtempSync(join(tmpdir(), 'safety-e2e-'));

const PROJECT = /関市ビジネスサポートセンター事業/;

async function startWithSample(page: Page): Promise<string> {
  await page.getByTestId('editor-name').fill('企画課 山田');
  await page.getByTestId('open-sample').click();
  await page.getByRole('heading', { level: 1, name: /第2期関市まち・ひと・しごと創生総合戦略/ }).waitFor();
  return page.url().split('#/s/')[1]!.split('/')[0]!;
}

async function openProject(page: Page, name: RegExp) {
  const toggle = page.getByTestId('nav-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.getByTestId('nav-project').filter({ hasText: name }).first().click();
  await page.getByTestId('project-heading').filter({ hasText: name }).waitFor();
}

async function saved(page: Page) {
  await expect.poll(() => page.getByTestId('save-indicator').textContent(), { timeout: 10_000 }).toContain('保存済み');
}

async function setActual(page: Page, year: number, value: string) {
  const cell = page.getByTestId(`cell-actual-${year}`).first();
  await typeInto(cell, value);
  await saved(page);
  await expect.poll(() => cell.inputValue()).toBe(value);
}

const base = (page: Page) => page.url().replace(/#.*$/, '');

describe('automatic snapshots', () => {
  test('are listed in the settings with date, size and counts; a restore puts the data back and is undoable', async () => {
    const { page, errors } = await openApp();
    const sid = await startWithSample(page);
    // The first snapshot is taken when the strategy is created: the sample as it was.
    await page.goto(`${base(page)}#/settings`);
    const snapshots = page.getByTestId('snapshot');
    await expect.poll(() => snapshots.count(), { timeout: 10_000 }).toBe(1);
    await page.goto(`${base(page)}#/s/${sid}`);
    await openProject(page, PROJECT);
    await setActual(page, 2020, '1,900件');
    // Within 10 minutes of it: no new snapshot.
    await page.goto(`${base(page)}#/settings`);
    await page.waitForTimeout(2000);
    expect(await snapshots.count()).toBe(1);
    expect(await snapshots.first().getByTestId('snapshot-counts').textContent()).toMatch(/基本目標4・事業10・KPI10・年度の記録\d+ ・ \d+ KB/);
    expect(await snapshots.first().getByTestId('snapshot-time').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/);
    await screenshot(page, 'settings-snapshots-1024x768', { fullPage: true });

    // A second tab shows the project while the first restores.
    const other = await page.context().newPage();
    await other.goto(`${base(page)}#/s/${sid}`);
    await openProject(other, PROJECT);
    await expect.poll(() => other.getByTestId('cell-actual-2020').first().inputValue()).toBe('1,900件');

    await snapshots.last().getByTestId('snapshot-restore').click();
    await snapshots.last().getByTestId('snapshot-restore-confirm').click();
    await page.getByTestId('restore-undo').waitFor();
    await expect.poll(() => other.getByTestId('cell-actual-2020').first().inputValue()).toBe('1,823件');
    // The state it replaced is kept as a snapshot of its own.
    await expect.poll(() => page.locator('[data-testid="snapshot"][data-reason="beforeRestore"]').count()).toBe(1);

    // The offer stays while the person looks at the restored data.
    await page.goto(`${base(page)}#/s/${sid}`);
    await page.goto(`${base(page)}#/settings`);
    await page.getByTestId('restore-undo').click();
    await expect.poll(() => page.getByTestId('snapshot-message').textContent()).toContain('復元を取り消し');
    await expect.poll(() => other.getByTestId('cell-actual-2020').first().inputValue()).toBe('1,900件');
    await other.reload();
    await other.getByTestId('project-heading').waitFor();
    await expect.poll(() => other.getByTestId('cell-actual-2020').first().inputValue()).toBe('1,900件');
    expect(errors).toEqual([]);
  });
});

describe('backup reminder', () => {
  test('a quiet banner after 7 days without an export; 「あとで」 hides it, one tap opens the export screen', async () => {
    const { page, errors } = await openApp();
    const sid = await startWithSample(page);
    await openProject(page, PROJECT);
    await setActual(page, 2020, '1,850件');
    expect(await page.getByTestId('backup-reminder').count()).toBe(0);

    // A week later, one more change.
    await page.clock.setSystemTime(Date.now() + 8 * 24 * 60 * 60 * 1000);
    await setActual(page, 2021, '1,700件');
    const banner = page.getByTestId('backup-reminder');
    await banner.waitFor();
    expect(await page.getByTestId('backup-reminder-text').textContent()).toMatch(/[78]日間ファイルに書き出していません（変更\d+件）/);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'backup-reminder-1024x768');

    await page.getByTestId('backup-later').click();
    await expect.poll(() => banner.count()).toBe(0);
    await page.reload();
    await page.getByTestId('project-heading').waitFor();
    await setActual(page, 2022, '1,750件');
    expect(await banner.count()).toBe(0);

    // Another week: it comes back; one tap goes to the export screen.
    await page.clock.setSystemTime(Date.now() + 16 * 24 * 60 * 60 * 1000);
    await setActual(page, 2020, '1,860件');
    await banner.waitFor();
    await page.getByTestId('backup-export').click();
    await page.getByTestId('export-create').waitFor();
    expect(page.url()).toContain(`#/s/${sid}/export`);
    expect(await banner.count()).toBe(0);
    await page.getByTestId('export-create').click();
    await page.getByTestId('export-result').waitFor();
    await page.goto(`${base(page)}#/s/${sid}`);
    await openProject(page, PROJECT);
    await setActual(page, 2021, '1,710件');
    expect(await banner.count()).toBe(0);
    // The settings say when the last export was.
    await page.goto(`${base(page)}#/settings`);
    expect(await page.getByTestId('backup-last').first().textContent()).toMatch(/最後の書き出し: .*関市.*\.json/);
    expect(errors).toEqual([]);
  });
});

describe('lost storage', () => {
  test('an emptied IndexedDB is explained in Japanese with the way back, and importing the last export restores it', async () => {
    const { page, errors } = await openApp();
    const sid = await startWithSample(page);
    await openProject(page, PROJECT);
    await setActual(page, 2020, '1,901件');
    await page.getByTestId('nav-export').click();
    await page.getByTestId('export-create').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const exported = join(dir, 'last-export.json');
    await download.saveAs(exported);
    const fileName = (await page.getByTestId('export-file-name').textContent())!;

    // The browser drops the site's database (eviction); localStorage is left.
    const deleted = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const req = indexedDB.deleteDatabase('senryaku-workbook');
          req.onsuccess = () => resolve('deleted');
          req.onerror = () => resolve('error');
        }),
    );
    expect(deleted).toBe('deleted');
    await page.goto(base(page));
    const notice = page.getByTestId('loss-notice');
    await notice.waitFor();
    const text = (await notice.textContent())!;
    expect(text).toContain('保存されていた戦略が見つかりません');
    expect(text).toContain('第2期関市まち・ひと・しごと創生総合戦略');
    expect(text).toContain('7日間');
    expect(text).toContain('ホーム画面に追加したアプリは、保存場所が別々');
    expect(text).toContain('最後に書き出したファイルを「ファイルを取り込む」で取り込んでください');
    expect(await page.getByTestId('loss-files').textContent()).toContain(fileName);
    await screenshot(page, 'loss-notice-1024x768', { fullPage: true });

    await page.getByTestId('loss-import').click();
    await page.getByTestId('import-file').setInputFiles(exported);
    await page.getByTestId('import-preview-new').waitFor();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-done').waitFor();
    await expect.poll(() => notice.count()).toBe(0);
    await page.goto(`${base(page)}#/s/${sid}`);
    await openProject(page, PROJECT);
    await expect.poll(() => page.getByTestId('cell-actual-2020').first().inputValue()).toBe('1,901件');
    expect(errors).toEqual([]);
  });
});

describe('a full device', () => {
  /** Fills what is left of the (test-sized) quota with a database of the test's own. */
  async function fillStorage(page: Page): Promise<void> {
    for (let chunk = 4_000_000, tries = 0; chunk > 16_000 && tries < 40; tries++) {
      const result = await page.evaluate(
        (bytes) =>
          new Promise<string>((resolve) => {
            const req = indexedDB.open('test-filler', 1);
            req.onupgradeneeded = () => req.result.createObjectStore('s');
            req.onsuccess = () => {
              const db = req.result;
              const tx = db.transaction('s', 'readwrite');
              // Random bytes: zeros would be compressed away.
              const data = new Uint8Array(bytes);
              for (let i = 0; i < bytes; i += 65_536) crypto.getRandomValues(data.subarray(i, Math.min(bytes, i + 65_536)));
              tx.objectStore('s').put(data, Math.random());
              tx.oncomplete = () => (db.close(), resolve('ok'));
              tx.onabort = () => (db.close(), resolve(tx.error?.name ?? 'abort'));
            };
          }),
        chunk,
      );
      if (result !== 'ok') chunk = Math.floor(chunk / 2);
    }
  }

  test('QuotaExceededError is reported in Japanese; the edit is kept and saved once there is room', async () => {
    const { page, context, errors } = await openApp({ blank: true, allowErrors: /QuotaExceeded|quota/i });
    // A small quota for the app's origin (set before the storage is first opened).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(appURL()).origin, quotaSize: 8_000_000 });
    await page.goto(appURL(), { waitUntil: 'load' });
    await startWithSample(page);
    await openProject(page, PROJECT);
    await page.getByTestId('year-tab-2020').click();
    await fillStorage(page);

    const progress = page.getByTestId('py-progress');
    const text = `満杯の端末で書いた進捗。${'相談会を開催し、事業者の声を集めた。'.repeat(3000)}`;
    await progress.fill(text);
    await progress.blur();
    const problem = page.getByTestId('save-problem');
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.getAttribute('data-kind')).toBe('quota');
    expect(await problem.textContent()).toContain('端末の保存容量が足りません');
    expect(await problem.textContent()).toContain('入力した内容は消えていません');
    expect(await page.getByTestId('save-indicator').textContent()).toContain('保存できませんでした');
    expect(await page.getByRole('alert').first().textContent()).toContain('端末の保存容量が不足しています');
    // The edit in hand is in the journal (localStorage), not lost, and still on screen.
    expect(await page.evaluate(() => localStorage.getItem('senryaku-workbook:pending-writes') ?? '')).toContain('満杯の端末で書いた進捗');
    expect(await progress.inputValue()).toBe(text);
    await screenshot(page, 'save-problem-quota-1024x768');

    // Room is made (here: the filler goes), and 「もう一度保存する」 writes it.
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const req = indexedDB.deleteDatabase('test-filler');
          req.onsuccess = req.onerror = resolve;
        }),
    );
    await page.getByTestId('save-retry').click();
    await expect.poll(() => problem.count()).toBe(0);
    await saved(page);
    expect(await page.evaluate(() => localStorage.getItem('senryaku-workbook:pending-writes'))).toBeNull();
    await page.reload();
    await page.getByTestId('project-heading').waitFor();
    await page.getByTestId('year-tab-2020').click();
    await expect.poll(() => page.getByTestId('py-progress').inputValue()).toBe(text);
    expect(errors.filter((e) => !/QuotaExceeded|quota/i.test(e))).toEqual([]);
  });
});

describe('two tabs', () => {
  test('editing at once loses no update, and each shows the other\'s changes', async () => {
    const { page: a, context, errors } = await openApp();
    const sid = await startWithSample(a);
    const b = await context.newPage();
    await b.goto(`${base(a)}#/s/${sid}`);
    await openProject(a, PROJECT);
    await openProject(b, PROJECT);
    await a.getByTestId('year-tab-2020').click();
    await b.getByTestId('year-tab-2020').click();

    // Different fields of the same project, typed in both tabs at the same time …
    const nameA = a.getByTestId('project-name');
    const progressB = b.getByTestId('py-progress');
    await Promise.all([
      (async () => {
        await nameA.fill('関市ビジネスサポートセンター事業（タブA）');
        await nameA.blur();
      })(),
      (async () => {
        await progressB.fill('タブBで書いた進捗');
        await progressB.blur();
      })(),
    ]);
    // … and two years of the same KPI.
    await Promise.all([setActual(a, 2021, '1,777件'), setActual(b, 2022, '1,888件')]);
    await saved(a);
    await saved(b);

    for (const page of [a, b]) {
      await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('関市ビジネスサポートセンター事業（タブA）');
      await expect.poll(() => page.getByTestId('py-progress').inputValue()).toBe('タブBで書いた進捗');
      await expect.poll(() => page.getByTestId('cell-actual-2021').first().inputValue()).toBe('1,777件');
      await expect.poll(() => page.getByTestId('cell-actual-2022').first().inputValue()).toBe('1,888件');
    }
    await a.reload();
    await openProject(a, /タブA/);
    await a.getByTestId('year-tab-2020').click();
    // The project opens on the evaluation year; the 2020 tab and the yearly records arrive after the tap and the first paint.
    await expect.poll(() => a.getByTestId('py-progress').inputValue()).toBe('タブBで書いた進捗');
    await expect.poll(() => a.getByTestId('cell-actual-2022').first().inputValue()).toBe('1,888件');
    expect(errors).toEqual([]);
  });
});
