// Switching the language: t() and the fiscal-year helpers follow the locale, Japanese is the
// default, and every written form of a year reads back as the same year.
import { afterEach, describe, expect, test } from 'vitest';
import { fy, fyRange, getLocale, loadCatalog, setLocale, t } from '../../src/i18n';
import { periodText, warekiDate } from '../../src/features/reports/report-model';
import { en } from '../../src/i18n/en';
import { cellText } from '../../src/features/shared/measurement-text';
import { achievementCatalog, rankLabel, rankSchemeName, verificationCatalog } from '../../src/i18n/domain';
import { DEFAULT_RANK_SCHEME, NAGANO_RANK_SCHEME } from '../../src/domain/achievement/rank-schemes';
import { parseFiscalYear, type FiscalYearStyle } from '../../src/domain/eras';
import { formatFiscalYearEn } from '../../src/domain/eras-en';
import { JA } from '../../src/domain/achievement/catalog';
import { EN } from '../../src/domain/achievement/catalog-en';

afterEach(async () => {
  await setLocale('ja');
});

describe('locale', () => {
  test('Japanese is the default', async () => {
    expect(getLocale()).toBe('ja');
    expect(t('dash.title')).toBe('進捗ダッシュボード');
    expect(fy(2020)).toBe('令和2年度 (2020)');
  });

  test('t() follows the locale and fills placeholders in both languages', async () => {
    await setLocale('en');
    expect(t('dash.title')).toBe('Progress dashboard');
    expect(t('goal.heading', { number: 2 })).toBe('Basic goal 2');
    await setLocale('ja');
    expect(t('goal.heading', { number: 2 })).toBe('基本目標2');
  });

  test('the English catalog is loaded when English is chosen', async () => {
    expect(await loadCatalog('en')).toBe(en);
  });

  test('an unknown locale is ignored', async () => {
    await setLocale('fr' as never);
    expect(getLocale()).toBe('ja');
  });

  test('the domain catalogs follow the locale', async () => {
    expect(achievementCatalog()).toBe(JA);
    await setLocale('en');
    expect(achievementCatalog()).toBe(EN);
    expect(verificationCatalog().draft.join).toBe(' ');
  });

  test('rank labels and scheme names of the presets follow the locale; custom ones stay as written', async () => {
    expect(rankLabel('順調')).toBe('順調');
    expect(rankSchemeName(NAGANO_RANK_SCHEME)).toBe(NAGANO_RANK_SCHEME.name);
    await setLocale('en');
    expect(NAGANO_RANK_SCHEME.levels.map((l) => rankLabel(l.label))).toEqual(['On track', 'Mostly on track', 'Needs effort']);
    expect(rankLabel('A')).toBe('A');
    expect(rankLabel('独自の区分')).toBe('独自の区分');
    expect(rankSchemeName(DEFAULT_RANK_SCHEME)).toBe('Standard (A ≥100% / B ≥80% / C ≥50% / D <50%)');
    expect(rankSchemeName({ ...DEFAULT_RANK_SCHEME, id: 'custom', name: '独自の方式' })).toBe('独自の方式');
  });
});

describe('fiscal years', () => {
  test('English writes FY2020 (R2)', async () => {
    await setLocale('en');
    expect(fy(2020)).toBe('FY2020 (R2)');
    expect(fy(2020, 'wareki')).toBe('FY2020 (R2)');
    expect(fy(2019, 'wareki')).toBe('FY2019 (R1)');
    expect(fy(2018, 'full')).toBe('FY2018 (H30)');
    expect(fy(2020, 'short')).toBe('FY2020');
    expect(fy(2020, 'western')).toBe('FY2020');
    expect(fy(1850)).toBe('FY1850');
    expect(fyRange(2020, 2022)).toBe('FY2020 (R2) – FY2022 (R4)');
  });

  test('Japanese is unchanged', async () => {
    expect(fy(2020, 'wareki')).toBe('令和2年度');
    expect(fy(2019, 'wareki')).toBe('令和元年度');
    expect(fy(2020, 'short')).toBe('R2');
    expect(fyRange(2020, 2022)).toBe('令和2年度〜令和4年度');
  });

  test('every form reads back as the same year (a year field can show it)', async () => {
    const styles: FiscalYearStyle[] = ['full', 'wareki', 'short', 'western'];
    for (let year = 1960; year <= 2060; year++) {
      for (const style of styles) {
        expect(parseFiscalYear(formatFiscalYearEn(year, style)), `${year} ${style} in English`).toBe(year);
        expect(parseFiscalYear(fy(year, style, 'ja')), `${year} ${style} in Japanese`).toBe(year);
      }
    }
  });

  test('values: English words on screens, the form the parser reads in grid cells', async () => {
    const kpi = { unit: '件', direction: 'atLeast' as const };
    expect(cellText({ value: 90 }, kpi, true)).toBe('90件以上');
    await setLocale('en');
    expect(cellText({ value: 90 }, kpi, true)).toBe('90件 or more');
    expect(cellText({ value: 90 }, kpi, true, true)).toBe('90件以上');
    expect(cellText({ value: -93 }, kpi)).toBe('−93件');
    expect(cellText({ value: 110, approximate: true, provisional: true }, kpi)).toBe('approx. 110件 (provisional)');
    expect(cellText({ value: 0, remark: 'コロナのため中止' }, kpi)).toBe('0件 (コロナのため中止)');
    expect(cellText({ value: null, status: 'collecting' }, kpi)).toBe('being compiled');
    expect(cellText({ value: null, status: 'collecting' }, kpi, false, true)).toBe('集計中');
  });

  test('dates in documents', async () => {
    expect(warekiDate('2021-08-05')).toBe('令和3年8月5日');
    expect(warekiDate('2019-05-01')).toBe('令和元年5月1日');
    await setLocale('en');
    expect(warekiDate('2021-08-05')).toBe('5 August 2021 (R3)');
    expect(warekiDate('not a date')).toBe('');
  });

  test('plan periods in reports', async () => {
    expect(periodText(2020, 2022)).toBe('令和2～4年度');
    expect(periodText(2018, 2022)).toBe('平成30年度～令和4年度');
    await setLocale('en');
    expect(periodText(2020, 2022)).toBe('FY2020 (R2) – FY2022 (R4)');
    expect(t('reports.heading')).toBe('Print reports');
  });

  test('the reports messages come with the reports screens in Japanese', async () => {
    expect(t('reports.heading')).toBe('報告書を印刷');
  });
});
