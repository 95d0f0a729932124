/**
 * Roll-ups: counts per rank and verdict, and the share achieved, per project, 施策 (measure),
 * 基本目標 (goal) and the whole strategy, for one fiscal year.
 *
 * The share achieved = achieved ÷ (achieved + not achieved). Pending and excluded KPIs are left out
 * of the denominator and reported beside it. Goal-level 数値目標 (KPIs with no project) count for
 * their goal and the strategy, not for any measure or project.
 */
import type { WorkbookView } from '../workbook';
import type { Measure } from '../entities/measure';
import type { Kpi } from '../entities/kpi';
import { evaluateKpi, VERDICTS, type KpiEvaluation, type Verdict } from './evaluate';
import { rankLevels, resolveRankScheme, type RankScheme } from './rank-schemes';

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
  /** Projects under this measure and under the measures nested in it. */
  tally: Tally;
}

export interface GoalRollup {
  goalId: string;
  /** 数値目標 and every project KPI of the goal. */
  tally: Tally;
  /** The goal-level 数値目標 alone. */
  goalKpis: Tally;
  /** Every measure of the goal, nested ones included, in outline order. */
  measures: MeasureRollup[];
  projects: ProjectRollup[];
}

export interface StrategyRollup {
  fiscalYear: number;
  scheme: RankScheme;
  strategy: Tally;
  goals: GoalRollup[];
  /** Every KPI's evaluation, by KPI id. */
  evaluations: Map<string, KpiEvaluation>;
  goal(id: string): GoalRollup | undefined;
  measure(id: string): MeasureRollup | undefined;
  project(id: string): ProjectRollup | undefined;
}

/** Counts a list of evaluations (any selection: a department's KPIs, a filter result …). */
export function tally(evaluations: Iterable<KpiEvaluation>, scheme: RankScheme): Tally {
  const t = emptyTally(scheme);
  for (const e of evaluations) add(t, e);
  return finishTally(t, scheme);
}

function emptyTally(scheme: RankScheme): Tally {
  const byRank: Record<string, number> = {};
  for (const l of rankLevels(scheme)) byRank[l.key] = 0;
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
  else if (e.verdict === 'excluded') t.excludedIds.push(e.kpiId);
  if (e.provisional && (e.verdict === 'achieved' || e.verdict === 'notAchieved')) t.provisional++;
}

function finishTally(t: Tally, scheme: RankScheme): Tally {
  t.evaluated = t.byVerdict.achieved + t.byVerdict.notAchieved;
  t.achievedShare = t.evaluated === 0 ? null : t.byVerdict.achieved / t.evaluated;
  t.pending = t.byVerdict.pending;
  t.excluded = t.byVerdict.excluded;
  t.ranks = rankLevels(scheme).map((l) => ({ key: l.key, label: l.label, symbol: l.symbol, color: l.color, count: t.byRank[l.key] ?? 0 }));
  return t;
}

/**
 * Evaluates every KPI of a workbook for a fiscal year and rolls the results up. `scheme` defaults
 * to the strategy's own setting (or the default scheme).
 */
export function rollUp(view: WorkbookView, fiscalYear: number, scheme?: RankScheme | null): StrategyRollup {
  const s = scheme ?? resolveRankScheme(view.strategy.rankScheme);
  const evaluations = new Map<string, KpiEvaluation>();
  const evaluate = (kpi: Kpi, list: KpiEvaluation[]) => {
    const e = evaluateKpi(kpi, view.kpiYearsOf(kpi.id), fiscalYear, s);
    evaluations.set(kpi.id, e);
    list.push(e);
  };

  const all: KpiEvaluation[] = [];
  const goals: GoalRollup[] = [];
  const goalById = new Map<string, GoalRollup>();
  const measureById = new Map<string, MeasureRollup>();
  const projectById = new Map<string, ProjectRollup>();

  for (const goal of view.goals) {
    const goalList: KpiEvaluation[] = [];
    const goalKpiList: KpiEvaluation[] = [];
    for (const k of view.goalKpis(goal.id)) evaluate(k, goalKpiList);
    goalList.push(...goalKpiList);

    const projects: ProjectRollup[] = [];
    const byMeasure = new Map<string | null, KpiEvaluation[]>();
    for (const p of view.projectsOf(goal.id)) {
      const list: KpiEvaluation[] = [];
      for (const k of view.kpisOf(p.id)) evaluate(k, list);
      const pr: ProjectRollup = { projectId: p.id, measureId: p.measureId, tally: tally(list, s) };
      projects.push(pr);
      projectById.set(p.id, pr);
      goalList.push(...list);
      const bucket = byMeasure.get(p.measureId);
      if (bucket) bucket.push(...list);
      else byMeasure.set(p.measureId, [...list]);
    }

    // Each measure counts its own projects and those of every measure nested in it. Measures are
    // listed in outline order (pre-order); counting runs backwards so that children come first.
    const ordered: Measure[] = [];
    const walk = (parentId: string | null) => {
      for (const m of view.measuresOf(goal.id, parentId)) {
        ordered.push(m);
        walk(m.id);
      }
    };
    walk(null);
    const under = new Map<string, KpiEvaluation[]>();
    for (let i = ordered.length - 1; i >= 0; i--) {
      const m = ordered[i]!;
      const list = [...(byMeasure.get(m.id) ?? [])];
      for (const child of view.measuresOf(goal.id, m.id)) list.push(...(under.get(child.id) ?? []));
      under.set(m.id, list);
    }
    const measures: MeasureRollup[] = ordered.map((m) => {
      const mr: MeasureRollup = { measureId: m.id, parentId: m.parentId, tally: tally(under.get(m.id) ?? [], s) };
      measureById.set(m.id, mr);
      return mr;
    });

    const gr: GoalRollup = { goalId: goal.id, tally: tally(goalList, s), goalKpis: tally(goalKpiList, s), measures, projects };
    goals.push(gr);
    goalById.set(goal.id, gr);
    all.push(...goalList);
  }

  return {
    fiscalYear,
    scheme: s,
    strategy: tally(all, s),
    goals,
    evaluations,
    goal: (id) => goalById.get(id),
    measure: (id) => measureById.get(id),
    project: (id) => projectById.get(id),
  };
}

/** The verdicts in display order, for legends. */
export const VERDICT_ORDER: readonly Verdict[] = VERDICTS;
