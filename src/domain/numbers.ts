/**
 * Reading and writing KPI values the way Japanese municipal documents print them.
 *
 * The seeds write "1,636件", "3,534千人", "996万2,058円", "△65", "約110人", "0件 (コロナのため中止)",
 * "1,045人 [平成27~28年度]", full-width digits and OCR spaces ("1, 117, 438 人", "74. 3%"). A value
 * is always stored as a number in the KPI's own unit plus what surrounds it (a {@link Measurement});
 * the raw string is never stored.
 *
 * Pure functions: nothing here throws, reads a clock or depends on the locale. Errors come back as
 * codes with the data a message needs; the wording lives in the i18n catalog (src/i18n/ja/parse.ts).
 */
import type { Measurement, ValueRange, ValueStatus } from './entities/measurement';
import type { KpiKind } from './entities/kpi';
import { parseFiscalYearRange, parseJapaneseDate } from './eras';

/** Why an input could not be read. `input` is what the user typed, for quoting in the message. */
export type MeasurementParseError =
  /** Not a number (nor a status such as 集計中 for a numeric KPI). */
  | { code: 'unreadable'; input: string }
  /** A unit of another kind than the KPI's: "5件" for a 人 KPI. */
  | { code: 'unitMismatch'; input: string; found: string; expected: string }
  /** A unit typed for a KPI that has none set. */
  | { code: 'unitNotExpected'; input: string; found: string }
  /** More than one number outside brackets: "5件 10件". */
  | { code: 'severalNumbers'; input: string }
  /** A range (「80〜90%」) typed where only a target may be one (an actual, a baseline). */
  | { code: 'rangeNotTarget'; input: string }
  /** A range whose lower bound is not below its upper bound (「90〜80%」). */
  | { code: 'rangeOrder'; input: string }
  /** A remark with no number (「（事業開始前）」) typed where only a baseline may be one. */
  | { code: 'remarkOnly'; input: string };

/** Result of {@link parseMeasurement}; a null measurement means the cell was cleared. */
export type MeasurementParseResult =
  | { ok: true; measurement: Measurement | null }
  | { ok: false; error: MeasurementParseError };

/** Result of {@link parseAmount}; a null value means the field was cleared. */
export type AmountParseResult = { ok: true; value: number | null } | { ok: false; error: MeasurementParseError };

/**
 * What a value is read for: the KPI's unit and kind, and the cell's role. Only a target may be a
 * range (「80〜90%」); only a baseline may be a remark with no value (「（事業開始前）」). Without a
 * role neither is accepted.
 */
export interface MeasurementTarget {
  unit: string;
  kind: KpiKind;
  role?: 'target' | 'actual' | 'baseline';
}

/**
 * Full-width ASCII (digits, letters, ％, （）, ，, －, ～ …) to half-width, and the ideographic space
 * to a plain space. Everything else — kana, kanji, △, 〜 — is left as typed.
 */
export function normalizeWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Units

/**
 * A unit split into what matters for comparing and scaling: 千人 is base 人 with prefix 10^3;
 * % is base "ratio" at scale 10^-2 so that ‰ and 割 convert into it; 人/年 has per 年.
 */
interface Unit {
  /** Exponent of the kanji multiplier in front of the base: 千 = 3, 万 = 4, 百万 = 6. */
  prefixExp: number;
  /** Canonical base ("人", "カ所", "ratio"); "" for a bare multiplier such as 万. */
  base: string;
  /** Exponent of the base against its family's canonical unit (% = -2, ‰ = -3). */
  baseScale: number;
  /** The "per" part of a rate such as 人/年, canonical; null when there is none. */
  per: string | null;
}

const SMALL_PREFIX: Readonly<Record<string, number>> = { 十: 1, 百: 2, 千: 3 };
const BIG_PREFIX: Readonly<Record<string, number>> = { 万: 4, 億: 8, 兆: 12 };

