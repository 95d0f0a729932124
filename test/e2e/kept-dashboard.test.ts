// The dashboard's head kept with a strategy (storage/kept-dashboard.ts) in the built app: after a
// strategy was open a while, a new tab paints its totals and goals' cards before the strategy's
// records are read; after any write the kept head is not shown (the totals wait for the records, or
// for a head kept since, which says the same as they do); and the page from the kept head becomes
// the page from the records without being drawn again.
//
// "Before the records are read" is made visible by holding every read of a strategy's records in
// the new tab (IndexedDB's `getAll` by strategy, the way the first part is read) until the test
// lets them go; the kept head is read from the settings table, which is not held.
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, screenshot, type BrowserContext, type Page } from './support/browser';
import { importFile, raiseActualInTab, strategyFile } from './support/big-strategy';
import { WorkbookView, type WorkbookRecords } from '../../src/domain/workbook';
import { formatPercent, rollUp } from '../../src/domain/achievement';
import { defaultYear } from '../../src/domain/achievement/dashboard';

let context: BrowserContext;
let page: Page;
let errors: string[];
let records: WorkbookRecords;
let view: WorkbookView;
let path: string;

beforeAll(async () => {
  ({ records, view, path } = await strategyFile({ goals: 5, projects: 40, kpis: 120, years: 6, seed: 23 }));
  ({ page, context, errors } = await openApp());
});

const base = () => page.url().replace(/#.*$/, '');
const dashboard = () => `${base()}#/s/${records.strategy.id}/dashboard`;

/** The kept row of the strategy as stored (null: none), read with IndexedDB in `tab`. */
function keptRow(tab: Page, sid: string): Promise<{ head: { total: { achievedShare: number | null } } } | null> {
  return tab.evaluate(
    (sid) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('senryaku-workbook');
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('settings', 'readonly').objectStore('settings').get(`keptDashboard:${sid}`);
          req.onsuccess = () => {
            db.close();
            resolve((req.result as { value?: unknown } | undefined)?.value ?? null);
          };
          req.onerror = () => reject(req.error);
        };
        open.onerror = () => reject(open.error);
      }),
    sid,
  ) as never;
}

/** A new tab whose reads of a strategy's records are held until `release()`. */
async function heldTab(url: string): Promise<{ tab: Page; release: () => Promise<void> }> {
  const tab = await context.newPage();
  await tab.addInitScript(() => {
    const w = window as unknown as { releaseReads: () => void; heldReads: number };
    const held = new Promise<void>((resolve) => (w.releaseReads = resolve));
    w.heldReads = 0;
    const getAll = IDBIndex.prototype.getAll;
    IDBIndex.prototype.getAll = function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
      const req = getAll.apply(this, args);
      if (this.name !== 'strategyId') return req;
      w.heldReads++;
      // The handler set for this request runs once the test lets the reads go.
      let handler: ((e: Event) => void) | null = null;
      Object.defineProperty(req, 'onsuccess', {
        get: () => handler,
        set: (f: ((e: Event) => void) | null) => {
          handler = f;
          req.addEventListener('success', (e) => void held.then(() => f?.call(req, e)));
        },
      });
      return req;
    };
  });
  await tab.goto(url, { waitUntil: 'commit' });
  return { tab, release: () => tab.evaluate(() => (window as unknown as { releaseReads: () => void }).releaseReads()) };
}

