// An update in WebKit (the iPad's engine): the server gets a new version of the service worker
// while a person is typing in a project; the worker finds it, the page offers 「更新する」, and one
// tap reloads the page on it after saving what was typed. Chromium checks the same with two tabs
// and two builds (test/e2e/update-tabs.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { openApp, sel, until } from './support/app';

const PROJECT = /空き家バンク事業/;

describe('an update in WebKit', () => {
  test('a new worker is offered while typing; one tap reloads on it and what was typed is saved', async () => {
    const sw = join(inject('distDir'), 'sw.js');
    const served = readFileSync(sw, 'utf8');
    try {
      const app = await openApp();
      await app.startWithSample();
      await app.openProject(PROJECT);
      await app.controlledByWorker();
      await app.session.find(sel('project-heading'), { text: PROJECT, timeout: 30_000 });
      // Drawn again after the reload, before anything else reloads it.
      await app.drawn('the project');

      // The server now has another version of the worker; the person is typing, not saved yet.
      writeFileSync(sw, `${served}\n// another version\n`);
      const summary = await app.find('py-summary');
      const before = await app.session.value(summary);
      await app.session.tap(summary);
      await app.session.type('更新前の入力');
      await app.session.execute('window.__laneMarker = "before";');
      await app.session.execute('return navigator.serviceWorker.getRegistration().then((r) => r && r.update()).then(() => true);');
      await app.find('update-prompt', { timeout: 30_000 });
      await app.screenshot('update-prompt-1024x768');
      await app.session.tap(await app.session.find(`${sel('update-prompt')} button`, { text: '更新する' }));

      // Reloaded (the marker is gone) on the same screen, with the text saved.
      await until(() => app.session.execute<string | null>('return window.__laneMarker ?? null;').catch(() => 'reloading'), (m) => m === null, 'the page reloaded', 30_000);
      await app.session.find(sel('project-heading'), { text: PROJECT, timeout: 30_000 });
      await until(() => app.value('py-summary'), (v) => v.includes('更新前の入力'), 'the typed text saved across the update', 20_000);
      expect(await app.value('py-summary')).toBe(`${before}更新前の入力`);
      expect(await app.session.execute<number>(`return document.querySelectorAll('[data-testid="update-prompt"]').length;`)).toBe(0);
    } finally {
      writeFileSync(sw, served);
    }
  });
});
