/**
 * 和暦 and 年度: reading and writing the years and dates that Japanese municipal documents print.
 *
 * A fiscal year (年度) runs April–March and is named after the calendar year it starts in:
 * 令和2年度 = FY2020 = 2020-04-01 … 2021-03-31. Fiscal years are stored as that Western number.
 *
 * Pure functions: no clock, no locale, nothing thrown.
 */

/** One era of the 一世一元 system. */
interface Era {
  /** 令和 */
  readonly name: string;
  /** R — the one-letter abbreviation used in tables (R3, H28). */
  readonly letter: string;
  /** Calendar year of 元年. */
  readonly start: number;
  /** Calendar year the next era began in (the era's natural last year), or null for the current era. */
  readonly end: number | null;
}

const ERAS: readonly Era[] = [
  { name: '明治', letter: 'M', start: 1868, end: 1912 },
  { name: '大正', letter: 'T', start: 1912, end: 1926 },
  { name: '昭和', letter: 'S', start: 1926, end: 1989 },
  { name: '平成', letter: 'H', start: 1989, end: 2019 },
  { name: '令和', letter: 'R', start: 2019, end: null },
];

/**
 * How far past its natural end an era year is still accepted. Documents written before an era
 * change kept counting in the old era: strategies of 2015 set targets for 平成32年度 (2020) and
 * 平成37年度 (2025), and 人口ビジョン project to 平成72年 (2060). Beyond that a year is a typo.
 */
const PROJECTION_HORIZON = 50;

/** Years outside this range are typos, not fiscal years of a municipal strategy. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** Single-character era ligatures (㍻ …) that some fonts and OCR produce. */
const ERA_LIGATURES: Readonly<Record<string, string>> = {
  '\u337E': '明治',
  '\u337D': '大正',
  '\u337C': '昭和',
  '\u337B': '平成',
  '\u32FF': '令和',
};

/**
 * Full-width ASCII to half-width and ideographic space to space. numbers.ts exports the same
 * operation as `normalizeWidth`; it is repeated here so that this module does not depend on
 * numbers.ts, which depends on this one.
 */
function halfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Canonical form for matching: half-width, era ligatures spelled out, no spaces, upper case. */
function canonical(input: string): string {
  let s = halfWidth(input);
  for (const [ligature, name] of Object.entries(ERA_LIGATURES)) s = s.split(ligature).join(name);
  return s.replace(/\s+/g, '').toUpperCase();
}

const ERA_PATTERN = '(明治|大正|昭和|平成|令和|[MTSHR])\\.?(元|\\d{1,3})';
const ERA_YEAR_RE = new RegExp(`^${ERA_PATTERN}$`);

function eraByToken(token: string): Era | undefined {
  return ERAS.find((e) => e.name === token || e.letter === token);
}

function inRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** 元 or a number as the year within an era; 0 is not a year. */
function eraYearNumber(token: string): number | null {
  if (token === '元') return 1;
  const n = Number(token);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/** Calendar year of year `n` of `era`, or null when `n` is past what any document would write. */
function eraToWestern(era: Era, n: number): number | null {
  if (era.end !== null && n > era.end - era.start + 1 + PROJECTION_HORIZON) return null;
  const year = era.start + n - 1;
  return inRange(year) ? year : null;
}

/** "令和2" / "R02" / "H.30" (already canonical) to the era and the Western year. */
function readEraYear(s: string): { era: Era; year: number } | null {
  const m = ERA_YEAR_RE.exec(s);
  if (!m) return null;
  const era = eraByToken(m[1] ?? '');
  const n = eraYearNumber(m[2] ?? '');
  if (!era || n === null) return null;
  const year = eraToWestern(era, n);
  return year === null ? null : { era, year };
}

/** A year without suffixes: era year or four Western digits. */
function readBareYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) {
    const year = Number(s);
    return inRange(year) ? year : null;
  }
  return readEraYear(s)?.year ?? null;
}

/** Drops the decorations a fiscal year is printed with: FY, 西暦, 年度 / 年. */
function stripYearDecorations(s: string): string {
  return s.replace(/^(FY|西暦)/, '').replace(/(年度|年)$/, '');
}

/**
 * Reads a fiscal year in any of the forms the seeds and users write.
 *
 * Accepts 令和2, 令和2年度, R2, r2, R2年度, H30, 平成30年度, 2020, 2020年度, full-width digits,
 * 令和元 / 令和元年度 / R1 / 平成31 / H31 (all FY2019), 昭和63 / S63 (FY1988), FY2020, spaces
 * anywhere, and the both-calendars forms 2020(令和2)年度, 令和2(2020)年度 and 令和2年度 (2020)
 * (which is what {@link formatFiscalYear} prints), provided both halves agree.
 * 平成32年度 is FY2020: documents written before 令和 was announced kept counting in 平成.
 *
 * @returns the Western number of the fiscal year, or null when unreadable or outside 1900–2200.
 */
export function parseFiscalYear(input: string): number | null {
  const s = canonical(input);
  if (s === '') return null;
  // Both calendars, one in brackets: the halves must name the same year.
  const both = /^(.+?)\((.+)\)(年度|年)?$/.exec(s);
  if (both) {
    const outer = readBareYear(stripYearDecorations(both[1] ?? ''));
    const inner = readBareYear(stripYearDecorations(both[2] ?? ''));
    return outer !== null && outer === inner ? outer : null;
  }
  return readBareYear(stripYearDecorations(s));
}