/** Spellings of one unit, mapped to one canonical base and scale. */
const BASE_SYNONYMS: Readonly<Record<string, { base: string; scale: number }>> = {
  名: { base: '人', scale: 0 },
  カ所: { base: 'カ所', scale: 0 },
  ヵ所: { base: 'カ所', scale: 0 },
  ヶ所: { base: 'カ所', scale: 0 },
  ケ所: { base: 'カ所', scale: 0 },
  か所: { base: 'カ所', scale: 0 },
  箇所: { base: 'カ所', scale: 0 },
  個所: { base: 'カ所', scale: 0 },
  ｶ所: { base: 'カ所', scale: 0 },
  カ月: { base: 'カ月', scale: 0 },
  ヵ月: { base: 'カ月', scale: 0 },
  ヶ月: { base: 'カ月', scale: 0 },
  ケ月: { base: 'カ月', scale: 0 },
  か月: { base: 'カ月', scale: 0 },
  箇月: { base: 'カ月', scale: 0 },
  年度: { base: '年', scale: 0 },
  t: { base: 'トン', scale: 0 },
  '%': { base: 'ratio', scale: -2 },
  パーセント: { base: 'ratio', scale: -2 },
  ポイント: { base: 'ratio', scale: -2 },
  pt: { base: 'ratio', scale: -2 },
  '‰': { base: 'ratio', scale: -3 },
  パーミル: { base: 'ratio', scale: -3 },
  割: { base: 'ratio', scale: -1 },
};

/**
 * Bases recognised as units even when the KPI uses another one, so that "5件" typed into a 人 KPI
 * is reported as a unit mismatch and "0件 コロナのため中止" splits into unit and remark.
 */
const KNOWN_BASES: ReadonlySet<string> = new Set([
  // counts
  '件', '人', 'カ所', '個', '社', '事業体', '事業所', '事業', '回', '校', '団体', '世帯', '戸', '台',
  '冊', '本', '店舗', '店', '軒', '日', '時間', '組', '棟', '施設', '企業', '者', '園', '品', '品目',
  '項目', '種', '種類', '部', '枚', '頭', '羽', '便', '路線', '地区', '講座', '人日', '泊', '人泊',
  '人回', '件数', '年', 'カ月', '月', '週', '分', '秒', '歳', '点', '倍', 'ページ', '隻', '区画', '箇',
  // money
  '円', 'ドル',
  // percent family
  'ratio',
  // physical
  'トン', 'kg', 'g', 'ha', 'a', 'km', 'm', '㎡', 'm2', '㎞', 'kWh', 'kW', 'MWh',
]);

function canonicalBase(s: string): { base: string; scale: number } {
  return BASE_SYNONYMS[s] ?? { base: s, scale: 0 };
}

