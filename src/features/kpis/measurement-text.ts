/**
 * Glue between KPI cells and the number parser: turns typed text into a measurement for a KPI or
 * a Japanese message saying what was wrong.
 */
import { formatMeasurement, parseMeasurement } from '../../domain/numbers';
import type { Measurement } from '../../domain/entities/measurement';
import type { Kpi } from '../../domain/entities/kpi';
import { t } from '../../i18n';
import { parseErrorMessageKey } from '../../i18n/ja/parse';

export type CellResult = { ok: true; measurement: Measurement | null } | { ok: false; message: string };

/** Reads `text` typed into a cell of `kpi`. */
export function readCell(text: string, kpi: Pick<Kpi, 'unit' | 'kind'>): CellResult {
  const result = parseMeasurement(text, { unit: kpi.unit, kind: kpi.kind });
  if (result.ok) return { ok: true, measurement: result.measurement };
  const e = result.error;
  return { ok: false, message: t(parseErrorMessageKey(e), { ...(e as unknown as Record<string, string>), unit: kpi.unit }) };
}

/** The text shown in a cell. A 「以上」/「以下」 target is shown the way the seeds print it. */
export function cellText(m: Measurement | null | undefined, kpi: Pick<Kpi, 'unit' | 'direction'>, isTarget = false): string {
  const threshold = kpi.direction === 'atLeast' ? '以上' : kpi.direction === 'atMost' ? '以下' : null;
  // Only a plain number gets the word; a value with its own remark is shown as it is.
  if (isTarget && threshold && m && m.value !== null && !m.remark) return formatMeasurement({ ...m, remark: threshold }, kpi.unit);
  return formatMeasurement(m ?? null, kpi.unit);
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
