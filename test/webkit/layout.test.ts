// Nothing wider than the screen and nothing too small to tap in WebKit (the iPad's engine): every
// screen of the sample (each goal and project, three KPIs) at 1024×768 and 768×1024, the page not
// scrollable sideways and every control at least 44 px high. WebKit sizes some controls differently
// from Chromium (a select counted its chosen option's full text into the page's width), so the
// Chromium lane's overflow checks do not stand in for it.
import { describe, expect, test } from 'vitest';
import { OVERFLOW_SCRIPT, sampleScreens, SMALL_TARGETS_SCRIPT, TABLET_LANDSCAPE, TABLET_PORTRAIT } from '../e2e/support/lane';
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

describe('layout in WebKit', () => {
  test('no screen of the sample is wider than a tablet, in landscape or portrait, and every control is at least 44 px high', async () => {
    const app = await openApp();
    await app.startWithSample();
    const sid = (await app.session.currentURL()).split('#/s/')[1]!.split('/')[0]!;
    const screens = await sampleScreens(sid, (part) => hrefs(app, part), (hash) => app.go(hash));
    const wide: string[] = [];
    const small: string[] = [];
    for (const size of [TABLET_LANDSCAPE, TABLET_PORTRAIT]) {
      await app.resize(size.width, size.height);
      for (const hash of screens) {
        await app.go(hash);
        await app.drawn(hash);
        await until(() => app.session.execute<boolean>("return !!document.querySelector('main h1, main h2, h1');"), Boolean, `${hash} has a heading`);
        const { over, where } = await app.session.execute<{ over: number; where: string[] }>(OVERFLOW_SCRIPT);
        if (over > 0) wide.push(`${size.width}×${size.height} ${hash}: ${over} px too wide (${where.join(', ')})`);
        for (const target of await app.session.execute<string[]>(SMALL_TARGETS_SCRIPT)) small.push(`${size.width}×${size.height} ${hash}: ${target}`);
      }
    }
    expect(wide).toEqual([]);
    expect(small).toEqual([]);
  });
});
