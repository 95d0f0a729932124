/**
 * Glue between KPI cells and the number parser: turns typed text into a measurement for a KPI or
 * a message saying what was wrong, and a measurement into the text a cell or a screen shows.
 */
import { formatMeasurement, parseMeasurement } from '../../domain/numbers';
import type { Measurement } from '../../domain/entities/measurement';
import type { Kpi } from '../../domain/entities/kpi';
import { getLocale, t, type MessageKey } from '../../i18n';
import { parseErrorMessageKey } from '../../i18n/ja/parse';

export type CellResult = { ok: true; measurement: Measurement | null } | { ok: false; message: string };

/** Reads `text` typed into a cell of `kpi`: a target may be a range, a baseline a remark alone. */
export function readCell(text: string, kpi: Pick<Kpi, 'unit' | 'kind'>, role: 'target' | 'actual' | 'baseline' = 'actual'): CellResult {
  const result = parseMeasurement(text, { unit: kpi.unit, kind: kpi.kind, role });
  if (result.ok) return { ok: true, measurement: result.measurement };
  const e = result.error;
  return { ok: false, message: t(parseErrorMessageKey(e), { ...(e as unknown as Record<string, string>), unit: kpi.unit }) };
}

/**
 * The text shown for a value. A 「以上」/「以下」 target is shown the way the seeds print it.
 * `editable`: the text of a grid cell, which the parser reads back, so always in the form the
 * documents write (90件以上, 集計中); elsewhere the words follow the current language.
 */
export function cellText(m: Measurement | null | undefined, kpi: Pick<Kpi, 'unit' | 'direction'>, isTarget = false, editable = false): string {
  const threshold = kpi.direction === 'atLeast' ? '以上' : kpi.direction === 'atMost' ? '以下' : null;
  // Only a plain number gets the word; a value with its own remark is shown as it is.
  const shown = isTarget && threshold && m && m.value !== null && !m.remark && !m.range ? { ...m, remark: threshold } : (m ?? null);
  return editable || getLocale() === 'ja' ? formatMeasurement(shown, kpi.unit) : measurementWords(shown, kpi.unit);
}

/** The text of a year's target: its number, or a range (「80〜90%」) as typed. */
export function targetCellText(target: { value: number | null; measurement: Measurement | null }, kpi: Pick<Kpi, 'unit' | 'direction'>): string {
  if (target.measurement?.range) return cellText(target.measurement, kpi, true);
  return target.value === null ? '' : cellText({ value: target.value }, kpi, true);
}

const THRESHOLD_KEYS: Readonly<Record<string, MessageKey>> = { 以上: 'value.atLeast', 以下: 'value.atMost', 超: 'value.over', 未満: 'value.under' };

/** formatMeasurement with the words from the catalog: approx. 110人, 90件 or more, 1,234人 (provisional). */
function measurementWords(m: Measurement | null, unit: string): string {
  if (!m) return '';
  if (m.value === null) return m.text || (m.status ? t(`value.status.${m.status}`) : m.remark ? t('value.remarkOnly', { remark: m.remark }) : '');
  // A range is shown as typed (「80〜90%」): its words are the adopted target's own.
  if (m.range) return formatMeasurement(m, unit);
  // A minus sign rather than the △ of Japanese documents.
  let s = `${m.value < 0 ? '−' : ''}${formatMeasurement({ value: Math.abs(m.value) }, unit)}`;
  if (m.approximate) s = t('value.approximate', { value: s });
  const threshold = m.remark === undefined ? undefined : THRESHOLD_KEYS[m.remark];
  if (threshold) s = t(threshold, { value: s });
  else if (m.remark) s = t('value.remark', { value: s, remark: m.remark });
  if (m.provisional) s = t('value.provisional', { value: s });
  if (m.statPeriod) s = t('value.statPeriod', { value: s, period: m.statPeriod });
  return s;
}

/**
 * A typed 「90件以上」 carries the KPI's direction, not a remark: returns the measurement without
 * that remark and the direction it implies (if any).
 */
export function splitThreshold(m: Measurement | null): { measurement: Measurement | null; direction: Kpi['direction'] | null } {
  if (!m || (m.remark !== '以上' && m.remark !== '以下')) return { measurement: m, direction: null };
  const { remark, ...rest } = m;
  return { measurement: rest, direction: remark === '以上' ? 'atLeast' : 'atMost' };
}
