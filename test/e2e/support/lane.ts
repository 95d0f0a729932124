// What the Chromium tests (./browser.ts) and the WebKit lane (test/webkit/support/app.ts) share,
// free of either browser's driver: the tablet sizes, the served app's address, the screenshots folder,
// and the page scripts that measure a screen's width and its controls' size.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export interface Viewport {
  width: number;
  height: number;
}

/** A 10-inch tablet held sideways (also the default viewport). */
export const TABLET_LANDSCAPE: Viewport = { width: 1024, height: 768 };
/** A 10-inch tablet held upright. */
export const TABLET_PORTRAIT: Viewport = { width: 768, height: 1024 };

/** Where screenshots go: <repo>/screenshots (not committed). */
export const SCREENSHOT_DIR = join(fileURLToPath(new URL('../../../', import.meta.url)), 'screenshots');

/** Address of the served app; `path` is resolved against it (e.g. '#/kpi'). */
export function appURL(path = ''): string {
  return new URL(path, inject('baseURL')).href;
}

/**
 * A function body for the page (WebDriver's execute, or Playwright's evaluate wrapped in a function):
 * how many pixels the page is wider than the window, and what reaches past the right edge, for a
 * message that says where to look.
 */
export const OVERFLOW_SCRIPT = `
  const d = document.documentElement;
  const over = d.scrollWidth - d.clientWidth;
  if (over <= 0) return { over, where: [] };
  const where = [...document.querySelectorAll('body *')]
    .map((e) => ({ e, reach: e.getBoundingClientRect().left + scrollX + e.scrollWidth }))
    .filter((x) => x.reach > d.clientWidth + 1 && getComputedStyle(x.e).overflowX === 'visible')
    .slice(-4)
    .map((x) => x.e.tagName.toLowerCase() + (x.e.dataset.testid ? '[' + x.e.dataset.testid + ']' : '') + ' reaches ' + Math.round(x.reach) + ' px');
  return { over, where };`;

/**
 * A function body for the page: the controls a finger cannot hit reliably, less than 44 px high (or
 * 24 px wide). A link inside running text is exempt (WCAG's inline exception); a radio or checkbox
 * counts with its label, which is what is tapped.
 */
export const SMALL_TARGETS_SCRIPT = `
  const out = [];
  for (const e of document.querySelectorAll('button, a[href], select, input, textarea, summary, [role=button]')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden' || e.closest('.visually-hidden')) continue;
    const cs = getComputedStyle(e);
    if (e.tagName === 'A' && cs.display === 'inline' && e.parentElement && /^(P|LI|SPAN|TD|SMALL|DD)$/.test(e.parentElement.tagName)) continue;
    let h = r.height;
    let w = r.width;
    if (e.tagName === 'INPUT' && /^(radio|checkbox)$/.test(e.type)) {
      const label = e.closest('label') || (e.id && document.querySelector('label[for="' + e.id + '"]'));
      if (label) {
        h = Math.max(h, label.getBoundingClientRect().height);
        w = Math.max(w, label.getBoundingClientRect().width);
      }
    }
    if (h < 43.5 || w < 24) out.push(e.tagName.toLowerCase() + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + ' ' + Math.round(w) + '×' + Math.round(h) + ' 「' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 20) + '」');
  }
  return [...new Set(out)];`;

/**
 * The screens of strategy `sid` a layout check visits: the dashboard, the strategy page, every goal
 * and project (their selects show the chosen goal's full title), three KPIs, export, reports,
 * spreadsheets, todo, meeting mode, import, settings and the list. `linked(part)` gives the
 * addresses the page links to that contain `part` (the outline for goals and projects, the
 * dashboard for KPIs: `#/s/<sid>/kpi/`, asked for last, after the dashboard was opened by `open`).
 */
export async function sampleScreens(sid: string, linked: (part: string) => Promise<string[]>, open: (hash: string) => Promise<void>): Promise<string[]> {
  const screens = [
    `#/s/${sid}/dashboard`,
    `#/s/${sid}`,
    ...(await linked(`#/s/${sid}/goal/`)),
    ...(await linked(`#/s/${sid}/project/`)),
    `#/s/${sid}/export`,
    `#/s/${sid}/reports`,
    `#/s/${sid}/sheets`,
    `#/s/${sid}/todo`,
    `#/s/${sid}/meeting`,
    '#/import',
    '#/settings',
    '#/',
  ];
  await open(`#/s/${sid}/dashboard`);
  screens.push(...(await linked(`#/s/${sid}/kpi/`)).slice(0, 3));
  return screens;
}
