/**
 * Exact arithmetic on the entered digits, for the comparisons a verdict or a rank depends on.
 *
 * A KPI value is stored as a JavaScript number, but it was entered as decimal digits (1.2, 1.5,
 * 99,990) and its shortest round-trip decimal (`String(n)`) gives those digits back. Ratios are
 * formed from these decimals as BigInt fractions, so 1.2 ÷ 1.5 is exactly 4/5 = 80% (binary floating
 * point makes it 0.7999…), and a shown rate is truncated (切り捨て) from the exact fraction, so a
 * displayed 100% always means the target was reached and a displayed 80% always means the 80%
 * rank. Pure; never throws for finite numbers.
 */
import type { KpiEvaluation, RankMeasure } from './evaluate';
import type { ValueRange } from '../entities/measurement';

/** A fraction n/d with d > 0 (not necessarily in lowest terms). */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** The decimal a finite number was entered as (its shortest round-trip form), exactly. */
export function rational(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError('rational() needs a finite number');
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { n: BigInt(x), d: 1n };
  const m = DECIMAL.exec(String(x));
  if (!m) throw new RangeError(`not a decimal: ${x}`);
  const [, sign, int, frac = '', exp = '0'] = m;
  let n = BigInt(int! + frac);
  let scale = frac.length - Number(exp);
  if (sign === '-') n = -n;
  if (scale <= 0) return { n: n * 10n ** BigInt(-scale), d: 1n };
  return { n, d: 10n ** BigInt(scale) };
}

export const sub = (a: Rational, b: Rational): Rational =>
  a.d === b.d ? { n: a.n - b.n, d: a.d } : { n: a.n * b.d - b.n * a.d, d: a.d * b.d };

