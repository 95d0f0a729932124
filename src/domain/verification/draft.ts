/**
 * The drafted 検証結果まとめ of one project for one fiscal year, and how a drafted text meets the
 * text a person wrote.
 *
 * Rule-based and deterministic: the same workbook, project, year and rank scheme always give the
 * same text, word for word. Pure: no clock, no storage, no DOM. The achievement engine decides
 * every verdict (src/domain/achievement); this module only puts the verdicts into sentences, in the
 * style of the published reports (seed 001's 達成状況, seed 003's evaluation sheets):
 * 「成果目標②及び③は令和4年度目標を達成した。一方、成果目標①は目標に届かなかった。」
 *
 * Rules (docs/verification.md has them with examples):
 * - The project's KPIs are numbered ①②③… in their order in the project (WorkbookView.kpisOf:
 *   strategy KPIs and implementation-plan KPIs alike). A project with one KPI says 成果目標 alone.
 * - Achieved KPIs first, then milestones reached before their target year (前倒しで達成), then the
 *   missed ones (「一方、…は目標に届かなかった。」 after an achieved sentence); 「いずれも」 when two
 *   or more KPIs are all in one of the two groups.
 * - Qualifying sentences after them (なお、 / また、): the KPIs judged on 速報値, those judged
 *   against an interpolated yearly target (按分した年度目標), those compared with a later year's
 *   final target for want of a yearly one.
 * - Pending KPIs (集計中, 未実施, no actual), grouped by reason; excluded KPIs (県全体で評価, not
 *   due yet …), grouped by reason and year. Neither is ever called 未達成.
 * - A project without KPIs but with a KPI note (「県及び県内市町全体での評価のため省略」): that note.
 * - Closing sentences from the year's evaluation, when set: 事業の評価, 事業効果, 今後の方針, and
 *   総合戦略の見直しが必要 (不要 is not repeated).
 */
import { evaluateIndexed, type ExcludedReason, type KpiEvaluation, type PendingReason, type Verdict } from '../achievement/evaluate';
import { resolveRankScheme, type RankScheme } from '../achievement/rank-schemes';
import { evaluatedOf } from '../achievement/evaluated-view';
import { interimJudgementOf } from '../entities/strategy';
import type { Kpi } from '../entities/kpi';
import type { WorkbookView } from '../workbook';
import { VERIFICATION_JA, type VerificationCatalog } from './catalog';

/** A KPI of a project with its number (①) and its evaluation for the year. */
export interface NumberedKpi {
  kpi: Kpi;
  /** 0 = first KPI of the project. */
  index: number;
  /** ① ② ③ … as the summary and the project card print it. */
  mark: string;
  evaluation: KpiEvaluation;
}

/** What a sentence of the draft says. */
export type DraftSentenceKind =
  | 'achieved'
  | 'notAchieved'
  | 'provisional'
  | 'interpolated'
  | 'finalTarget'
  | 'worseThanBaseline'
  | 'early'
  | 'pending'
  | 'excluded'
  | 'kpiNote'
  | 'effectiveness'
  | 'impact'
  | 'policy'
  | 'revision';

/** Fields a sentence was written from, besides the KPIs' evaluations. */
export type DraftField = 'kpiNote' | 'effectiveness' | 'impact' | 'policy' | 'revision';

/** One sentence of the draft and where it came from. */
export interface DraftSentence {
  kind: DraftSentenceKind;
  text: string;
  /** The KPIs the sentence is about, in their order. */
  kpiIds: string[];
  /** For pending / excluded sentences: the reason shared by the KPIs. */
  reason: PendingReason | ExcludedReason | null;
  /** Project / project-year fields the sentence was written from. */
  fields: DraftField[];
}

export interface SummaryDraft {
  projectId: string;
  fiscalYear: number;
  /** The drafted 検証結果まとめ: the sentences joined by the catalog's `draft.join` (none in Japanese). */
  text: string;
  /** Each sentence with the KPIs and evaluation fields it came from, in text order. */
  basis: DraftSentence[];
  /** Every KPI of the project with its number and evaluation. */
  kpis: NumberedKpi[];
}

/**
 * The project's KPIs numbered ①②③… in their order, each evaluated for the year. `scheme` only
 * changes ranks, never verdicts; it defaults to the strategy's setting.
 */
export function numberKpis(
  view: WorkbookView,
  projectId: string,
  fiscalYear: number,
  scheme?: RankScheme | null,
  c: VerificationCatalog = VERIFICATION_JA,
): NumberedKpi[] {
  const s = scheme ?? resolveRankScheme(view.strategy.rankScheme);
  // The strategy's evaluated view when judged with its scheme.
  const evaluated = evaluatedOf(view);
  return view.kpisOf(projectId).map((kpi, index) => ({
    kpi,
    index,
    mark: c.kpi.mark(index),
    evaluation: s === evaluated.scheme ? evaluated.evaluation(kpi, fiscalYear) : evaluateIndexed(kpi, view.kpiYearsOf(kpi.id), fiscalYear, s, interimJudgementOf(view.strategy)),
  }));
}

