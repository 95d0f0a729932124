/**
 * Rank colours. A colour comes from a rank scheme, which may come from a file: before it reaches a
 * style it must have a strict form, `#rgb`, `#rrggbb` or one of the palette's names, and nothing
 * else (a colour such as `red;background:url(…)` or `var(--x)` would otherwise paint or load
 * whatever the file says). The file schema refuses any other colour, and every place that puts a
 * colour into a style passes it through {@link safeRankColor} again.
 *
 * Pure: no DOM.
 */

/** Named colours a scheme may use instead of a hex value; distinguishable in the common colour-vision deficiencies. */
export const RANK_PALETTE = {
  green: '#1a7f37',
  blue: '#0969da',
  amber: '#b35900',
  red: '#cf222e',
  grey: '#6e7781',
} as const;
export type RankPaletteKey = keyof typeof RANK_PALETTE;

/** The only forms a rank colour may have. */
export const RANK_COLOR_RE = /^(?:#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|green|blue|amber|red|grey)$/;

/** The colour a style may use when a value is not a valid rank colour. */
export const FALLBACK_RANK_COLOR = RANK_PALETTE.grey;

export function isRankColor(value: unknown): value is string {
  return typeof value === 'string' && RANK_COLOR_RE.test(value);
}

/**
 * A colour safe to put into a style: a valid hex colour as it is (lower case), a palette name as
 * its hex value, anything else as {@link FALLBACK_RANK_COLOR}.
 */
export function safeRankColor(value: unknown): string {
  if (!isRankColor(value)) return FALLBACK_RANK_COLOR;
  return Object.hasOwn(RANK_PALETTE, value) ? RANK_PALETTE[value as RankPaletteKey] : value.toLowerCase();
}
