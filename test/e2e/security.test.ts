// Nobody gets in, in the built app:
// - a bundle whose every text field carries an XSS payload (script tags, event handlers,
//   javascript: URLs, SVG tricks) is imported and shown on every screen, and nothing executes:
//   no dialog, no console marker, no injected element. This runs with the page's CSP switched
//   off, so it proves the rendering itself never treats text as HTML; the CSP is a second wall;
// - the Content-Security-Policy is in force, and a full session (start, sample, edit, dashboard
//   with its chart, meeting mode, export download, import) runs under it with zero violations;
// - every request of that session stays on the app's origin (no fonts, analytics or CDNs).
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { appURL, openApp, screenshot, type Page } from './support/browser';
import { xssBundle } from '../fixtures/xss/build';

const dir = mkdtempSync(join(tmpdir(), 'security-e2e-'));

const base = (page: Page) => page.url().replace(/#.*$/, '');

describe('no user text is ever rendered as HTML (see also test/safety/no-html-sinks.test.ts)', () => {
  test('a bundle with XSS payloads in every text field executes nothing on any screen', async () => {
    const first = await xssBundle();
    const second = await xssBundle(' ②');
    expect(first.fields.length).toBeGreaterThan(100);
    // Every kind of record that has text carries payloads.
    for (const kind of ['strategy', 'goals', 'projects', 'kpis', 'kpiYears', 'projectYears', 'meetings', 'opinions'])
      expect(first.fields.some((f) => f.startsWith(`${kind}:`)), kind).toBe(true);
    const firstPath = join(dir, first.fileName);
    const secondPath = join(dir, `2_${second.fileName}`);
    writeFileSync(firstPath, first.json);
    writeFileSync(secondPath, second.json);

    // The page's CSP is switched off here: what is tested is that text is never HTML.
    const { page, context, errors } = await openApp({ bypassCSP: true, blank: true });
    await context.addInitScript(() => {
      const w = window as unknown as { __xss: (m: string) => void; __xssFired: string[] };
      w.__xssFired = [];
      w.__xss = (m: string) => {
        w.__xssFired.push(m);
        console.log(`XSS-FIRED ${m}`);
      };
    });
    const dialogs: string[] = [];
    const markers: string[] = [];
    const foreign: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.text().includes('XSS-FIRED')) markers.push(m.text());
    });
    const origin = new URL(appURL()).origin;
    context.on('request', (r) => {
      if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
    });

    /** Nothing ran and nothing the payloads would create is in the page. */
    async function inert(where: string) {
      await page.waitForTimeout(150);
      const found = await page.evaluate(() => {
        const bad: string[] = [];
        for (const el of document.querySelectorAll('*')) {
          for (const a of el.getAttributeNames()) if (/^on/i.test(a)) bad.push(`<${el.tagName.toLowerCase()} ${a}>`);
          for (const a of ['href', 'xlink:href', 'src', 'data', 'action', 'formaction'])
            if (/^\s*(javascript|data:text\/html)/i.test(el.getAttribute(a) ?? '')) bad.push(`<${el.tagName.toLowerCase()} ${a}=${el.getAttribute(a)}>`);
        }
        for (const el of document.querySelectorAll('script:not([src]), iframe, object, embed, math, maction, noscript, meta[http-equiv="refresh"], input[autofocus], body body'))
          bad.push(`<${el.tagName.toLowerCase()}>`);
        for (const el of document.querySelectorAll('img')) if (!el.src.startsWith(location.origin)) bad.push(`<img src=${el.getAttribute('src')}>`);
        for (const el of document.querySelectorAll('style')) if (/evil\.example/.test(el.textContent ?? '')) bad.push('<style @import>');
        return { bad, fired: (window as unknown as { __xssFired: string[] }).__xssFired };
      });
      expect(found.bad, where).toEqual([]);
      expect(found.fired, where).toEqual([]);
      expect(dialogs, where).toEqual([]);
      expect(markers, where).toEqual([]);
    }
    /** The payloads are on screen, as text. */
    async function shownAsText(where: string) {
      const text = await page.locator('body').innerText();
      expect(text, where).toMatch(/<(script|img|svg|a|iframe|details)\b/);
    }

    await page.goto(appURL(), { waitUntil: 'load' });
    await page.getByTestId('editor-name').fill(`<img src=x onerror="window.__xss('editor-name')">`);
    await page.getByTestId('start-import').click();
    await page.getByTestId('import-file').setInputFiles(firstPath);
    await page.getByTestId('import-preview-new').waitFor();
    await shownAsText('import preview');
    await inert('import preview (new strategy)');
    await screenshot(page, 'xss-import-preview-1024x768');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-done').waitFor();
    await inert('import done');
    const sid = first.records.strategy.id;
    const at = (hash: string) => page.goto(`${base(page)}#/s/${sid}${hash}`);

    // The workbook: overview, every goal, every project in a year with its texts.
    await at('');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shownAsText('strategy');
    await inert('strategy overview');
    await screenshot(page, 'xss-strategy-1024x768');
    for (const g of first.records.goals) {
      await at(`/goal/${g.id}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await inert(`goal ${g.number}`);
    }
    for (const p of first.records.projects) {
      await at(`/project/${p.id}/y/2020`);
      await page.getByTestId('project-heading').waitFor();
      await inert(`project ${p.number}`);
    }
    await screenshot(page, 'xss-project-1024x768');

    // The dashboard and every KPI's detail with its chart.
    await at('/dashboard?fy=2020');
    await page.getByTestId('dash-summary').waitFor();
    await shownAsText('dashboard');
    await inert('dashboard');
    for (const k of first.records.kpis) {
      await at(`/kpi/${k.id}?fy=2020`);
      await page.getByTestId('kpi-detail-heading').waitFor();
      await inert(`KPI ${k.name.slice(0, 10)}`);
    }
    await screenshot(page, 'xss-kpi-detail-1024x768');

    // Meeting mode, every slide.
    await at('/meeting?fy=2020');
    await page.getByTestId('meeting-slide').waitFor();
    const total = Number((await page.getByTestId('meeting-position').textContent())!.split('/')[1]!.trim());
    for (let i = 1; i <= total; i++) {
      await inert(`meeting slide ${i}`);
      if (i < total) await page.getByTestId('meeting-next').click();
    }
    await screenshot(page, 'xss-meeting-1024x768');

    // The merge preview of a second file with other payloads.
    await page.goto(`${base(page)}#/import`);
    await page.getByTestId('import-file').setInputFiles(secondPath);
    await page.getByTestId('import-preview-merge').waitFor();
    await shownAsText('merge preview');
    await inert('import preview (merge)');
    await screenshot(page, 'xss-merge-preview-1024x768', { fullPage: true });

    // The export screen, the settings (snapshots name the strategy), the start screen.
    await at('/export');
    await page.getByTestId('export-create').waitFor();
    await inert('export');
    await page.goto(`${base(page)}#/settings`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await inert('settings');
    await page.goto(`${base(page)}#/`);
    await page.getByTestId('strategy-list').waitFor();
    await inert('start');

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('Content-Security-Policy', () => {
  test('is in force: inline script and eval are refused', async () => {
    // The browser reports the two refusals this test provokes as console errors.
    const { page } = await openApp({ allowErrors: /violates the following Content Security Policy directive/ });
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ])
      expect(policy).toContain(directive);
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    const outcome = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      // A string timer is compiled by the page itself (code evaluated from the test is not subject to it).
      setTimeout('window.__evalRan = true' as unknown as () => void, 0);
      return new Promise((resolve) =>
        setTimeout(() => {
          const w = window as unknown as { __inlineRan?: boolean; __evalRan?: boolean };
          resolve({ inline: w.__inlineRan === true, evalRan: w.__evalRan === true });
        }, 100),
      );
    });
    expect(outcome).toEqual({ inline: false, evalRan: false });
  });

  test('a full session runs with zero violations, and no request leaves the app\'s origin', async () => {
    const { page, context, errors } = await openApp({ blank: true });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    const origin = new URL(appURL()).origin;
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const cspConsole: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) cspConsole.push(m.text());
    });
    const violations = async () => [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...cspConsole];

    await page.goto(appURL(), { waitUntil: 'load' });
    await page.getByTestId('editor-name').fill('企画課 山田');
    await page.getByTestId('open-sample').click();
    await page.getByRole('heading', { level: 1, name: /第2期関市/ }).waitFor();
    const sid = page.url().split('#/s/')[1]!.split('/')[0]!;
    // Edit.
    await page.getByTestId('nav-project').first().click();
    await page.getByTestId('project-heading').waitFor();
    const cell = page.getByTestId('cell-actual-2020').first();
    await cell.fill('1,900件');
    await cell.press('Enter');
    await expect.poll(() => page.getByTestId('save-indicator').textContent()).toContain('保存済み');
    // Dashboard, and a KPI with its chart.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dash-summary').waitFor();
    await page.locator('[data-testid="dash-row"] a').first().click();
    await page.getByTestId('kpi-chart').locator('svg').first().waitFor();
    // Meeting mode.
    await page.goto(`${base(page)}#/s/${sid}/meeting`);
    await page.getByTestId('meeting-slide').waitFor();
    await page.getByTestId('meeting-next').click();
    await page.getByTestId('meeting-next').click();
    // Export, downloaded.
    await page.goto(`${base(page)}#/s/${sid}/export`);
    await page.getByTestId('export-create').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const file = join(dir, 'session-export.json');
    await download.saveAs(file);
    // Import it back (a merge preview, nothing to take) and as a new device would (another context).
    await page.goto(`${base(page)}#/import`);
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview-merge').waitFor();
    // Settings with the snapshots.
    await page.goto(`${base(page)}#/settings`);
    await page.getByTestId('snapshots').waitFor();
    // Reload from the service worker's cache.
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(500);

    expect(await violations()).toEqual([]);
    const offsite = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));
    expect(offsite).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    expect(errors).toEqual([]);
  });
});
