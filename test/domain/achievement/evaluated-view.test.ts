// The evaluated view (src/domain/achievement/evaluated-view.ts): after any sequence of edits, the
// view advanced edit by edit (patched where only KPI values changed, re-evaluating only those KPIs)
// reads exactly what a fresh view evaluated from scratch reads — roll-ups, per-KPI evaluations and
// histories — and a roll-up a screen already holds never changes under it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateStrategy } from '../../support/generate';
import { buildWorkbook } from '../../../src/domain/sample/build';
import { WorkbookView, type WorkbookRecords } from '../../../src/domain/workbook';
import type { KpiYear } from '../../../src/domain/entities/kpi-year';
import type { Kpi } from '../../../src/domain/entities/kpi';
import type { Measurement } from '../../../src/domain/entities/measurement';
import { INTERIM_JUDGEMENTS } from '../../../src/domain/entities/strategy';
import { KPI_DIRECTIONS } from '../../../src/domain/entities/kpi';
import {
  advanceView,
  evaluatedOf,
  evaluateKpiYears,
  presetRankScheme,
  PRESET_IDS,
  resolveRankScheme,
  rollUp,
  interimJudgementOf,
  type StrategyRollup,
} from '../../../src/domain/achievement';
import { testContext } from '../../support/context';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20260401;
/** FC_RUNS=10 runs ten times as many cases. */
const SCALE = Math.max(1, Number(process.env.FC_RUNS) || 1);

const BASE: WorkbookRecords = buildWorkbook(
  generateStrategy({ goals: 3, projects: 12, kpis: 40, years: 5, seed: 5, startYear: 2020 }),
  testContext(),
);
const YEARS = [2020, 2021, 2022, 2023, 2024];

/**
 * BASE with the structures of real strategies (seeds 002, 003): two KPIs of the first goal's first
 * 施策 are the 施策's own; the last project stands directly under the strategy (its KPIs with it);
 * the first project is also listed under the second goal (再掲).
 */
const STRUCTURED: WorkbookRecords = (() => {
  const r = structuredClone(BASE);
  const goal = r.goals[0]!;
  const measure = r.measures.find((m) => m.goalId === goal.id && m.deletedAt === null)!;
  let moved = 0;
  r.kpis = r.kpis.map((k) => (k.projectId !== null && moved < 2 && k.goalId === goal.id && ++moved ? { ...k, projectId: null, measureId: measure.id } : k));
  const direct = r.projects[r.projects.length - 1]!;
  r.projects = r.projects.map((p) => (p.id === direct.id ? { ...p, goalId: null, measureId: null } : p));
  r.kpis = r.kpis.map((k) => (k.projectId === direct.id ? { ...k, goalId: null } : k));
  const first = r.projects[0]!;
  const other = r.goals.find((g) => g.id !== first.goalId)!;
  r.projects = r.projects.map((p) => (p.id === first.id ? { ...p, alsoUnder: [{ goalId: other.id, measureId: null }] } : p));
  return r;
})();

/** A roll-up as plain data (its lookups checked against its lists). */
function plain(r: StrategyRollup) {
  for (const g of r.goals) {
    expect(r.goal(g.goalId)).toBe(g);
    for (const m of g.measures) expect(r.measure(m.measureId)).toBe(m);
    for (const p of g.projects) expect(r.project(p.projectId)).toBe(p);
  }
  for (const p of r.direct) expect(r.project(p.projectId)).toBe(p);
  return structuredClone({ fiscalYear: r.fiscalYear, scheme: r.scheme, strategy: r.strategy, goals: r.goals, direct: r.direct, evaluations: [...r.evaluations] });
}

// ---------------------------------------------------------------------------------------------
// Edits, made as the live workbook makes them: a changed record is a new object, every other
// record (and every list nothing changed in) stays the same object.