const isEvaluated = (v: Verdict) => v === 'achieved' || v === 'notAchieved';

/**
 * Drafts the 検証結果まとめ of a project for a fiscal year from its KPIs' results and the year's
 * evaluation. An unknown project gives an empty draft. The draft is a proposal: see
 * {@link summaryStatus} for when the UI may put it into the field.
 */
export function draftSummary(
  view: WorkbookView,
  projectId: string,
  fiscalYear: number,
  scheme?: RankScheme | null,
  c: VerificationCatalog = VERIFICATION_JA,
): SummaryDraft {
  const project = view.project(projectId);
  if (!project) return { projectId, fiscalYear, text: '', basis: [], kpis: [] };

  const kpis = numberKpis(view, projectId, fiscalYear, scheme, c);
  const only = kpis.length === 1;
  const subjectOf = (list: readonly NumberedKpi[]) => c.kpi.subject(list.map((k) => k.mark), only);
  const idsOf = (list: readonly NumberedKpi[]) => list.map((k) => k.kpi.id);
  const basis: DraftSentence[] = [];
  const say = (kind: DraftSentenceKind, text: string, about: readonly NumberedKpi[] = [], reason: DraftSentence['reason'] = null, fields: DraftField[] = []) => {
    if (text !== '') basis.push({ kind, text, kpiIds: idsOf(about), reason, fields });
  };

  // Achieved (on time, then early), then missed.
  const early = kpis.filter((k) => k.evaluation.kind === 'milestone' && k.evaluation.verdict === 'achieved' && comparedWithLaterFinal(k.evaluation));
  const achieved = kpis.filter((k) => k.evaluation.verdict === 'achieved' && !early.includes(k));
  const missed = kpis.filter((k) => k.evaluation.verdict === 'notAchieved');
  if (achieved.length > 0) {
    say('achieved', c.draft.achieved(subjectOf(achieved), fiscalYear, achieved.length > 1 && missed.length === 0), achieved);
  }
  for (const [year, about] of groupBy(early, (k) => k.evaluation.finalTarget?.year ?? 0)) {
    say('early', c.draft.early(subjectOf(about), year), about);
  }
  if (missed.length > 0) {
    const afterAchieved = achieved.length + early.length > 0;
    say('notAchieved', c.draft.notAchieved(subjectOf(missed), fiscalYear, missed.length > 1 && !afterAchieved, afterAchieved), missed);
  }

  // What qualifies those results.
  const evaluated = kpis.filter((k) => isEvaluated(k.evaluation.verdict));
  const notes: { kind: DraftSentenceKind; about: NumberedKpi[]; text: (s: string) => string }[] = [];
  const provisional = evaluated.filter((k) => k.evaluation.provisional);
  if (provisional.length > 0) notes.push({ kind: 'provisional', about: provisional, text: (s) => c.draft.provisional(s) });
  const interpolated = evaluated.filter((k) => k.evaluation.kind === 'numeric' && k.evaluation.target?.interpolated === true);
  if (interpolated.length > 0) notes.push({ kind: 'interpolated', about: interpolated, text: (s) => c.draft.interpolated(s, fiscalYear) });
  // Compared with a later year's final target because no yearly target exists: grouped by that year.
  for (const [year, about] of groupBy(
    evaluated.filter((k) => k.evaluation.kind === 'numeric' && comparedWithLaterFinal(k.evaluation)),
    (k) => k.evaluation.finalTarget?.year ?? 0,
  )) {
    notes.push({ kind: 'finalTarget', about, text: (s) => c.draft.finalTarget(s, year) });
  }
  // Decrease-type KPIs that moved away from their target since the baseline (基準値より悪化).
  const worse = evaluated.filter((k) => k.evaluation.worseThanBaseline);
  if (worse.length > 0) notes.push({ kind: 'worseThanBaseline', about: worse, text: (s) => c.draft.worseThanBaseline(s) });
  notes.forEach((n, i) => {
    const lead = i === 0 ? c.draft.noteLead.first : c.draft.noteLead.next;
    say(n.kind, lead + n.text(subjectOf(n.about)), n.about);
  });

  // Pending, by reason; excluded, by reason and year; in the order of their first KPI.
  const pending = kpis.filter((k) => k.evaluation.verdict === 'pending');
  for (const [reason, about] of groupBy(pending, (k) => (k.evaluation.reason ?? 'noActual') as PendingReason)) {
    say('pending', c.draft.pending[reason](subjectOf(about)), about, reason);
  }
  const excluded = kpis.filter((k) => k.evaluation.verdict === 'excluded');
  for (const [key, about] of groupBy(excluded, (k) => excludedKey(k.evaluation))) {
    const reason = key.reason;
    const s = subjectOf(about);
    const text =
      reason === 'notDue' || reason === 'beforeBaseline' || reason === 'noAdoptedTarget' || reason === 'beforeFinalYear'
        ? c.draft.excluded[reason](s, key.year)
        : c.draft.excluded[reason](s);
    say('excluded', text, about, reason);
  }

  if (kpis.length === 0 && project.kpiNote.trim() !== '') say('kpiNote', c.draft.kpiNote(project.kpiNote.trim()), [], null, ['kpiNote']);

  // The year's evaluation.
  const py = view.projectYear(projectId, fiscalYear);
  if (py) {
    if (py.effectiveness) say('effectiveness', c.draft.effectiveness[py.effectiveness], [], null, ['effectiveness']);
    if (py.impact) say('impact', c.draft.impact[py.impact], [], null, ['impact']);
    if (py.policy) say('policy', c.draft.policy[py.policy], [], null, ['policy']);
    if (py.revision) say('revision', c.draft.revision[py.revision], [], null, ['revision']);
  }

  return { projectId, fiscalYear, text: basis.map((b) => b.text).join(c.draft.join), basis, kpis };
}

