/**
 * The 検証結果まとめ of one project for one fiscal year, drafted as the published ones are written
 * (seed 001's 達成状況 and 未達理由 under each KPI, seed 003's 実施内容, 事業の評価 and 今後の方針):
 *
 * 1. what the project did: the year's 実施内容 (`progress`), else the project's 事業概要 (`summary`);
 * 2. each KPI in its order, by number and name, with its figures against its target:
 *    「成果目標①「観光客数」は、実績8,016人（令和2年度目標12,672人、達成率63.2%）で、目標に届かなかった。」
 *    followed by its 未達理由 where one was entered for a missed KPI;
 * 3. 事業の評価 and 事業効果, when chosen;
 * 4. the next step: the chosen 今後の方針 and its reason; 総合戦略の見直しが必要 when chosen.
 *
 * Verdicts are the achievement engine's (numberKpis → evaluateIndexed): 達成 and 未達成 are stated
 * only for a KPI the engine judged; a year without an adopted target states the actual and the final
 * target for reference, and the engine's reason for not judging (never 「届かなかった」). The 達成率
 * is the engine's, truncated (formatPercent), so a shown rate never contradicts the verdict.
 *
 * Pure and deterministic: no clock, no storage, no DOM. Words come from the catalog.
 */
import { formatPercent } from '../achievement/explain';
import type { KpiEvaluation, PendingReason } from '../achievement/evaluate';
import type { RankScheme } from '../achievement/rank-schemes';
import { formatMeasurement } from '../numbers';
import type { WorkbookView } from '../workbook';
import { VERIFICATION_JA, type VerificationCatalog } from './catalog';
import { numberKpis, type NumberedKpi } from './draft';

/** What a sentence of the composed draft says. */
export type ComposedKind = 'did' | 'achieved' | 'early' | 'notAchieved' | 'shortfall' | 'worse' | 'pending' | 'unjudged' | 'kpiNote' | 'evaluation' | 'policy' | 'revision';

export interface ComposedSentence {
  kind: ComposedKind;
  text: string;
  /** The KPI the sentence is about, or null. */
  kpiId: string | null;
}

export interface ComposedSummary {
  projectId: string;
  fiscalYear: number;
  text: string;
  sentences: ComposedSentence[];
  kpis: NumberedKpi[];
}

/**
 * Drafts the 検証結果まとめ of a project for a fiscal year in the published style. An unknown
 * project gives an empty draft. `scheme` only changes ranks, never verdicts.
 */
