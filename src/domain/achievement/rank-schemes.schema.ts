/**
 * The zod schema of a rank scheme (rank-schemes.ts has the types, presets and rules): kept apart
 * so that the app's first load does not need zod. The strategy schema and the file reader use it.
 */
import { z } from 'zod';
import { BOUNDS } from '../bounds';
import { RANK_COLOR_RE } from './rank-colors';
import { JA } from './catalog';
import { RANK_BASES, rankSchemeProblems, type RankSchemeProblem } from './rank-schemes';

export const rankLevelSchema = z.object({
  /** Stable key (A, B, onTrack …); counts in roll-ups are keyed by it. */
  key: z.string().max(BOUNDS.rankKeyChars),
  label: z.string().max(BOUNDS.rankLabelChars),
  symbol: z.string().max(BOUNDS.rankSymbolChars),
  /** #rgb, #rrggbb or a palette name (green, blue, amber, red, grey): it reaches a style. */
  color: z.string().regex(RANK_COLOR_RE),
});

export const ratioRankLevelSchema = rankLevelSchema.extend({
  /** Inclusive lower bound in percent (80 = 80%); null on the last level = everything below. */
  min: z.number().min(-BOUNDS.thresholdAbs).max(BOUNDS.thresholdAbs).nullable(),
});

const schemeHead = {
  /** Preset id (default, nagano …) or any id of a custom scheme. */
  id: z.string().max(BOUNDS.rankKeyChars),
  name: z.string().max(BOUNDS.shortTextChars),
  /** Rank of a KPI that is pending, excluded or cannot be judged (−, 評価なし). */
  unevaluable: rankLevelSchema,
};

export const ratioRankSchemeSchema = z.object({
  ...schemeHead,
  kind: z.literal('ratio'),
  basis: z.enum(RANK_BASES),
  levels: z.array(ratioRankLevelSchema).max(BOUNDS.rankLevels),
});

/** いの町: levels in this order: above target, equal to target, missed, no progress. */
export const targetRankSchemeSchema = z.object({
  ...schemeHead,
  kind: z.literal('target'),
  levels: z.tuple([rankLevelSchema, rankLevelSchema, rankLevelSchema, rankLevelSchema]),
});

/** 長与町: levels in this order: achieved, better than baseline, within ±band%, worse. */
export const baselineRankSchemeSchema = z.object({
  ...schemeHead,
  kind: z.literal('baseline'),
  /** Half-width of the "unchanged" band around the baseline, in percent of |baseline|. */
  bandPercent: z.number().min(0).max(BOUNDS.bandPercentMax),
  levels: z.tuple([rankLevelSchema, rankLevelSchema, rankLevelSchema, rankLevelSchema]),
});

export const rankSchemeSchema = z.discriminatedUnion('kind', [
  ratioRankSchemeSchema,
  targetRankSchemeSchema,
  baselineRankSchemeSchema,
]);

/**
 * Checks a scheme given as unknown data (typically one read from a file): its shape, then
 * {@link rankSchemeProblems}. Returns every problem found; an empty list means the scheme can be
 * used. Never throws.
 */
export function validateRankScheme(input: unknown): RankSchemeProblem[] {
  const parsed = rankSchemeSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      return { code: 'invalidShape' as const, path, message: JA.problems.invalidShape(path) };
    });
  }
  return rankSchemeProblems(parsed.data);
}
