// A bigger strategy in WebKit, as an iPad shows it: what is out of sight at the first frame (the
// outline's branches beyond its first 60 entries, the dashboard's two lists) is drawn without a tap,
// with Safari's fallbacks (no requestIdleCallback), and a project drawn late opens. The dashboard's
// head is kept with the strategy (the reader worker computes it in WebKit too), and a reload shows
// the same totals.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { WorkbookView } from '../../src/domain/workbook';
import { formatPercent, rollUp } from '../../src/domain/achievement';
import { defaultYear } from '../../src/domain/achievement/dashboard';
import { serializeBundle } from '../../src/bundle';
import { exportOptions } from '../bundle/helpers';
import { generateStrategy } from '../support/generate';
import { testContext } from '../support/context';
import { openApp, sel, until, type App } from './support/app';

const count = (app: App, testid: string) => app.session.execute<number>('return document.querySelectorAll(arguments[0]).length;', sel(testid));

describe('a strategy of 150 KPIs in WebKit', () => {
  test('the outline and the dashboard lists out of sight come without a tap; a project drawn late opens; the head is kept and a reload shows the same totals', async () => {
    const records = buildWorkbook(generateStrategy({ goals: 4, projects: 100, kpis: 150, years: 6, seed: 7 }), testContext());
    const view = new WorkbookView(records);
    const projects = view.goals.reduce((n, g) => n + view.projectsOf(g.id).length, view.directProjects.length);
    const outline = view.goals.reduce((n, g) => n + 1 + view.allMeasuresOf(g.id).length + view.projectsOf(g.id).length, 0);
    // More than the outline and the lists draw at once.
    expect(outline).toBeGreaterThan(60);
    const behind = rollUp(view, defaultYear(view)).strategy.notAchievedIds.length;
    expect(behind).toBeGreaterThan(0);
    const file = join(mkdtempSync(join(tmpdir(), 'webkit-large-')), 'large.json');
    writeFileSync(file, (await serializeBundle(records, exportOptions())).json);

    const app = await openApp();
    await app.typeInto(await app.find('editor-name'), '企画課 山田', 'Tab');
    await app.tapTestId('start-import');
    await app.session.sendKeys(await app.find('import-file', { visible: false }), file);
    await app.tapTestId('import-apply');
    await app.find('import-done');
    await app.go(`#/s/${records.strategy.id}/dashboard`);
    await app.find('dash-summary');

    await until(() => count(app, 'nav-project'), (n) => n === projects, `${projects} projects in the outline`);
    await until(() => count(app, 'dash-row'), (n) => n === Math.min(50, 150), '50 rows of the KPI table');
    await until(() => count(app, 'behind-item'), (n) => n === Math.min(30, behind), 'the first KPIs behind');
    await app.screenshot('large-dashboard-1024x768');
    // Upright, nothing reaches past the screen's width.
    await app.resize(768, 1024);
    expect(await app.session.execute<boolean>('return document.documentElement.scrollWidth <= document.documentElement.clientWidth;')).toBe(true);
    await app.screenshot('large-dashboard-768x1024');
    await app.resize(1024, 768);

    // The last project, scrolled to in the outline as a person does, then tapped.
    const last = view.projectsOf(view.goals.at(-1)!.id).at(-1)!;
    const link = await app.session.find(`a[href$="/project/${last.id}"]`, { visible: false });
    await app.session.execute(`arguments[0].scrollIntoView({ block: 'center' });`, link);
    await app.session.tap(link);
    await app.session.find(sel('project-heading'), { text: new RegExp(last.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });

    // Back on the dashboard: within seconds the head is kept (computed by the reader worker), under
    // the marks the database holds now.
    await app.go(`#/s/${records.strategy.id}/dashboard`);
    await app.find('dash-summary');
    const keptValid = `
      const sid = arguments[0];
      return new Promise((done) => {
        const open = indexedDB.open('senryaku-workbook');
        open.onsuccess = () => {
          const st = open.result.transaction('settings').objectStore('settings');
          const kept = st.get('keptDashboard:' + sid), mark = st.get('writeMark');
          // Requests finish in order: the mark, asked last, after the kept row.
          mark.onsuccess = () => {
            const row = kept.result && kept.result.value;
            done(!!row && row.marks.write === (mark.result ? mark.result.value : null) ? row.head.total.achievedShare : null);
            open.result.close();
          };
        };
        open.onerror = () => done(null);
      });`;
    const share = rollUp(view, defaultYear(view)).strategy.achievedShare!;
    await until(() => app.session.executeAsync<number | null>(keptValid, records.strategy.id), (v) => v === share, 'the dashboard head kept', 30_000);
    // A reload starts from it, and shows what the records say.
    await app.session.refresh();
    await app.find('dash-summary');
    expect((await app.text('dash-share')).trim()).toBe(formatPercent(share));
    await until(() => count(app, 'dash-row'), (n) => n === 50, 'the KPI table after the reload');
    expect((await app.text('dash-share')).trim()).toBe(formatPercent(share));
  });
});
