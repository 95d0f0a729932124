import { describe, expect, it } from 'vitest';
import { FALLBACK_RANK_COLOR, RANK_PALETTE, isRankColor, safeRankColor } from '../../src/domain/achievement/rank-colors';
import { rankLevelSchema, validateRankScheme } from '../../src/domain/achievement/rank-schemes.schema';
import { presetRankScheme, rankSchemeProblems } from '../../src/domain/achievement/rank-schemes';
import { cssString } from '../../src/features/reports/page-css';

const HOSTILE = [
  'red;background:url(https://evil.example/x.png)',
  'var(--c-primary)',
  'url(x)',
  '#12345',
  '#1234567',
  '#ggg',
  ' #fff',
  '#fff ',
  '#fff;',
  'rgb(0,0,0)',
  'transparent',
  'RED',
  'green\n',
  'expression(alert(1))',
  '',
  '#fff}body{display:none',
];

describe('rank colours', () => {
  it('accept #rgb, #rrggbb and the palette names only', () => {
    for (const ok of ['#fff', '#FFF', '#1a7f37', '#1A7F37', ...Object.keys(RANK_PALETTE)]) expect(isRankColor(ok), ok).toBe(true);
    for (const bad of HOSTILE) expect(isRankColor(bad), bad).toBe(false);
    for (const bad of [null, undefined, 0, {}, ['#fff']]) expect(isRankColor(bad)).toBe(false);
  });

  it('reach a style only in a strict form (used where a colour is put into a style)', () => {
    expect(safeRankColor('#1A7F37')).toBe('#1a7f37');
    expect(safeRankColor('#abc')).toBe('#abc');
    expect(safeRankColor('green')).toBe(RANK_PALETTE.green);
    for (const bad of [...HOSTILE, null, undefined, 5, { toString: () => '#fff' }]) expect(safeRankColor(bad)).toBe(FALLBACK_RANK_COLOR);
    for (const v of [...HOSTILE, '#fff', 'grey']) expect(safeRankColor(v)).toMatch(/^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/);
  });

  it('are refused by the file schema and by the scheme check', () => {
    for (const bad of HOSTILE) {
      expect(rankLevelSchema.safeParse({ key: 'A', label: 'A', symbol: '◎', color: bad }).success, bad).toBe(false);
      const scheme = presetRankScheme('default');
      scheme.levels[0]!.color = bad;
      expect(rankSchemeProblems(scheme).map((p) => p.code)).toContain('colorInvalid');
      expect(validateRankScheme(scheme).length).toBeGreaterThan(0);
    }
    const scheme = presetRankScheme('default');
    scheme.levels[1]!.color = 'blue';
    scheme.levels[2]!.color = '#abc';
    expect(validateRankScheme(scheme)).toEqual([]);
  });

  it('bound the other parts of a level', () => {
    const ok = { key: 'A', label: 'あ'.repeat(40), symbol: '◎◎◎◎', color: '#fff' };
    expect(rankLevelSchema.safeParse(ok).success).toBe(true);
    expect(rankLevelSchema.safeParse({ ...ok, label: 'あ'.repeat(41) }).success).toBe(false);
    expect(rankLevelSchema.safeParse({ ...ok, symbol: '◎◎◎◎◎' }).success).toBe(false);
    expect(rankLevelSchema.safeParse({ ...ok, key: 'k'.repeat(41) }).success).toBe(false);
  });
});

describe('the report footer in the @page rule (file text inside CSS)', () => {
  it('stays one CSS string whatever the strategy name holds', () => {
    for (const name of ['関市"; } body { display:none } @page { content: "', '\\"; }', '</style><script>alert(1)</script>', 'a\nb\r\nc']) {
      const css = cssString(name);
      // One string: it opens and closes with a quote, and every quote inside is escaped.
      expect(css.startsWith('"') && css.endsWith('"')).toBe(true);
      expect(css.slice(1, -1).replace(/\\\\/g, '').replace(/\\"/g, '')).not.toContain('"');
      expect(css).not.toMatch(/[\r\n<]/);
    }
  });
});