/** Removes bracketed annotations: 件（累計） is the unit 件. */
function stripBracketed(s: string): string {
  let out = '';
  let depth = 0;
  for (const c of s) {
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c) && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** Reads a unit string; null for an empty unit or a malformed rate ("人/"). */
function parseUnit(raw: string): Unit | null {
  const s = stripBracketed(normalizeWidth(raw)).replace(/\s+/g, '');
  if (s === '') return null;
  const slash = s.indexOf('/');
  const main = slash >= 0 ? s.slice(0, slash) : s;
  const perRaw = slash >= 0 ? s.slice(slash + 1) : null;
  if (perRaw === '') return null;
  const m = /^(千|百|十)?(万|億|兆)?(.*)$/.exec(main);
  let small = m?.[1];
  const big = m?.[2];
  let rest = m?.[3] ?? main;
  // 十 multiplies only in front of 万/億/兆 (十万円); 十人 is not a unit anybody prints.
  if (small === '十' && !big) {
    small = undefined;
    rest = main;
  }
  const prefixExp = (small ? (SMALL_PREFIX[small] ?? 0) : 0) + (big ? (BIG_PREFIX[big] ?? 0) : 0);
  const { base, scale } = canonicalBase(rest);
  return { prefixExp, base, baseScale: scale, per: perRaw === null ? null : canonicalBase(perRaw).base };
}

/** The unit as it is printed after a number: annotations dropped, spaces trimmed. */
function displayUnit(unit: string): string {
  return stripBracketed(unit).trim();
}

/** Whether `candidate` reads as a unit: a known base, the KPI's own base, or a bare multiplier. */
function isUnitLike(candidate: string, kpi: Unit | null): boolean {
  const u = parseUnit(candidate);
  if (!u) return false;
  // The "per" part must be a unit too, or "人/年以下" would swallow the 以下.
  if (u.per !== null && !KNOWN_BASES.has(u.per) && u.per !== kpi?.per) return false;
  if (u.base === '') return u.prefixExp > 0;
  return KNOWN_BASES.has(u.base) || (kpi !== null && u.base === kpi.base);
}

/** Length of the longest leading part of `run` that reads as a unit; 0 when none does. */
function longestUnitPrefix(run: string, kpi: Unit | null): number {
  const chars = Array.from(run);
  for (let k = chars.length; k > 0; k--) {
    const candidate = chars.slice(0, k).join('');
    if (isUnitLike(candidate, kpi)) return candidate.length;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Text around the number

// Full-width forms included for unit strings, which are not width-normalised when displayed.
const OPENERS = '([{【〔〈《（［｛';
const CLOSERS = ')]}】〕〉》）］｝';

/**
 * Separates bracketed notes and a ※ note from the text holding the number. Brackets may nest
 * ("0件 (2020(令和2)年度)"); each is replaced by a space in the core so that "5件(x)10件" still
 * shows two numbers. An unclosed bracket runs to the end.
 */
function splitNotes(text: string): { core: string; notes: string[] } {
  let core = '';
  const notes: string[] = [];
  let depth = 0;
  let note = '';
  let inAsterisk = false;
  for (const c of text) {
    if (depth > 0) {
      if (OPENERS.includes(c)) depth++;
      else if (CLOSERS.includes(c)) depth--;
      if (depth === 0) {
        notes.push(note.trim());
        note = '';
        core += ' ';
      } else {
        note += c;
      }
    } else if (OPENERS.includes(c)) {
      if (inAsterisk) {
        notes.push(note.trim());
        note = '';
        inAsterisk = false;
      }
      depth = 1;
    } else if (c === '※' && !inAsterisk) {
      inAsterisk = true;
    } else if (inAsterisk) {
      note += c;
    } else {
      core += c;
    }
  }
  if (depth > 0 || inAsterisk) notes.push(note.trim());
  return { core, notes: notes.filter((n) => n !== '') };
}

/** Words for a figure that will be replaced by the final one. */
const PROVISIONAL_RE = /^(速報値?|暫定値?|速報ベース)$/;

/** A bracketed note naming the statistic's period: 平成27~28年度, 令和2年, R2.10.1時点. */
function isPeriod(note: string): boolean {
  const x = note.replace(/(末時点|末現在|時点|現在|末)$/, '').trim();
  if (x === '') return false;
  return parseFiscalYearRange(x) !== null || parseJapaneseDate(x) !== null;
}

/** Threshold words of a target ("90件以上"); kept as the remark, the KPI's direction carries the meaning. */
const THRESHOLD_WORDS = ['以上', '以下', '超', '未満'] as const;
/** Words after a number meaning "about". */
const APPROX_SUFFIX_RE = /^(程度|前後|ほど|余り|余)/;
const APPROX_PREFIX_RE = /^(約|およそ|概ね|おおむね)/;
const QUALIFIER_RE = /^(以上|以下|超|未満|程度|前後|ほど|余り|余)/;

/**
 * Characters that mean minus before a number. △ and ▲ are the documents' own; ー (the long-vowel
 * mark) is what a Japanese IME often produces for a dash, and it is only ever read here, directly
 * in front of the number.
 */
const MINUS_CHARS = '△▲▼▽-−‐‑–—―ーｰ﹣';

/** Inputs that clear a cell. */
const CLEARED = new Set(['', '-', '−', '‐', '–', '—', '―', 'ー', 'ｰ']);

/** Collapses whitespace runs so that OCR and copy-paste spacing does not matter. */
function tidy(s: string): string {
  return normalizeWidth(s).replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Numbers

interface Group {
  /** Digits without separators, integer and fraction concatenated. */
  digits: string;
  /** Number of fraction digits in `digits`. */
  fractionLength: number;
  /** Exponent of the 万/億/兆 that follows the group inside the numeral; null for the last group. */
  marker: number | null;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * Scans the numeral starting at `start` (a digit): digit groups with commas and a decimal point,
 * tolerating OCR spaces after either ("1, 117, 438", "74. 3"), joined by 万/億/兆 ("996万2,058").
 * A 万 not followed by a digit ends the numeral: it belongs to the unit (250万人).
 */
function scanNumeral(s: string, start: number): { end: number; groups: Group[] } | null {
  const groups: Group[] = [];
  let j = start;
  for (;;) {
    let raw = '';
    while (j < s.length) {
      const c = s[j];
      if (isDigit(c)) {
        raw += c;
        j++;
        continue;
      }
      if (c === ',' || c === '.') {
        let k = j + 1;
        while (s[k] === ' ') k++;
        if (isDigit(s[k])) {
          raw += c;
          j = k;
          continue;
        }
      }
      break;
    }
    const valid = /^\d+(\.\d+)?$/.test(raw) || /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw);
    if (!valid) return null;
    const [integer = '', fraction = ''] = raw.replace(/,/g, '').split('.');
    const markerChar = s[j];
    const marker = markerChar !== undefined ? BIG_PREFIX[markerChar] : undefined;
    if (marker !== undefined && isDigit(s[j + 1])) {
      groups.push({ digits: integer + fraction, fractionLength: fraction.length, marker });
      j++;
      continue;
    }
    groups.push({ digits: integer + fraction, fractionLength: fraction.length, marker: null });
    return { end: j, groups };
  }
}

/**
 * Adds the groups exactly (BigInt mantissa, decimal exponent) and converts to a double once, so
 * that "9962.058" comes out as the double nearest 9962.058 and never as 9962.058000000001.
 * `lastExp` is the exponent of the last group, `shift` the conversion into the KPI's unit.
 */
function composeValue(groups: Group[], lastExp: number, shift: number, negative: boolean): number | null {
  const terms = groups.map((g) => ({
    mantissa: BigInt(g.digits),
    exp: (g.marker ?? lastExp) - g.fractionLength,
  }));
  // Markers must descend (1兆2,000億, not 5万3兆) and stay above the last group's exponent.
  let previous = Infinity;
  for (const g of groups) {
    const e = g.marker ?? lastExp;
    if (e >= previous) return null;
    previous = e;
  }
  const minExp = Math.min(...terms.map((t) => t.exp));
  let sum = 0n;
  for (const t of terms) sum += t.mantissa * 10n ** BigInt(t.exp - minExp);
  const value = Number(`${negative ? '-' : ''}${sum}e${minExp + shift}`);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

interface Reading {
  value: number;
  approximate: boolean;
  threshold: string | null;
  /** The unit as typed after the number; null when none was. */
  unitRaw: string | null;
  /** Free text after the number and unit (outside brackets). */
  trailing: string | null;
}

type ReadResult = { ok: true; reading: Reading } | { ok: false; error: MeasurementParseError };

/**
 * Reads "[約][sign]numeral[unit][以上|程度…][text]" from the core of an input (brackets already
 * removed) into a value in the KPI's unit. `strict` refuses everything but sign, number and unit.
 */
function readNumber(core: string, kpi: Unit | null, kpiUnit: string, input: string, strict: boolean): ReadResult {
  const unreadable: ReadResult = { ok: false, error: { code: 'unreadable', input } };
  const start = Array.from(core).findIndex((c) => isDigit(c));
  if (start < 0) return unreadable;
  // Index in UTF-16 units: everything before the first digit may hold astral characters.
  const startIndex = Array.from(core).slice(0, start).join('').length;

  let prefix = core.slice(0, startIndex).trim();
  let approximate = false;
  let negative = false;
  let signSeen = false;
  while (prefix !== '') {
    const approx = APPROX_PREFIX_RE.exec(prefix);
    if (approx && !strict) {
      approximate = true;
      prefix = prefix.slice(approx[0].length).trimStart();
      continue;
    }
    const c = prefix[0] ?? '';
    if (!signSeen && (c === '+' || MINUS_CHARS.includes(c))) {
      signSeen = true;
      negative = c !== '+';
      prefix = prefix.slice(1).trimStart();
      continue;
    }
    return unreadable;
  }

  const numeral = scanNumeral(core, startIndex);
  if (!numeral) return unreadable;
  const after = core.slice(numeral.end);
  if (/\d/.test(after)) return { ok: false, error: { code: 'severalNumbers', input } };

  // Unit: the longest leading part of the next word that reads as a unit. Text attached to the
  // number that is no unit ("5ドル" for a 人 KPI) is a wrong unit; text after a space is a remark.
  const attached = after !== '' && !/^\s/.test(after);
  let rest = after.trimStart();
  const run = /^\S*/.exec(rest)?.[0] ?? '';
  const unitLength = longestUnitPrefix(run, kpi);
  let unitRaw: string | null = null;
  if (unitLength > 0) {
    unitRaw = run.slice(0, unitLength);
    rest = rest.slice(unitLength).trimStart();
  } else if (attached && run !== '' && !QUALIFIER_RE.test(run)) {
    const found = run.replace(/(以上|以下|超|未満|程度|前後|ほど|余り|余)$/, '');
    if (!/[\p{L}%‰]/u.test(found)) return unreadable;
    return { ok: false, error: mismatch(input, found, kpi, kpiUnit) };
  }

  let threshold: string | null = null;
  const qualifier = QUALIFIER_RE.exec(rest);
  if (qualifier) {
    if (strict) return unreadable;
    const word = qualifier[0];
    if ((THRESHOLD_WORDS as readonly string[]).includes(word)) threshold = word;
    else if (APPROX_SUFFIX_RE.test(word)) approximate = true;
    rest = rest.slice(word.length).trimStart();
  }
  const trailing = rest.trim();
  if (strict && trailing !== '') return unreadable;

  // Scale into the KPI's unit. Without a unit the number already is in the KPI's unit, 万 inside
  // it included ("996万2,058" into 千円 is 9,962,058 千円).
  let lastExp = 0;
  let shift = 0;
  if (unitRaw !== null) {
    const u = parseUnit(unitRaw);
    if (!u) return unreadable;
    lastExp = u.prefixExp;
    if (u.base === '') {
      // A bare multiplier ("3,534千" in a 千人 column) multiplies the KPI's base unit.
      shift = -(kpi?.prefixExp ?? 0);
    } else {
      if (!kpi || kpi.base !== u.base || (u.per !== null && u.per !== kpi.per)) {
        return { ok: false, error: mismatch(input, unitRaw, kpi, kpiUnit) };
      }
      shift = u.baseScale - kpi.baseScale - kpi.prefixExp;
    }
  }
  const value = composeValue(numeral.groups, lastExp, shift, negative);
  if (value === null) return unreadable;
  return { ok: true, reading: { value, approximate, threshold, unitRaw, trailing: trailing === '' ? null : trailing } };
}

function mismatch(input: string, found: string, kpi: Unit | null, kpiUnit: string): MeasurementParseError {
  if (!kpi) return { code: 'unitNotExpected', input, found };
  return { code: 'unitMismatch', input, found, expected: displayUnit(normalizeWidth(kpiUnit)) };
}

// ---------------------------------------------------------------------------------------------
// Ranges

/** Separators of a range: 〜 (wave dash), ~ (the full-width ～ after normalising), から. */
const RANGE_SEPARATOR_RE = /\s*(?:〜|~|から)\s*/;
/** A joined range: the lower bound's word, then (after an optional 、) the upper bound. */
const RANGE_JOIN_RE = /(以上|超)\s*[、,]?\s*(?=\D*\d)/;

/** Where the core of an input splits into a range's two bounds; null when it is no range. */
function splitRange(core: string): { left: string; right: string; joined: boolean } | null {
  const sep = RANGE_SEPARATOR_RE.exec(core);
  if (sep) {
    const left = core.slice(0, sep.index);
    const right = core.slice(sep.index + sep[0].length);
    return /\d/.test(left) && /\d/.test(right) ? { left, right, joined: false } : null;
  }
  const join = RANGE_JOIN_RE.exec(core);
  if (join && /\d/.test(core.slice(0, join.index))) {
    const cut = join.index + (join[1] ?? '').length;
    return { left: core.slice(0, cut), right: core.slice(join.index + join[0].length), joined: true };
  }
  return null;
}

type RangeRead = { ok: true; value: number; range: ValueRange } | { ok: false; error: MeasurementParseError } | null;

/**
 * Reads 「80〜90%」, 「80%〜90%」, 「80%以上90%以下」, 「80%超、90%未満」 … into a lower bound and a
 * {@link ValueRange}; null when the core is no range. A bound without a unit takes the other's
 * (「80〜90%」). 以上 / 超 belong to the lower bound, 以下 / 未満 to the upper one; 約 and remarks
 * outside brackets are refused, since a range is a target as adopted.
 */
function readRange(core: string, kpi: Unit | null, kpiUnit: string, input: string): RangeRead {
  const parts = splitRange(core);
  if (!parts) return null;
  // Only two plain bounds make a range; anything else is read (and refused) as one value, so that
  // 「1,045人 平成27~28年度」 keeps its message about several numbers. A wrong unit is said as such.
  const unitError = (r: ReadResult) => !r.ok && (r.error.code === 'unitMismatch' || r.error.code === 'unitNotExpected');
  const right = readNumber(parts.right.trim(), kpi, kpiUnit, input, false);
  let left = readNumber(parts.left.trim(), kpi, kpiUnit, input, false);
  if (!right.ok) return left.ok && unitError(right) ? right : null;
  if (!left.ok) return unitError(left) ? left : null;
  if (left.reading.unitRaw === null && right.reading.unitRaw !== null && left.reading.threshold === null) {
    // 「3〜5千人」: the unit written once, after the upper bound.
    left = readNumber(`${parts.left.trim()}${right.reading.unitRaw}`, kpi, kpiUnit, input, false);
    if (!left.ok) return unitError(left) ? left : null;
  }
  const lo = left.reading;
  const hi = right.reading;
  if (lo.approximate || hi.approximate || lo.trailing !== null || hi.trailing !== null) return null;
  if (lo.threshold !== null && lo.threshold !== '以上' && lo.threshold !== '超') return null;
  if (hi.threshold !== null && hi.threshold !== '以下' && hi.threshold !== '未満') return null;
  if (parts.joined && lo.threshold === null) return null;
  if (!(lo.value < hi.value)) return { ok: false, error: { code: 'rangeOrder', input } };
  const range: ValueRange = { upper: hi.value };
  if (lo.threshold) range.lowerWord = lo.threshold as ValueRange['lowerWord'];
  if (hi.threshold) range.upperWord = hi.threshold as ValueRange['upperWord'];
  if (parts.joined) range.joined = true;
  return { ok: true, value: lo.value, range };
}

// ---------------------------------------------------------------------------------------------
// Statuses and milestones

/** The bare keyword of each status; also what {@link formatMeasurement} prints for it. */
const STATUS_WORDS: Readonly<Record<ValueStatus, string>> = {
  collecting: '集計中',
  notConducted: '未実施',
  evaluatedElsewhere: '県全体で評価',
  notApplicable: '該当なし',
};

/**
 * Reads why a value is missing. For a milestone, 未実施 means "not done" rather than "not
 * measured", and 調査中 means in progress, so only evaluatedElsewhere and notApplicable apply.
 */
function detectStatus(text: string, milestone: boolean): ValueStatus | null {
  if (/省略/.test(text) || (/全体/.test(text) && /評価/.test(text))) return 'evaluatedElsewhere';
  if (/該当なし|該当無し|非該当|対象外/.test(text)) return 'notApplicable';
  if (milestone) return null;
  if (/未実施|実施せず|実施していない|未調査/.test(text)) return 'notConducted';
  if (/集計中|調査中|算出中|算定中|集計前|未公表|公表前/.test(text)) return 'collecting';
  return null;
}

function statusMeasurement(status: ValueStatus, text: string): Measurement {
  return text === STATUS_WORDS[status] ? { value: null, status } : { value: null, status, text };
}

/** Negative wording wins: 未策定 contains 策定, 策定中 and 策定予定 are not done yet. */
const MILESTONE_NOT_DONE_RE =
  /未|検討|準備|予定|延期|見送|見合わせ|中止|断念|なし|無し|できず|せず|しない|ていない|られず|不成立|×|✕|中$/;
const MILESTONE_DONE_RE =
  /済|完了|策定|設立|実施|達成|開設|設置|整備|導入|締結|開始|完成|竣工|開業|公表|制定|認定|採択|成立|発足|決定|オープン|○|◯|✓/;

/**
 * What a milestone text's wording suggests (策定 → done, 策定中 → not done); undefined when it does
 * not say. Only a proposal: the person marks a milestone 完了 / 未完了 / 一部, since wording misleads
 * (「一部供用開始」 is not 「整備完了」).
 */
export function proposeMilestoneDone(text: string): boolean | undefined {
  if (MILESTONE_NOT_DONE_RE.test(text)) return false;
  if (MILESTONE_DONE_RE.test(text)) return true;
  return undefined;
}

/** The marks a person gives a milestone. 一部 = partly done (not achieved). */
export const MILESTONE_MARKS = { done: '完了', notDone: '未完了', partial: '一部' } as const;

/** 「完了」 alone, or a text ending in a bracketed mark: 「構想策定［完了］」「一部供用開始（一部）」. */
const MILESTONE_MARK_RE = /^(.*?)\s*[［\[【（(](完了|未完了|一部)[］\]】）)]$/;

/** Reads the person's mark off a milestone text; null when there is none. */
function milestoneMark(text: string): { text: string; done: boolean; partial: boolean } | null {
  const whole = text === MILESTONE_MARKS.done || text === MILESTONE_MARKS.notDone || text === MILESTONE_MARKS.partial;
  const m = whole ? ['', '', text] : MILESTONE_MARK_RE.exec(text);
  if (!m) return null;
  const mark = m[2];
  return { text: (m[1] ?? '').trim(), done: mark === MILESTONE_MARKS.done, partial: mark === MILESTONE_MARKS.partial };
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Reads a value typed or pasted into a KPI cell. The number always comes back in the KPI's own
 * unit: "3,534千人" is 3,534,000 for a 人 KPI and 3,534 for a 千人 KPI; "996万2,058円" is
 * 9,962.058 for a 千円 KPI. The unit may be left out; another kind of unit is an error.
 *
 * Around the number: 約 / 程度 mark approximations; 以上 / 以下 are kept as the remark; brackets
 * and ※ hold remarks, 速報値 (→ provisional) or the statistic's period (→ statPeriod); △ ▲ - −
 * are minus. Texts with no number give a status (集計中, アンケート未実施, 県全体で評価 …, keeping
 * the wording in `text` when it says more than the keyword). Milestone KPIs accept any text; only
 * the person's mark says whether it is done (「完了」「未完了」「一部」 alone or bracketed at the end:
 * 「構想策定［完了］」), the wording never does; a number with the unit counts as done when it is
 * above zero. Empty input and a lone dash clear the cell (null measurement).
 *
 * Never throws.
 */
export function parseMeasurement(input: string, target: MeasurementTarget): MeasurementParseResult {
  const text = tidy(input);
  if (CLEARED.has(text)) return { ok: true, measurement: null };
  const quoted = input.trim();
  const kpi = parseUnit(target.unit);
  const milestone = target.kind === 'milestone';

  const { core, notes } = splitNotes(text);
  if (!milestone) {
    const range = readRange(core, kpi, target.unit, quoted);
    if (range && !range.ok) return range;
    if (range) {
      if (target.role !== 'target') return { ok: false, error: { code: 'rangeNotTarget', input: quoted } };
      const m: Measurement = { value: range.value, range: range.range };
      const remarks: string[] = [];
      for (const note of notes) {
        if (m.statPeriod === undefined && isPeriod(note)) m.statPeriod = note;
        else remarks.push(note);
      }
      if (remarks.length > 0) m.remark = remarks.join('、');
      return { ok: true, measurement: m };
    }
  }
  const read = readNumber(core, kpi, target.unit, quoted, false);
  if (read.ok) {
    const { value, approximate, threshold, trailing } = read.reading;
    const m: Measurement = { value };
    if (approximate) m.approximate = true;
    const remarks: string[] = threshold ? [threshold] : [];
    for (const note of trailing ? [...notes, trailing.replace(/^※\s*/, '')] : notes) {
      if (PROVISIONAL_RE.test(note)) m.provisional = true;
      else if (m.statPeriod === undefined && isPeriod(note)) m.statPeriod = note;
      else remarks.push(note);
    }
    if (remarks.length > 0) m.remark = remarks.join('、');
    if (milestone) m.done = value > 0;
    return { ok: true, measurement: m };
  }

  const status = detectStatus(text, milestone);
  if (status) return { ok: true, measurement: statusMeasurement(status, text) };
  if (!milestone && core.trim() === '' && notes.length > 0) {
    // 「（事業開始前）」: a baseline that is a remark with no value (no 進捗率 can be computed from it).
    // Elsewhere a remark needs its number: said as such, not as an unreadable number.
    if (target.role === 'baseline') return { ok: true, measurement: { value: null, remark: notes.join('、') } };
    // A number in the brackets (「(5件)」) is a misplaced value, not a remark: read as unreadable.
    if (!notes.some((n) => /\d/.test(n))) return { ok: false, error: { code: 'remarkOnly', input: quoted } };
  }
  if (milestone) {
    // Only the person's mark (完了 / 未完了 / 一部) says done; the wording alone is kept as the record
    // and read the same as a file's text without `done` (the engine proposes from it).
    const mark = milestoneMark(text);
    if (!mark) return { ok: true, measurement: { value: null, text } };
    const m: Measurement = { value: null, done: mark.done };
    if (mark.text) m.text = mark.text;
    if (mark.partial) m.partial = true;
    return { ok: true, measurement: m };
  }
  return read;
}

/**
 * Reads an amount or plain number field (予算 6,249千円, 決算, 事業費) with the same number reading
 * as {@link parseMeasurement} — units, 万/億, △, full-width digits, OCR spaces — but no remarks,
 * statuses or approximations. Empty input, a dash, or the unit alone ("千円", how the seeds print
 * an empty budget cell) clear the field.
 */
export function parseAmount(input: string, unit: string): AmountParseResult {
  const text = tidy(input);
  if (CLEARED.has(text)) return { ok: true, value: null };
  const kpi = parseUnit(unit);
  if (kpi && text.replace(/\s/g, '') === displayUnit(normalizeWidth(unit)).replace(/\s/g, '')) {
    return { ok: true, value: null };
  }
  const { core, notes } = splitNotes(text);
  const quoted = input.trim();
  if (notes.length > 0) return { ok: false, error: { code: 'unreadable', input: quoted } };
  const read = readNumber(core, kpi, unit, quoted, true);
  return read.ok ? { ok: true, value: read.reading.value } : read;
}

/** Display options of {@link formatNumber}. */
export interface FormatNumberOptions {
  /** triangle: △65, the documents' style (default); minus: -65. */
  negativeStyle?: 'triangle' | 'minus';
}

/** Writes a number held in exponential notation ("1.5e-7") in plain digits. */
function plainDigits(abs: number): string {
  const s = String(abs);
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = (m[1] ?? '') + (m[2] ?? '');
  const point = (m[1] ?? '').length + Number(m[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Writes a number as the documents do: "1,636", "93.5", "△65" (or "-65" with negativeStyle
 * 'minus'). Decimals are kept as needed. Arithmetic noise (0.1 + 0.2) is removed by rounding to
 * 10 significant digits — widened to the integer digits plus three decimals for large values, so
 * that 1,202,500,000.123 keeps its decimals; integers are always written exactly. Non-finite
 * numbers give "".
 */
export function formatNumber(n: number, opts: FormatNumberOptions = {}): string {
  if (!Number.isFinite(n)) return '';
  const abs = Math.abs(n);
  let digits: string;
  if (Number.isInteger(abs)) {
    digits = BigInt(abs).toString();
  } else {
    const integerDigits = Math.trunc(abs).toString().length;
    const significant = Math.min(15, Math.max(10, integerDigits + 3));
    digits = plainDigits(Number(abs.toPrecision(significant)));
  }
  if (/^0(\.0*)?$/.test(digits)) return '0';
  const [integer = '0', fraction] = digits.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = fraction ? `${grouped}.${fraction}` : grouped;
  if (n >= 0) return body;
  return (opts.negativeStyle === 'minus' ? '-' : '△') + body;
}

/**
 * Writes a measurement for a KPI with the given unit, in the form {@link parseMeasurement} reads
 * back to the same measurement: "1,636件", "△65人", "約110人", "90件以上",
 * "0件 (コロナのため中止)", "1,234人 (速報値)", "1,045人 [平成27~28年度]", a status in Japanese
 * (集計中 / 未実施 / 県全体で評価 / 該当なし) or its kept wording, a milestone's text; "" for null.
 */
export function formatMeasurement(m: Measurement | null, unit: string): string {
  if (!m) return '';
  if (m.value === null) {
    if (m.done !== undefined && !m.status) {
      // A milestone's mark, as typed: 「構想策定［完了］」, 「未完了」.
      const mark = m.partial ? MILESTONE_MARKS.partial : m.done ? MILESTONE_MARKS.done : MILESTONE_MARKS.notDone;
      return m.text ? `${m.text}［${mark}］` : mark;
    }
    if (m.text) return m.text;
    if (m.status) return STATUS_WORDS[m.status];
    // A remark with no value (a baseline 「（事業開始前）」), bracketed as typed.
    if (m.remark) return `（${m.remark}）`;
    return '';
  }
  if (m.range) {
    let s = formatRange(m.value, m.range, displayUnit(unit));
    if (m.remark) s += ` (${m.remark})`;
    if (m.statPeriod) s += ` [${m.statPeriod}]`;
    return s;
  }
  let s = `${m.approximate ? '約' : ''}${formatNumber(m.value)}${displayUnit(unit)}`;
  let remark = m.remark;
  if (remark !== undefined && (THRESHOLD_WORDS as readonly string[]).includes(remark)) {
    s += remark;
    remark = undefined;
  }
  if (remark) s += ` (${remark})`;
  if (m.provisional) s += ' (速報値)';
  if (m.statPeriod) s += ` [${m.statPeriod}]`;
  return s;
}

/**
 * A range target as typed: 「80〜90%」 (the unit once, after the upper bound), 「80%以上〜90%未満」,
 * or joined 「80%以上90%以下」. {@link parseMeasurement} reads each back to the same range.
 */
export function formatRange(lower: number, range: ValueRange, unit: string): string {
  const lo = formatNumber(lower);
  const hi = `${formatNumber(range.upper)}${unit}${range.upperWord ?? ''}`;
  if (range.joined && range.lowerWord) return `${lo}${unit}${range.lowerWord}${hi}`;
  return `${lo}${range.lowerWord ? `${unit}${range.lowerWord}` : ''}〜${hi}`;
}
