/**
 * Rank schemes (評価区分): how a KPI's result for a year becomes a rank such as A/B/C/D, 順調 or ◎.
 *
 * A scheme is data, stored on the strategy (`Strategy.rankScheme`; null = {@link DEFAULT_RANK_SCHEME}).
 * Three kinds cover the schemes municipalities use:
 *
 * - `ratio`: levels by thresholds on one ratio (`basis`): 達成率 (attainment), 進捗率 (progress) or
 *   進捗率 against the year-scaled target (interim, 多摩市). Each level has an inclusive lower bound
 *   in percent (`min`), best level first; the last level has `min: null` and takes everything below.
 * - `target` (いの町): above target / equal to target / missed / no progress.
 * - `baseline` (長与町): achieved / better than baseline / within ±band% of baseline / worse.
 *
 * Every level — the unevaluable one too — has a label and a symbol besides its colour, so that
 * colour is never the only signal.
 */
import type { z } from 'zod';
import type {
  baselineRankSchemeSchema,
  rankLevelSchema,
  rankSchemeSchema,
  ratioRankLevelSchema,
  ratioRankSchemeSchema,
  targetRankSchemeSchema,
} from './rank-schemes.schema';
import { JA } from './catalog';
import { isRankColor } from './rank-colors';

/** Which ratio a `ratio` scheme ranks by. */
export const RANK_BASES = ['attainment', 'progress', 'interim'] as const;
export type RankBasis = (typeof RANK_BASES)[number];

export type RankLevel = z.infer<typeof rankLevelSchema>;
export type RatioRankLevel = z.infer<typeof ratioRankLevelSchema>;
export type RankScheme = z.infer<typeof rankSchemeSchema>;
export type RatioRankScheme = z.infer<typeof ratioRankSchemeSchema>;
export type TargetRankScheme = z.infer<typeof targetRankSchemeSchema>;
export type BaselineRankScheme = z.infer<typeof baselineRankSchemeSchema>;
export type RankSchemeKind = RankScheme['kind'];

/** The key every scheme's unevaluable level is counted under. */
export const UNEVALUABLE_KEY = 'unevaluable';

// Colours: distinguishable in the common colour-vision deficiencies; never used alone.
const GREEN = '#1a7f37';
const BLUE = '#0969da';
const AMBER = '#b35900';
const RED = '#cf222e';
const GREY = '#6e7781';

const P = JA.presets;
const level = (key: string, label: string, symbol: string, color: string): RankLevel => ({ key, label, symbol, color });
const ratioLevel = (key: string, label: string, symbol: string, color: string, min: number | null): RatioRankLevel => ({
  key,
  label,
  symbol,
  color,
  min,
});
const unevaluable = (label: string): RankLevel => level(UNEVALUABLE_KEY, label, '−', GREY);

