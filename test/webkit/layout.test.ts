// Nothing wider than the screen and nothing too small to tap in WebKit (the iPad's engine): every
// screen of the sample (each goal and project, three KPIs) at 1024×768 and 768×1024, the page not
// scrollable sideways and every control at least 44 px high. WebKit sizes some controls differently
// from Chromium (a select counted its chosen option's full text into the page's width), so the
// Chromium lane's overflow checks do not stand in for it.
import { describe, expect, test } from 'vitest';
import { TABLET_LANDSCAPE, TABLET_PORTRAIT } from '../e2e/support/lane';
import { openApp, until, type App } from './support/app';

/** Every address linked from the page that contains `part` (the outline's goals, projects …), once each. */
const hrefs = (app: App, part: string) =>
  until(
    () =>
      app.session.execute<string[]>(
        `return [...new Set([...document.querySelectorAll('a[href*="' + arguments[0] + '"]')].map((a) => a.getAttribute('href')))];`,
        part,
      ),
    (list) => list.length > 0,
    `links to ${part}`,
  );

/** What reaches past the right edge, deepest first, for a message that says where to look. */
const OVERFLOW = `
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
 * Controls a finger cannot hit reliably: less than 44 px high (or 24 px wide). A link inside running
 * text is exempt (WCAG's inline exception); a radio or checkbox counts with its label, which is
 * what is tapped.
 */
const SMALL_TARGETS = `
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

describe('layout in WebKit', () => {
  test('no screen of the sample is wider than a tablet, in landscape or portrait, and every control is at least 44 px high', async () => {
    const app = await openApp();
    await app.startWithSample();
    const sid = (await app.session.currentURL()).split('#/s/')[1]!.split('/')[0]!;
    const screens = [
      `#/s/${sid}/dashboard`,
      `#/s/${sid}`,
      // Every goal and project: their selects show the chosen goal's full title.
      ...(await hrefs(app, `#/s/${sid}/goal/`)),
      ...(await hrefs(app, `#/s/${sid}/project/`)),
      `#/s/${sid}/export`,
      `#/s/${sid}/reports`,
      `#/s/${sid}/sheets`,
      `#/s/${sid}/todo`,
      `#/s/${sid}/meeting`,
      '#/import',
      '#/settings',
      '#/',
    ];
    await app.go(`#/s/${sid}/dashboard`);
    screens.push(...(await hrefs(app, `#/s/${sid}/kpi/`)).slice(0, 3));
    const wide: string[] = [];
    const small: string[] = [];
    for (const size of [TABLET_LANDSCAPE, TABLET_PORTRAIT]) {
      await app.resize(size.width, size.height);
      for (const hash of screens) {
        await app.go(hash);
        await app.drawn(hash);
        await until(() => app.session.execute<boolean>("return !!document.querySelector('main h1, main h2, h1');"), Boolean, `${hash} has a heading`);
        const { over, where } = await app.session.execute<{ over: number; where: string[] }>(OVERFLOW);
        if (over > 0) wide.push(`${size.width}×${size.height} ${hash}: ${over} px too wide (${where.join(', ')})`);
        for (const target of await app.session.execute<string[]>(SMALL_TARGETS)) small.push(`${size.width}×${size.height} ${hash}: ${target}`);
      }
    }
    expect(wide).toEqual([]);
    expect(small).toEqual([]);
  });
});
