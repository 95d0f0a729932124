// Two tabs, two builds: the served build is replaced by a newer one while a tab of the older one is
// open. A page of the new build opened meanwhile neither writes nor offers itself as new; one tap
// brings the tabs to the new build; a tab that stayed on the old one cannot write any more and
// loses nothing of what it typed; the strategy exports throughout, also after a tab of a build
// before compact stamps saved a record in the old shape.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { appURL, openApp, screenComes, screenshot, waitForServiceWorker, type App, type BrowserContext } from './support/browser';

const root = fileURLToPath(new URL('../../', import.meta.url));
const distDir = inject('distDir');
const work = mkdtempSync(join(tmpdir(), 'e2e-update-tabs-'));
const backup = join(work, 'current');
const nextBuild = join(work, 'next');
/** The one profile both tests use (the second test's tabs join the first test's). */
let app: App;
let context: BrowserContext;
/** The project screen the tests type in. */
let projectUrl = '';

/** A tab of a build before compact field stamps: it saves a goal with its stamps spread into an object. */
const OLD_TAB = `<!doctype html><meta charset="utf-8"><title>old tab</title><link rel="icon" href="data:,"><script>
window.oldWrite = () => new Promise((resolve, reject) => {
  const open = indexedDB.open('senryaku-workbook');
  open.onerror = () => reject(String(open.error));
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction('goals', 'readwrite');
    const store = tx.objectStore('goals');
    const all = store.getAll();
    all.onsuccess = () => {
      const goal = all.result.sort((a, b) => a.order - b.order)[0];
      const at = new Date().toISOString();
      const next = { ...goal, title: goal.title + '（古いタブ）', stamps: { ...goal.stamps, title: { at, by: '古いタブ 田中' } }, updatedAt: at, updatedBy: '古いタブ 田中', rev: goal.rev + 1 };
      store.put(next);
      tx.oncomplete = () => { db.close(); resolve({ id: goal.id, stamps: next.stamps }); };
    };
  };
});
</script>`;

beforeAll(async () => {
  // The newer build: the same code under another build id.
  const env: NodeJS.ProcessEnv = { ...process.env, APP_BUILD_ID: 'next-build' };
  delete env.NODE_ENV;
  delete env.VITEST;
  delete env.TEST;
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', nextBuild, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the newer build failed');
  cpSync(distDir, backup, { recursive: true });
  writeFileSync(join(distDir, 'old-tab.html'), OLD_TAB);
  app = await openApp();
  context = app.context;
}, 180_000);

afterAll(async () => {
  // The served folder as it was, for the other tests.
  rmSync(distDir, { recursive: true, force: true });
  cpSync(backup, distDir, { recursive: true });
  rmSync(work, { recursive: true, force: true });
});

const buildOf = (page: Page) => page.evaluate(() => document.documentElement.dataset['build'] ?? '');

/** Waits for the project screen; if it does not come, says what the tab shows instead. */
const projectScreen = (page: Page) => screenComes(page, page.getByTestId('project-heading'));

/** A tab that loads from the network, not from the service worker (a reload that bypasses the cache). */
async function openBypassingWorker(path: string): Promise<{ page: Page }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setBypassServiceWorker', { bypass: true });
  await page.goto(appURL(path), { waitUntil: 'load' });
  return { page };
}

