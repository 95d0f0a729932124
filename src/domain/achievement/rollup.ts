/**
 * Roll-ups: counts per rank and verdict, and the share achieved, per project, 施策 (measure),
 * 基本目標 (goal) and the whole strategy, for one fiscal year.
 *
 * The share achieved = achieved ÷ (achieved + not achieved). Pending and excluded KPIs are left out
 * of the denominator and reported beside it. Goal-level 数値目標 (KPIs with no project) count for
 * their goal and the strategy, not for any measure or project. A 施策's own KPIs count for the
 * measure, the measures above it, its goal and the strategy.
 *
 * A project listed under further goals (Project.alsoUnder) counts in each of those goals once, and
 * in the strategy once: the goals' totals then add up to more than the strategy's, and each goal
 * says how many of its KPIs also count elsewhere (`shared`). A project directly under the strategy
 * counts for the strategy (and for goals it is linked to) only. docs/achievement.md has the rules.
 */
import type { WorkbookView } from '../workbook';
import type { Kpi } from '../entities/kpi';
import { evaluateIndexed, UNJUDGED_REASONS, type KpiEvaluation, type Verdict } from './evaluate';
import { rankLevels, resolveRankScheme, type RankLevel, type RankScheme } from './rank-schemes';
import { interimJudgementOf } from '../entities/strategy';

export interface RankCount {
  key: string;
  label: string;
  symbol: string;
  color: string;
  count: number;
}

export interface Tally {
  /** Every KPI counted, in outline order. */
  kpiIds: string[];
  total: number;
  byVerdict: Record<Verdict, number>;
  /** Count per rank key (the unevaluable level under 'unevaluable'). */
  byRank: Record<string, number>;
  /** The scheme's levels best first, then the unevaluable one, with counts: a rank bar. */
  ranks: RankCount[];
  /** The denominator of the share: achieved + not achieved. */
  evaluated: number;
  /** achieved ÷ evaluated; null when nothing could be evaluated. */
  achievedShare: number | null;
  /** Beside the share: what is left out of its denominator. */
  pending: number;
  excluded: number;
  /**
   * Of the excluded: years judged against no target because none was adopted for them (判定なし under
   * 「年度目標がない年度の判定」), as opposed to KPIs left out of evaluation for another reason.
   */
  unjudged: number;
  /** Evaluated on 速報値. */
  provisional: number;
  /** KPIs not achieved (the "behind" list), pending and excluded ones, in outline order. */
  notAchievedIds: string[];
  pendingIds: string[];
  excludedIds: string[];
}

export interface ProjectRollup {
  projectId: string;
  measureId: string | null;
  tally: Tally;
}

export interface MeasureRollup {
  measureId: string;
  parentId: string | null;
  /** The measure's own KPIs, its projects (linked ones included) and those of the measures nested in it. */
  tally: Tally;
  /** The measure's own KPIs alone. */
  ownKpis: Tally;
}

export interface GoalRollup {
  goalId: string;
  /** 数値目標 and every project KPI of the goal. */
  tally: Tally;
  /** The goal-level 数値目標 alone. */
  goalKpis: Tally;
  /** Every measure of the goal, nested ones included, in outline order. */
  measures: MeasureRollup[];
  /** Projects whose primary place is this goal. */
  projects: ProjectRollup[];
  /** Projects listed here by a link (primary elsewhere), counted in this goal's tally. */
  linkedProjectIds: string[];
  /** KPIs of this goal's tally that also count in another goal (「他の基本目標にも計上」). */
  shared: number;
}

export interface StrategyRollup {
  fiscalYear: number;
  scheme: RankScheme;
  strategy: Tally;
  goals: GoalRollup[];
  /** Projects directly under the strategy (no 基本目標), counted for the strategy. */
  direct: ProjectRollup[];
  /** Every KPI's evaluation, by KPI id, in outline order. */
  evaluations: ReadonlyMap<string, KpiEvaluation>;
  goal(id: string): GoalRollup | undefined;
  measure(id: string): MeasureRollup | undefined;
  project(id: string): ProjectRollup | undefined;
}

