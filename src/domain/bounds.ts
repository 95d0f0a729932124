/**
 * The bounds every value of a strategy stays within, wherever it comes from (a file, a
 * spreadsheet, a person typing). They protect the device from files that are broken or hostile (a
 * plan period of a million years freezes every screen that lists the years) and are far above
 * what a real strategy needs. The entity schemas (entities/*.schema.ts) apply them to files;
 * docs/bundle-format.md ("Limits") lists them for people.
 *
 * Pure: plain data and functions, no zod.
 */

export const BOUNDS = {
  /** Every fiscal year (plan period, KPI and project years, baseline and target years). */
  fiscalYearMin: 1900,
  fiscalYearMax: 2200,
  /** A plan period (開始年度〜終了年度) spans at most this many fiscal years. */
  planYearsMax: 30,
  /** Record ids and the references to them. */
  idChars: 100,
  /** Names, numbers, units, titles, labels: one line of text. */
  shortTextChars: 1_000,
  /** Notes, descriptions, 実施内容, 検証結果まとめ and other free text. */
  longTextChars: 50_000,
  /** Entries of a list of texts (目指す方向性, 担当課, 連携自治体, 出席委員 …). */
  listItems: 200,
  /** Further places (基本目標 / 施策) one project is listed under besides its primary one. */
  projectLinks: 20,
  /** The size of any number a person writes (a KPI value, a budget in 円): |n| ≤ 10^15. */
  numberAbs: 1e15,
  /** Display order and revision counters. */
  counterMax: 1e12,
  /** Levels of a rank scheme (besides the unevaluable one). */
  rankLevels: 12,
  /** A rank level's key, label and symbol. */
  rankKeyChars: 40,
  rankLabelChars: 40,
  rankSymbolChars: 4,
  /** A ratio scheme's thresholds, in percent. */
  thresholdAbs: 1_000_000,
  /** A baseline scheme's ±band, in percent. */
  bandPercentMax: 1_000,
} as const;

/** How many records of each kind one file (one strategy) may hold, tombstones included. */
export const RECORD_LIMITS = {
  goals: 1_000,
  measures: 20_000,
  projects: 50_000,
  kpis: 100_000,
  kpiYears: 2_000_000,
  projectYears: 1_000_000,
  meetings: 5_000,
  opinions: 200_000,
} as const;

/** A record id (and a reference to one): letters, digits, `-` and `_` (a UUID fits). */
export const RECORD_ID_RE = /^[A-Za-z0-9_-]{1,100}$/;

export type PlanPeriodProblem = 'yearRange' | 'order' | 'tooLong';

/**
 * What is wrong with a plan period, or null: each year within 1900–2200, the end not before the
 * start, at most {@link BOUNDS.planYearsMax} fiscal years. Used by the file reader and by every
 * screen where a person enters a period.
 */
export function planPeriodProblem(startYear: number, endYear: number): PlanPeriodProblem | null {
  if (!isFiscalYear(startYear) || !isFiscalYear(endYear)) return 'yearRange';
  if (endYear < startYear) return 'order';
  if (endYear - startYear + 1 > BOUNDS.planYearsMax) return 'tooLong';
  return null;
}

export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= BOUNDS.fiscalYearMin && year <= BOUNDS.fiscalYearMax;
}
