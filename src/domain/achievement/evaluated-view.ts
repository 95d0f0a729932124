/**
 * One evaluated view of the open strategy: every KPI's evaluation and the roll-ups, derived once per
 * change of the records and read by every screen, report and export (dashboard, KPI grid and
 * detail, meeting mode, department to-do, report model, spreadsheet export), instead of each
 * evaluating again.
 *
 *   const ev = evaluatedOf(view);
 *   ev.rollup(fiscalYear)      // = rollUp(view, fiscalYear), computed once per view and year
 *   ev.evaluation(kpi, fy)     // one KPI (record or id) in one year
 *   ev.history(kpi)            // one KPI in every year of the period (or the years given)
 *
 * After an edit, {@link advanceView} builds the next WorkbookView from the previous one and, when
 * only some KPIs' values changed (their records or yearly records, not their place in the outline),
 * re-evaluates those KPIs alone and copies the tallies above them (project, 施策, 基本目標, strategy)
 * with the change, instead of evaluating the strategy again; a roll-up handed out never changes. Anything else (a KPI added, moved or deleted, a goal,
 * measure or project changed, the rank scheme or the period changed) evaluates afresh. The result is
 * the same as a fresh evaluation (test/domain/achievement/evaluated-view.test.ts proves it over
 * random edits).
 *
 * Pure: no clock, storage or DOM. The caches are filled on first use.
 */
import { WorkbookView, type ViewPatch, type WorkbookRecords } from '../workbook';
import type { Kpi } from '../entities/kpi';
import type { KpiYear } from '../entities/kpi-year';
import { interimJudgementOf, type InterimJudgement } from '../entities/strategy';
import { evaluateIndexed, evaluateKpiYears, type KpiEvaluation } from './evaluate';
import { resolveRankScheme, type RankScheme } from './rank-schemes';
import { copyTally, retally, rollUp, type StrategyRollup, type Tally } from './rollup';

export class EvaluatedView {
  readonly view: WorkbookView;
  readonly scheme: RankScheme;
  readonly judgement: InterimJudgement;
  readonly #rollups = new Map<number, RolledUp>();
  readonly #histories = new Map<string, { years: readonly number[]; evaluations: KpiEvaluation[] }>();

  /** `scheme`: the strategy's scheme resolved already (an advanced view keeps its predecessor's). */
  constructor(view: WorkbookView, scheme?: RankScheme) {
    this.view = view;
    this.scheme = scheme ?? resolveRankScheme(view.strategy.rankScheme);
    this.judgement = interimJudgementOf(view.strategy);
  }

  /** Every KPI evaluated for a fiscal year and rolled up (see rollUp). */
  rollup(fiscalYear: number): StrategyRollup {
    let r = this.#rollups.get(fiscalYear);
    if (!r) this.#rollups.set(fiscalYear, (r = { rollup: rollUp(this.view, fiscalYear, this.scheme), placement: null }));
    return r.rollup;
  }

  /**
   * One KPI in one fiscal year (from the year's roll-up or the KPI's history when computed already).
   * Given the KPI record itself, a record that is not this view's (a stale or preview copy) is
   * evaluated as given, against this view's yearly records.
   */
  evaluation(kpi: Kpi, fiscalYear: number): KpiEvaluation;
  evaluation(kpiId: string, fiscalYear: number): KpiEvaluation | undefined;
  evaluation(which: Kpi | string, fiscalYear: number): KpiEvaluation | undefined {
    const kpi = this.#own(which);
    if (!kpi) return typeof which === 'string' ? undefined : evaluateIndexed(which, this.view.kpiYearsOf(which.id), fiscalYear, this.scheme, this.judgement);
    const known = this.#rollups.get(fiscalYear)?.rollup.evaluations.get(kpi.id) ?? this.#histories.get(kpi.id)?.evaluations.find((e) => e.fiscalYear === fiscalYear);
    if (known) return known;
    return evaluateIndexed(kpi, this.view.kpiYearsOf(kpi.id), fiscalYear, this.scheme, this.judgement);
  }