const measurement: fc.Arbitrary<Measurement | null> = fc.oneof(
  fc.constant(null),
  fc.record({ value: fc.integer({ min: -50, max: 300 }) }),
  fc.record({ value: fc.integer({ min: 0, max: 300 }).map((v) => v / 10), provisional: fc.boolean() }),
  fc.constant<Measurement>({ value: null, status: 'collecting' }),
  fc.constant<Measurement>({ value: null, status: 'evaluatedElsewhere' }),
);

type Edit =
  | { kind: 'actual' | 'target'; kpi: number; year: number; value: Measurement | null }
  | { kind: 'addYear'; kpi: number; year: number; value: Measurement | null }
  | { kind: 'deleteYear'; pick: number; drop: boolean }
  | { kind: 'kpiTarget'; kpi: number; value: Measurement | null; direction: (typeof KPI_DIRECTIONS)[number]; cumulative: boolean }
  | { kind: 'moveKpi'; kpi: number; order: number }
  | { kind: 'deleteKpi'; kpi: number }
  | { kind: 'scheme'; preset: (typeof PRESET_IDS)[number]; judgement: (typeof INTERIM_JUDGEMENTS)[number] }
  | { kind: 'strategyName'; name: string }
  | { kind: 'projectYear'; pick: number }
  | { kind: 'goalName'; goal: number };

const index = fc.nat({ max: 10_000 });
const year = fc.constantFrom(...YEARS);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('actual' as const, 'target' as const), kpi: index, year, value: measurement }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addYear' as const), kpi: index, year, value: measurement }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteYear' as const), pick: index, drop: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('kpiTarget' as const), kpi: index, value: measurement, direction: fc.constantFrom(...KPI_DIRECTIONS), cumulative: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('moveKpi' as const), kpi: index, order: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteKpi' as const), kpi: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('scheme' as const), preset: fc.constantFrom(...PRESET_IDS), judgement: fc.constantFrom(...INTERIM_JUDGEMENTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('strategyName' as const), name: fc.string({ maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('projectYear' as const), pick: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('goalName' as const), goal: index }) },
);

let made = 0;
const replaceAt = <T,>(list: readonly T[], i: number, r: T): T[] => list.map((x, j) => (j === i ? r : x));

