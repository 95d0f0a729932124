// Numbers in the spreadsheet messages follow the chosen language (they were always written ja-JP).
import { afterEach, expect, test, vi } from 'vitest';
import { setLocale } from '../../src/i18n';
import { warningMessage } from '../../src/sheets/messages';
import type { ScaleWarning } from '../../src/sheets/plan';

const WARNING: ScaleWarning = { row: 7, column: '令和3年度 (実績値)', input: '816.325', subject: '観光客数', factor: 1000, larger: true, typical: '816,325人' };

afterEach(async () => {
  vi.restoreAllMocks();
  await setLocale('ja');
});

/** The locales numbers were written with while `run` ran. */
function localesUsed(run: () => void): unknown[] {
  const spy = vi.spyOn(Number.prototype, 'toLocaleString');
  try {
    run();
    return spy.mock.calls.map((call) => call[0]);
  } finally {
    spy.mockRestore();
  }
}

test('an English message groups digits as en-US, a Japanese one as ja-JP', async () => {
  let ja = '';
  expect(localesUsed(() => (ja = warningMessage(WARNING)))).toEqual(['ja-JP']);
  expect(ja).toContain(`約${(1000).toLocaleString('ja-JP')}倍`);

  await setLocale('en');
  let en = '';
  expect(localesUsed(() => (en = warningMessage(WARNING)))).toEqual(['en-US']);
  expect(en).toContain(`about ${(1000).toLocaleString('en-US')} times`);
  expect(warningMessage({ ...WARNING, larger: false })).toContain(`about 1/${(1000).toLocaleString('en-US')} of`);
});