  /**
   * One KPI in each of `years` (default: every year of the period), in that order; none for a KPI
   * id this view does not have. A KPI record that is not this view's is evaluated as given.
   */
  history(which: Kpi | string, years: readonly number[] = this.view.years): KpiEvaluation[] {
    const kpi = this.#own(which);
    if (!kpi) return typeof which === 'string' ? [] : evaluateKpiYears(which, this.view.kpiYearsOf(which.id), years, this.scheme, this.judgement);
    const known = this.#histories.get(kpi.id);
    if (known && sameYears(known.years, years)) return known.evaluations;
    const evaluations = evaluateKpiYears(kpi, this.view.kpiYearsOf(kpi.id), years, this.scheme, this.judgement);
    this.#histories.set(kpi.id, { years: [...years], evaluations });
    return evaluations;
  }

  /** This view's record of the KPI, if `which` names it (or is it). */
  #own(which: Kpi | string): Kpi | undefined {
    const kpi = this.view.kpi(typeof which === 'string' ? which : which.id);
    return typeof which === 'string' || kpi === which ? kpi : undefined;
  }

  /**
   * The evaluated view of `next`, a view whose records differ from this one's only in the values
   * of the KPIs `changed` (see {@link recordsChange}). The roll-ups computed here are carried over
   * with only those KPIs evaluated again; this view and what it handed out stay as they are.
   */
  advance(next: WorkbookView, changed: ReadonlySet<string>): EvaluatedView {
    // Same evaluation settings (else recordsChange says 'all'): the same scheme object, as in the
    // roll-ups carried over.
    const out = new EvaluatedView(next, this.scheme);
    for (const [kpiId, h] of this.#histories) if (!changed.has(kpiId)) out.#histories.set(kpiId, h);
    for (const [fy, r] of this.#rollups) {
      out.#rollups.set(fy, changed.size === 0 ? r : reevaluate(r, next, changed, out.scheme, out.judgement));
    }
    return out;
  }
}

interface RolledUp {
  rollup: StrategyRollup;
  /** Where each KPI is counted in the roll-up, and its place in outline order (built at the first edit). */
  placement: Placement | null;
}

/**
 * A tally's place in a roll-up: the strategy's, one of goal `g`'s (its own, its 数値目標',
 * measure `i`'s, measure `i`'s own KPIs' or project `i`'s), or that of the project `i` directly
 * under the strategy. Places, not objects: an edit copies the tallies it changes.
 */
type Slot =
  | { part: 'strategy' }
  | { part: 'tally' | 'goalKpis'; g: number }
  | { part: 'measure' | 'measureKpis' | 'project'; g: number; i: number }
  | { part: 'direct'; i: number };

interface Placement {
  slots: Map<string, Slot[]>;
  /** Each KPI's place in outline order: the order of the strategy's tally. */
  position: Map<string, number>;
  /**
   * Each KPI's place in one tally's order, by slot (made at the first edit that needs it). A goal
   * counts a project listed there from another goal (再掲) after its own, so its order is not the
   * strategy's.
   */
  orders: Map<string, Map<string, number>>;
  /**
   * Where each goal, measure and project is in the roll-up's lists (the same after every edit of
   * values); g = -1 for a project directly under the strategy.
   */
  where: Map<string, { g: number; i: number }>;
}

const sameYears = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((y, i) => y === b[i]);

function placementOf(r: StrategyRollup): Placement {
  const slots = new Map<string, Slot[]>();
  const put = (t: Tally, slot: Slot) => {
    for (const id of t.kpiIds) {
      const list = slots.get(id);
      if (list) list.push(slot);
      else slots.set(id, [slot]);
    }
  };
  put(r.strategy, { part: 'strategy' });
  r.goals.forEach((goal, g) => {
    put(goal.tally, { part: 'tally', g });
    put(goal.goalKpis, { part: 'goalKpis', g });
    goal.measures.forEach((m, i) => {
      put(m.tally, { part: 'measure', g, i });
      put(m.ownKpis, { part: 'measureKpis', g, i });
    });
    goal.projects.forEach((p, i) => put(p.tally, { part: 'project', g, i }));
  });
  r.direct.forEach((p, i) => put(p.tally, { part: 'direct', i }));
  const position = new Map<string, number>();
  r.strategy.kpiIds.forEach((id, i) => position.set(id, i));
  const where = new Map<string, { g: number; i: number }>();
  r.goals.forEach((goal, g) => {
    where.set(goal.goalId, { g, i: -1 });
    goal.measures.forEach((m, i) => where.set(m.measureId, { g, i }));
    goal.projects.forEach((p, i) => where.set(p.projectId, { g, i }));
  });
  r.direct.forEach((p, i) => where.set(p.projectId, { g: -1, i }));
  return { slots, position, where, orders: new Map() };
}