function apply(records: WorkbookRecords, e: Edit): WorkbookRecords {
  const liveKpis = records.kpis.filter((k) => !k.deletedAt);
  const kpiAt = (n: number): Kpi | undefined => liveKpis[n % Math.max(1, liveKpis.length)];
  switch (e.kind) {
    case 'actual':
    case 'target': {
      const k = kpiAt(e.kpi);
      if (!k) return records;
      const at = records.kpiYears.findIndex((y) => y.kpiId === k.id && y.fiscalYear === e.year && !y.deletedAt);
      if (at < 0) return apply(records, { ...e, kind: 'addYear' });
      const y = records.kpiYears[at]!;
      return { ...records, kpiYears: replaceAt(records.kpiYears, at, { ...y, [e.kind]: e.value, rev: y.rev + 1 }) };
    }
    case 'addYear': {
      // A second live record for a year the KPI has already is possible (two devices added it).
      const k = kpiAt(e.kpi);
      if (!k) return records;
      const y: KpiYear = {
        ...records.kpiYears[0]!,
        id: `ffffffff-0000-4000-8000-${String(++made).padStart(12, '0')}`,
        kpiId: k.id,
        fiscalYear: e.year,
        target: null,
        actual: e.value,
        deletedAt: null,
        deletedBatch: null,
      };
      return { ...records, kpiYears: [...records.kpiYears, y] };
    }
    case 'deleteYear': {
      if (records.kpiYears.length === 0) return records;
      const at = e.pick % records.kpiYears.length;
      if (e.drop) return { ...records, kpiYears: records.kpiYears.filter((_, j) => j !== at) };
      const y = records.kpiYears[at]!;
      return { ...records, kpiYears: replaceAt(records.kpiYears, at, { ...y, deletedAt: '2026-04-02T00:00:00.000Z' }) };
    }
    case 'kpiTarget': {
      const k = kpiAt(e.kpi);
      if (!k) return records;
      const at = records.kpis.indexOf(k);
      return { ...records, kpis: replaceAt(records.kpis, at, { ...k, target: e.value, direction: e.direction, cumulative: e.cumulative }) };
    }
    case 'moveKpi':
    case 'deleteKpi': {
      const k = kpiAt(e.kpi);
      if (!k) return records;
      const at = records.kpis.indexOf(k);
      const next = e.kind === 'moveKpi' ? { ...k, order: e.order } : { ...k, deletedAt: '2026-04-02T00:00:00.000Z' };
      return { ...records, kpis: replaceAt(records.kpis, at, next) };
    }
    case 'scheme':
      return { ...records, strategy: { ...records.strategy, rankScheme: presetRankScheme(e.preset), interimJudgement: e.judgement } };
    case 'strategyName':
      return { ...records, strategy: { ...records.strategy, name: e.name } };
    case 'projectYear': {
      if (records.projectYears.length === 0) return records;
      const at = e.pick % records.projectYears.length;
      const y = records.projectYears[at]!;
      return { ...records, projectYears: replaceAt(records.projectYears, at, { ...y, rev: y.rev + 1 }) };
    }
    case 'goalName': {
      const at = e.goal % records.goals.length;
      const g = records.goals[at]!;
      return { ...records, goals: replaceAt(records.goals, at, { ...g, title: `${g.title}改` }) };
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe('the evaluated view', () => {
  it.each([
    ['', BASE],
    [' — with 施策 KPIs, a project under the strategy and one listed under two goals', STRUCTURED],
  ])('advanced edit by edit, reads what a fresh evaluation reads (random edit sequences)%s', (_, base) => {
    fc.assert(
      fc.property(
        // Steps: one or more edits, then the view advances; `years` are the roll-ups screens held.
        fc.array(fc.record({ edits: fc.array(edit, { minLength: 1, maxLength: 3 }), years: fc.subarray(YEARS), histories: fc.array(index, { maxLength: 3 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (steps) => {
          let records = base;
          let view = new WorkbookView(records);
          for (const step of steps) {
            // What the screens read before the edit (and so what the view carries over).
            const ev = evaluatedOf(view);
            const held = step.years.map((fy) => ({ rollup: ev.rollup(fy), was: plain(ev.rollup(fy)) }));
            const kpis = records.kpis.filter((k) => k.deletedAt === null);
            for (const n of step.histories) if (kpis.length > 0) ev.history(kpis[n % kpis.length]!.id);

            let next = records;
            for (const e of step.edits) next = apply(next, e);
            view = advanceView(view, records, next);
            records = next;

            // The roll-ups held before the edit did not change under the screens holding them.
            for (const h of held) expect(plain(h.rollup)).toEqual(h.was);

            const fresh = new WorkbookView(records);
            const now = evaluatedOf(view);
            const scheme = resolveRankScheme(records.strategy.rankScheme);
            for (const fy of YEARS) expect(plain(now.rollup(fy))).toEqual(plain(rollUp(fresh, fy)));
            for (const k of records.kpis) {
              const expected = fresh.kpi(k.id)
                ? evaluateKpiYears(fresh.kpi(k.id)!, fresh.kpiYearsOf(k.id), fresh.years, scheme, interimJudgementOf(records.strategy))
                : [];
              expect(now.history(k.id)).toEqual(expected);
              expect(view.kpiYearsOf(k.id)).toEqual(fresh.kpiYearsOf(k.id));
            }
          }
        },
      ),
      { seed: SEED, numRuns: 40 * SCALE },
    );
  }, 120_000 * SCALE);

  it('stays exact over a long run of edits of different KPIs (the overlays of changes are folded in on the way)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kpi: index, year, value: measurement }), { minLength: 20, maxLength: 60 }), (edits) => {
        let records = BASE;
        let view = new WorkbookView(records);
        evaluatedOf(view).rollup(2022);
        for (const [n, e] of edits.entries()) {
          // Each edit a different KPI (as people work down a list), then the edit drawn.
          const next = apply(records, { kind: 'actual', kpi: n, year: e.year, value: e.value });
          view = advanceView(view, records, next);
          records = next;
          evaluatedOf(view).rollup(2022);
        }
        const fresh = new WorkbookView(records);
        for (const k of records.kpis) expect(view.kpiYearsOf(k.id)).toEqual(fresh.kpiYearsOf(k.id));
        for (const y of records.kpiYears) expect(view.kpiYear(y.kpiId, y.fiscalYear)).toBe(fresh.kpiYear(y.kpiId, y.fiscalYear));
        expect(plain(evaluatedOf(view).rollup(2022))).toEqual(plain(rollUp(fresh, 2022)));
      }),
      { seed: SEED, numRuns: 10 * SCALE },
    );
  }, 60_000 * SCALE);

  it('re-evaluates only the edited KPI: the other evaluations are the very objects computed before', () => {
    const view = new WorkbookView(BASE);
    const before = evaluatedOf(view).rollup(2022);
    const y = BASE.kpiYears.find((r) => r.fiscalYear === 2022 && r.actual?.value != null)!;
    const next = { ...BASE, kpiYears: BASE.kpiYears.map((r) => (r === y ? { ...r, actual: { value: y.actual!.value! + 1000 } } : r)) };
    const after = advanceView(view, BASE, next);
    expect(after).not.toBe(view);
    const rollup = evaluatedOf(after).rollup(2022);
    let same = 0;
    for (const [id, e] of rollup.evaluations) {
      if (id === y.kpiId) expect(e).not.toBe(before.evaluations.get(id));
      else if (e === before.evaluations.get(id)) same++;
    }
    expect(same).toBe(rollup.evaluations.size - 1);
    expect(plain(rollup)).toEqual(plain(rollUp(new WorkbookView(next), 2022)));
  });
});

describe('reading one KPI', () => {
  const view = new WorkbookView(BASE);
  const ev = evaluatedOf(view);
  const kpi = view.goals.flatMap((g) => view.projectsOf(g.id).flatMap((p) => view.kpisOf(p.id)))[0]!;
  const scheme = resolveRankScheme(BASE.strategy.rankScheme);
  const judgement = interimJudgementOf(BASE.strategy);

  it("reads the view's KPI from the year's roll-up and the history, the same as evaluating it alone", () => {
    const rollup = ev.rollup(2022);
    expect(ev.evaluation(kpi, 2022)).toBe(rollup.evaluations.get(kpi.id));
    expect(ev.history(kpi)).toBe(ev.history(kpi.id));
    expect(ev.history(kpi)).toEqual(evaluateKpiYears(kpi, view.kpiYearsOf(kpi.id), YEARS, scheme, judgement));
    expect(ev.evaluation(kpi.id, 2023)).toBe(ev.history(kpi)[3]);
  });

  it('evaluates a KPI record that is not the view’s as given, and reads nothing for an unknown id', () => {
    const copy: Kpi = { ...kpi, target: { value: 1 }, direction: 'higher' };
    expect(ev.evaluation(copy, 2022)).toEqual(evaluateKpiYears(copy, view.kpiYearsOf(kpi.id), [2022], scheme, judgement)[0]);
    expect(ev.history(copy)).toEqual(evaluateKpiYears(copy, view.kpiYearsOf(kpi.id), YEARS, scheme, judgement));
    expect(ev.history(copy)).not.toEqual(ev.history(kpi));
    expect(ev.evaluation('no-such-kpi', 2022)).toBeUndefined();
    expect(ev.history('no-such-kpi')).toEqual([]);
  });
});
