import { describe, expect, it } from 'vitest';
import {
  fiscalYearOfDate,
  fiscalYearsBetween,
  formatFiscalYear,
  parseFiscalYear,
  parseFiscalYearRange,
  parseJapaneseDate,
  type FiscalYearStyle,
} from '../../src/domain/eras';

describe('parseFiscalYear', () => {
  it.each([
    ['令和2', 2020],
    ['令和2年度', 2020],
    ['R2', 2020],
    ['r2', 2020],
    ['R2年度', 2020],
    ['R02', 2020],
    ['H30', 2018],
    ['平成30年度', 2018],
    ['2020', 2020],
    ['2020年度', 2020],
    ['２０２０', 2020],
    ['２０２０年度', 2020],
    ['令和２年度', 2020],
    ['Ｒ２', 2020],
    ['FY2020', 2020],
    ['fy2020', 2020],
    ['ＦＹ２０２０', 2020],
    ['昭和63', 1988],
    ['S63', 1988],
    ['昭和64', 1989],
    ['大正15', 1926],
    ['T1', 1912],
    ['明治33', 1900],
  ])('reads %s as FY%i', (input, fy) => {
    expect(parseFiscalYear(input)).toBe(fy);
  });

  it.each(['令和元', '令和元年度', 'R1', '平成31', 'H31', '平成31年度', '2019'])(
    'reads %s as FY2019 (平成31年度 and 令和元年度 are the same year)',
    (input) => {
      expect(parseFiscalYear(input)).toBe(2019);
    },
  );

  it('accepts era years written before the next era was known (平成32年度 = 2020)', () => {
    expect(parseFiscalYear('平成32年度')).toBe(2020);
    expect(parseFiscalYear('H32')).toBe(2020);
    expect(parseFiscalYear('平成37年度')).toBe(2025);
    expect(parseFiscalYear('平成72年')).toBe(2060);
  });

  it('tolerates spaces, including the ideographic space', () => {
    expect(parseFiscalYear(' 令和 2 年度 ')).toBe(2020);
    expect(parseFiscalYear('R 2')).toBe(2020);
    expect(parseFiscalYear('令和\u30002年度')).toBe(2020);
    expect(parseFiscalYear('2020 年度')).toBe(2020);
  });

  it('reads the both-calendars forms when both halves agree', () => {
    expect(parseFiscalYear('2020(令和2)年度')).toBe(2020);
    expect(parseFiscalYear('2020（令和2）年度')).toBe(2020);
    expect(parseFiscalYear('令和2(2020)年度')).toBe(2020);
    expect(parseFiscalYear('令和2年度 (2020)')).toBe(2020);
    expect(parseFiscalYear('令和元年度 (2019)')).toBe(2019);
    expect(parseFiscalYear('2020(令和3)年度')).toBeNull();
  });

  it('reads era ligatures such as ㍻', () => {
    expect(parseFiscalYear('㍻30年度')).toBe(2018);
    expect(parseFiscalYear('㋿2')).toBe(2020);
  });

  it.each([
    '',
    '   ',
    'abc',
    '令和',
    'R',
    'R0',
    '令和0年度',
    '20',
    '20200',
    '1899',
    '2201',
    '平成100',
    '昭和200',
    'X2',
    '令和2年度の予算',
    '2020/4',
  ])('refuses %j', (input) => {
    expect(parseFiscalYear(input)).toBeNull();
  });

  it('accepts the bounds 1900 and 2200', () => {
    expect(parseFiscalYear('1900')).toBe(1900);
    expect(parseFiscalYear('2200')).toBe(2200);
  });
});

describe('parseFiscalYearRange', () => {
  it.each([
    ['平成27~31年度', 2015, 2019],
    ['平成27～31年度', 2015, 2019],
    ['平成27〜31年度', 2015, 2019],
    ['H27-H31', 2015, 2019],
    ['H27-31', 2015, 2019],
    ['2015〜2019', 2015, 2019],
    ['2015~19', 2015, 2019],
    ['2015 - 2019', 2015, 2019],
    ['令和2年～4年度', 2020, 2022],
    ['令和2～6年度', 2020, 2024],
    ['平成27〜令和元年度', 2015, 2019],
    ['H27-R2', 2015, 2020],
    ['FY2020-FY2024', 2020, 2024],
    ['平成27から31年度', 2015, 2019],
    ['平成27~28年度', 2015, 2016],
  ])('reads %s as %i–%i', (input, from, to) => {
    expect(parseFiscalYearRange(input)).toEqual({ from, to });
  });

  it('gives from = to for a single year', () => {
    expect(parseFiscalYearRange('令和2年度')).toEqual({ from: 2020, to: 2020 });
    expect(parseFiscalYearRange('2020')).toEqual({ from: 2020, to: 2020 });
    expect(parseFiscalYearRange('平成31年度')).toEqual({ from: 2019, to: 2019 });
  });

  it.each(['', 'abc', '令和4~2年度', '2019~2015', '2021-03-04', 'H27-', '-H31', 'H27-H31-R2', '2015~9'])(
    'refuses %j',
    (input) => {
      expect(parseFiscalYearRange(input)).toBeNull();
    },
  );
});