/** Counts a list of evaluations (any selection: a department's KPIs, a filter result …). */
export function tally(evaluations: Iterable<KpiEvaluation>, scheme: RankScheme): Tally {
  const levels = rankLevels(scheme);
  const t = emptyTally(levels);
  for (const e of evaluations) add(t, e);
  return finishTally(t, levels);
}

/** `levels`: rankLevels(scheme), taken once by a caller that makes many tallies. */
function emptyTally(levels: readonly RankLevel[]): Tally {
  const byRank: Record<string, number> = {};
  for (const l of levels) byRank[l.key] = 0;
  return {
    kpiIds: [],
    total: 0,
    byVerdict: { achieved: 0, notAchieved: 0, pending: 0, excluded: 0 },
    byRank,
    ranks: [],
    evaluated: 0,
    achievedShare: null,
    pending: 0,
    excluded: 0,
    unjudged: 0,
    provisional: 0,
    notAchievedIds: [],
    pendingIds: [],
    excludedIds: [],
  };
}

function add(t: Tally, e: KpiEvaluation): void {
  t.kpiIds.push(e.kpiId);
  t.total++;
  t.byVerdict[e.verdict]++;
  t.byRank[e.rank.key] = (t.byRank[e.rank.key] ?? 0) + 1;
  if (e.verdict === 'notAchieved') t.notAchievedIds.push(e.kpiId);
  else if (e.verdict === 'pending') t.pendingIds.push(e.kpiId);
  else if (e.verdict === 'excluded') {
    t.excludedIds.push(e.kpiId);
    if (e.reason && (UNJUDGED_REASONS as readonly string[]).includes(e.reason)) t.unjudged++;
  }
  if (e.provisional && (e.verdict === 'achieved' || e.verdict === 'notAchieved')) t.provisional++;
}

/**
 * Replaces one KPI's evaluation in a finished tally it is counted in (`before` → `after`), as if
 * the tally had been counted again: the incremental view (./evaluated-view.ts) adjusts the tallies
 * above an edited KPI with it, on copies of them ({@link copyTally}): it changes `t` in place.
 * `position` gives a KPI's place in outline order (the lists of not achieved, pending and excluded
 * KPIs stay in that order). Keep it the reverse of `add`.
 */
export function retally(t: Tally, before: KpiEvaluation, after: KpiEvaluation, position: (kpiId: string) => number, scheme: RankScheme): void {
  const id = before.kpiId;
  t.byVerdict[before.verdict]--;
  t.byVerdict[after.verdict]++;
  const left = (t.byRank[before.rank.key] ?? 0) - 1;
  if (left === 0 && !rankLevels(scheme).some((l) => l.key === before.rank.key)) delete t.byRank[before.rank.key];
  else t.byRank[before.rank.key] = left;
  t.byRank[after.rank.key] = (t.byRank[after.rank.key] ?? 0) + 1;
  const listOf = (v: Verdict) => (v === 'notAchieved' ? t.notAchievedIds : v === 'pending' ? t.pendingIds : v === 'excluded' ? t.excludedIds : null);
  const from = listOf(before.verdict);
  const to = listOf(after.verdict);
  if (from !== to) {
    if (from) from.splice(from.indexOf(id), 1);
    if (to) {
      // Binary search for the KPI's place in outline order.
      const p = position(id);
      let lo = 0;
      let hi = to.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (position(to[mid]!) < p) lo = mid + 1;
        else hi = mid;
      }
      to.splice(lo, 0, id);
    }
  }
  t.unjudged += unjudgedCount(after) - unjudgedCount(before);
  t.provisional += provisionalCount(after) - provisionalCount(before);
  finishTally(t, rankLevels(scheme));
}

/** A copy of a tally that can be changed without changing the original (see {@link retally}). */
export function copyTally(t: Tally): Tally {
  return {
    ...t,
    // kpiIds is shared: a change of values does not change which KPIs a tally counts.
    byVerdict: { ...t.byVerdict },
    byRank: { ...t.byRank },
    notAchievedIds: t.notAchievedIds.slice(),
    pendingIds: t.pendingIds.slice(),
    excludedIds: t.excludedIds.slice(),
  };
}