/** Judged against the final target of a later year because the year has no target of its own. */
function comparedWithLaterFinal(e: KpiEvaluation): boolean {
  const finalYear = e.finalTarget?.year;
  return e.target?.source === 'final' && finalYear !== null && finalYear !== undefined && e.fiscalYear < finalYear;
}

interface ExcludedKey {
  reason: ExcludedReason;
  year: number | null;
}

function excludedKey(e: KpiEvaluation): ExcludedKey {
  const reason = (e.reason ?? 'noTarget') as ExcludedReason;
  if (reason === 'notDue' || reason === 'noAdoptedTarget' || reason === 'beforeFinalYear') return { reason, year: e.finalTarget?.year ?? null };
  if (reason === 'beforeBaseline') return { reason, year: e.baseline?.year ?? null };
  return { reason, year: null };
}

/**
 * Groups items by a key, groups in the order of their first item, items in their order. Keys are
 * compared by value (objects by their JSON form), so the result never depends on identity.
 */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): [K, T[]][] {
  const groups = new Map<string, [K, T[]]>();
  for (const item of items) {
    const key = keyOf(item);
    const id = JSON.stringify(key);
    const g = groups.get(id);
    if (g) g[1].push(item);
    else groups.set(id, [key, [item]]);
  }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------------
// The draft and the person's text

/**
 * How the 検証結果まとめ field stands against the draft:
 *
 * - `noDraft`: there is nothing to propose (no KPI, no KPI note, no evaluation); whatever the
 *   field holds stays, and nothing is shown beside it.
 * - `propose`: the field is empty (or blank): offer the draft as an editable proposal; it goes
 *   into the field only when the person accepts it (and the UI then remembers it as the last
 *   accepted draft).
 * - `upToDate`: the field already says what the draft says.
 * - `offerUpdate`: the field still holds, untouched, the draft the person accepted last time, and
 *   the numbers or the evaluation have changed since, so the draft reads differently now: offer
 *   the new draft as an update (shown beside, replacing the text only when the person confirms).
 * - `personal`: a person wrote or edited the text. It stays as it is; the draft may only be shown
 *   beside it for reference, never put into the field.
 */
export type SummaryStatus = 'noDraft' | 'propose' | 'upToDate' | 'offerUpdate' | 'personal';

/** Line breaks as a textarea gives them (CRLF, CR) and the blanks around the text do not count. */
function normalizeText(s: string): string {
  return s.replace(/\r\n?/g, '\n').trim();
}

/**
 * Tells the UI what to do with a draft for a 検証結果まとめ field, so that text a person wrote is
 * never overwritten:
 *
 * 0. the draft is empty → `noDraft`: nothing to offer, the field is left alone;
 * 1. the field is empty → `propose` the draft;
 * 2. the field equals the draft → `upToDate`;
 * 3. the field equals `lastAcceptedDraft` — the draft text as it was when the person last accepted
 *    a draft into this field — and the draft has changed since → `offerUpdate`: the text is still
 *    the machine's words, so an update can be offered (and applied on confirmation);
 * 4. anything else → `personal`: the person's text stays; the draft is only shown beside it.
 *
 * Texts are compared after unifying line breaks and trimming the ends; nothing else is
 * normalised, so any edit of a word makes the text the person's. `lastAcceptedDraft` is null when
 * no draft was ever accepted into the field.
 */
export function summaryStatus(current: string, draft: string, lastAcceptedDraft: string | null): SummaryStatus {
  const text = normalizeText(current);
  const proposal = normalizeText(draft);
  if (proposal === '') return 'noDraft';
  if (text === '') return 'propose';
  if (text === proposal) return 'upToDate';
  if (lastAcceptedDraft !== null && text === normalizeText(lastAcceptedDraft)) return 'offerUpdate';
  return 'personal';
}

/**
 * The text the field may be given when the person accepts the draft, or null when it must not be
 * changed: only `propose` and `offerUpdate` allow a replacement, and only on the person's action.
 */
export function acceptedText(status: SummaryStatus, draft: string): string | null {
  return status === 'propose' || status === 'offerUpdate' ? draft : null;
}
