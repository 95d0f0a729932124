// Rank schemes: the presets, their boundaries, and validation of a custom scheme.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi } from '../../../src/domain/sample/types';
import {
  DEFAULT_RANK_SCHEME,
  PRESET_IDS,
  RANK_SCHEME_PRESETS,
  evaluateKpi,
  presetRankScheme,
  rankLevels,
  resolveRankScheme,
  type RankScheme,
  type RatioRankScheme,
} from '../../../src/domain/achievement';
import { validateRankScheme } from '../../../src/domain/achievement/rank-schemes.schema';
import { testContext } from '../../support/context';

/** 達成率 = actual ÷ 100 for a KPI with baseline 0 (平成30年度) and target 100 (令和4年度). */
function rankAt(actual: number, scheme: RankScheme, plain: Partial<PlainKpi> = {}) {
  const r = buildWorkbook(
    {
      municipality: 'テスト町',
      name: 'テスト',
      startYear: 2020,
      endYear: 2024,
      goals: [
        {
          number: '1',
          title: 'テスト',
          kpis: [
            {
              name: 'x',
              unit: '件',
              baseline: { value: 0 },
              baselineYear: 2018,
              target: { value: 100 },
              targetYear: 2022,
              years: [{ fiscalYear: 2022, actual: { value: actual } }],
              ...plain,
            },
          ],
        },
      ],
    },
    testContext(),
  );
  return evaluateKpi(r.kpis[0]!, r.kpiYears, 2022, scheme).rank;
}

describe('RANK_SCHEME_PRESETS', () => {
  it('ships the six presets of domain.md and the 進捗率 one, each valid', () => {
    expect(PRESET_IDS).toEqual(['default', 'progress', 'nagano', 'osakaLibrary', 'ino', 'nagayo', 'tama']);
    for (const id of PRESET_IDS) expect(validateRankScheme(RANK_SCHEME_PRESETS[id]), id).toEqual([]);
  });

  it('gives every level — the unevaluable one too — a label and a symbol besides its colour', () => {
    for (const id of PRESET_IDS) {
      const levels = rankLevels(RANK_SCHEME_PRESETS[id]);
      for (const l of levels) {
        expect(l.label.trim(), id).not.toBe('');
        expect(l.symbol.trim(), id).not.toBe('');
        expect(l.color, id).toMatch(/^#[0-9a-f]{6}$/i);
      }
      expect(new Set(levels.map((l) => l.symbol)).size, id).toBe(levels.length);
    }
  });

  it('presetRankScheme returns an independent copy', () => {
    const copy = presetRankScheme('default') as RatioRankScheme;
    copy.levels[0]!.label = '変更';
    expect(DEFAULT_RANK_SCHEME.levels[0]!.label).toBe('A');
  });

  it('resolveRankScheme: null or a missing setting is the default scheme', () => {
    expect(resolveRankScheme(null)).toBe(DEFAULT_RANK_SCHEME);
    expect(resolveRankScheme(undefined)).toBe(DEFAULT_RANK_SCHEME);
    const nagano = presetRankScheme('nagano');
    expect(resolveRankScheme(nagano)).toBe(nagano);
  });
});

describe('rankOf', () => {
  it('default: A ≥100% / B ≥80% / C ≥50% / D <50%, boundaries inclusive', () => {
    const s = presetRankScheme('default');
    expect([120, 100, 99.9, 80, 79.9, 50, 49.9, 0, -10].map((a) => rankAt(a, s).key)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'D']);
  });

  it('default: an exact 80% that is not a round double (1,296 ÷ 1,620) is B', () => {
    const s = presetRankScheme('default');
    expect(rankAt(1296, s, { target: { value: 1620 } }).key).toBe('B');
    expect(rankAt(57, s, { target: { value: 100 } }).ratio).toBe(0.57);
  });

  it('大阪府立図書館: A ≥110% / B 80–110% / C 50–80% / D <50%', () => {
    const s = presetRankScheme('osakaLibrary');
    expect([110, 109.9, 100, 80, 79.9, 50, 49.9].map((a) => rankAt(a, s).key)).toEqual(['A', 'B', 'B', 'B', 'C', 'C', 'D']);
  });

  it('長野県: 順調 / おおむね順調 (進捗率 ≥80%) / 努力を要する', () => {
    const s = presetRankScheme('nagano');
    expect([100, 80, 79.9].map((a) => rankAt(a, s).label)).toEqual(['順調', 'おおむね順調', '努力を要する']);
    // 進捗率 from a baseline of 50: (90 − 50) ÷ (100 − 50) = 80%, while 達成率 is 90%.
    expect(rankAt(90, s, { baseline: { value: 50 } })).toMatchObject({ label: 'おおむね順調', measure: 'progress', ratio: 0.8 });
    expect(rankAt(85, s, { baseline: { value: 50 } })).toMatchObject({ label: '努力を要する', ratio: 0.7 });
  });

  it('多摩市: ≥100% / 60–100% / <60% of the way to the year-scaled target', () => {
    const s = presetRankScheme('tama');
    expect([100, 60, 59.9].map((a) => rankAt(a, s).key)).toEqual(['A', 'B', 'C']);
  });

  it('いの町: ◎ above target / ○ equal / △ missed but better than the baseline / × no progress', () => {
    const s = presetRankScheme('ino');
    const baseline50 = { baseline: { value: 50 } };
    expect([101, 100, 60, 50, 40].map((a) => rankAt(a, s, baseline50).symbol)).toEqual(['◎', '○', '△', '×', '×']);
    expect(rankAt(60, s, { baseline: undefined, baselineYear: undefined }).symbol).toBe('△');
  });

  it('長与町: S target reached / A above baseline by more than 10% / B within ±10% / C below', () => {
    const s = presetRankScheme('nagayo');
    const baseline50 = { baseline: { value: 50 } };
    expect([100, 56, 55, 50, 45, 44].map((a) => rankAt(a, s, baseline50).key)).toEqual(['S', 'A', 'B', 'B', 'B', 'C']);
    // Without a baseline a miss cannot be judged: −.
    expect(rankAt(60, s, { baseline: undefined, baselineYear: undefined })).toMatchObject({ key: 'unevaluable', label: '−', evaluable: false });
    // Baseline 0: no percentage, any change leaves the band.
    expect([1, 0, -1].map((a) => rankAt(a, s).key)).toEqual(['A', 'B', 'C']);
  });

  it('a custom ratio scheme with two levels', () => {
    const s: RankScheme = {
      id: 'custom',
      name: '達成・未達成',
      kind: 'ratio',
      basis: 'attainment',
      levels: [
        { key: 'ok', label: '達成', symbol: '○', color: '#1a7f37', min: 100 },
        { key: 'ng', label: '未達成', symbol: '×', color: '#cf222e', min: null },
      ],
      unevaluable: { key: 'unevaluable', label: '−', symbol: '−', color: '#6e7781' },
    };
    expect(validateRankScheme(s)).toEqual([]);
    expect([100, 99].map((a) => rankAt(a, s).key)).toEqual(['ok', 'ng']);
  });
});

