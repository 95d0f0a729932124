// The Japanese and English catalogs say the same things: the same keys (file by file), the same
// placeholders in every message, and domain catalogs of the same shape (functions of the same
// arity). A key added to one language only fails here as well as in the type check.
import { describe, expect, test } from 'vitest';
import { ja } from '../../src/i18n/ja';
import { en } from '../../src/i18n/en';
import { app as jaApp } from '../../src/i18n/ja/app';
import { parse as jaParse } from '../../src/i18n/ja/parse';
import { bundle as jaBundle } from '../../src/i18n/ja/bundle';
import { meeting as jaMeeting } from '../../src/i18n/ja/meeting';
import { files as jaFiles } from '../../src/i18n/ja/files';
import { reports as jaReports } from '../../src/i18n/ja/reports';
import { sheets as jaSheets } from '../../src/i18n/ja/sheets';
import { safety as jaSafety } from '../../src/i18n/ja/safety';
import { ui as jaUi } from '../../src/i18n/ja/ui';
import { tablet as jaTablet } from '../../src/i18n/ja/tablet';
import { app as enApp } from '../../src/i18n/en/app';
import { parse as enParse } from '../../src/i18n/en/parse';
import { bundle as enBundle } from '../../src/i18n/en/bundle';
import { meeting as enMeeting } from '../../src/i18n/en/meeting';
import { files as enFiles } from '../../src/i18n/en/files';
import { reports as enReports } from '../../src/i18n/en/reports';
import { sheets as enSheets } from '../../src/i18n/en/sheets';
import { safety as enSafety } from '../../src/i18n/en/safety';
import { ui as enUi } from '../../src/i18n/en/ui';
import { tablet as enTablet } from '../../src/i18n/en/tablet';
import { JA } from '../../src/domain/achievement/catalog';
import { EN } from '../../src/domain/achievement/catalog-en';
import { VERIFICATION_JA } from '../../src/domain/verification/catalog';
import { VERIFICATION_EN } from '../../src/domain/verification/catalog-en';

const FILES: [string, Record<string, string>, Record<string, string>][] = [
  ['app', jaApp, enApp],
  ['parse', jaParse, enParse],
  ['bundle', jaBundle, enBundle],
  ['meeting', jaMeeting, enMeeting],
  ['files', jaFiles, enFiles],
  ['reports', jaReports, enReports],
  ['sheets', jaSheets, enSheets],
  ['safety', jaSafety, enSafety],
  ['ui', jaUi, enUi],
  ['tablet', jaTablet, enTablet],
];

/** Keys of `a` that `b` lacks. */
const missingIn = (a: object, b: object) => Object.keys(a).filter((k) => !(k in b));

/** The `{placeholders}` of a message, sorted and without repeats. */
const placeholders = (message: string) => [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/**
 * How two domain catalogs differ: a path for every key one has and the other lacks, every value of
 * a different type, and every function of a different arity.
 */
function shapeDifferences(a: unknown, b: unknown, path = ''): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(a) !== kind(b)) return [`${path || '(root)'}: ${kind(a)} in ja, ${kind(b)} in en`];
  if (typeof a === 'function' && typeof b === 'function') {
    return a.length === b.length ? [] : [`${path}: function of ${a.length} parameters in ja, ${b.length} in en`];
  }
  if (kind(a) !== 'object') return [];
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const out: string[] = [];
  for (const k of missingIn(x, y)) out.push(`${path}${k}: missing in en`);
  for (const k of missingIn(y, x)) out.push(`${path}${k}: missing in ja`);
  for (const k of Object.keys(x)) if (k in y) out.push(...shapeDifferences(x[k], y[k], `${path}${k}.`));
  return out;
}

/** Every Japanese message, those that come with lazily loaded screens included. */
const jaAll: Record<string, string> = Object.assign({}, ...FILES.map(([, file]) => file));