/** Separators of a year range: 〜 (wave dash), ~ (full-width tilde after normalising), dashes, から. */
const RANGE_SEPARATOR_RE = /~|〜|-|‐|‑|–|—|―|−|から/;

/**
 * Reads a fiscal-year range: 平成27~31年度, 平成27～31年度, H27-H31, 2015〜2019, 令和2年～4年度,
 * 平成27〜令和元年度. The end may leave out the era (it inherits the start's) or, for Western
 * years, the century (2015~19). A single year gives from = to.
 *
 * @returns the inclusive range, or null when unreadable or when the end precedes the start.
 */
export function parseFiscalYearRange(input: string): { from: number; to: number } | null {
  const s = canonical(input);
  const parts = s.split(RANGE_SEPARATOR_RE);
  if (parts.length === 1) {
    const year = parseFiscalYear(s);
    return year === null ? null : { from: year, to: year };
  }
  if (parts.length !== 2) return null;
  const head = stripYearDecorations(parts[0] ?? '');
  const tail = stripYearDecorations(parts[1] ?? '');
  const from = readBareYear(head);
  if (from === null) return null;
  let to: number | null;
  if (/^(元|\d{1,3})$/.test(tail)) {
    // The end names only a number: it continues the start's era, or the start's century.
    const headEra = readEraYear(head);
    if (headEra) {
      const n = eraYearNumber(tail);
      to = n === null ? null : eraToWestern(headEra.era, n);
    } else if (/^\d{2}$/.test(tail)) {
      to = Math.floor(from / 100) * 100 + Number(tail);
    } else {
      to = null;
    }
  } else {
    to = readBareYear(tail);
  }
  if (to === null || to < from) return null;
  return { from, to };
}

/**
 * The era a fiscal year is named in: the latest era that began in or before its starting
 * calendar year. FY2019 is 令和元年度 (the government's usage, although April 2019 was still
 * 平成) and FY1989 is 平成元年度 (平成 began in January 1989, before the fiscal year did).
 */
function eraOfYear(year: number): Era | undefined {
  let found: Era | undefined;
  for (const era of ERAS) if (era.start <= year) found = era;
  return found;
}

/** Display styles of a fiscal year. */
export type FiscalYearStyle = 'full' | 'wareki' | 'short' | 'western';

/**
 * Writes a fiscal year.
 *
 * - full: 令和2年度 (2020) — both calendars, for headers where space allows
 * - wareki: 令和2年度
 * - short: R2 — for narrow table columns
 * - western: 2020年度
 *
 * Year 1 of an era is 元 (令和元年度) except in the short style, where tables print R1.
 * Years before 明治 or non-integers fall back to the Western form.
 */
export function formatFiscalYear(fy: number, style: FiscalYearStyle = 'full'): string {
  const era = Number.isInteger(fy) ? eraOfYear(fy) : undefined;
  if (style === 'western' || !era) return `${fy}年度`;
  const n = fy - era.start + 1;
  if (style === 'short') return `${era.letter}${n}`;
  const wareki = `${era.name}${n === 1 ? '元' : n}年度`;
  return style === 'wareki' ? wareki : `${wareki} (${fy})`;
}

/** A calendar date as precise as the document printed it (R3.3 has no day). */
export interface JapaneseDate {
  /** Gregorian calendar year. */
  year: number;
  month?: number;
  day?: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const DATE_HEAD_RE = new RegExp(`^(?:${ERA_PATTERN}|(\\d{4}))(.*)$`);

/**
 * Reads a date as documents print it: R3.3, H28.6.25, 令和3年3月, 令和3年3月31日, 令和元年,
 * 2021/3/4, 2021-03-04, 2021年3月4日, 2021.3. The year may stand alone (令和3年, 2021).
 *
 * @returns the calendar (Gregorian) year with month and day when given, or null when unreadable,
 * when the month or day does not exist, or when the year is outside 1900–2200.
 */
export function parseJapaneseDate(input: string): JapaneseDate | null {
  const s = canonical(input).replace(/^西暦/, '');
  const m = DATE_HEAD_RE.exec(s);
  if (!m) return null;
  let year: number | null;
  if (m[3] !== undefined) {
    year = Number(m[3]);
    if (!inRange(year)) return null;
  } else {
    const era = eraByToken(m[1] ?? '');
    const n = eraYearNumber(m[2] ?? '');
    year = era && n !== null ? eraToWestern(era, n) : null;
  }
  if (year === null) return null;
  const rest = m[4] ?? '';
  if (rest === '' || rest === '年') return { year };
  const ym = /^(?:年|[./-])(\d{1,2})月?$/.exec(rest);
  const ymd = /^(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/.exec(rest);
  const month = Number((ymd ?? ym)?.[1] ?? NaN);
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!ymd) return { year, month };
  const day = Number(ymd[2]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * The fiscal year a calendar month belongs to: January–March belong to the fiscal year that
 * began the previous April (2021-03 is in FY2020).
 */
export function fiscalYearOfDate(year: number, month: number): number {
  return month <= 3 ? year - 1 : year;
}

/**
 * Every fiscal year from `from` to `to`, both included, in order; empty when `to` precedes
 * `from` or either is not an integer.
 */
export function fiscalYearsBetween(from: number, to: number): number[] {
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) return [];
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}
