// The core flows in WebKit (WebKitGTK's MiniBrowser through WebDriver), as an iPad user goes through
// them: start and name, the sample, the dashboard's verdicts, the service worker and its precache; a
// new strategy entered by tap and keys, saved and reloaded; a department copy sent, filled in on a
// second device and imported back from a file; meeting mode; the print preview of a report; the
// language switch. Each test opens fresh browsers; errors the page records fail the test.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView } from '../../src/domain/workbook';
import { formatPercent, rollUp } from '../../src/domain/achievement';
import { testContext } from '../support/context';
import { ja } from '../../src/i18n/ja';
import { TABLET_PORTRAIT } from '../e2e/support/lane';
import { Keys, openApp, sel, until, type App } from './support/app';

const dir = mkdtempSync(join(tmpdir(), 'webkit-lane-'));

async function noErrors(...apps: App[]): Promise<void> {
  for (const app of apps) {
    const errors = await app.errors();
    expect(errors, `errors of the page:\n${errors.join('\n')}`).toEqual([]);
  }
}

/** What the engine says for the sample in FY2020 (as test/e2e/dashboard.test.ts computes it). */
function engineDashboard() {
  const view = new WorkbookView(buildWorkbook(structuredClone(SEKI_SAMPLE), testContext()));
  const r = rollUp(view, 2020);
  // As the dashboard writes a share: a percentage, or 「—」 where nothing could be judged.
  const share = (v: number | null) => (v === null ? ja['common.none'] : formatPercent(v));
  return {
    share: share(r.strategy.achievedShare),
    goals: r.goals.map((g) => share(g.tally.achievedShare)),
    behind: r.strategy.notAchievedIds.length,
  };
}