describe('validateRankScheme', () => {
  const custom = (levels: { min: number | null; label?: string; symbol?: string; key?: string; color?: string }[]): unknown => ({
    id: 'custom',
    name: '独自',
    kind: 'ratio',
    basis: 'progress',
    levels: levels.map((l, i) => ({
      key: l.key ?? `L${i}`,
      label: l.label ?? `区分${i + 1}`,
      symbol: l.symbol ?? ['◎', '○', '△', '×', '・'][i] ?? String(i),
      color: l.color ?? '#123456',
      min: l.min,
    })),
    unevaluable: { key: 'unevaluable', label: '−', symbol: '−', color: '#6e7781' },
  });
  const codes = (input: unknown) => validateRankScheme(input).map((p) => [p.code, p.level]);

  it('accepts ordered thresholds with a catch-all last level', () => {
    expect(validateRankScheme(custom([{ min: 100 }, { min: 80 }, { min: null }]))).toEqual([]);
  });

  it('refuses thresholds out of order and equal ones (overlap)', () => {
    expect(codes(custom([{ min: 80 }, { min: 100 }, { min: null }]))).toEqual([['thresholdsNotDescending', 1]]);
    expect(codes(custom([{ min: 80 }, { min: 80 }, { min: null }]))).toEqual([['thresholdsNotDescending', 1]]);
  });

  it('refuses a gap below the last threshold and a missing threshold before the end', () => {
    expect(codes(custom([{ min: 100 }, { min: 50 }]))).toEqual([['noCatchAll', 1]]);
    expect(codes(custom([{ min: 100 }, { min: null }, { min: null }]))).toEqual([['thresholdMissing', 1]]);
  });

  it('refuses empty or duplicate labels, symbols and keys, the reserved key and bad colours', () => {
    expect(codes(custom([{ min: 100, label: ' ' }, { min: null, symbol: '' }]))).toEqual([
      ['labelEmpty', 0],
      ['symbolEmpty', 1],
    ]);
    expect(codes(custom([{ min: 100, label: '同じ', symbol: '○', key: 'k' }, { min: null, label: '同じ', symbol: '○', key: 'k' }]))).toEqual([
      ['keyDuplicate', 1],
      ['labelDuplicate', 1],
      ['symbolDuplicate', 1],
    ]);
    // A palette name is a colour; anything else that could reach a style is refused with the shape.
    expect(codes(custom([{ min: 100, key: 'unevaluable', color: 'green' }, { min: null }]))).toEqual([['keyReserved', 0]]);
    expect(codes(custom([{ min: 100, color: 'green;background:url(x)' }, { min: null }]))).toEqual([['invalidShape', undefined]]);
  });

  it('refuses a single level and an empty name', () => {
    const one = custom([{ min: null }]) as { name: string };
    one.name = '';
    expect(codes(one)).toEqual([['nameEmpty', undefined], ['tooFewLevels', undefined]]);
  });

  it('checks the band of a baseline scheme', () => {
    const s = { ...presetRankScheme('nagayo'), bandPercent: -5 };
    // A negative band is outside the schema's bounds, so the shape is refused before the band rule.
    expect(codes(s)).toEqual([['invalidShape', undefined]]);
  });

  it('reports data that is not a scheme at all, with where', () => {
    const problems = validateRankScheme({ id: 'x', name: 'x', kind: 'ratio', basis: 'median', levels: [] });
    expect(problems.map((p) => p.code)).toContain('invalidShape');
    expect(problems.map((p) => p.path)).toContain('basis');
    expect(validateRankScheme(null)[0]?.code).toBe('invalidShape');
  });

  it('gives each problem a Japanese message naming the level', () => {
    const [problem] = validateRankScheme(custom([{ min: 80 }, { min: 100 }, { min: null }]));
    expect(problem?.message).toBe('第2区分のしきい値は前の区分より小さくしてください（区分が重なっています）。');
    const [gap] = validateRankScheme(custom([{ min: 100 }, { min: 50 }]));
    expect(gap?.message).toBe('第2区分（最後の区分）はしきい値なしにしてください（それ未満の値に区分がありません）。');
  });
});
