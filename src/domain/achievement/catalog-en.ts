/**
 * The English words of the achievement engine: the same shape as {@link JA} (catalog.ts), so that
 * `explain(e, EN)`, `verdictLabel(v, EN)` … write English. Fiscal years read "FY2020 (R2)".
 */
import { formatFiscalYearEn } from '../eras-en';
import type { AchievementCatalog } from './catalog';

type LevelRef = number | 'unevaluable' | undefined;

/** How a validation message names a level, at the start of a sentence. */
const levelName = (level: LevelRef) =>
  level === 'unevaluable' ? 'The "unevaluable" level' : level === undefined ? 'A level' : `Level ${level + 1}`;

const fy = (year: number) => formatFiscalYearEn(year, 'wareki');

export const EN: AchievementCatalog = {
  presets: {
    default: { name: 'Standard (A ≥100% / B ≥80% / C ≥50% / D <50%)' },
    progress: { name: 'Progress from the baseline (A ≥100% / B ≥80% / C ≥50% / D <50%)' },
    nagano: {
      name: 'Nagano Prefecture style (On track / Mostly on track / Needs effort)',
      onTrack: 'On track',
      mostlyOnTrack: 'Mostly on track',
      needsEffort: 'Needs effort',
      unevaluable: 'Cannot be evaluated',
    },
    osakaLibrary: { name: 'Osaka Prefectural Library style (A ≥110% / B 80–110% / C 50–80% / D <50%)' },
    ino: {
      name: 'Ino Town style (◎ ○ △ ×)',
      above: 'Above target',
      equal: 'On target',
      missed: 'Below target',
      noProgress: 'No progress',
      unevaluable: 'Not rated',
    },
    nagayo: { name: 'Nagayo Town style (S / A / B / C, compared with the baseline)' },
    tama: { name: 'Tama City style (against the interpolated yearly target: ≥100% / 60–100% / <60%)' },
  },

  problems: {
    invalidShape: (path: string) => `The rank scheme is not in the expected form (${path || 'whole scheme'}).`,
    nameEmpty: () => 'Enter a name for the rank scheme.',
    tooFewLevels: () => 'A rank scheme needs at least two levels.',
    keyEmpty: (l: LevelRef) => `${levelName(l)} has an empty key.`,
    keyDuplicate: (l: LevelRef) => `${levelName(l)} has the same key as another level.`,
    keyReserved: (l: LevelRef) => `${levelName(l)} uses the key "unevaluable", which is reserved for the "unevaluable" level.`,
    labelEmpty: (l: LevelRef) => `${levelName(l)} needs a name.`,
    labelDuplicate: (l: LevelRef) => `${levelName(l)} has the same name as another level.`,
    symbolEmpty: (l: LevelRef) => `${levelName(l)} needs a symbol (colour alone cannot tell levels apart).`,
    symbolDuplicate: (l: LevelRef) => `${levelName(l)} has the same symbol as another level.`,
    colorInvalid: (l: LevelRef) => `${levelName(l)}: give the colour as #RRGGBB (or #RGB).`,
    thresholdInvalid: (l: LevelRef) => `${levelName(l)}: the threshold is not a number.`,
    thresholdMissing: (l: LevelRef) => `${levelName(l)} has no threshold (only the last level may have none).`,
    thresholdsNotDescending: (l: LevelRef) =>
      `${levelName(l)}: the threshold must be lower than the previous level's (the levels overlap).`,
    noCatchAll: (l: LevelRef) =>
      `${levelName(l)} (the last level) must have no threshold, so that every lower value has a level.`,
    bandInvalid: () => 'The band around the baseline (±%) must be a number of 0 or more.',
  },

  verdict: {
    achieved: 'Achieved',
    notAchieved: 'Not achieved',
    pending: 'Pending',
    excluded: 'Not evaluated',
  },

  pending: {
    noActual: 'Pending: no actual has been entered',
    collecting: 'Pending: the actual is still being compiled',
    notConducted: 'Pending: the survey has not been conducted yet',
    undetermined: (text: string) =>
      text === ''
        ? 'Pending: the actual does not show whether the target was met'
        : `Pending: the actual "${text}" does not show whether the target was met`,
  },

  excluded: {
    evaluatedElsewhere: 'Not evaluated: assessed at another level (e.g. prefecture-wide)',
    notApplicable: 'Not evaluated: not applicable',
    noTarget: 'Not evaluated: no target has been set',
    notDue: (targetYear: number | null) =>
      targetYear === null
        ? 'Not evaluated: the target year has not been reached'
        : `Not evaluated: the target year (${fy(targetYear)}) has not been reached`,
    beforeBaseline: (baselineYear: number | null) =>
      baselineYear === null
        ? 'Not evaluated: on or before the baseline year'
        : `Not evaluated: on or before the baseline year (${fy(baselineYear)})`,
    noAdoptedTarget: (targetYear: number | null) =>
      targetYear === null
        ? 'No verdict: no target was adopted for this year'
        : `No verdict: no target was adopted for this year (judged against the final target in ${fy(targetYear)})`,
    beforeFinalYear: (targetYear: number | null) =>
      targetYear === null ? 'No verdict before the final target year' : `No verdict before the final target year (${fy(targetYear)})`,
  },

  unjudged: 'No verdict',

  unjudgedYear: {
    finalProgress: (targetYear: number, target: string) => `Progress toward the final target ${target} (${fy(targetYear)})`,
    reference: (value: string) => `for reference: interpolated ${value} (not an adopted target)`,
  },

  trend: { better: 'Improved', same: 'Unchanged', worse: 'Worse' },

  targetSource: {
    yearly: 'Yearly target',
    interpolated: 'Interpolated target',
    final: 'Final target',
    threshold: 'Target (at least / at most)',
  },

  projection: {
    onTrack: 'Expected to reach the final target',
    offTrack: 'Unlikely to reach the final target',
    method: {
      lastTwoActuals: 'straight-line projection from the last two actuals',
      baselineAndActual: 'straight-line projection from the baseline and the actual',
      interimTarget: "compared with this year's target",
      milestone: 'already achieved',
    },
  },

  formula: {
    attainment: 'Attainment',
    progress: 'Progress',
    interim: 'Progress (interpolated)',
    baselineChange: 'Change from baseline',
    actual: 'Actual',
    target: 'Target',
  },

  clause: {
    achievedAtLeast: 'achieved: at or above the target',
    achievedAtMost: 'achieved: at or below the target',
    missedBelow: 'not achieved: below the target',
    missedAbove: 'not achieved: above the target',
    inverted: 'lower is better, so target ÷ actual',
    interpolated: (target: string, fromYear: number, from: string, toYear: number, to: string) =>
      `target ${target} interpolated by year from ${from} in ${fy(fromYear)} to ${to} in ${fy(toYear)}`,
    interim: (line: string, year: number) => `${line} is the ${fy(year)} value interpolated from the baseline to the final target`,
    finalTarget: (year: number) => `compared with the final target for ${fy(year)}`,
    early: 'final target met ahead of time',
    worseThanBaseline: (baseline: string) => `worse than the baseline ${baseline}`,
    provisional: 'provisional',
    approximate: 'approximate',
    statPeriod: (period: string) => `statistics period: ${period}`,
    computedTotal: 'the actual is the running total of single-year figures',
    computedYearly: 'the actual is the year’s figure (the total less the previous year’s)',
    remark: (remark: string) => `note: ${remark}`,
  },

  range: {
    comparison: (actual: string, range: string) => `actual ${actual}, target range ${range}`,
    within: 'achieved: within the target range',
    below: 'not achieved: below the target range',
    above: 'not achieved: above the target range',
    noRatio: 'a range target has no attainment or progress rate',
  },

  milestone: {
    achieved: (target: string) => (target === '' ? 'Target achieved' : `Target "${target}" achieved`),
    notAchieved: (target: string) => (target === '' ? 'Target not achieved' : `Target "${target}" not achieved`),
    early: (target: string, year: number) =>
      target === '' ? `Target (${fy(year)}) achieved ahead of schedule` : `Target "${target}" (${fy(year)}) achieved ahead of schedule`,
    partial: (target: string) => (target === '' ? 'only partly done: not achieved' : `"${target}" only partly done: not achieved`),
    unmarked: (text: string, proposal: boolean | undefined) =>
      `Pending: "${text}" is not marked done or not done${proposal === undefined ? '' : ` (the wording suggests ${proposal ? 'done' : 'not done'})`}; choose done, not done or partly`,
  },

  sentence: { open: ' (', close: ')', separator: '; ' },

  ranking: {
    vsBaseline: (baseline: string, better: boolean | null) =>
      better === null ? `same as the baseline ${baseline}` : better ? `better than the baseline ${baseline}` : `no better than the baseline ${baseline}`,
    fallbackLabel: (label: string, measure: string) => `${label} (${measure})`,
    fallback: (basis: string, measure: string, zeroTarget: boolean) =>
      zeroTarget ? `the target is 0, so ${basis} is undefined: ranked by ${measure}` : `${basis} is undefined: ranked by ${measure}`,
  },
};