/** The paths in the built service worker's precache manifest (each once; the manifest repeats a few). */
function precachePaths(): string[] {
  const sw = readFileSync(join(inject('distDir'), 'sw.js'), 'utf8');
  return [...new Set([...sw.matchAll(/\{url:"([^"]+)",revision:/g)].map((m) => `/${m[1]}`))].sort();
}

/** The text of the file the app hands to the browser's download after `click`. */
async function downloadedText(app: App, click: () => Promise<void>): Promise<string> {
  return (await app.downloaded(click)).toString('utf8');
}

describe('core flows in WebKit', () => {
  test('start and name, the sample, the dashboard verdicts as the engine computes them, service worker active and precache complete', async () => {
    const app = await openApp();
    await app.session.find('h1', { text: 'ようこそ' });
    // Without a name the app asks for it first.
    await app.tapTestId('open-sample');
    await app.session.find('[role=alert]', { text: /お名前/ });
    await app.startWithSample();
    await app.screenshot('sample-1024x768');

    await app.session.click(await app.find('nav-dashboard'));
    await app.find('dash-summary');
    const want = engineDashboard();
    const shown = {
      share: (await app.text('dash-share')).trim(),
      goals: await app.session.execute<string[]>(`return [...document.querySelectorAll('${sel('goal-share')}')].map((e) => e.textContent.trim());`),
      behind: (await app.session.findAll(sel('behind-item'))).length,
    };
    expect(shown).toEqual(want);
    expect((await app.session.findAll(sel('missing-reason'))).length).toBe(want.behind);
    await app.screenshot('dashboard-1024x768');

    // The service worker: activated, controlling the page (after one reload), every precache entry stored.
    await app.controlledByWorker();
    // The screen has been drawn again before the next reload: a reload before that counts as a
    // screen that never finished, and the app would rightly start from the strategy list.
    await app.find('dash-summary');
    await app.drawn('the dashboard');
    const paths = precachePaths();
    expect(paths.length).toBeGreaterThan(10);
    expect(paths).toEqual(expect.arrayContaining(['/index.html', '/manifest.webmanifest']));
    const cached = await until(
      () =>
        app.session.execute<{ name: string; urls: string[] }[]>(`return (async () => {
          const out = [];
          for (const name of await caches.keys()) {
            if (!name.includes('precache')) continue;
            const cache = await caches.open(name);
            out.push({ name, urls: (await cache.keys()).map((r) => new URL(r.url).pathname).sort() });
          }
          return out;
        })();`),
      (list) => list.length === 1 && list[0]!.urls.length === paths.length,
      `one precache with ${paths.length} entries`,
      30_000,
    );
    expect(cached[0]!.urls).toEqual(paths);
    // The app shell comes from the worker: a reload still shows the strategy.
    await app.session.refresh();
    await app.find('dash-summary');
    await noErrors(app);
  });

  test('a new strategy with a goal, a project and a KPI, typed by tap and keys at 768×1024, saved and kept across a reload', async () => {
    const app = await openApp({ size: TABLET_PORTRAIT });
    const typeIn = async (el: Parameters<App['session']['tap']>[0], text: string) => {
      await app.session.tap(el);
      await app.session.type(text);
    };
    await typeIn(await app.find('editor-name'), '企画課 鈴木');
    await app.tapTestId('new-blank');
    await typeIn(await app.byLabel('自治体名'), '室蘭市');
    await typeIn(await app.byLabel('戦略名'), '第3期総合戦略');
    await typeIn(await app.byLabel('計画期間（開始年度）'), 'R7');
    await typeIn(await app.byLabel('計画期間（終了年度）'), '令和8');
    await app.session.tap(await app.button('作成する'));
    await app.session.find('h1', { text: /第3期総合戦略/ });

    await app.tapTestId('add-goal');
    await typeIn(await app.find('goal-title'), '働くまちをつくる');
    await app.tapTestId('add-project');
    await app.find('project-heading');
    await typeIn(await app.find('project-name'), '移住推進事業');
    await typeIn(await app.find('project-departments'), '企画課');
    await app.tapTestId('add-kpi');
    await typeIn(await app.find('kpi-name'), 'UIJターン促進による新規就業者数');
    await typeIn(await app.find('kpi-unit'), '人');
    await typeIn(await app.find('kpi-baseline-year'), 'R6');
    await typeIn(await app.find('kpi-target-year'), '2026');
    await app.tapTestId('kpi-name'); // leaves the year field, as a tap elsewhere does
    await app.session.find(`${sel('kpi-card')} h2, ${sel('kpi-card')} h3, ${sel('kpi-card')} h4`, { text: /（人）/ });

    // The grid, by tap and keys: full-width digits, 万 and 千, a status word, a threshold.
    await app.typeInto(await app.find('cell-baseline'), '△５');
    await app.typeInto(await app.find('cell-target-2025'), '１万');
    await app.typeInto(await app.find('cell-actual-2025'), '約8千人', 'Tab');
    await app.typeInto(await app.find('cell-target-2026'), '2万人');
    await app.typeInto(await app.find('cell-actual-2026'), '集計中');
    await app.typeInto(await app.find('cell-final-target'), '２万人以上');
    await app.saved();
    await app.screenshot('new-strategy-768x1024');

    const expected: Record<string, string> = {
      'cell-baseline': '△5人',
      'cell-target-2025': '10,000人以上',
      'cell-actual-2025': '約8,000人',
      'cell-target-2026': '20,000人以上',
      'cell-actual-2026': '集計中',
      'cell-final-target': '20,000人以上',
    };
    for (const [testid, value] of Object.entries(expected)) await app.expectValue(testid, value);
    await app.session.refresh();
    await app.session.find(sel('project-heading'), { text: /移住推進事業/ });
    for (const [testid, value] of Object.entries(expected)) await app.expectValue(testid, value);
    await noErrors(app);
  });

  test('a department copy: sent as a file, imported and filled in on a second device, returned and imported back', async () => {
    const PROJECT = /関市ビジネスサポートセンター事業|商工活動支援事業/;
    const planning = await openApp();
    await planning.startWithSample();
    await planning.session.click(await planning.find('nav-export'));
    await planning.tapTestId('export-scope-department');
    await planning.session.tap(await planning.byLabel('商工課'));
    await planning.tapTestId('export-create');
    const name = await planning.text('export-file-name');
    expect(name).toMatch(/^関市_第2期総合戦略_商工課_\d{4}-\d{2}-\d{2}\.json$/);
    const outgoing = await downloadedText(planning, () => planning.tapTestId('export-download').then(() => {}));
    expect(JSON.parse(outgoing).scope).toEqual({ kind: 'department', departments: ['商工課'] });
    const toDepartment = join(dir, name);
    writeFileSync(toDepartment, outgoing);

    // The department's own device (a second browser): the file input takes the file's path.
    const department = await openApp({ second: true });
    await department.typeInto(await department.find('editor-name'), '商工課 佐藤', 'Tab');
    await department.tapTestId('start-import');
    await department.session.sendKeys(await department.find('import-file', { visible: false }), toDepartment);
    await department.session.find(sel('import-preview-new'), { text: /担当課（商工課）のファイル/ });
    await department.tapTestId('import-apply');
    await department.session.click(await department.session.find(`${sel('import-done')} a`, { text: '開く' }));
    await department.openProject(PROJECT);
    expect(await department.text('department-copy-note')).toContain('商工課');
    await department.typeInto(await department.find('cell-actual-2021'), '１，９５０件');
    await department.expectValue('cell-actual-2021', '1,950件');
    await department.saved();
    await department.session.click(await department.find('nav-export'));
    await department.find('export-fixed-scope');
    await department.tapTestId('export-create');
    const returned = await downloadedText(department, () => department.tapTestId('export-download').then(() => {}));
    const fromDepartment = join(dir, 'from-shoko.json');
    writeFileSync(fromDepartment, returned);
    await department.screenshot('department-export-1024x768');

    // Meanwhile planning typed another figure into the same cell (a record of that year made apart
    // on each device): the returned file's value is a conflict, not taken unseen.
    await planning.openProject(PROJECT);
    await planning.typeInto(await planning.find('cell-actual-2021'), '1,800件');
    await planning.expectValue('cell-actual-2021', '1,800件');
    await planning.saved();

    // Back at planning: the returned file is previewed with the conflict, theirs is chosen by a
    // tap and applied; undo puts planning's figure back, and the file applies again.
    const applyApart = async (): Promise<void> => {
      await planning.go('#/import');
      await planning.session.sendKeys(await planning.find('import-file', { visible: false }), fromDepartment);
      await planning.find('import-preview-merge');
      const conflict = await planning.session.find(sel('conflict'), { text: /1,950/ });
      expect(await planning.session.text(conflict)).toContain('1,800');
      expect(await applyDisabled()).toBe(true);
      await planning.session.scrollIntoView(conflict);
      await planning.screenshot('merge-conflict-1024x768');
      await planning.tapTestId('choose-theirs');
      await until(applyDisabled, (disabled) => !disabled, 'the apply button enabled once the conflict is decided');
      await planning.tapTestId('import-apply');
      await planning.find('import-done');
    };
    const applyDisabled = () => planning.session.execute<boolean>(`return document.querySelector('[data-testid="import-apply"]').disabled;`);
    await applyApart();
    await planning.screenshot('merge-applied-1024x768');
    await planning.tapTestId('import-undo');
    await planning.session.find(sel('import-done'), { text: /元に戻しました/ });
    await planning.session.click(await planning.session.find(`${sel('import-done')} a`));
    await planning.openProject(PROJECT);
    await planning.expectValue('cell-actual-2021', '1,800件');
    await applyApart();
    await planning.session.click(await planning.session.find(`${sel('import-done')} a`));
    await planning.openProject(PROJECT);
    await planning.expectValue('cell-actual-2021', '1,950件');
    await noErrors(planning, department);
  });

  test('meeting mode: next and previous by tap and by arrow keys, behind only from the tools, the jump list', async () => {
    const app = await openApp();
    await app.startWithSample();
    await app.session.click(await app.find('nav-meeting'));
    await app.find('meeting-slide');
    const position = () => app.text('meeting-position');
    await until(position, (p) => p === '1 / 14', 'slide 1 / 14');
    await app.tapTestId('meeting-next');
    await until(position, (p) => p === '2 / 14', 'slide 2 / 14');
    expect(await app.session.text(await app.session.find(`${sel('meeting-slide')} h1`))).toContain('企業競争力強化支援事業');
    await app.session.type(Keys.ArrowRight);
    await until(position, (p) => p === '3 / 14', 'slide 3 / 14 by arrow key');
    await app.session.type(Keys.ArrowLeft);
    await until(position, (p) => p === '2 / 14', 'slide 2 / 14 by arrow key');
    await app.tapTestId('meeting-prev');
    await until(position, (p) => p === '1 / 14', 'slide 1 / 14 by tap');
    await app.tapTestId('meeting-next');
    await until(position, (p) => p === '2 / 14', 'slide 2 / 14 again');
    // 「遅れのみ」 is among the tools that open from the toolbar.
    await app.tapTestId('meeting-tools');
    // 「遅れのみ」 keeps the slides with a KPI behind (how many follows the engine's verdicts, which
    // test/e2e/meeting.test.ts counts); unchecked, all 14 are back.
    await app.tapTestId('meeting-behind');
    expect(await app.session.property<boolean>(await app.find('meeting-behind'), 'checked')).toBe(true);
    await until(position, (p) => !p.endsWith('/ 14'), 'behind only: fewer slides');
    await app.tapTestId('meeting-behind');
    await until(position, (p) => p.endsWith('/ 14'), 'all 14 slides again');
    await app.screenshot('meeting-1024x768');
    await app.tapTestId('meeting-jump');
    await app.session.find(`${sel('meeting-slide')}, body`);
    await noErrors(app);
  });

  test('print preview of one report: 評価シート for FY2020, A4 pages within the screen, the print button prints', async () => {
    const app = await openApp({ size: TABLET_PORTRAIT });
    await app.startWithSample();
    const toggle = await app.session.maybeFind(sel('nav-toggle'));
    if (toggle) await app.session.tap(toggle);
    await app.session.click(await app.find('nav-reports'));
    await app.find('report-chooser');
    await app.tapTestId('report-kind-sheet');
    await app.choose('report-year', '2020');
    await until(() => app.session.execute<string | null>(`return document.querySelector('${sel('report')}')?.getAttribute('data-kind') ?? null;`), (k) => k === 'sheet', 'the 評価シート');
    await until(async () => (await app.session.findAll(sel('eval-sheet'))).length, (n) => n === 10, 'ten 評価シート');
    // Shrunk to the screen's width (CSS zoom): the preview does not scroll sideways, nor does the page.
    // (WebKit reports a zoomed element's getBoundingClientRect unzoomed, so scroll sizes are compared.)
    const layout = await app.session.execute<{ preview: [number, number]; page: [number, number]; zoom: string }>(
      `const preview = document.querySelector('.preview');
       const el = document.documentElement;
       return { preview: [preview.scrollWidth, preview.clientWidth], page: [el.scrollWidth, el.clientWidth],
                zoom: getComputedStyle(document.querySelector('${sel('report')}')).zoom };`,
    );
    expect(Number(layout.zoom)).toBeLessThan(1);
    expect(layout.preview[0]).toBeLessThanOrEqual(layout.preview[1]);
    expect(layout.page[0]).toBeLessThanOrEqual(layout.page[1]);
    await app.session.scrollIntoView(await app.find('eval-sheet'));
    await app.screenshot('report-preview-768x1024');
    // WebKitGTK's print dialog would block the session: count the call instead (docs/testing.md).
    await app.session.execute('window.__printed = 0; window.print = () => { window.__printed++; };');
    await app.tapTestId('report-print');
    expect(await app.session.execute<number>('return window.__printed;')).toBe(1);
    await noErrors(app);
  });

  test('language switch in the settings: English at once and after a reload, then back to Japanese', async () => {
    const app = await openApp();
    await app.startWithSample();
    const sid = (await app.session.currentURL()).split('#/s/')[1]!.split('/')[0]!;
    await app.go('#/settings');
    await app.choose('language-select', 'en');
    await app.session.find('h1', { text: 'Settings' });
    expect(await app.session.execute<string>('return document.documentElement.lang;')).toBe('en');
    await app.go(`#/s/${sid}/dashboard?fy=2020`);
    await app.session.find('h1', { text: 'Progress dashboard' });
    await app.session.refresh();
    await app.session.find('h1', { text: 'Progress dashboard' });
    expect(await app.session.execute<string>('return document.title;')).toBe('Regional Strategy Workbook');
    await app.screenshot('dashboard-english-1024x768');
    await app.go('#/settings');
    await app.session.find('h1', { text: 'Settings' });
    await app.choose('language-select', 'ja');
    await app.session.find('h1', { text: '設定' });
    await app.session.refresh();
    await app.session.find('h1', { text: '設定' });
    expect(await app.session.execute<string>('return document.documentElement.lang;')).toBe('ja');
    await noErrors(app);
  });
});