export const PRESET_IDS = ['default', 'progress', 'nagano', 'osakaLibrary', 'ino', 'nagayo', 'tama'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** The default's levels: A ≥100% / B ≥80% / C ≥50% / D below. */
const ABCD_LEVELS = [
  ratioLevel('A', 'A', '◎', GREEN, 100),
  ratioLevel('B', 'B', '○', BLUE, 80),
  ratioLevel('C', 'C', '△', AMBER, 50),
  ratioLevel('D', 'D', '×', RED, null),
];

/** A ≥100% / B ≥80% / C ≥50% / D <50% of 達成率 against the year's target; − unevaluable. */
export const DEFAULT_RANK_SCHEME: RatioRankScheme = {
  id: 'default',
  name: P.default.name,
  kind: 'ratio',
  basis: 'attainment',
  levels: ABCD_LEVELS,
  unevaluable: unevaluable('−'),
};

/**
 * The default's levels on 進捗率 instead of 達成率: for cities that rank by how far a KPI moved
 * from its baseline toward the target, so that a decrease-type KPI that got worse than its baseline
 * (ごみ排出量 950 → target 900, actual 1,000) ranks D, not B.
 */
export const PROGRESS_RANK_SCHEME: RatioRankScheme = {
  id: 'progress',
  name: P.progress.name,
  kind: 'ratio',
  basis: 'progress',
  levels: ABCD_LEVELS,
  unevaluable: unevaluable('−'),
};

/** 長野県: 順調 (target reached) / おおむね順調 (進捗率 ≥80%) / 努力を要する (<80%). */
export const NAGANO_RANK_SCHEME: RatioRankScheme = {
  id: 'nagano',
  name: P.nagano.name,
  kind: 'ratio',
  basis: 'progress',
  levels: [
    ratioLevel('onTrack', P.nagano.onTrack, '◎', GREEN, 100),
    ratioLevel('mostlyOnTrack', P.nagano.mostlyOnTrack, '○', BLUE, 80),
    ratioLevel('needsEffort', P.nagano.needsEffort, '△', RED, null),
  ],
  unevaluable: unevaluable(P.nagano.unevaluable),
};

/** 大阪府立図書館: A ≥110% / B 80–110% / C 50–80% / D <50% of 達成率. */
export const OSAKA_LIBRARY_RANK_SCHEME: RatioRankScheme = {
  id: 'osakaLibrary',
  name: P.osakaLibrary.name,
  kind: 'ratio',
  basis: 'attainment',
  levels: [
    ratioLevel('A', 'A', '◎', GREEN, 110),
    ratioLevel('B', 'B', '○', BLUE, 80),
    ratioLevel('C', 'C', '△', AMBER, 50),
    ratioLevel('D', 'D', '×', RED, null),
  ],
  unevaluable: unevaluable('−'),
};

/** いの町: ◎ above target / ○ equal / △ missed / × no progress / 評価なし. */
export const INO_RANK_SCHEME: TargetRankScheme = {
  id: 'ino',
  name: P.ino.name,
  kind: 'target',
  levels: [
    level('above', P.ino.above, '◎', GREEN),
    level('equal', P.ino.equal, '○', BLUE),
    level('missed', P.ino.missed, '△', AMBER),
    level('noProgress', P.ino.noProgress, '×', RED),
  ],
  unevaluable: level(UNEVALUABLE_KEY, P.ino.unevaluable, '−', GREY),
};

/** 長与町: S target reached / A above baseline / B within ±10% of baseline / C below / −. */
export const NAGAYO_RANK_SCHEME: BaselineRankScheme = {
  id: 'nagayo',
  name: P.nagayo.name,
  kind: 'baseline',
  bandPercent: 10,
  levels: [
    level('S', 'S', '★', GREEN),
    level('A', 'A', '↑', BLUE),
    level('B', 'B', '→', AMBER),
    level('C', 'C', '↓', RED),
  ],
  unevaluable: unevaluable('−'),
};

/** 多摩市: ≥100% / 60–100% / <60% of 進捗率 against the year-scaled target. */
export const TAMA_RANK_SCHEME: RatioRankScheme = {
  id: 'tama',
  name: P.tama.name,
  kind: 'ratio',
  basis: 'interim',
  levels: [
    ratioLevel('A', 'A', '◎', GREEN, 100),
    ratioLevel('B', 'B', '○', BLUE, 60),
    ratioLevel('C', 'C', '△', RED, null),
  ],
  unevaluable: unevaluable('−'),
};

export const RANK_SCHEME_PRESETS: Readonly<Record<PresetId, RankScheme>> = {
  default: DEFAULT_RANK_SCHEME,
  progress: PROGRESS_RANK_SCHEME,
  nagano: NAGANO_RANK_SCHEME,
  osakaLibrary: OSAKA_LIBRARY_RANK_SCHEME,
  ino: INO_RANK_SCHEME,
  nagayo: NAGAYO_RANK_SCHEME,
  tama: TAMA_RANK_SCHEME,
};

/** A fresh, independent copy of a preset (to store on a strategy or edit as a custom scheme). */
export function presetRankScheme(id: PresetId): RankScheme {
  return structuredClone(RANK_SCHEME_PRESETS[id]);
}

/** The scheme a strategy ranks with: its own setting, or the default when none is set. */
export function resolveRankScheme(setting: RankScheme | null | undefined): RankScheme {
  return setting ?? DEFAULT_RANK_SCHEME;
}

/** Levels of a scheme best first, then the unevaluable level: the order of a rank bar. */
export function rankLevels(scheme: RankScheme): RankLevel[] {
  return [...scheme.levels, scheme.unevaluable];
}

// ---------------------------------------------------------------------------------------------
// Validation

export const RANK_SCHEME_PROBLEM_CODES = [
  /** The data does not have the shape of a scheme at all. */
  'invalidShape',
  'nameEmpty',
  'tooFewLevels',
  'keyEmpty',
  'keyDuplicate',
  /** A level uses the key reserved for the unevaluable level. */
  'keyReserved',
  'labelEmpty',
  'labelDuplicate',
  'symbolEmpty',
  'symbolDuplicate',
  'colorInvalid',
  /** A threshold is not a finite number. */
  'thresholdInvalid',
  /** A level other than the last has no threshold: the levels after it could never be reached. */
  'thresholdMissing',
  /** Thresholds must fall strictly from the first level to the last (equal ones overlap). */
  'thresholdsNotDescending',
  /** The last level has a threshold: ratios below it would get no rank (a gap). */
  'noCatchAll',
  /** The ±band of a baseline scheme must be a finite number ≥ 0. */
  'bandInvalid',
] as const;
export type RankSchemeProblemCode = (typeof RANK_SCHEME_PROBLEM_CODES)[number];

export interface RankSchemeProblem {
  code: RankSchemeProblemCode;
  /** Index of the level concerned (0 = best); 'unevaluable' for the unevaluable level. */
  level?: number | 'unevaluable';
  /** For invalidShape: where in the data. */
  path?: string;
  /** The problem in Japanese, for display. */
  message: string;
}


/**
 * The problems of a scheme of the right shape (a custom one being edited): every one found; an
 * empty list means the scheme can be used. `validateRankScheme` (rank-schemes.schema.ts) checks
 * the shape of unknown data first. Never throws.
 */
export function rankSchemeProblems(scheme: RankScheme): RankSchemeProblem[] {
  const problems: RankSchemeProblem[] = [];
  const add = (code: RankSchemeProblemCode, level?: number | 'unevaluable') =>
    problems.push({ code, ...(level === undefined ? {} : { level }), message: JA.problems[code](level as never) });

  if (scheme.name.trim() === '') add('nameEmpty');
  const levels: RankLevel[] = scheme.levels;
  if (levels.length < 2) add('tooFewLevels');

  const seenKeys = new Set<string>();
  const seenLabels = new Set<string>();
  const seenSymbols = new Set<string>();
  const checkLevel = (l: RankLevel, at: number | 'unevaluable') => {
    if (at !== 'unevaluable') {
      const key = l.key.trim();
      if (key === '') add('keyEmpty', at);
      else if (key === UNEVALUABLE_KEY) add('keyReserved', at);
      else if (seenKeys.has(key)) add('keyDuplicate', at);
      seenKeys.add(key);
    }
    const label = l.label.trim();
    if (label === '') add('labelEmpty', at);
    else if (seenLabels.has(label)) add('labelDuplicate', at);
    seenLabels.add(label);
    const symbol = l.symbol.trim();
    if (symbol === '') add('symbolEmpty', at);
    else if (seenSymbols.has(symbol)) add('symbolDuplicate', at);
    seenSymbols.add(symbol);
    if (!isRankColor(l.color)) add('colorInvalid', at);
  };
  levels.forEach((l, i) => checkLevel(l, i));
  checkLevel(scheme.unevaluable, 'unevaluable');

  if (scheme.kind === 'ratio') {
    let previous = Infinity;
    scheme.levels.forEach((l, i) => {
      const last = i === scheme.levels.length - 1;
      if (l.min === null) {
        if (!last) add('thresholdMissing', i);
        return;
      }
      if (!Number.isFinite(l.min)) {
        add('thresholdInvalid', i);
        return;
      }
      if (l.min >= previous) add('thresholdsNotDescending', i);
      previous = l.min;
      if (last) add('noCatchAll', i);
    });
  }
  if (scheme.kind === 'baseline' && !(Number.isFinite(scheme.bandPercent) && scheme.bandPercent >= 0)) {
    add('bandInvalid');
  }
  return problems;
}
