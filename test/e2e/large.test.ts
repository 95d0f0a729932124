// A big strategy in the built app (issue 7, "long lists stay smooth"): a generated strategy of 500
// KPIs is imported from a file; the dashboard shows the first part of its long lists with the
// count and buttons for the rest, and every number still agrees with the engine; an edit in one
// tab reaches the dashboard open in another tab (records are patched, not read again whole); a new
// tab, offline, reads the rest of the strategy (the yearly project records) in the reader worker.
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, screenshot, waitForServiceWorker, type BrowserContext, type Page } from './support/browser';
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
  ({ records, view, path } = await strategyFile({ goals: 6, projects: 150, kpis: 500, years: 8, seed: 11 }));
  ({ page, context, errors } = await openApp());
});

const base = () => page.url().replace(/#.*$/, '');

describe('a strategy of 500 KPIs', () => {
  test('imports from a file', async () => {
    await importFile(page, path);
  });

  test('the dashboard shows the first part of each long list, the counts, and the rest on request', async () => {
    await page.goto(`${base()}#/s/${records.strategy.id}/dashboard`);
    await page.getByTestId('dash-summary').waitFor();
    const fy = defaultYear(view);
    const want = rollUp(view, fy);
    const kpiCount = view.goals.reduce((n, g) => n + view.goalKpis(g.id).length + view.projectsOf(g.id).reduce((m, p) => m + view.kpisOf(p.id).length, 0), 0);
    expect(kpiCount).toBe(500);
    expect((await page.getByTestId('dash-share').textContent())!.trim()).toBe(formatPercent(want.strategy.achievedShare!));
    const behind = want.strategy.notAchievedIds.length;
    expect(behind).toBeGreaterThan(60);

    // The full table: 50 rows, then 50 more, then all. The lists are drawn after the totals, with
    // no tap: once near the viewport or when the page is idle.
    const rows = page.getByTestId('dash-row');
    await expect.poll(() => rows.count()).toBe(50);
    await expect.poll(() => page.getByTestId('rows-more').textContent()).toContain(`500件のうち50件`);
    await page.getByTestId('rows-more-next').click();
    await expect.poll(() => rows.count()).toBe(100);
    await page.getByTestId('rows-more').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-large-more-1024x768');
    await page.getByTestId('rows-more-all').click();
    await expect.poll(() => rows.count()).toBe(500);
    expect(await page.getByTestId('rows-more').count()).toBe(0);

    // What is behind: 30 first, every one on request, as many as the engine counts.
    const items = page.getByTestId('behind-item');
    await expect.poll(() => items.count()).toBe(30);
    await page.getByTestId('behind-more-all').click();
    await expect.poll(() => items.count()).toBe(behind);
    await screenshot(page, 'dashboard-large-1024x768');

    // A goal's KPI list: 50 first.
    await page.getByTestId('goal-expand').first().click();
    const firstGoal = view.goals[0]!;
    const inGoal = view.goalKpis(firstGoal.id).length + view.projectsOf(firstGoal.id).reduce((m, p) => m + view.kpisOf(p.id).length, 0);
    expect(inGoal).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('goal-more').first().textContent()).toContain(`${inGoal}件のうち50件`);
    expect(errors).toEqual([]);
  });

  test('an actual edited in another tab reaches the open dashboard without a reload', async () => {
    const fy = defaultYear(view);
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
    // A KPI of a project that is behind in that year; its actual becomes far better than any target.
    const { after } = await raiseActualInTab(context, base(), records, fy);
    const want = rollUp(new WorkbookView(after), fy);
    await expect.poll(() => page.getByTestId('dash-share').textContent()).toBe(formatPercent(want.strategy.achievedShare!));
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
    expect(errors).toEqual([]);
  });

  test('a new tab, offline, reads the rest of the strategy in the reader worker', async () => {
    await waitForServiceWorker(page);
    const shown = (await page.getByTestId('dash-share').textContent())!;
    await context.setOffline(true);
    const tab = await context.newPage(); // its errors are the profile's `errors`
    // Every IndexedDB read the page itself makes, by table (the worker's reads are not the page's).
    await tab.addInitScript(() => {
      const reads: string[] = [];
      (window as unknown as { reads: string[] }).reads = reads;
      for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as const) {
        for (const name of ['get', 'getAll', 'openCursor'] as const) {
          const original = proto[name] as (...a: unknown[]) => IDBRequest;
          (proto as unknown as Record<string, unknown>)[name] = function (this: IDBObjectStore | IDBIndex, ...a: unknown[]) {
            reads.push('objectStore' in this ? this.objectStore.name : this.name);
            return original.apply(this, a);
          };
        }
      }
    });
    try {
      await tab.goto(`${base()}#/s/${records.strategy.id}/dashboard`);
      await expect.poll(() => tab.getByTestId('dash-share').textContent(), { timeout: 30_000 }).toBe(shown);
      // A project's page needs the rest (the yearly project records): also read by the worker.
      await tab.goto(`${base()}#/s/${records.strategy.id}/project/${records.projects[0]!.id}`);
      await tab.getByTestId('project-year-panel').waitFor();
      const reads = await tab.evaluate(() => (window as unknown as { reads: string[] }).reads);
      // The quick first part is read by the page (it waits for it); the rest, the yearly project
      // records, by the worker.
      expect(reads).toContain('kpiYears');
      expect(reads).not.toContain('projectYears');
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
      await context.setOffline(false);
    }
  });

  test('the outline lists every project: the branches out of sight are drawn without a tap', async () => {
    await page.goto(`${base()}#/s/${records.strategy.id}/dashboard`);
    await page.getByTestId('dash-summary').waitFor();
    const projects = view.goals.reduce((n, g) => n + view.projectsOf(g.id).length, view.directProjects.length);
    expect(projects).toBe(150);
    await expect.poll(() => page.getByTestId('nav-project').count()).toBe(projects);
    // Upright on a tablet, once everything is drawn, nothing reaches past the screen's width.
    await page.setViewportSize({ width: 768, height: 1024 });
    await expect.poll(() => page.getByTestId('dash-row').count()).toBe(50);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await screenshot(page, 'dashboard-large-768x1024');
    await page.setViewportSize({ width: 1024, height: 768 });
    // The last goal's last project is a link that works.
    const last = view.projectsOf(view.goals.at(-1)!.id).at(-1)!;
    await page.locator(`a[href$="/project/${last.id}"]`).first().click();
    await page.getByTestId('project-heading').waitFor();
    expect(await page.getByTestId('project-heading').textContent()).toContain(last.name);
    expect(errors).toEqual([]);
  });
});
