import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sparkline } from '../../src/features/dashboard/sparkline';
import type { ChartPoint } from '../../src/features/dashboard/kpi-chart';

describe('the dashboard’s trend sparkline', () => {
  it('joins the baseline and the actuals up to the year shown, with the final target as a level', () => {
    const chart: ChartPoint[] = [
      { year: 2018, value: 5, series: 'baseline' },
      { year: 2020, value: 10, series: 'target' },
      { year: 2020, value: 10, series: 'actual' },
      { year: 2021, value: 20, series: 'actual' },
      { year: 2022, value: 30, series: 'actual' },
      { year: 2022, value: 35, series: 'final' },
    ];
    const s = sparkline(chart, 2021, 100, 30)!;
    expect(s.points.map((p) => [p.year, p.value, p.kind])).toEqual([[2018, 5, 'baseline'], [2020, 10, 'actual'], [2021, 20, 'actual']]);
    expect(s.path).toBe('M3.0 27.0 L65.7 23.0 L97.0 15.0');
    expect(s.targetY).toBe('3.0');
  });

  it('draws nothing with fewer than two values', () => {
    expect(sparkline([{ year: 2020, value: 1, series: 'actual' }], 2022, 100, 30)).toBeNull();
  });

  it('puts only plain decimals in the path, whatever the values', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ year: fc.integer({ min: 1990, max: 2100 }), value: fc.double({ noNaN: false }) }), { maxLength: 12 }), (pts) => {
        const s = sparkline(pts.map((p) => ({ ...p, series: 'actual' as const })), 2100, 96, 28);
        if (!s) return;
        expect(s.path).toMatch(/^M-?\d+\.\d -?\d+\.\d( L-?\d+\.\d -?\d+\.\d)*$/);
        for (const d of s.dots) expect(`${d.x},${d.y}`).toMatch(/^-?\d+\.\d,-?\d+\.\d$/);
      }),
    );
  });
});