/**
 * The roll-up with the `changed` KPIs evaluated again from `view`. The roll-up given is left as it
 * is (a screen may hold it): the evaluations map, the tallies that change and the goal, measure and
 * project entries above them are copies; everything else is shared.
 */
function reevaluate(r: RolledUp, view: WorkbookView, changed: ReadonlySet<string>, scheme: RankScheme, judgement: InterimJudgement): RolledUp {
  const old = r.rollup;
  // Many KPIs changed (an import): counting again is as quick and simpler.
  if (changed.size * 8 > old.evaluations.size) return { rollup: rollUp(view, old.fiscalYear, scheme), placement: null };
  const placement = r.placement ?? placementOf(old);
  const position = (id: string) => placement.position.get(id) ?? Infinity;
  // Copying the map of every evaluation would cost the whole strategy: the changed ones go into
  // an overlay over it, folded in once it holds many.
  const { base, over: previous } = layersOf(old.evaluations);
  const over = new Map(previous);
  let strategy = old.strategy;
  const goals = old.goals.slice();
  let direct = old.direct;
  // Copies made in this edit (changed freely); anything else belongs to the old roll-up too.
  const owned = new Set<object>();
  const mine = <T extends object>(x: T, copy: (x: T) => T): T => {
    if (owned.has(x)) return x;
    const c = copy(x);
    owned.add(c);
    return c;
  };
  const shallow = <T extends object>(x: T): T => ({ ...x });
  /** The tally at `slot` in the new roll-up, copied (with the entries above it) at its first change. */
  const tallyAt = (slot: Slot): Tally => {
    if (slot.part === 'strategy') return (strategy = mine(strategy, copyTally));
    if (slot.part === 'direct') {
      const list = (direct = mine(direct, (l) => l.slice()));
      const p = (list[slot.i] = mine(list[slot.i]!, shallow));
      return (p.tally = mine(p.tally, copyTally));
    }
    const g = (goals[slot.g] = mine(goals[slot.g]!, shallow));
    switch (slot.part) {
      case 'tally':
        return (g.tally = mine(g.tally, copyTally));
      case 'goalKpis':
        return (g.goalKpis = mine(g.goalKpis, copyTally));
      case 'measure': {
        const list = (g.measures = mine(g.measures, (l) => l.slice()));
        const m = (list[slot.i] = mine(list[slot.i]!, shallow));
        return (m.tally = mine(m.tally, copyTally));
      }
      case 'measureKpis': {
        const list = (g.measures = mine(g.measures, (l) => l.slice()));
        const m = (list[slot.i] = mine(list[slot.i]!, shallow));
        return (m.ownKpis = mine(m.ownKpis, copyTally));
      }
      case 'project': {
        const list = (g.projects = mine(g.projects, (l) => l.slice()));
        const p = (list[slot.i] = mine(list[slot.i]!, shallow));
        return (p.tally = mine(p.tally, copyTally));
      }
    }
  };
  for (const id of changed) {
    const before = old.evaluations.get(id);
    const kpi = view.kpi(id);
    if (!before || !kpi) continue;
    const after = evaluateIndexed(kpi, view.kpiYearsOf(id), old.fiscalYear, scheme, judgement);
    over.set(id, after);
    for (const slot of placement.slots.get(id) ?? []) {
      const t = tallyAt(slot);
      retally(t, before, after, slot.part === 'strategy' ? position : orderIn(placement, slot, t), scheme);
    }
  }
  const evaluations = over.size > maxOverlay(base.size) ? new Map(new LayeredMap(base, over)) : new LayeredMap(base, over);
  // Lookups by id through the places, which an edit of values does not change (ids are unique
  // across record kinds).
  const at = (id: string) => placement.where.get(id);
  const rollup: StrategyRollup = {
    fiscalYear: old.fiscalYear,
    scheme: old.scheme,
    strategy,
    goals,
    direct,
    evaluations,
    goal: (id) => {
      const w = at(id);
      return w && w.i === -1 ? goals[w.g] : undefined;
    },
    measure: (id) => {
      const w = at(id);
      const m = w && w.i >= 0 && w.g >= 0 ? goals[w.g]!.measures[w.i] : undefined;
      return m?.measureId === id ? m : undefined;
    },
    project: (id) => {
      const w = at(id);
      const p = w && w.i >= 0 ? (w.g === -1 ? direct[w.i] : goals[w.g]!.projects[w.i]) : undefined;
      return p?.projectId === id ? p : undefined;
    },
  };
  return { rollup, placement };
}

