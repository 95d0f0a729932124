/**
 * The KPI detail chart: baseline, yearly targets (interpolated ones marked hollow), actuals and the
 * final target over the period. Drawn as SVG by Observable Plot, which is loaded only when a chart
 * is first shown, so the app's first load stays small.
 */
import type { KpiEvaluation } from '../../domain/achievement';
import { formatNumber, fy } from '../../i18n';

export interface ChartPoint {
  year: number;
  value: number;
  series: 'baseline' | 'target' | 'interpolated' | 'actual' | 'final';
}

/** The points a chart shows, from the evaluations of every year of the period. */
export function chartPoints(evaluations: KpiEvaluation[]): ChartPoint[] {
  const points: ChartPoint[] = [];
  const first = evaluations[0];
  if (first?.baseline && first.baseline.year !== null) points.push({ year: first.baseline.year, value: first.baseline.value, series: 'baseline' });
  for (const e of evaluations) {
    if (e.target && e.target.value !== null) {
      points.push({ year: e.fiscalYear, value: e.target.value, series: e.target.interpolated ? 'interpolated' : 'target' });
      // A range target (「90〜95%」): both bounds, so the range is drawn, not its lower bound alone.
      const range = e.target.measurement?.range;
      if (range) points.push({ year: e.fiscalYear, value: range.upper, series: 'target' });
    }
    if (e.actual !== null) points.push({ year: e.fiscalYear, value: e.actual, series: 'actual' });
  }
  const final = first?.finalTarget;
  if (final && final.value !== null && final.year !== null) {
    points.push({ year: final.year, value: final.value, series: 'final' });
    if (final.measurement.range) points.push({ year: final.year, value: final.measurement.range.upper, series: 'final' });
  }
  return points;
}

export interface ChartLabels {
  baseline: string;
  target: string;
  interpolated: string;
  actual: string;
  final: string;
  unit: string;
}

/** Renders the chart into an SVG element (Observable Plot is imported here, lazily). */
export async function renderKpiChart(points: ChartPoint[], labels: ChartLabels, width: number): Promise<SVGSVGElement | HTMLElement> {
  const Plot = await import('@observablehq/plot');
  const targetLine = points.filter((p) => p.series === 'baseline' || p.series === 'target' || p.series === 'interpolated' || p.series === 'final');
  const years = [...new Set(points.map((p) => p.year))].sort((a, b) => a - b);
  const name = (s: ChartPoint['series']) => labels[s];
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 70,
    style: { fontSize: '13px', fontFamily: 'inherit' },
    x: { type: 'point', domain: years, label: null, tickFormat: (y: number) => fy(y, 'short') },
    y: { grid: true, label: labels.unit, nice: true, zero: false },
    color: {
      domain: [labels.baseline, labels.target, labels.interpolated, labels.actual, labels.final],
      range: ['#59636e', '#1f4e79', '#1f4e79', '#c2410c', '#1e6b35'],
    },
    symbol: {
      domain: [labels.baseline, labels.target, labels.interpolated, labels.actual, labels.final],
      // 按分目標 (interpolated) has its own marker, a triangle, so it never reads as an adopted target.
      range: ['square', 'circle', 'triangle', 'diamond', 'star'],
      // Legend text ≥ 12 px: the page sets it (Plot's own is 10 px).
      legend: true,
    },
    marks: [
      Plot.line(
        [...targetLine].sort((a, b) => a.year - b.year),
        { x: 'year', y: 'value', stroke: '#1f4e79', strokeDasharray: '6,4', strokeWidth: 1.5 },
      ),
      Plot.line(
        points.filter((p) => p.series === 'actual'),
        { x: 'year', y: 'value', stroke: '#c2410c', strokeWidth: 2.5 },
      ),
      Plot.dot(
        points.filter((p) => p.series !== 'interpolated'),
        {
          x: 'year',
          y: 'value',
          r: 6,
          fill: (p: ChartPoint) => name(p.series),
          symbol: (p: ChartPoint) => name(p.series),
          title: (p: ChartPoint) => `${fy(p.year, 'wareki')} ${name(p.series)}: ${formatNumber(p.value)}${labels.unit}`,
        },
      ),
      // Interpolated targets: hollow circles, so they read as computed, not entered.
      Plot.dot(
        points.filter((p) => p.series === 'interpolated'),
        {
          x: 'year',
          y: 'value',
          r: 6,
          symbol: 'triangle',
          fill: 'white',
          stroke: '#1f4e79',
          strokeWidth: 2,
          title: (p: ChartPoint) => `${fy(p.year, 'wareki')} ${name(p.series)}: ${formatNumber(p.value)}${labels.unit}`,
        },
      ),
    ],
  });
}