describe('the dashboard kept with a strategy', () => {
  const fy = () => defaultYear(view);

  test('is kept a while after the strategy was opened', async () => {
    await importFile(page, path);
    await page.goto(dashboard());
    await page.getByTestId('dash-summary').waitFor();
    await expect.poll(() => keptRow(page, records.strategy.id), { timeout: 20_000 }).not.toBeNull();
    const kept = (await keptRow(page, records.strategy.id))!;
    expect(kept.head.total.achievedShare).toBe(rollUp(view, fy()).strategy.achievedShare);
  });

  test('a new tab paints the kept totals and goals before the records are read, then the same page from them', async () => {
    const want = rollUp(view, fy());
    const { tab, release } = await heldTab(dashboard());
    try {
      await tab.getByTestId('dash-summary').waitFor();
      // Drawn while the records were held: the totals and every goal's card, no list, no outline.
      expect(await tab.evaluate(() => (window as unknown as { heldReads: number }).heldReads)).toBeGreaterThan(0);
      expect((await tab.getByTestId('dash-share').textContent())!.trim()).toBe(formatPercent(want.strategy.achievedShare!));
      await expect.poll(() => tab.getByTestId('dash-goal').count()).toBe(view.goals.length);
      const goalShares = await tab.getByTestId('goal-share').allTextContents();
      expect(await tab.getByTestId('dash-row').count()).toBe(0);
      expect(await tab.getByTestId('nav-dashboard').count()).toBe(0);
      expect(await tab.getByTestId('goal-expand').first().isDisabled()).toBe(true);
      await tab.setViewportSize({ width: 768, height: 1024 });
      expect(await tab.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await screenshot(tab, 'dashboard-kept-768x1024');
      await tab.setViewportSize({ width: 1024, height: 768 });
      await screenshot(tab, 'dashboard-kept-1024x768');
      // The summary drawn from the kept head is the one the records update: not drawn again.
      await tab.evaluate(() => ((document.querySelector('[data-testid="dash-summary"]') as HTMLElement & { keptMark?: boolean }).keptMark = true));
      await release();
      await expect.poll(() => tab.getByTestId('dash-row').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await tab.getByTestId('nav-dashboard').waitFor();
      expect((await tab.getByTestId('dash-share').textContent())!.trim()).toBe(formatPercent(want.strategy.achievedShare!));
      expect(await tab.evaluate(() => (document.querySelector('[data-testid="dash-summary"]') as HTMLElement & { keptMark?: boolean }).keptMark)).toBe(true);
      expect(await tab.getByTestId('goal-expand').first().isDisabled()).toBe(false);
      // Every goal's card says after the read what it said from the kept head.
      expect(await tab.getByTestId('goal-share').allTextContents()).toEqual(goalShares);
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  test('after an edit, no tab shows the head kept before it', async () => {
    const before = rollUp(view, fy());
    // The edit, in a tab of its own; the dashboard tab stays open (it keeps the head again later).
    const { after: changed } = await raiseActualInTab(context, base(), records, fy());
    const after = rollUp(new WorkbookView(changed), fy());
    const oldShare = formatPercent(before.strategy.achievedShare!);
    const newShare = formatPercent(after.strategy.achievedShare!);
    expect(newShare).not.toBe(oldShare);

    // At once: the records are held, and the head kept before the edit is not shown. Either the
    // totals wait, or a head kept after the edit is shown, which says what the records say.
    const { tab, release } = await heldTab(dashboard());
    try {
      const seen = new Set<string>();
      for (let i = 0; i < 15; i++) {
        const share = tab.getByTestId('dash-share');
        if (await share.count()) seen.add((await share.textContent())!.trim());
        await tab.waitForTimeout(100);
      }
      expect(seen.has(oldShare)).toBe(false);
      for (const s of seen) expect(s).toBe(newShare);
      await release();
      await expect.poll(() => tab.getByTestId('dash-share').textContent(), { timeout: 20_000 }).toBe(newShare);
    } finally {
      await tab.close();
    }

    // Kept again once the records settle: a new tab shows the new totals from it, before the records.
    await expect.poll(async () => (await keptRow(page, records.strategy.id))?.head.total.achievedShare, { timeout: 20_000 }).toBe(after.strategy.achievedShare);
    const next = await heldTab(dashboard());
    try {
      await next.tab.getByTestId('dash-summary').waitFor();
      expect((await next.tab.getByTestId('dash-share').textContent())!.trim()).toBe(newShare);
      expect(await next.tab.getByTestId('dash-row').count()).toBe(0);
      await next.release();
    } finally {
      await next.tab.close();
    }
    expect(errors).toEqual([]);
  });
});