async function exportStrategy(page: Page): Promise<{ records: { goals: { id: string; title: string; stamps: Record<string, { by: string }> }[] } }> {
  await page.getByTestId('nav-export').click();
  await page.getByTestId('export-create').click();
  await page.getByTestId('export-file-name').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const path = join(work, `export-${Date.now()}.json`);
  await download.saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('an update with two tabs and two builds', () => {
  test('the new page waits for the tap, one tap updates the tabs, the old tab cannot write and loses nothing, export works throughout', async () => {
    const { page: first, errors } = app; // errors: of every tab of the profile
    await first.getByTestId('editor-name').fill('企画課 山田');
    await first.getByTestId('open-sample').click();
    await first.getByTestId('nav-project').filter({ hasText: '空き家バンク事業' }).click();
    await first.getByTestId('project-heading').waitFor();
    await waitForServiceWorker(first);
    await first.getByTestId('project-heading').waitFor();
    projectUrl = first.url();
    const currentBuild = await buildOf(first);
    expect(currentBuild).not.toBe('next-build');

    // A tab of a build before compact stamps saves a goal in its shape; the strategy still exports.
    const old = await openBypassingWorker('old-tab.html');
    const written = await old.page.evaluate(() => (window as unknown as { oldWrite: () => Promise<{ id: string; stamps: Record<string, unknown> }> }).oldWrite());
    expect(Object.keys(written.stamps)).toContain('0'); // the compact array spread into an object
    await old.page.close();
    const before = await exportStrategy(first);
    const repaired = before.records.goals.find((g) => g.id === written.id)!;
    expect(repaired.title).toContain('（古いタブ）');
    expect(repaired.stamps['title']?.by).toBe('古いタブ 田中');
    expect(Object.keys(repaired.stamps)).not.toContain('0');
    await first.goto(appURL('#/settings'));
    await first.getByTestId('repaired-entry').first().waitFor();
    expect(await first.getByTestId('repaired-entry').count()).toBe(1);
    await first.getByTestId('repaired-records').scrollIntoViewIfNeeded();
    await screenshot(first, 'settings-repaired-1024x768');
    await first.goto(projectUrl);
    await first.getByTestId('project-heading').waitFor();

    // The server now has the newer build; a page of it opens before anyone accepted the update.
    cpSync(nextBuild, distDir, { recursive: true });
    const second = await openBypassingWorker('');
    expect(await buildOf(second.page)).toBe('next-build');
    const held = second.page.getByTestId('held-prompt');
    await held.waitFor({ timeout: 20_000 });
    await screenshot(second.page, 'update-held-1024x768');
    await second.page.setViewportSize({ width: 768, height: 1024 });
    await screenshot(second.page, 'update-held-768x1024');
    await second.page.setViewportSize({ width: 1024, height: 768 });
    expect(await second.page.getByTestId('update-prompt').count()).toBe(0);
    // It has taken nothing over: the database still names the current build.
    const openedBy = (page: Page) =>
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const open = indexedDB.open('senryaku-workbook');
            open.onsuccess = () => {
              const get = open.result.transaction('settings').objectStore('settings').get('openedBy');
              get.onsuccess = () => {
                open.result.close();
                resolve((get.result?.value?.build as string) ?? '');
              };
            };
          }),
      );
    expect(await openedBy(second.page)).toBe(currentBuild);

    // The first tab keeps what it types; it stays on its page when asked to leave (a person who
    // answers "stay"), so that it is still the old build after the update.
    await first.evaluate(() => {
      window.addEventListener('beforeunload', (e) => {
        if ((window as unknown as { stay?: boolean }).stay === false) return;
        e.preventDefault();
        e.returnValue = '';
      });
    });
    first.on('dialog', (d) => void d.dismiss());
    const progress = first.getByTestId('py-progress');
    await progress.click();
    await progress.press('End');
    await progress.pressSequentially('更新前の入力');

    // One tap in the new page updates.
    await Promise.all([second.page.waitForEvent('load', { timeout: 30_000 }), held.getByRole('button', { name: '更新する' }).click()]);
    await expect.poll(() => buildOf(second.page), { timeout: 20_000 }).toBe('next-build');
    await expect.poll(() => openedBy(second.page), { timeout: 20_000 }).toBe('next-build');
    await expect.poll(() => second.page.getByTestId('held-prompt').count()).toBe(0);

    // The old tab, still on the old build, cannot write any more; what it types is kept.
    expect(await buildOf(first)).toBe(currentBuild);
    const outdated = first.getByTestId('outdated-prompt');
    await outdated.waitFor({ timeout: 20_000 });
    await progress.pressSequentially('、更新後の入力');
    await progress.blur();
    await expect.poll(() => first.evaluate(() => localStorage.getItem('senryaku-workbook:pending-writes') ?? '')).toContain('更新前の入力、更新後の入力');
    await screenshot(first, 'update-outdated-1024x768');
    await second.page.goto(projectUrl);
    await second.page.getByTestId('project-heading').waitFor();
    expect(await second.page.getByTestId('py-progress').inputValue()).not.toContain('更新後の入力');

    // One tap there too: it reloads on the new build, and what it typed is saved.
    await first.evaluate(() => ((window as unknown as { stay?: boolean }).stay = false));
    await Promise.all([first.waitForEvent('load', { timeout: 30_000 }), outdated.getByRole('button', { name: '再読み込みする' }).click()]);
    await expect.poll(() => buildOf(first), { timeout: 20_000 }).toBe('next-build');
    await first.getByTestId('project-heading').waitFor();
    await expect.poll(() => first.getByTestId('py-progress').inputValue(), { timeout: 20_000 }).toContain('更新前の入力、更新後の入力');
    await expect.poll(() => first.evaluate(() => localStorage.getItem('senryaku-workbook:pending-writes'))).toBeNull();
    await second.page.reload();
    await expect.poll(() => second.page.getByTestId('py-progress').inputValue(), { timeout: 20_000 }).toContain('更新前の入力、更新後の入力');

    // Export works on the new build, with the repaired goal and the saved text.
    const after = await exportStrategy(first);
    expect(after.records.goals.find((g) => g.id === written.id)?.stamps['title']?.by).toBe('古いタブ 田中');
    expect(JSON.stringify(after)).toContain('更新前の入力、更新後の入力');
    expect(errors).toEqual([]);
  });

  test('accepting an update in one tab reloads every tab on it, after each saved what it was typing', async () => {
    const { errors } = app; // of every tab of the profile
    // Each tab opens at the project's address itself. (Opened at the start address, the app may
    // still be taking the profile back to the last screen, the first tab's export screen, while
    // the test moves the tab on to the project.)
    const a = await app.tab(projectUrl);
    const b = { page: await app.tab(projectUrl) };
    for (const p of [a, b.page]) {
      await projectScreen(p);
      await waitForServiceWorker(p);
      await projectScreen(p);
      await p.evaluate(() => ((window as unknown as { marker: string }).marker = 'before'));
    }
    // The server has a new version of the worker; tab b is typing.
    const sw = join(distDir, 'sw.js');
    writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// another version\n`);
    const summary = b.page.getByTestId('py-summary');
    await summary.click();
    await summary.pressSequentially('別のタブで入力中');
    await a.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = a.getByTestId('update-prompt');
    await prompt.waitFor({ timeout: 20_000 });
    await Promise.all([
      a.waitForEvent('load', { timeout: 30_000 }),
      b.page.waitForEvent('load', { timeout: 30_000 }),
      prompt.getByRole('button', { name: '更新する' }).click(),
    ]);
    for (const p of [a, b.page]) {
      // Every tab reloaded at once, and each reopens its screen (no tab took another's start for a failure).
      await projectScreen(p);
      expect(await p.evaluate(() => (window as unknown as { marker?: string }).marker)).toBeUndefined();
      await expect.poll(() => p.getByTestId('py-summary').inputValue(), { timeout: 20_000 }).toContain('別のタブで入力中');
      expect(await p.getByTestId('update-prompt').count()).toBe(0);
    }
    expect(errors).toEqual([]);
  });
});