export function composeSummary(
  view: WorkbookView,
  projectId: string,
  fiscalYear: number,
  scheme?: RankScheme | null,
  c: VerificationCatalog = VERIFICATION_JA,
): ComposedSummary {
  const project = view.project(projectId);
  if (!project) return { projectId, fiscalYear, text: '', sentences: [], kpis: [] };
  const w = c.compose;
  const sentences: ComposedSentence[] = [];
  const say = (kind: ComposedKind, text: string, kpiId: string | null = null) => {
    if (text.trim() !== '') sentences.push({ kind, text, kpiId });
  };

  // 1. What was done.
  const py = view.projectYear(projectId, fiscalYear);
  const progress = asSentences(py?.progress ?? '', c);
  if (progress !== '') say('did', w.didThisYear(fiscalYear, progress));
  else {
    const summary = asSentences(project.summary, c);
    if (summary !== '') say('did', w.didProject(summary));
  }

  // 2. Each KPI with its figures.
  const kpis = numberKpis(view, projectId, fiscalYear, scheme, c);
  const only = kpis.length === 1;
  for (const k of kpis) {
    const e = k.evaluation;
    const unit = k.kpi.unit;
    const name = w.kpi(k.mark, k.kpi.name.trim(), only);
    const short = c.kpi.subject([k.mark], only);
    const actual = formatMeasurement(e.actualMeasurement, unit);
    if (e.verdict === 'achieved' || e.verdict === 'notAchieved') {
      const figures = w.figures({ actual, targetLabel: targetLabel(e, fiscalYear, c), target: targetText(e, unit), rate: rateText(e) });
      if (e.verdict === 'achieved') {
        const early = e.early || (e.target?.source === 'final' && e.finalTarget?.year != null && fiscalYear < e.finalTarget.year && e.kind === 'milestone');
        if (early && e.finalTarget?.year != null) say('early', w.early(name, figures, e.finalTarget.year), k.kpi.id);
        else say('achieved', w.achieved(name, figures), k.kpi.id);
      } else {
        say('notAchieved', w.notAchieved(name, figures), k.kpi.id);
        const reason = asSentences(view.kpiYear(k.kpi.id, fiscalYear)?.shortfallReason ?? '', c);
        if (reason !== '') say('shortfall', w.shortfall(reason), k.kpi.id);
      }
      if (e.worseThanBaseline && e.baseline) say('worse', w.worseThanBaseline(formatMeasurement(e.baseline.measurement ?? { value: e.baseline.value }, unit)), k.kpi.id);
    } else if (e.verdict === 'pending') {
      say('pending', c.draft.pending[(e.reason ?? 'noActual') as PendingReason](name), k.kpi.id);
    } else {
      // Excluded: no verdict. The actual, when there is one, and the final target for reference.
      if (actual !== '' && e.reason !== 'evaluatedElsewhere' && e.reason !== 'notApplicable') {
        const final = e.finalTarget ? formatMeasurement(e.finalTarget.measurement, unit) : '';
        say('unjudged', w.actualOnly(name, fiscalYear, actual, final, e.finalTarget?.year ?? null), k.kpi.id);
        say('unjudged', excludedSentence(e, short, c), k.kpi.id);
      } else say('unjudged', excludedSentence(e, name, c), k.kpi.id);
    }
  }
  if (kpis.length === 0 && project.kpiNote.trim() !== '') say('kpiNote', c.draft.kpiNote(project.kpiNote.trim()));

  // 3–4. The evaluation and the next step.
  if (py) {
    if (py.effectiveness) say('evaluation', c.draft.effectiveness[py.effectiveness]);
    if (py.impact) say('evaluation', c.draft.impact[py.impact]);
    if (py.policy) say('policy', c.draft.policy[py.policy]);
    const policyReason = asSentences(py.policyReason, c);
    if (policyReason !== '') say('policy', w.policyReason(policyReason));
    if (py.revision) say('revision', c.draft.revision[py.revision]);
  }

  return { projectId, fiscalYear, text: sentences.map((s) => s.text).join(w.join), sentences, kpis };
}

/** The engine's sentence for a KPI it did not judge, with the given subject. */
function excludedSentence(e: KpiEvaluation, subject: string, c: VerificationCatalog): string {
  const x = c.draft.excluded;
  switch (e.reason) {
    case 'notDue':
    case 'noAdoptedTarget':
    case 'beforeFinalYear':
      return x[e.reason](subject, e.finalTarget?.year ?? null);
    case 'beforeBaseline':
      return x.beforeBaseline(subject, e.baseline?.year ?? null);
    case 'evaluatedElsewhere':
    case 'notApplicable':
      return x[e.reason](subject);
    default:
      return x.noTarget(subject);
  }
}

/** What the compared target is called: the year's, an interpolated one, or a later final one. */
function targetLabel(e: KpiEvaluation, fiscalYear: number, c: VerificationCatalog): string {
  const t = c.compose.target;
  const source = e.target?.source ?? 'yearly';
  if (source === 'final') return t.final(e.finalTarget?.year ?? fiscalYear);
  return t[source](fiscalYear);
}

/** The compared target as printed, in the KPI's unit. */
function targetText(e: KpiEvaluation, unit: string): string {
  const m = e.target?.measurement;
  if (m) return formatMeasurement(m, unit);
  if (e.target?.value != null) return formatMeasurement({ value: e.target.value }, unit);
  if (e.finalTarget) return formatMeasurement(e.finalTarget.measurement, unit);
  return '';
}

/** 達成率 as the engine computed it, truncated; '' for milestones and where there is none. */
function rateText(e: KpiEvaluation): string {
  if (e.kind !== 'numeric' || e.attainment === null || !Number.isFinite(e.attainment)) return '';
  return formatPercent(e.attainment);
}

/**
 * A person's text as sentences of the draft: each line trimmed, list marks (・, -, •, ○, ◆, ■)
 * removed, each line ending in 。 (or the catalog's stop); blank lines dropped.
 */
export function asSentences(text: string, c: VerificationCatalog = VERIFICATION_JA): string {
  const stops = c.compose.stops;
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim().replace(/^[・\-•○◆■●]+\s*/, '').trim())
    .filter((line) => line !== '')
    .map((line) => (stops.includes(line.at(-1) ?? '') ? line : line + c.compose.stop))
    .join(c.compose.join);
}
