import { describe, expect, it } from 'vitest';
import { imageFileName } from '../../src/features/dashboard/chart-image';

describe('the chart image’s file name', () => {
  it('joins municipality, KPI and 「グラフ」 without characters file systems refuse', () => {
    expect(imageFileName('関市', '空き家バンクを利用した移住者数', 'グラフ')).toBe('関市_空き家バンクを利用した移住者数_グラフ.png');
    expect(imageFileName('', 'a/b:c*?"<>| d\u0000', 'グラフ')).toBe('abc_d_グラフ.png');
    expect(imageFileName('', '', '')).toBe('chart.png');
  });
});