/** The place of each KPI in the tally at `slot` (its kpiIds, which an edit of values never changes). */
function orderIn(placement: Placement, slot: Slot, t: Tally): (id: string) => number {
  const key = slot.part === 'strategy' ? 's' : slot.part === 'direct' ? `d${slot.i}` : `${slot.part}${slot.g}.${'i' in slot ? slot.i : ''}`;
  let order = placement.orders.get(key);
  if (!order) {
    order = new Map(t.kpiIds.map((id, i) => [id, i]));
    placement.orders.set(key, order);
  }
  const o = order;
  return (id) => o.get(id) ?? Infinity;
}

/**
 * How many evaluations may change before the map of every evaluation is built again: a 32nd of
 * it, so that building it again costs each edit about 32 entries on average.
 */
const maxOverlay = (size: number) => Math.max(8, size >> 5);

/**
 * A read-only map: `base` with some values replaced by those of `over` (whose keys are all in
 * `base`), in `base`'s order. Neither is changed after it is made.
 */
class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    readonly base: ReadonlyMap<K, V>,
    readonly over: ReadonlyMap<K, V>,
  ) {}
  get size(): number {
    return this.base.size;
  }
  get(key: K): V | undefined {
    return this.over.has(key) ? this.over.get(key) : this.base.get(key);
  }
  has(key: K): boolean {
    return this.base.has(key);
  }
  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this) fn.call(thisArg, v, k, this);
  }
  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) yield [k, this.over.has(k) ? this.over.get(k)! : v];
  }
  keys(): MapIterator<K> {
    return this.base.keys();
  }
  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

function layersOf<K, V>(m: ReadonlyMap<K, V>): { base: ReadonlyMap<K, V>; over: ReadonlyMap<K, V> } {
  return m instanceof LayeredMap ? { base: m.base, over: m.over } : { base: m, over: new Map() };
}

// ---------------------------------------------------------------------------------------------
// What an edit changed

/**
 * What changed between two versions of one strategy's records, for the evaluation: 'all' when it
 * has to start afresh, else the ids of the KPIs whose values changed (possibly none: a project's
 * yearly record, a meeting …), with what {@link WorkbookView.patched} needs (`patch`, null when
 * the view must be built anew).
 *
 * Records are compared by identity (an unchanged record is the same object, as the live workbook
 * keeps them); a list that is the same array did not change.
 */
export type RecordsChange = 'all' | { kpis: Set<string>; patch: ViewPatch | null };

/** Fields of a KPI that place it in the outline: a change there re-evaluates everything. */
const KPI_PLACE: readonly string[] = ['id', 'strategyId', 'goalId', 'projectId', 'measureId', 'order', 'deletedAt'];