describe('message catalogs', () => {
  test('every key is in both languages', () => {
    expect(missingIn(jaAll, en), 'keys missing in the English catalog').toEqual([]);
    expect(missingIn(en, jaAll), 'keys missing in the Japanese catalog').toEqual([]);
    // The catalog loaded with the app has every file's messages but those loaded with their code.
    expect(missingIn(jaAll, ja).sort()).toEqual([...Object.keys(jaBundle), ...Object.keys(jaReports), ...Object.keys(jaSheets)].sort());
  });

  test.each(FILES)('%s: the English file has exactly the keys of the Japanese file', (_name, jaFile, enFile) => {
    expect(missingIn(jaFile, enFile), 'missing in English').toEqual([]);
    expect(missingIn(enFile, jaFile), 'missing in Japanese').toEqual([]);
  });

  test('no key is defined by two files (a later file would hide the earlier message)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, file] of FILES) {
      for (const key of Object.keys(file)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${name})`);
        seen.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });

  test('every message has the same placeholders in both languages', () => {
    const differ = Object.keys(jaAll)
      .filter((k) => k in en)
      .map((k) => ({ key: k, ja: placeholders(jaAll[k]!), en: placeholders(en[k as keyof typeof en]) }))
      .filter((d) => JSON.stringify(d.ja) !== JSON.stringify(d.en));
    expect(differ).toEqual([]);
  });

  test('an English message is empty only where the Japanese one is', () => {
    const empty = Object.keys(jaAll).filter((k) => (en[k as keyof typeof en] ?? '').trim() === '' && jaAll[k]!.trim() !== '');
    expect(empty).toEqual([]);
  });

  test('English messages are written in English: no kana outside quoted examples of what people type', () => {
    // Kana may appear only in examples of input the parsers read (「1,636件」「集計中」…) and in
    // the names of the languages. Such keys are listed; every other message has no kana at all.
    const EXAMPLES = new Set([
      'grid.help',
      'parse.unreadable',
      'parse.severalNumbers',
      'parse.remarkOnly',
      'sheets.issue.cumulative',
      'sheets.importLead',
      'sheets.issue.direction',
      'lang.ja',
      'lang.label',
    ]);
    const kana = /[\u3040-\u30ff]/;
    const withKana = Object.entries(en).filter(([k, v]) => !EXAMPLES.has(k) && kana.test(v)).map(([k]) => k);
    expect(withKana).toEqual([]);
  });
});

describe('domain catalogs', () => {
  test('the achievement catalog has the same shape in both languages', () => {
    expect(shapeDifferences(JA, EN)).toEqual([]);
  });

  test('the verification catalog has the same shape in both languages', () => {
    expect(shapeDifferences(VERIFICATION_JA, VERIFICATION_EN)).toEqual([]);
  });

  test('the shape comparison notices a missing key, an extra key and a different arity', () => {
    expect(shapeDifferences({ a: '', b: { c: (x: number) => x } }, { a: '', b: { c: () => 0, d: '' } })).toEqual([
      'b.d: missing in ja',
      'b.c.: function of 1 parameters in ja, 0 in en',
    ]);
    expect(shapeDifferences({ a: '', b: '' }, { a: '' })).toEqual(['b: missing in en']);
  });

  test('English domain words are free of Japanese', () => {
    const jp = /[\u3040-\u30ff\u4e00-\u9fff]/;
    const strings: string[] = [];
    const collect = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (typeof v === 'function') {
        // Call with plausible arguments: a subject, numbers, a fiscal year.
        const args = Array.from({ length: v.length }, (_, i) => (i === 0 ? 'KPI ①' : 2020));
        try {
          const r: unknown = v(...args);
          if (typeof r === 'string') strings.push(r);
        } catch {
          // Functions taking an object are checked through the hints below.
        }
      } else if (v && typeof v === 'object') for (const x of Object.values(v)) collect(x);
    };
    collect({ ...EN, presets: { ...EN.presets } });
    collect({ ...VERIFICATION_EN, kpi: { subject: VERIFICATION_EN.kpi.subject(['①', '②'], false) }, hints: {} });
    const p = { kpiSubject: 'KPI ①', name: 'Visitors', fiscalYear: 2020, choice: 'Effective', evaluated: 2, periodEnd: 2024, sum: 10, settlement: 12, unit: 'yen', field: 'Project evaluation', reason: 'Reason' };
    for (const hint of Object.values(VERIFICATION_EN.hints)) strings.push((hint as (x: typeof p) => string)(p));
    const japanese = strings.filter((s) => jp.test(s));
    expect(japanese).toEqual([]);
  });
});
