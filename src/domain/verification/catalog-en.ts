/**
 * The English words of the verification summary and the consistency hints: the same shape as
 * {@link VERIFICATION_JA} (catalog.ts). KPIs keep their numbers ①②③ as the project card shows
 * them; fiscal years read "FY2022 (R4)".
 */
import { formatFiscalYearEn } from '../eras-en';
import type { VerificationCatalog } from './catalog';

const fy = (year: number) => formatFiscalYearEn(year, 'wareki');

/** The first letter in upper case, for a subject that starts a sentence. */
const cap = (s: string) => (s === '' ? s : s.charAt(0).toUpperCase() + s.slice(1));
/** The first letter in lower case, for a name used in the middle of a sentence. */
const lower = (s: string) => (s === '' ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** ① / ① and ② / ①, ② and ③ */
function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** ①…⑳, ㉑…㉟, ㊱…㊿, then (51), (52) …: the KPIs keep the numbers the project card shows. */
function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCharCode(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCharCode(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCharCode(0x32b1 + n - 36);
  return `(${n})`;
}

/** An amount as English writes it: 1,234.5 / −65. */
const amount = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 10 }).replace(/^-/, '−');

/** "the KPI that could be evaluated" / "all 3 KPIs that could be evaluated" */
const evaluatedKpis = (n: number) => (n === 1 ? 'the KPI that could be evaluated' : `all ${n} KPIs that could be evaluated`);