const unjudgedCount = (e: KpiEvaluation) =>
  e.verdict === 'excluded' && e.reason && (UNJUDGED_REASONS as readonly string[]).includes(e.reason) ? 1 : 0;
const provisionalCount = (e: KpiEvaluation) => (e.provisional && (e.verdict === 'achieved' || e.verdict === 'notAchieved') ? 1 : 0);

function finishTally(t: Tally, levels: readonly RankLevel[]): Tally {
  t.evaluated = t.byVerdict.achieved + t.byVerdict.notAchieved;
  t.achievedShare = t.evaluated === 0 ? null : t.byVerdict.achieved / t.evaluated;
  t.pending = t.byVerdict.pending;
  t.excluded = t.byVerdict.excluded;
  t.ranks = levels.map((l) => ({ key: l.key, label: l.label, symbol: l.symbol, color: l.color, count: t.byRank[l.key] ?? 0 }));
  return t;
}

/**
 * Evaluates every KPI of a workbook for a fiscal year and rolls the results up. `scheme` defaults
 * to the strategy's own setting (or the default scheme).
 */
export function rollUp(view: WorkbookView, fiscalYear: number, scheme?: RankScheme | null): StrategyRollup {
  const s = scheme ?? resolveRankScheme(view.strategy.rankScheme);
  const levels = rankLevels(s);
  const judgement = interimJudgementOf(view.strategy);
  const evaluations = new Map<string, KpiEvaluation>();
  // Each KPI has one primary place (a goal's 数値目標, a 施策's own KPIs, a project's KPIs), visited
  // once: there it is evaluated without asking whether it was already, unless its project is
  // listed under further goals too (see evaluateOnce).
  const evaluate = (kpi: Kpi): KpiEvaluation => {
    // kpiYearsOf is an index already (live records of the KPI, one per year, in year order).
    const e = evaluateIndexed(kpi, view.kpiYearsOf(kpi.id), fiscalYear, s, judgement);
    evaluations.set(kpi.id, e);
    return e;
  };
  // A project listed under several goals (alsoUnder) is reached more than once, and in no fixed
  // order (a link may come before the primary place): its KPIs are evaluated at the first visit.
  const evaluateOnce = (kpi: Kpi): KpiEvaluation => evaluations.get(kpi.id) ?? evaluate(kpi);
  const evaluatorOf = (p: { alsoUnder?: readonly unknown[] }) => (p.alsoUnder && p.alsoUnder.length > 0 ? evaluateOnce : evaluate);

  // Every evaluation is added once to each tally it counts for; the tallies are finished at the end.
  const open: Tally[] = [];
  const newTally = () => {
    const t = emptyTally(levels);
    open.push(t);
    return t;
  };
  const strategy = newTally();
  const goals: GoalRollup[] = [];
  const goalById = new Map<string, GoalRollup>();
  const measureById = new Map<string, MeasureRollup>();
  const projectById = new Map<string, ProjectRollup>();
  // How many goals each project counts in (primary and linked, once each).
  const goalCount = (p: { goalId: string | null; alsoUnder?: { goalId: string }[] }) => {
    // Almost every project has no links: its count is its primary goal's, with no set to build.
    if (!p.alsoUnder || p.alsoUnder.length === 0) return p.goalId !== null && view.goal(p.goalId) ? 1 : 0;
    const ids = new Set<string>();
    if (p.goalId !== null && view.goal(p.goalId)) ids.add(p.goalId);
    for (const l of p.alsoUnder) if (view.goal(l.goalId)) ids.add(l.goalId);
    return ids.size;
  };

  for (const goal of view.goals) {
    const goalTally = newTally();
    const goalKpis = newTally();
    for (const k of view.goalKpis(goal.id)) {
      const e = evaluate(k);
      add(goalKpis, e);
      add(goalTally, e);
      add(strategy, e);
    }

    // Measures in outline order (pre-order). A measure counts its own projects and those of every
    // measure nested in it: a project's KPIs are added up its chain of parents.
    const measures: MeasureRollup[] = [];
    const parentOf = new Map<string, string | null>();
    const walk = (parentId: string | null) => {
      for (const m of view.measuresOf(goal.id, parentId)) {
        if (measureById.has(m.id)) continue;
        const mr: MeasureRollup = { measureId: m.id, parentId: m.parentId, tally: newTally(), ownKpis: newTally() };
        measures.push(mr);
        measureById.set(m.id, mr);
        parentOf.set(m.id, m.parentId);
        walk(m.id);
      }
    };
    walk(null);
    // The tallies of a measure and of every measure above it (none for null or a measure not of
    // this goal): looked up once per project or measure, not once per KPI.
    const chainOf = (measureId: string | null): Tally[] => {
      const chain: Tally[] = [];
      for (let m = measureId; m !== null && parentOf.has(m); m = parentOf.get(m) ?? null) {
        const mr = measureById.get(m);
        if (mr) chain.push(mr.tally);
      }
      return chain;
    };
    const addUp = (chain: readonly Tally[], e: KpiEvaluation) => {
      for (const t of chain) add(t, e);
    };

    // A 施策's own KPIs.
    for (const mr of measures) {
      const kpis = view.measureKpis(mr.measureId);
      if (kpis.length === 0) continue;
      const chain = chainOf(mr.measureId);
      for (const k of kpis) {
        const e = evaluate(k);
        add(mr.ownKpis, e);
        add(goalTally, e);
        add(strategy, e);
        addUp(chain, e);
      }
    }

    let shared = 0;
    const projects: ProjectRollup[] = [];
    for (const p of view.projectsOf(goal.id)) {
      const pr: ProjectRollup = { projectId: p.id, measureId: p.measureId, tally: newTally() };
      projects.push(pr);
      projectById.set(p.id, pr);
      const elsewhere = goalCount(p) > 1;
      const evaluateKpi = evaluatorOf(p);
      const chain = chainOf(p.measureId);
      for (const k of view.kpisOf(p.id)) {
        const e = evaluateKpi(k);
        add(pr.tally, e);
        add(goalTally, e);
        add(strategy, e);
        addUp(chain, e);
        if (elsewhere) shared++;
      }
    }
    // Linked projects count in this goal too (once: the view lists a project once per goal), but
    // not again in the strategy.
    const linkedProjectIds: string[] = [];
    for (const l of view.linkedProjectsOf(goal.id)) {
      linkedProjectIds.push(l.project.id);
      const measureId = l.measureId !== null && parentOf.has(l.measureId) ? l.measureId : null;
      // Shared only when it counts in another goal too (not for a project under the strategy listed here alone).
      const elsewhere = goalCount(l.project) > 1;
      const chain = chainOf(measureId);
      for (const k of view.kpisOf(l.project.id)) {
        const e = evaluateOnce(k);
        add(goalTally, e);
        addUp(chain, e);
        if (elsewhere) shared++;
      }
    }

    const gr: GoalRollup = { goalId: goal.id, tally: goalTally, goalKpis, measures, projects, linkedProjectIds, shared };
    goals.push(gr);
    goalById.set(goal.id, gr);
  }
  // Projects directly under the strategy.
  const direct: ProjectRollup[] = [];
  for (const p of view.directProjects) {
    const pr: ProjectRollup = { projectId: p.id, measureId: null, tally: newTally() };
    direct.push(pr);
    projectById.set(p.id, pr);
    const evaluateKpi = evaluatorOf(p);
    for (const k of view.kpisOf(p.id)) {
      const e = evaluateKpi(k);
      add(pr.tally, e);
      add(strategy, e);
    }
  }
  for (const t of open) finishTally(t, levels);

  return {
    fiscalYear,
    scheme: s,
    strategy,
    goals,
    direct,
    evaluations,
    goal: (id) => goalById.get(id),
    measure: (id) => measureById.get(id),
    project: (id) => projectById.get(id),
  };
}
