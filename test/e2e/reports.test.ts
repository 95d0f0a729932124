// The three printed reports of the 関市 sample, FY2020: printed to PDF by headless Chromium
// (page.pdf with the page's own @page size), read back with pdftotext and turned into PNGs with
// pdftoppm (Debian package poppler-utils) into screenshots/ for a person to look at.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openApp, screenshot, SCREENSHOT_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT, type Page } from './support/browser';
import { typeInto } from './support/typing';
import type { Locator } from 'playwright-core';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView } from '../../src/domain/workbook';
import { isUnjudgedYear, rollUp, verdictLabel, type InterimJudgement } from '../../src/domain/achievement';
import { testContext } from '../support/context';

let page: Page;
let errors: string[];

// ---------------------------------------------------------------------------------------------
// poppler-utils

const POPPLER_HINT =
  'poppler-utils (pdftotext / pdfinfo / pdftoppm) が必要です: sudo apt-get install -y poppler-utils\n' +
  'The reports test needs poppler-utils (pdftotext, pdfinfo, pdftoppm): sudo apt-get install -y poppler-utils';

function poppler(cmd: 'pdftotext' | 'pdfinfo' | 'pdftoppm', args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${cmd} not found.\n${POPPLER_HINT}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

interface PrintedReport {
  pages: number;
  /** The PDF's text with every whitespace removed (table cells wrap anywhere). */
  text: string;
  pageSize: string;
  pngs: string[];
}

/** Prints the page to screenshots/<name>.pdf and reads it back. */
async function printReport(name: string, landscape: boolean): Promise<PrintedReport> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pdfPath = join(SCREENSHOT_DIR, `${name}.pdf`);
  // page.pdf prints with the emulated media: make sure it is print, as in the browser's print dialog.
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', landscape, printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: null });
  writeFileSync(pdfPath, pdf);
  const info = poppler('pdfinfo', [pdfPath]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
  const pageSize = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '';
  const text = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-']).replace(/\s+/g, '');
  for (const f of readdirSync(SCREENSHOT_DIR)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(SCREENSHOT_DIR, f));
  poppler('pdftoppm', ['-r', '60', '-png', pdfPath, join(SCREENSHOT_DIR, name)]);
  const pngs = readdirSync(SCREENSHOT_DIR).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  return { pages, text, pageSize, pngs };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
function expectAll(text: string, wanted: string[]) {
  const missing = wanted.filter((w) => !text.includes(squeeze(w)));
  expect(missing, `missing from the PDF: ${missing.join(' / ')}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Entering a year's money and evaluation through the project screen

async function openProjectYear(name: string): Promise<Locator> {
  await page.getByTestId('nav-project').filter({ hasText: name }).click();
  await page.getByTestId('project-heading').waitFor();
  await page.getByTestId('year-tab-2020').click();
  const panel = page.getByTestId('project-year-panel');
  await panel.waitFor();
  return panel;
}
async function amount(scope: Page | Locator, label: string, value: string) {
  await typeInto(scope.getByLabel(label, { exact: true }), value);
}
async function write(scope: Page | Locator, label: string, value: string) {
  const field = scope.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.blur();
}
const choose = (scope: Page | Locator, label: string) => scope.getByLabel(label, { exact: true }).check();

/** Opens the reports screen and picks a kind and FY2020 with the chooser. */
async function openReport(kind: 'progress' | 'sheet' | 'grant') {
  if (!/\/reports/.test(page.url())) await page.getByTestId('nav-reports').click();
  await page.getByTestId('report-chooser').waitFor();
  await page.getByTestId(`report-kind-${kind}`).check();
  await page.getByTestId('report-year').selectOption('2020');
  await expect.poll(() => page.getByTestId('report').getAttribute('data-kind')).toBe(kind);
}

/** What the engine says for each KPI of the sample in FY2020, in outline order, as printed (blank when not judged). */
function engineVerdicts(interimJudgement?: InterimJudgement): string[] {
  const plain = structuredClone(SEKI_SAMPLE);
  if (interimJudgement) plain.interimJudgement = interimJudgement;
  const view = new WorkbookView(buildWorkbook(plain, testContext()));
  const r = rollUp(view, 2020);
  return view.goals
    .flatMap((g) => view.projectsOf(g.id).flatMap((p) => view.kpisOf(p.id)))
    .map((k) => r.evaluations.get(k.id)!)
    .map((e) => (isUnjudgedYear(e) ? '' : verdictLabel(e.verdict)));
}

/** From the reports (which have no navigation of their own) to the strategy's settings. */
async function toStrategyPage() {
  await page.evaluate(() => {
    location.hash = location.hash.replace(/\/reports.*$/, '');
  });
}

/** The verdict words in the printed text, the column header taken out (it says 達成・未達成 itself). */
function printedVerdictWords(text: string): { achieved: number; notAchieved: number } {
  const body = text
    .split(squeeze('KPI達成・未達成の状況（令和2年度）'))
    .join('')
    .replace(/達成・未達成は.*?「評価対象外」です。/g, ''); // the note under the table
  const notAchieved = body.split('未達成').length - 1;
  return { achieved: body.split('達成').length - 1 - notAchieved, notAchieved };
}

beforeAll(async () => {
  // Fail early and clearly when poppler-utils is missing (nothing is skipped).
  poppler('pdfinfo', ['-v']);
  ({ page, errors } = await openApp({ size: TABLET_LANDSCAPE }));
  await page.getByTestId('editor-name').fill('企画課 山田');
  await page.getByTestId('open-sample').click();
  await page.getByTestId('nav-dashboard').waitFor();
});

describe('reports', () => {
  test('FY2020 money and evaluations entered for two 商工課 projects', async () => {
    // 1 企業競争力強化支援事業: ビジネスプラス展 cancelled (COVID); no grant.
    await page.getByTestId('nav-project').filter({ hasText: '企業競争力強化支援事業' }).click();
    await page.getByTestId('project-heading').waitFor();
    await choose(page, '継続');
    await write(page, '事業主体', '関市');
    let panel = await openProjectYear('企業競争力強化支援事業');
    await amount(panel, '予算（千円）', '1,500');
    await amount(panel, '決算（千円）', '120');
    await amount(panel, '事業費（千円）', '120');
    await amount(panel, '一般財源', '120');
    await choose(panel, '総合戦略のKPI達成に有効とは言えなかった');
    await write(panel, '事業の評価に対する意見・理由', 'ビジネスプラス展の開催を中止したため、KPIの達成には結びつかなかった。');
    await choose(panel, '効果がなかった');
    await write(panel, '事業効果（説明）', '開催中止のため、展示会による取引拡大の効果は得られなかった。');
    await choose(panel, '事業内容の見直し（改善）を行う');
    await write(panel, '今後の方針に対する理由', 'オンライン商談会の併催など、感染状況に左右されない開催方法に見直す。');
    await choose(panel, '見直す必要はない');
    await write(panel, '総合戦略の見直しの必要性に対する理由', '開催方法の見直しで対応でき、総合戦略の見直しを伴うものではないため。');

    // 2 商工活動支援事業 (Seki-Biz): half financed by 地方創生推進交付金.
    await page.getByTestId('nav-project').filter({ hasText: '商工活動支援事業' }).click();
    await page.getByTestId('project-heading').waitFor();
    await choose(page, '継続');
    panel = await openProjectYear('商工活動支援事業');
    await amount(panel, '予算（千円）', '24,000');
    await amount(panel, '決算（千円）', '23,540');
    await amount(panel, '事業費（千円）', '23,540');
    await amount(panel, '国・県', '11,770');
    await amount(panel, '一般財源', '11,770');
    await write(panel, '交付金の名称', '地方創生推進交付金');
    await amount(panel, '交付金充当額（千円）', '11,770');
    await choose(panel, '総合戦略のKPI達成に有効であった');
    await write(panel, '事業の評価に対する意見・理由', '相談件数は目標を上回り、市内事業者の経営改善と創業の支援に寄与した。');
    await choose(panel, '相当程度効果があった');
    await choose(panel, '事業が効果的なため、更に発展させる');
    await write(panel, '今後の方針に対する理由', '本町BASEでの出張相談を拡充し、更に相談しやすい窓口とする。');
    await choose(panel, '見直す必要はない');
    await panel.getByTestId('opinion-member').fill('委員 佐藤');
    await panel.getByTestId('opinion-text').fill('チャレンジショップとの連携を今後も続けてほしい。');
    await panel.getByTestId('opinion-add').click();
    await expect.poll(() => panel.getByTestId('opinion').count()).toBe(1);
    await expect.poll(() => page.getByTestId('save-indicator').textContent()).toContain('保存');
  });

  test('1. 進捗状況一覧: A4 landscape, one 基本目標 per page, the seed\'s rows, the verdict column blank as 関市\'s', async () => {
    await openReport('progress');
    expect(await page.getByTestId('progress-goal').count()).toBe(4);
    // The sample judges the final year only (関市's 令和2年度 table leaves the column blank).
    expect(engineVerdicts()).toEqual(Array(10).fill(''));
    expect(await page.getByTestId('progress-verdict').allTextContents().then((v) => v.map((s) => s.replace(/令和.*$/, '').trim()))).toEqual(engineVerdicts());
    expect(await page.getByTestId('interpolated-note').count()).toBe(0);
    await screenshot(page, 'reports-chooser-1024x768');

    const r = await printReport('reports-progress', true);
    expect(r.pageSize).toMatch(/841\.\d+ x 595|841\.\d+ x 594/); // A4 landscape in points
    expect(r.pages).toBeGreaterThanOrEqual(4);
    expect(r.pages).toBeLessThanOrEqual(8);
    expectAll(r.text, [
      // Header and goal as seed 000 prints them
      '第2期関市まち・ひと・しごと創生総合戦略（令和2～4年度）進捗状況',
      '※令和2年度末時点',
      '基本目標1　産業の振興と人材を育成するまち',
      '【基本目標1】の目指す方向性',
      '新たな時代に適合した産業への変革と中小事業所の競争力強化の支援',
      'No.', '主な事業等', '事業内容', 'KPI（重要業績評価指標）', '担当課',
      '平成30年度（策定時）', '令和2年度（実績値）', '令和2年度進捗状況・課題等', '令和4年度 KPI目標値', 'KPI達成・未達成の状況（令和2年度）',
      // Seed rows
      '企業競争力強化支援事業（関市ビジネスプラス展の開催）', 'ビジネスマッチング数（ビジネスプラス展）', '商工課', '93件', '0件 (コロナのため中止)', '90件以上',
      '新型コロナウイルス感染症拡大防止のため、令和2年度はビジネスプラス展の開催を中止した。',
      '関市ビジネスサポートセンターへの相談件数', '1,636件', '1,823件', '1,620件以上',
      '市内全域の観光入込客数', '観光課', '3,534千人', '2,372千人', '3,817千人',
      '居住誘導区域内転入人口', '都市計画課', '632人', '508人', '622人以上',
      '地域子育て支援拠点数（箇所数）', '子ども家庭課', '2カ所', '7カ所', '6カ所',
      '子育て支援の市民満足度（市民アンケート調査結果）', '87.5%', '93.5%', '87.5%以上',
      'オンライン申請可能な制度数（マイナンバーカード利用）', '行政情報課',
      // Running footer: municipality, report title, page numbers
      `関市　第2期関市まち・ひと・しごと創生総合戦略　進捗状況一覧（令和2年度）`,
      `1 / ${r.pages}`, `${r.pages} / ${r.pages}`,
    ]);
    // No 達成 / 未達成 anywhere in the verdict column, and no interpolated target presented as one.
    expect(printedVerdictWords(r.text)).toEqual({ achieved: 0, notAchieved: 0 });
    expectAll(r.text, ['達成・未達成は最終目標年度に判定します。それより前の年度は判定していません（空欄）。']);
    expect(r.text).not.toContain('3,675.5');
    expect(r.text).not.toMatch(/\d(千人|人|件|カ所|%)?※/); // no target marked as interpolated (※令和2年度末時点 is the header)
    expect(r.text).not.toContain('総合戦略ワークブック'); // the app header is not printed
    expect(r.text).not.toContain(squeeze('印刷 / PDFに保存')); // nor the chooser
    expect(r.pngs.length).toBe(r.pages);
  });

  test('1a. 進捗状況一覧 under 「採用された目標のみで判定」: 達成 only where an adopted target or the final target is met', async () => {
    await toStrategyPage();
    await page.getByTestId('interim-settings').waitFor();
    await page.getByTestId('interim-settings').scrollIntoViewIfNeeded();
    await screenshot(page, 'interim-settings-1024x768');
    await page.getByTestId('interim-adoptedOnly').check();
    await expect.poll(() => page.getByTestId('save-indicator').textContent()).toContain('保存');
    await openReport('progress');
    const expected = [
      '未達成', // ビジネスマッチング数 0 vs 90件以上 (a threshold holds every year)
      '達成', // 相談件数 1,823 vs 1,620件以上
      '', // 観光入込客数 2,372 < the final 3,817: not judged
      '', // 就農計画認定者数 1 < 15
      '未達成', // 居住誘導区域内転入人口 508 vs 622人以上
      '', // 空き家バンク移住者数 10 < 35
      '達成', // 地域子育て支援拠点数 7 ≥ the final 6: early
      '達成', // 満足度 93.5% vs 87.5%以上
      '達成', // 高校生まちづくり事業数 6 ≥ the final 6: early
      '達成', // オンライン申請 15 vs 10以上
    ];
    expect(engineVerdicts('adoptedOnly')).toEqual(expected);
    await expect
      .poll(() => page.getByTestId('progress-verdict').allTextContents().then((v) => v.map((s) => s.replace(/令和.*$/, '').trim())))
      .toEqual(expected);
    const r = await printReport('reports-progress-adopted', true);
    expect(printedVerdictWords(r.text)).toEqual({ achieved: 5, notAchieved: 2 });
    expect(r.text).not.toContain('3,675.5');
    expect(r.text).not.toMatch(/\d(千人|人|件|カ所|%)?※/); // no target marked as interpolated (※令和2年度末時点 is the header)
    // Back to the sample's own setting for the tests that follow.
    await toStrategyPage();
    await page.getByTestId('interim-finalYearOnly').check();
    await expect.poll(() => page.getByTestId('save-indicator').textContent()).toContain('保存');
    expect(errors).toEqual([]);
  });

  test('2. 事業評価シート: A4 portrait, exactly one page per project, ☑ for the chosen options', async () => {
    await openReport('sheet');
    const sheets = page.getByTestId('eval-sheet');
    expect(await sheets.count()).toBe(10);
    const r = await printReport('reports-sheet', false);
    expect(r.pageSize).toMatch(/59[45]\.\d+ x 841/);
    expect(r.pages).toBe(10);
    expectAll(r.text, [
      '事業評価シート（令和2年度）',
      '事業名', '企業競争力強化支援事業（関市ビジネスプラス展の開催）', '所管課', '商工課',
      '施策区分', '基本目標1　産業の振興と人材を育成するまち', '数値目標', '分類',
      '☐新規☑継続☐見直し', '事業主体', '☑関市',
      '事業概要', '企業の優れた技術力や、高品質な製品づくりなどを発表する場を提供し',
      '予算', '1,500千円', '財源［国・県］［地方債］［その他］［一般財源］', '決算', '120千円', '内訳',
      '実施内容', '新型コロナウイルス感染症拡大防止のため、令和2年度はビジネスプラス展の開催を中止した。',
      '総合戦略における重要業績指標（KPI）', 'ビジネスマッチング数（ビジネスプラス展）', '90件以上 ［令和4年度］', '0件 (コロナのため中止) ［令和2年度］',
      '実施計画における重要業績指標（KPI）',
      '事業効果', '☑効果がなかった', '開催中止のため、展示会による取引拡大の効果は得られなかった。',
      '［事業の評価］', '☐総合戦略のKPI達成に有効であった', '☑総合戦略のKPI達成に有効とは言えなかった',
      'ビジネスプラス展の開催を中止したため、KPIの達成には結びつかなかった。',
      '［今後の方針］', '☐事業が効果的なため、更に発展させる', '☑事業内容の見直し（改善）を行う', '☐特に見直しをせず、事業を継続する',
      '☐継続的な事業実施を予定していたが中止する', '☐当初予定どおり事業を終了する',
      '［総合戦略見直しの必要性］', '☐見直しが必要', '☑見直す必要はない',
      '24,000千円', '23,540千円', '11,770千円', '☑事業が効果的なため、更に発展させる',
      '関市　第2期関市まち・ひと・しごと創生総合戦略　事業評価シート（令和2年度）', '1 / 10', '10 / 10',
    ]);
    expect(r.pngs.length).toBe(10);
  });

  test('3. 交付金 効果検証: yearly targets, actuals and differences, totals across projects', async () => {
    await openReport('grant');
    expect(await page.getByTestId('grant-project').count()).toBe(10);
    expect(await page.getByTestId('grant-total-cost').textContent()).toBe('23,660');
    expect(await page.getByTestId('grant-total-grant').textContent()).toBe('11,770');
    const r = await printReport('reports-grant', false);
    expect(r.pageSize).toMatch(/59[45]\.\d+ x 841/);
    expect(r.pages).toBeGreaterThanOrEqual(4);
    expect(r.pages).toBeLessThanOrEqual(14);
    expectAll(r.text, [
      '交付金事業の効果検証（令和2年度）',
      '事業費及び交付金充当額（令和2年度）', '（単位: 千円）', '地方創生推進交付金', '合計', '23,660', '11,770',
      '(1) 事業内容', '(2) 重要業績評価指標（KPI）', '目標', '実績', '当初', '令和2年度', '令和3年度', '令和4年度',
      // 観光入込客数: no target adopted for 令和2・3年度 (none printed), 3,817 in 令和4年度; actual 2,372 (−1,162)
      '3,817千人', '2,372千人', '(−1,162)',
      // 相談件数: 「以上」 target holds every year; actual 1,823 (+187)
      '1,823件', '(+187)',
      '達成状況', '未達理由',
      '(3) 事業費・交付金', '23,540千円', '11,770千円',
      '(4) 事業効果', '☑相当程度効果があった', '☐非常に効果的であった',
      '(5) 検証結果まとめ', '※ 検証結果まとめが未記入のため',
      '(6) 委員意見', '委員 佐藤', 'チャレンジショップとの連携を今後も続けてほしい。',
      '関市　第2期関市まち・ひと・しごと創生総合戦略　交付金事業の効果検証（令和2年度）', `1 / ${r.pages}`,
    ]);
    expect(r.pngs.length).toBe(r.pages);
  });

  test('choices live in the address: a department filter survives a reload; the print button prints', async () => {
    await openReport('sheet');
    await page.getByTestId('report-dept').and(page.getByLabel('商工課')).check();
    await expect.poll(() => page.getByTestId('eval-sheet').count()).toBe(2);
    expect(page.url()).toContain('depts=');
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('report').waitFor();
    expect(await page.getByTestId('report-kind-sheet').isChecked()).toBe(true);
    expect(await page.getByTestId('report-year').inputValue()).toBe('2020');
    expect(await page.getByTestId('eval-sheet').count()).toBe(2);

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByTestId('report-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // In print, the app header and the chooser are hidden.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.bar').isVisible()).toBe(false);
    expect(await page.getByTestId('report-chooser').isVisible()).toBe(false);
    await page.emulateMedia({ media: null });
    await page.getByTestId('report-dept').and(page.getByLabel('商工課')).uncheck();
    await expect.poll(() => page.getByTestId('eval-sheet').count()).toBe(10);

    // 進捗状況一覧 over the whole period: a column pair for every year, later years blank.
    await openReport('progress');
    await page.getByTestId('report-whole-period').check();
    const header = page.getByTestId('progress-table').first().locator('thead');
    await expect.poll(() => header.textContent()).toContain('令和4年度進捗状況・課題等');
    expect(page.url()).toContain('all=1');
    const whole = await printReport('reports-whole-period', true);
    expect(whole.pages).toBeGreaterThanOrEqual(4);
    expect(whole.pages).toBeLessThanOrEqual(8);
    expect(whole.text).not.toContain('総合戦略ワークブック');
    expectAll(whole.text, ['令和3年度（実績値）', '令和3年度進捗状況・課題等', '令和4年度（実績値）', '令和4年度進捗状況・課題等', '1,823件']);
    await page.getByTestId('report-whole-period').uncheck();
    await expect.poll(() => header.textContent()).not.toContain('令和3年度（実績値）');
    expect(errors).toEqual([]);
  });
});

describe('reports on a tablet held upright', () => {
  test('the chooser reads at 768×1024; the A4 preview is shrunk to the screen\'s width', async () => {
    const { page: p, errors: errs } = await openApp({ size: TABLET_PORTRAIT, touch: true });
    await p.getByTestId('editor-name').fill('企画課 山田');
    await p.getByTestId('open-sample').click();
    await p.getByTestId('nav-toggle').tap();
    await p.getByTestId('nav-reports').tap();
    await p.getByTestId('report-chooser').waitFor();
    await p.getByTestId('report-ipad-hint').waitFor();
    await screenshot(p, 'reports-chooser-768x1024');
    // The A4 preview below the chooser is the page Safari prints (share → プリント).
    await p.getByTestId('report-kind-sheet').tap();
    await p.getByTestId('eval-sheet').first().scrollIntoViewIfNeeded();
    await screenshot(p, 'reports-preview-768x1024');
    const right = await p.getByTestId('report').evaluate((el) => el.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(768);
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(errs).toEqual([]);
  });
});