export const VERIFICATION_EN: VerificationCatalog = {
  kpi: {
    mark: (index: number) => circled(index + 1),
    subject: (marks: readonly string[], only: boolean): string =>
      only || marks.length === 0 ? 'the KPI' : `${marks.length === 1 ? 'KPI' : 'KPIs'} ${joinAnd(marks)}`,
  },

  draft: {
    join: ' ',
    achieved: (s: string, year: number, all: boolean) => `${cap(s)} ${all ? 'all met' : 'met'} the ${fy(year)} target.`,
    notAchieved: (s: string, year: number, all: boolean, afterAchieved: boolean) =>
      afterAchieved ? `However, ${s} fell short of the target.` : `${cap(s)} ${all ? 'all fell' : 'fell'} short of the ${fy(year)} target.`,
    early: (s: string, targetYear: number) => `${cap(s)} met the ${fy(targetYear)} target ahead of schedule.`,

    pending: {
      noActual: (s: string) => `The evaluation of ${s} is on hold because no actual has been entered.`,
      collecting: (s: string) => `The actual for ${s} is still being compiled, so it will be evaluated next fiscal year.`,
      notConducted: (s: string) => `The evaluation of ${s} is on hold because the survey (questionnaire etc.) has not been conducted.`,
      undetermined: (s: string) => `The evaluation of ${s} is on hold because the actual does not show whether the target was met.`,
    },

    excluded: {
      evaluatedElsewhere: (s: string) => `The evaluation of ${s} is omitted, as it is assessed prefecture-wide.`,
      notApplicable: (s: string) => `No evaluation was made for ${s}, as it is not applicable.`,
      noTarget: (s: string) => `No evaluation was made for ${s}, as no target has been set.`,
      notDue: (s: string, targetYear: number | null) =>
        targetYear === null
          ? `${cap(s)} will be evaluated in the target year, which has not yet been reached.`
          : `${cap(s)} will be evaluated in ${fy(targetYear)}, the target year, which has not yet been reached.`,
      beforeBaseline: (s: string, baselineYear: number | null) =>
        baselineYear === null
          ? `No evaluation was made for ${s}, as the year is on or before the baseline year.`
          : `No evaluation was made for ${s}, as the year is on or before the baseline year (${fy(baselineYear)}).`,
      noAdoptedTarget: (s: string, targetYear: number | null) =>
        targetYear === null
          ? `No verdict is stated for ${s}, as no target was adopted for the year.`
          : `No verdict is stated for ${s} before ${fy(targetYear)}, as no target was adopted for the year.`,
      beforeFinalYear: (s: string, targetYear: number | null) =>
        targetYear === null
          ? `${cap(s)} is judged in the final target year only.`
          : `${cap(s)} is judged in ${fy(targetYear)}, the final target year, only.`,
    },

    kpiNote: (note: string) => `As for the KPIs: ${note.replace(/[。．.]+$/, '')}.`,

    noteLead: { first: 'Note: ', next: 'Also: ' },
    provisional: (s: string) => `The actual for ${s} is a provisional figure.`,
    interpolated: (s: string, year: number) => `The ${fy(year)} target for ${s} is interpolated by year.`,
    finalTarget: (s: string, targetYear: number) => `Having no yearly target, ${s} was compared with the final target for ${fy(targetYear)}.`,
    worseThanBaseline: (s: string) => `${cap(s)} got worse than its baseline.`,

    effectiveness: {
      effective: "The project was effective in achieving the strategy's KPIs.",
      notEffective: "The project cannot be said to have been effective in achieving the strategy's KPIs.",
    },
    impact: {
      very: 'It was highly effective for regional revitalization.',
      considerable: 'It was considerably effective for regional revitalization.',
      some: 'It was effective for regional revitalization.',
      none: 'It had no effect on regional revitalization.',
    },
    policy: {
      expand: 'As the project is effective, it will be developed further.',
      improve: 'The content of the project will be reviewed (improved).',
      continue: 'The project will continue without particular changes.',
      discontinue: 'The project was planned to continue, but will be discontinued.',
      complete: 'The project will end as originally planned.',
    },
    revision: {
      needed: 'The regional strategy needs to be revised.',
      notNeeded: '',
    },
  },

  compose: {
    join: ' ',
    didThisYear: (year: number, text: string) => `In ${fy(year)}: ${text}`,
    didProject: (text: string) => `The project: ${text}`,
    stop: '.',
    stops: '。．.！？!?',
    kpi: (mark: string, name: string, only: boolean) => `${only ? 'the KPI' : `KPI ${mark}`}${name === '' ? '' : ` "${name}"`}`,
    target: {
      yearly: (year: number) => `${fy(year)} target`,
      threshold: (year: number) => `${fy(year)} target`,
      interpolated: (year: number) => `interpolated ${fy(year)} target`,
      final: (year: number) => `final target for ${fy(year)}`,
    },
    figures: (p: { actual: string; targetLabel: string; target: string; rate: string }) =>
      `an actual of ${p.actual} (${p.targetLabel} ${p.target}${p.rate === '' ? '' : `, ${p.rate} attained`})`,
    achieved: (kpi: string, figures: string) => `${cap(kpi)} met its target with ${figures}.`,
    notAchieved: (kpi: string, figures: string) => `${cap(kpi)} fell short of its target with ${figures}.`,
    early: (kpi: string, figures: string, targetYear: number) => `${cap(kpi)} met the ${fy(targetYear)} target ahead of schedule with ${figures}.`,
    actualOnly: (kpi: string, year: number, actual: string, final: string, finalYear: number | null) =>
      `The ${fy(year)} actual of ${kpi} is ${actual}${final === '' ? '' : ` (final target ${final}${finalYear === null ? '' : ` for ${fy(finalYear)}`})`}.`,
    worseThanBaseline: (baseline: string) => `It is worse than the baseline (${baseline}).`,
    shortfall: (reason: string) => reason,
    policyReason: (reason: string) => reason,
  },

  choices: {
    effectiveness: {
      effective: "Effective in achieving the strategy's KPIs",
      notEffective: "Not clearly effective in achieving the strategy's KPIs",
    },
    policy: {
      expand: 'Develop further, as the project is effective',
      improve: 'Review (improve) the project',
      continue: 'Continue without particular changes',
      discontinue: 'Discontinue, although it was planned to continue',
      complete: 'End as originally planned',
    },
    revision: {
      needed: 'Revision needed',
      notNeeded: 'No revision needed',
    },
  },

  fields: {
    effectiveness: 'Project evaluation',
    policy: 'Future policy',
    revision: 'Need to revise the strategy',
  },
  reasons: {
    effectiveness: 'Opinion / reason for the project evaluation',
    policy: 'Reason for the future policy',
    revision: 'Reason for the need to revise the strategy',
  },

  subjects: {
    funds: 'Funding breakdown and settlement',
    worseThanBaseline: (kpiSubject: string, name: string) => (name === '' ? `actual of ${kpiSubject}` : `actual of ${kpiSubject} (${name})`),
    shortfallReason: (kpiSubject: string, name: string) =>
      name === '' ? `Reason for shortfall of ${kpiSubject}` : `Reason for shortfall of ${kpiSubject} (${name})`,
    effectiveness: 'Project evaluation',
    policy: 'Future policy',
    period: 'Future policy and project period',
    revision: 'Need to revise the strategy',
  },

  hints: {
    fundsMismatch: (p: { sum: number; settlement: number; unit: string }) =>
      `The funding breakdown adds up to ${amount(p.sum)}${p.unit}, which does not match the settlement (${amount(p.settlement)}${p.unit}).`,
    shortfallReasonMissing: (p: { kpiSubject: string; name: string; fiscalYear: number }) =>
      `${cap(p.kpiSubject)}${p.name === '' ? '' : ` (${p.name})`} fell short of the ${fy(p.fiscalYear)} target, but no reason for the shortfall has been entered.`,
    effectiveButAllMissed: (p: { choice: string; evaluated: number; fiscalYear: number }) =>
      `The project evaluation is "${p.choice}", but ${evaluatedKpis(p.evaluated)} fell short of the ${fy(p.fiscalYear)} target.`,
    notEffectiveButAllAchieved: (p: { choice: string; evaluated: number; fiscalYear: number }) =>
      `The project evaluation is "${p.choice}", but ${evaluatedKpis(p.evaluated)} met the ${fy(p.fiscalYear)} target.`,
    expandButAllMissed: (p: { choice: string; evaluated: number; fiscalYear: number }) =>
      `The future policy is "${p.choice}", but ${evaluatedKpis(p.evaluated)} fell short of the ${fy(p.fiscalYear)} target.`,
    completedWhilePeriodContinues: (p: { choice: string; periodEnd: number; fiscalYear: number }) =>
      `The future policy is "${p.choice}", but the project period runs until ${fy(p.periodEnd)}. Check the future policy or the project period.`,
    discontinuedWhilePeriodContinues: (p: { choice: string; periodEnd: number; fiscalYear: number }) =>
      `The future policy is "${p.choice}", but the project period still runs until ${fy(p.periodEnd)}. If the project is discontinued, revise the project period as well.`,
    revisionNeededWithoutReason: (p: { choice: string }) =>
      `The need to revise the strategy is "${p.choice}", but no reason for the revision has been entered.`,
    reasonMissing: (p: { field: string; choice: string; reason: string }) =>
      `"${p.choice}" is selected for ${lower(p.field)}, but the ${lower(p.reason)} has not been entered.`,
    worseThanBaseline: (p: { kpiSubject: string; name: string; rank: string }) =>
      `${cap(p.kpiSubject)}${p.name === '' ? '' : ` (${p.name})`} got worse than its baseline (rank ${p.rank} comes from the attainment ratio; the actual moved away from the target).`,
  },
};
