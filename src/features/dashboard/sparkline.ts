/**
 * A KPI's trend as a small line (the dashboard list's 実績の推移): the baseline and each year's
 * actual up to the year shown, against the final target as a dashed level. Pure: only numbers
 * computed here reach the SVG's attributes, each written as a plain decimal (`toFixed(1)`), never a
 * value or text from a file.
 */
import type { ChartPoint } from './kpi-chart';

export interface SparkPoint {
  year: number;
  value: number;
  kind: 'baseline' | 'actual';
}

export interface Sparkline {
  /** The SVG path of the line: 「M1.0 2.0 L3.0 4.0 …」. */
  path: string;
  /** The points as drawn (x, y in the box), the last one marked. */
  dots: { x: string; y: string }[];
  /** The y of the final target's dashed level, when it lies in the picture. */
  targetY: string | null;
  /** The points the line joins, in year order (what the text alternative reads). */
  points: SparkPoint[];
}

const PAD = 3;
const coordinate = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '0.0');

/**
 * The line of a KPI's points in a box of `width` × `height` px, or null when fewer than two values
 * are known (no trend to draw). `upTo` leaves out later years.
 */
export function sparkline(chart: readonly ChartPoint[], upTo: number, width: number, height: number): Sparkline | null {
  const byYear = new Map<number, SparkPoint>();
  for (const p of chart) {
    if (p.year > upTo || !Number.isFinite(p.value)) continue;
    if (p.series === 'actual') byYear.set(p.year, { year: p.year, value: p.value, kind: 'actual' });
    else if (p.series === 'baseline' && !byYear.has(p.year)) byYear.set(p.year, { year: p.year, value: p.value, kind: 'baseline' });
  }
  const points = [...byYear.values()].sort((a, b) => a.year - b.year);
  if (points.length < 2) return null;
  const final = chart.find((p) => p.series === 'final' && Number.isFinite(p.value));
  const values = points.map((p) => p.value).concat(final ? [final.value] : []);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const first = points[0]!.year;
  const years = points[points.length - 1]!.year - first || 1;
  const x = (year: number) => PAD + ((year - first) / years) * (width - 2 * PAD);
  const y = (value: number) => height - PAD - ((value - min) / span) * (height - 2 * PAD);
  const dots = points.map((p) => ({ x: coordinate(x(p.year)), y: coordinate(y(p.value)) }));
  return {
    path: dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x} ${d.y}`).join(' '),
    dots,
    targetY: final ? coordinate(y(final.value)) : null,
    points,
  };
}