export function recordsChange(prevView: WorkbookView, prev: WorkbookRecords, next: WorkbookRecords): RecordsChange {
  if (prev.strategy !== next.strategy && !sameEvaluationSettings(prev.strategy, next.strategy)) return 'all';
  if (prev.goals !== next.goals || prev.measures !== next.measures || prev.projects !== next.projects) return 'all';
  const kpis = new Set<string>();
  const changedKpis: Kpi[] = [];
  let structural = false;
  diffLists(prev.kpis, next.kpis, (before, after) => {
    if (!before || !after || KPI_PLACE.some((f) => (before as unknown as Record<string, unknown>)[f] !== (after as unknown as Record<string, unknown>)[f])) {
      structural = true;
      return;
    }
    kpis.add(after.id);
    changedKpis.push(after);
  });
  if (structural) return 'all';

  // Yearly records: gone (or changed) ones out of their KPI's list, new versions in.
  const removed = new Map<string, Set<string>>();
  const added = new Map<string, KpiYear[]>();
  diffLists(prev.kpiYears, next.kpiYears, (before, after) => {
    if (before) {
      kpis.add(before.kpiId);
      let s = removed.get(before.kpiId);
      if (!s) removed.set(before.kpiId, (s = new Set()));
      s.add(before.id);
    }
    if (after) {
      kpis.add(after.kpiId);
      const list = added.get(after.kpiId);
      if (list) list.push(after);
      else added.set(after.kpiId, [after]);
    }
  });
  const kpiYears = new Map<string, KpiYear[]>();
  for (const kpiId of new Set([...removed.keys(), ...added.keys()])) {
    const gone = removed.get(kpiId);
    const kept = prevView.liveKpiYears(kpiId).filter((y) => !gone?.has(y.id));
    kpiYears.set(kpiId, [...kept, ...(added.get(kpiId) ?? [])]);
  }
  const otherLists =
    prev.projectYears !== next.projectYears || prev.meetings !== next.meetings || prev.opinions !== next.opinions;
  return { kpis, patch: otherLists ? null : { kpis: changedKpis, kpiYears } };
}

function sameEvaluationSettings(a: WorkbookRecords['strategy'], b: WorkbookRecords['strategy']): boolean {
  return (
    a.id === b.id &&
    a.startYear === b.startYear &&
    a.endYear === b.endYear &&
    interimJudgementOf(a) === interimJudgementOf(b) &&
    JSON.stringify(a.rankScheme ?? null) === JSON.stringify(b.rankScheme ?? null)
  );
}

/**
 * Calls `changed(before, after)` for every record that differs between two lists of records
 * (undefined: not in that list). Lists that share their start and end (one record edited, added
 * or deleted) cost a walk by identity; only the part between is compared by id.
 */
function diffLists<T extends { id: string }>(a: readonly T[], b: readonly T[], changed: (before: T | undefined, after: T | undefined) => void): void {
  if (a === b) return;
  let start = 0;
  const common = Math.min(a.length, b.length);
  while (start < common && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) (endA--, endB--);
  if (endA - start === endB - start) {
    let aligned = true;
    for (let i = start; i < endA && aligned; i++) aligned = a[i]!.id === b[i]!.id;
    if (aligned) {
      for (let i = start; i < endA; i++) if (a[i] !== b[i]) changed(a[i], b[i]);
      return;
    }
  }
  const before = new Map<string, T>();
  for (let i = start; i < endA; i++) before.set(a[i]!.id, a[i]!);
  for (let i = start; i < endB; i++) {
    const r = b[i]!;
    const old = before.get(r.id);
    if (old) before.delete(r.id);
    if (old !== r) changed(old, r);
  }
  for (const old of before.values()) changed(old, undefined);
}

// ---------------------------------------------------------------------------------------------
// One evaluated view per WorkbookView

const evaluated = new WeakMap<WorkbookView, EvaluatedView>();

/** The evaluated view of a WorkbookView: made once per view (or carried over by {@link advanceView}). */
export function evaluatedOf(view: WorkbookView): EvaluatedView {
  let e = evaluated.get(view);
  if (!e) evaluated.set(view, (e = new EvaluatedView(view)));
  return e;
}

/**
 * The view of `next` records after `prev` records (seen as `prevView`): patched from the previous
 * view where only KPI values changed, with its evaluated view carried over incrementally; a new
 * view otherwise.
 */
export function advanceView(prevView: WorkbookView | null, prev: WorkbookRecords | null, next: WorkbookRecords): WorkbookView {
  if (!prevView || !prev || prev.strategy.id !== next.strategy.id) return new WorkbookView(next);
  if (prev === next) return prevView;
  const change = recordsChange(prevView, prev, next);
  if (change === 'all') return new WorkbookView(next);
  const view = (change.patch && prevView.patched(next, change.patch)) || new WorkbookView(next);
  const before = evaluated.get(prevView);
  if (before) evaluated.set(view, before.advance(view, change.kpis));
  return view;
}
