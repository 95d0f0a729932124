/**
 * Money as a strategy shows it (金額の表示単位): the strategy's setting says in which unit amounts
 * are shown and entered — 千円 with the number of decimals the city prints, or exact 円 — while each
 * project year keeps its amounts in its own unit (`moneyUnit`). A figure typed in yen stays exact
 * yen: 「996万2,058円」 is stored as 9,962,058円, never as 9,962.058千円.
 *
 * Pure: no clock, DOM or storage.
 */
import { MONEY_UNITS, type MoneyField, type ProjectYear } from './entities/project-year';
import { formatNumber, parseAmount, type AmountParseResult } from './numbers';

export type MoneyUnit = (typeof MONEY_UNITS)[number];
/** Decimals a city may print 千円 amounts with (6,249千円 … 6,249.058千円). */
export const MONEY_DECIMALS_MAX = 3;

/**
 * The strategy's setting. `unit` null (a strategy stored or written before the setting existed):
 * every amount is shown in its own record's unit, as entered.
 */
export interface MoneySetting {
  unit: MoneyUnit | null;
  /** Decimals of 千円 amounts (0–3); ignored for 円, which are shown exact. */
  decimals: number;
}

export const MONEY_FIELDS: readonly MoneyField[] = ['budget', 'settlement', 'fundNational', 'fundBonds', 'fundOther', 'fundGeneral', 'projectCost', 'grantAmount'];

/** A strategy's setting; anything out of bounds reads as the default (own unit, whole 千円). */
export function moneySettingOf(s: { moneyUnit?: string | null; moneyDecimals?: number | null } | null | undefined): MoneySetting {
  const unit = s?.moneyUnit && (MONEY_UNITS as readonly string[]).includes(s.moneyUnit) ? (s.moneyUnit as MoneyUnit) : null;
  const d = s?.moneyDecimals;
  const decimals = typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= MONEY_DECIMALS_MAX ? d : 0;
  return { unit, decimals };
}

/** The unit amounts of this record are shown and typed in. */
export function shownUnit(recordUnit: MoneyUnit, setting: MoneySetting): MoneyUnit {
  return setting.unit ?? recordUnit;
}

/**
 * An amount in yen. 千円 amounts are scaled on their decimal digits, not by a binary product
 * (9,962.058 × 1000 is 9,962,057.999… in binary), so yen come out exact.
 */
export function toYen(value: number, unit: MoneyUnit): number {
  if (unit === '円') return value;
  return shiftDecimal(value, 3);
}

/** value × 10^places computed on the decimal digits as written (formatNumber's digits). */
function shiftDecimal(value: number, places: number): number {
  const text = formatNumber(Math.abs(value)).replace(/,/g, '');
  const [int = '0', frac = ''] = text.split('.');
  let digits = int + frac;
  let point = int.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point, '0');
  const shifted = Number(`${digits.slice(0, point)}.${digits.slice(point) || '0'}`);
  return value < 0 ? -shifted : shifted;
}

/** Whole-number yen rounded half away from zero (the documents' 四捨五入). */
function roundHalfUp(n: number): number {
  return Math.sign(n) * Math.round(Math.abs(n));
}

/**
 * 千円 text at `decimals` places from yen, rounded half up on the integer yen: 9,962,058円 → 「9,962」
 * (0 places), 「9,962.1」 (1 place). Negative amounts as △ (the documents' style) unless `minus`.
 */
function thousandsText(yen: number, decimals: number, minus: boolean): string {
  const whole = roundHalfUp(yen);
  const step = 10 ** (3 - decimals);
  const abs = Math.abs(whole);
  const q = Math.floor(abs / step) + (abs % step >= step / 2 ? 1 : 0);
  const int = Math.floor(q / 10 ** decimals);
  const frac = decimals > 0 ? String(q % 10 ** decimals).padStart(decimals, '0') : '';
  const body = formatNumber(int) + (frac ? `.${frac}` : '');
  if (q === 0 || whole >= 0) return body;
  return (minus ? '-' : '△') + body;
}

/** The amount in the shown unit, without the unit: 「6,249」「9,962,058」; '' for none. */
export function moneyNumber(value: number | null | undefined, recordUnit: MoneyUnit, setting: MoneySetting): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (setting.unit === null) return formatNumber(value);
  const yen = toYen(value, recordUnit);
  if (setting.unit === '円') return formatNumber(yen);
  return thousandsText(yen, setting.decimals, false);
}

/** The amount with the shown unit, as reports print it: 「6,249千円」「9,962,058円」; '' for none. */
export function formatMoney(value: number | null | undefined, recordUnit: MoneyUnit, setting: MoneySetting): string {
  const n = moneyNumber(value, recordUnit, setting);
  return n === '' ? '' : n + shownUnit(recordUnit, setting);
}

/**
 * The text an entry field shows: the amount in the shown unit when that is exact, else the exact
 * yen with its unit (「9,962,058円」 in a whole-千円 city), so that editing never rounds a figure.
 */
export function entryText(value: number | null, recordUnit: MoneyUnit, setting: MoneySetting): string {
  if (value === null || !Number.isFinite(value)) return '';
  const unit = shownUnit(recordUnit, setting);
  if (unit === recordUnit) return formatNumber(value, { negativeStyle: 'minus' });
  const yen = toYen(value, recordUnit);
  if (unit === '円') return formatNumber(yen, { negativeStyle: 'minus' });
  const thousand = shiftDecimal(yen, -3);
  const decimals = (formatNumber(Math.abs(thousand)).split('.')[1] ?? '').length;
  if (decimals <= setting.decimals) return formatNumber(thousand, { negativeStyle: 'minus' });
  return `${formatNumber(yen, { negativeStyle: 'minus' })}円`;
}

/** Reads typed money in the shown unit ("6,249", "996万2,058円", "6.2百万円"): the amount in yen. */
export function readMoney(input: string, recordUnit: MoneyUnit, setting: MoneySetting): AmountParseResult {
  const unit = shownUnit(recordUnit, setting);
  const r = parseAmount(input, unit);
  if (!r.ok || r.value === null) return r;
  return { ok: true, value: toYen(r.value, unit) };
}

/**
 * The change that stores `yen` (or clears with null) in one money field of a project year. A
 * record in 千円 takes an amount that is not a whole number of 千円 by moving to 円 — every amount
 * of the record scaled exactly — so that yen figures stay exact yen.
 */
export function moneyPatch(
  record: Pick<ProjectYear, 'moneyUnit' | MoneyField>,
  field: MoneyField,
  yen: number | null,
): Partial<Pick<ProjectYear, 'moneyUnit' | MoneyField>> {
  if (yen === null) return { moneyUnit: record.moneyUnit, [field]: null };
  if (record.moneyUnit === '円') return { moneyUnit: '円', [field]: yen };
  const thousand = shiftDecimal(yen, -3);
  if (Number.isInteger(thousand)) return { moneyUnit: '千円', [field]: thousand };
  const patch: Partial<Pick<ProjectYear, 'moneyUnit' | MoneyField>> = { moneyUnit: '円' };
  for (const f of MONEY_FIELDS) {
    const v = record[f];
    patch[f] = v === null ? null : toYen(v, '千円');
  }
  patch[field] = yen;
  return patch;
}

/** A sum of amounts kept in their records' units, in yen (null when none is filled). */
export function sumYen(amounts: readonly { value: number | null; unit: MoneyUnit }[]): number | null {
  let sum: number | null = null;
  for (const a of amounts) if (a.value !== null) sum = Number(((sum ?? 0) + toYen(a.value, a.unit)).toFixed(6));
  return sum;
}