/** a ÷ b; null when b is 0. */
export function div(a: Rational, b: Rational): Rational | null {
  if (b.n === 0n) return null;
  const n = a.n * b.d;
  const d = a.d * b.n;
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

const floorDiv = (n: bigint, d: bigint): bigint => {
  const q = n / d;
  return (n % d !== 0n && (n < 0n) !== (d < 0n)) ? q - 1n : q;
};

/** The number nearest to a fraction (correctly rounded but for ties far below any printed digit). */
export function toNumber(q: Rational): number {
  if (q.n === 0n) return 0;
  const neg = q.n < 0n;
  const n = neg ? -q.n : q.n;
  // 25 significant digits of the quotient, then one decimal-to-binary conversion.
  const digits = n.toString().length - q.d.toString().length;
  const k = 25 - digits;
  const scaled = k >= 0 ? (n * 10n ** BigInt(k)) / q.d : n / (q.d * 10n ** BigInt(-k));
  const v = Number(`${scaled}e${-k}`);
  return neg ? -v : v;
}

/** ⌊ q × 10^places ⌋: the fraction truncated toward −∞ at `places` decimals, as an integer. */
export function floorAt(q: Rational, places: number): bigint {
  return floorDiv(q.n * 10n ** BigInt(places), q.d);
}

/**
 * The quotient num ÷ den of two entered decimals as the nearest number, computed on the digits:
 * 1.2 ÷ 1.5 gives exactly the number 0.8. Null when den is 0 or either is not finite.
 */
export function exactRatio(num: Rational, den: Rational): number | null {
  const q = div(num, den);
  return q === null ? null : toNumber(q);
}

/** Whether the fraction is at least `percent` % (a threshold such as 80 or 87.5), exactly. */
export function atLeastPercent(q: Rational, percent: number): boolean {
  const p = rational(percent);
  return compare({ n: q.n * 100n, d: q.d }, p) >= 0;
}

/** Whether the fraction is more than `percent` %, exactly. */
export function abovePercent(q: Rational, percent: number): boolean {
  const p = rational(percent);
  return compare({ n: q.n * 100n, d: q.d }, p) > 0;
}

/** (a − b) ÷ (c − d) as a BigInt fraction of the entered decimals; null when c = d or not finite. */
export function exactFraction(a: number, b: number, c: number, d: number): Rational | null {
  if (![a, b, c, d].every(Number.isFinite)) return null;
  return div(sub(rational(a), rational(b)), sub(rational(c), rational(d)));
}

/**
 * The exact fraction behind a ratio of an evaluation (達成率, 進捗率, 年度按分の進捗率, 基準値比),
 * recomputed from its operands; null when the ratio is not defined.
 */
export function exactRatioOf(e: KpiEvaluation, measure: RankMeasure): Rational | null {
  const a = e.actual;
  const t = e.target?.value ?? null;
  const b = e.baseline?.value ?? null;
  if (a === null) return null;
  switch (measure) {
    case 'attainment':
      if (e.attainment === null || t === null) return null;
      return e.attainmentInverted ? exactFraction(t, 0, a, 0) : exactFraction(a, 0, t, 0);
    case 'progress':
      return e.progress === null || t === null || b === null ? null : exactFraction(a, b, t, b);
    case 'interim':
      return e.interimProgress === null || e.interimTarget === null || b === null ? null : exactFraction(a, b, e.interimTarget, b);
    case 'baselineChange': {
      if (e.baselineChange === null || b === null) return null;
      const q = e.attainmentInverted ? exactFraction(b, a, Math.abs(b), 0) : exactFraction(a, b, Math.abs(b), 0);
      return q;
    }
    default:
      return null;
  }
}


/** 10^0 … 10^15, each exact. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** A number rounded to `places` decimals, halves away from zero, on its decimal digits. */
export function roundTo(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  // Whole numbers have no digits to round (the common case: counts, whole targets).
  if (Number.isInteger(x) && places >= 0) return x === 0 ? 0 : x;
  if (places >= 0 && places <= 15) {
    // Away from a half, the scaled number says the digits' rounding: |x| × 10^places is within a
    // few units of its last place of the entered decimal scaled, so Math.round picks the same
    // whole number m as rounding the digits does, and m ÷ 10^places (both exact) is the number
    // nearest that decimal, as reading its text is. Next to a half (1.005 × 100 = 100.4999…), or
    // too large for m to be exact, the digits decide below.
    const scale = POWERS_OF_TEN[places]!;
    const y = Math.abs(x) * scale;
    if (y < 2 ** 52 && Math.abs(y - Math.floor(y) - 0.5) > 1e-9 * Math.max(1, y)) {
      const v = Math.round(y) / scale;
      return v === 0 ? 0 : x < 0 ? -v : v;
    }
  }
  const text = String(x);
  if (places >= 0 && !text.includes('e')) {
    // Written without an exponent (the common case), rounded on the digits of the text itself:
    // the same digits as roundOnFraction gives, without BigInts.
    const point = text.indexOf('.');
    // No more decimals than `places`: rounding keeps every digit, and the nearest number is x.
    if (text.length - point - 1 <= places) return x;
    const kept = text.slice(0, point + 1 + places);
    // Half away from zero: the first digit dropped is 5 or more (the digits after it are exact).
    const v = Number(text.charCodeAt(point + 1 + places) >= 53 ? lastDigitUp(kept) : kept);
    return v === 0 ? 0 : v;
  }
  return roundOnFraction(x, places);
}

/**
 * A finite number rounded to `places` (≥ 0) decimals, halves away from zero, through the BigInt
 * fraction of its decimal: what {@link roundTo} does for a number written with an exponent, and
 * the plain way its text path must agree with (test/domain/achievement/fast-paths.test.ts).
 */
export function roundOnFraction(x: number, places: number): number {
  const q = rational(x);
  const scale = 10n ** BigInt(places);
  const n = q.n < 0n ? -q.n : q.n;
  const r = (2n * n * scale + q.d) / (2n * q.d);
  const v = Number(`${q.n < 0n ? '-' : ''}${r}e-${places}`);
  return v === 0 ? 0 : v;
}

/** A decimal text ("-12.99", "9.") with its last digit one up, carried: "-13.00", "10.". */
function lastDigitUp(text: string): string {
  const chars = text.split('');
  let i = chars.length - 1;
  for (; i >= 0; i--) {
    const c = chars[i]!;
    if (c === '.') continue;
    if (c === '-') break;
    if (c !== '9') {
      chars[i] = String.fromCharCode(c.charCodeAt(0) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  // Carried past the first digit: one more digit in front (after the sign).
  chars.splice(i + 1, 0, '1');
  return chars.join('');
}

/**
 * Whether an actual lies within a range target (「80〜90%」, 「80%以上90%未満」) whose lower bound is
 * `lower`, compared on the entered digits: 以上 / 以下, and 〜 without words, include the bound;
 * 超 / 未満 exclude it. False for numbers that are not finite.
 */
export function withinRange(actual: number, lower: number, range: ValueRange): boolean {
  if (![actual, lower, range.upper].every(Number.isFinite)) return false;
  const a = rational(actual);
  const lo = compare(a, rational(lower));
  const hi = compare(a, rational(range.upper));
  const aboveLower = range.lowerWord === '超' ? lo > 0 : lo >= 0;
  const belowUpper = range.upperWord === '未満' ? hi < 0 : hi <= 0;
  return aboveLower && belowUpper;
}