describe('formatFiscalYear', () => {
  it('writes both calendars by default', () => {
    expect(formatFiscalYear(2020)).toBe('令和2年度 (2020)');
    expect(formatFiscalYear(2020, 'full')).toBe('令和2年度 (2020)');
  });

  it('writes year 1 of an era as 元', () => {
    expect(formatFiscalYear(2019)).toBe('令和元年度 (2019)');
    expect(formatFiscalYear(2019, 'wareki')).toBe('令和元年度');
    expect(formatFiscalYear(1989, 'wareki')).toBe('平成元年度');
  });

  it('writes each style', () => {
    expect(formatFiscalYear(2020, 'wareki')).toBe('令和2年度');
    expect(formatFiscalYear(2020, 'short')).toBe('R2');
    expect(formatFiscalYear(2019, 'short')).toBe('R1');
    expect(formatFiscalYear(2018, 'short')).toBe('H30');
    expect(formatFiscalYear(1988, 'short')).toBe('S63');
    expect(formatFiscalYear(2020, 'western')).toBe('2020年度');
    expect(formatFiscalYear(2016, 'full')).toBe('平成28年度 (2016)');
  });

  it('falls back to the Western form where no era applies', () => {
    expect(formatFiscalYear(1800, 'wareki')).toBe('1800年度');
    expect(formatFiscalYear(2020.5, 'short')).toBe('2020.5年度');
  });

  it('is read back by parseFiscalYear in every style for every year 1900–2200', () => {
    const styles: FiscalYearStyle[] = ['full', 'wareki', 'short', 'western'];
    for (let fy = 1900; fy <= 2200; fy++) {
      for (const style of styles) {
        expect(parseFiscalYear(formatFiscalYear(fy, style)), `${fy} ${style}`).toBe(fy);
      }
    }
  });
});

describe('parseJapaneseDate', () => {
  it.each([
    ['R3.3', { year: 2021, month: 3 }],
    ['H28.6.25', { year: 2016, month: 6, day: 25 }],
    ['H28.8.3', { year: 2016, month: 8, day: 3 }],
    ['H29.3月', { year: 2017, month: 3 }],
    ['令和3年3月', { year: 2021, month: 3 }],
    ['令和3年3月31日', { year: 2021, month: 3, day: 31 }],
    ['令和元年5月1日', { year: 2019, month: 5, day: 1 }],
    ['令和3年', { year: 2021 }],
    ['R3', { year: 2021 }],
    ['2021/3/4', { year: 2021, month: 3, day: 4 }],
    ['2021-03-04', { year: 2021, month: 3, day: 4 }],
    ['2021年3月4日', { year: 2021, month: 3, day: 4 }],
    ['2021.3', { year: 2021, month: 3 }],
    ['2021/3', { year: 2021, month: 3 }],
    ['2021年', { year: 2021 }],
    ['２０２１／３／４', { year: 2021, month: 3, day: 4 }],
    ['R4.1', { year: 2022, month: 1 }],
    ['2020/2/29', { year: 2020, month: 2, day: 29 }],
    ['2000/2/29', { year: 2000, month: 2, day: 29 }],
  ])('reads %s', (input, expected) => {
    expect(parseJapaneseDate(input)).toEqual(expected);
  });

  it.each(['', 'abc', 'R3.13', 'R3.0', '2021/2/29', '1900/2/29', '2021/4/31', '2021/1/0', '20210304', '令和3年度', '3月', 'R3.3.3.3'])(
    'refuses %j',
    (input) => {
      expect(parseJapaneseDate(input)).toBeNull();
    },
  );
});

describe('fiscalYearOfDate', () => {
  it('puts January–March in the previous fiscal year', () => {
    expect(fiscalYearOfDate(2021, 1)).toBe(2020);
    expect(fiscalYearOfDate(2021, 3)).toBe(2020);
  });

  it('puts April–December in the fiscal year of the same number', () => {
    expect(fiscalYearOfDate(2021, 4)).toBe(2021);
    expect(fiscalYearOfDate(2021, 12)).toBe(2021);
  });

  it('agrees with parseJapaneseDate for a printed date', () => {
    const d = parseJapaneseDate('R3.3');
    expect(d && d.month !== undefined ? fiscalYearOfDate(d.year, d.month) : null).toBe(2020);
  });
});

describe('fiscalYearsBetween', () => {
  it('lists every year, both ends included', () => {
    expect(fiscalYearsBetween(2020, 2024)).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(fiscalYearsBetween(2020, 2020)).toEqual([2020]);
  });

  it('is empty for a reversed or non-integer range', () => {
    expect(fiscalYearsBetween(2024, 2020)).toEqual([]);
    expect(fiscalYearsBetween(2020.5, 2022)).toEqual([]);
    expect(fiscalYearsBetween(2020, Number.NaN)).toEqual([]);
  });
});
