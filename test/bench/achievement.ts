// `npm run bench`: how long the achievement engine takes on big strategies (issue 3: evaluate and
// roll up 10,000 KPIs × 10 years in under 50 ms; issue 7: the LARGE and STRESS strategies).
//
// A script, not a test: it prints figures and never fails on them. test/bench/vite.config.ts bundles
// it for Node with the bundler that builds the app, and `node --expose-gc` runs it: a full
// collection before each measured run keeps one run's garbage out of the next one's time, while the
// collections a run causes itself are part of its time (and shown beside it).
//
//   npm run bench                  every figure
//   npm run bench -- --runs 50     more runs per figure (default 20)
//   npm run bench:engine -- --only edit   only the figures of one edit (the evaluated view, issue 18)
//   npm run bench:engine -- --only fresh  only the fresh roll-up of one year, STRESS and LARGE, with
//                                          the parts of its time (issue 18: ≤ 20 ms for STRESS)
import { arch, cpus, loadavg, platform } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { generateStrategy, LARGE, STRESS, type GenerateOptions } from '../support/generate';
import { buildWorkbook } from '../../src/domain/sample/build';
import { WorkbookView, type WorkbookRecords } from '../../src/domain/workbook';
import { advanceView, evaluatedOf, evaluateIndexed, evaluateKpiYears, resolveRankScheme, rollUp, tally, type KpiEvaluation } from '../../src/domain/achievement';
import type { Kpi } from '../../src/domain/entities/kpi';
import { formatFiscalYear } from '../../src/domain/eras';
import type { RecordContext } from '../../src/domain/records';

const TARGET_MS = 50;

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Math.max(3, Math.trunc(Number(args[runsAt + 1])) || 20) : 20;
const onlyAt = args.indexOf('--only');
const ONLY = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

const forceGc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

// Garbage collections, as V8 reports them: the time a run spent collecting.
const gcPauses: { start: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, duration: e.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
async function gcBetween(t0: number, t1: number): Promise<number> {
  await tick();
  await tick();
  for (const e of gcObserver.takeRecords()) gcPauses.push({ start: e.startTime, duration: e.duration });
  let sum = 0;
  for (const p of gcPauses) if (p.start >= t0 && p.start <= t1) sum += p.duration;
  gcPauses.length = 0;
  return sum;
}

/** Ids and stamps as the app makes them, without its clock: the same records on every run. */
function benchContext(): RecordContext {
  let n = 0;
  return {
    editor: '企画課',
    now: () => '2026-04-01T00:00:00.000Z',
    newId: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const int = (n: number) => n.toLocaleString('en-US');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Median time spent in garbage collection during a run. */
  gc: number;
}

let sink: unknown;
/**
 * Times `fn` `runs` times after `warmup` untimed runs. `setup` (untimed) prepares each run's input,
 * e.g. a fresh WorkbookView so that nothing cached by the previous run is reused.
 */
async function measure<T>(runs: number, setup: () => T, fn: (input: T) => unknown, warmup = 3): Promise<Figure> {
  for (let i = 0; i < warmup; i++) sink = fn(setup());
  const times: number[] = [];
  const gcs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = setup();
    sink = null;
    forceGc?.();
    await tick();
    const t0 = performance.now();
    sink = fn(input);
    const t1 = performance.now();
    times.push(t1 - t0);
    gcs.push(await gcBetween(t0, t1));
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs, gc: median(gcs) };
}

function once(fn: () => unknown): number {
  const t0 = performance.now();
  sink = fn();
  return performance.now() - t0;
}

const LABEL_WIDTH = 74;
function line(label: string, f: Figure | number): void {
  const value =
    typeof f === 'number'
      ? `${ms(f)} (once)`
      : `median ${ms(f.median)} (min ${ms(f.min)}, max ${ms(f.max)}, ${f.runs} runs${forceGc ? `; GC median ${ms(f.gc)}` : ''})`;
  console.log(`  ${`${label}:`.padEnd(LABEL_WIDTH)} ${value}`);
}

/** Every live KPI of the view in outline order (goal 数値目標, then project KPIs). */
function allKpis(view: WorkbookView): Kpi[] {
  return view.goals.flatMap((g) => [...view.goalKpis(g.id), ...view.projectsOf(g.id).flatMap((p) => view.kpisOf(p.id))]);
}

/** Evaluates every KPI of the view for every year of the period. */
function evaluateAll(view: WorkbookView, kpis: readonly Kpi[]): KpiEvaluation[][] {
  const scheme = resolveRankScheme(view.strategy.rankScheme);
  const years = view.years;
  return kpis.map((k) => evaluateKpiYears(k, view.kpiYearsOf(k.id), years, scheme));
}

async function bench(name: string, options: GenerateOptions, runs: number, breakdown: boolean) {
  let records!: WorkbookRecords;
  const tGenerate = once(() => {
    records = buildWorkbook(generateStrategy(options), benchContext());
  });
  const view = new WorkbookView(records);
  const years = view.years;
  // The latest year with final figures (the last one is partly 集計中 / 速報値).
  const fy = years.at(-2) ?? years[0]!;
  const kpis = allKpis(view);
  const label = `${int(kpis.length)} KPIs × ${years.length} years`;

  console.log(
    `\n${name}: ${options.goals} 基本目標, ${int(options.projects)} projects, ${label} ` +
      `(${int(records.kpiYears.length)} KPI-year records, ${int(records.projectYears.length)} project-year records); ` +
      `fiscal year ${fy} (${formatFiscalYear(fy, 'wareki')})`,
  );
  line('generate + build the records', tGenerate);
  line('build the WorkbookView', await measure(runs, () => records, (r) => new WorkbookView(r)));

  const rollUpFresh = await measure(runs, () => new WorkbookView(records), (v) => rollUp(v, fy));
  line(`rollUp ${label}, one fiscal year, fresh view`, rollUpFresh);
  const warm = new WorkbookView(records);
  rollUp(warm, fy);
  line(`rollUp ${label}, one fiscal year, same view again`, await measure(runs, () => warm, (v) => rollUp(v, fy)));
  line(
    `rollUp ${label}, all ${years.length} fiscal years in turn, fresh view`,
    await measure(Math.max(3, runs >> 2), () => new WorkbookView(records), (v) => years.map((y) => rollUp(v, y)), 1),
  );
  line(`evaluate all ${int(kpis.length * years.length)} KPI-years (evaluateKpiYears)`, await measure(runs, () => view, (v) => evaluateAll(v, kpis)));
  line('build the view + rollUp one fiscal year (after an edit)', await measure(runs, () => records, (r) => rollUp(new WorkbookView(r), fy)));

  if (breakdown) {
    // The parts of a rollUp on a fresh view, one by one.
    const scheme = resolveRankScheme(view.strategy.rankScheme);
    console.log(`  where the time of a rollUp goes (${name}, one fiscal year):`);
    line(
      '  index the yearly records (kpiYearsOf for every KPI, fresh view)',
      await measure(runs, () => new WorkbookView(records), (v) => kpis.map((k) => v.kpiYearsOf(k.id))),
    );
    const indexes = kpis.map((k) => view.kpiYearsOf(k.id));
    line(
      '  evaluateIndexed every KPI (records indexed already)',
      await measure(runs, () => indexes, (ix) => kpis.map((k, i) => evaluateIndexed(k, ix[i]!, fy, scheme))),
    );
    const evaluations = kpis.map((k, i) => evaluateIndexed(k, indexes[i]!, fy, scheme));
    line('  one tally over every evaluation', await measure(runs, () => evaluations, (es) => tally(es, scheme)));
    line(
      '  a Map of every KPI id to its evaluation',
      await measure(runs, () => evaluations, (es) => new Map(es.map((e) => [e.kpiId, e]))),
    );
  }
  return { rollUpFresh, kpis: kpis.length, years: years.length };
}

/**
 * The fresh roll-up of one fiscal year (issue 18): rollUp of one year on a WorkbookView just built
 * over the same records (its construction untimed, the indexes it builds lazily timed), beside the
 * construction alone and construction plus roll-up.
 */
async function benchFresh(name: string, options: GenerateOptions, runs: number): Promise<Figure> {
  const records = buildWorkbook(generateStrategy(options), benchContext());
  const view = new WorkbookView(records);
  const fy = view.years.at(-2) ?? view.years[0]!;
  const label = `${int(allKpis(view).length)} KPIs × ${view.years.length} years`;
  console.log(`\n${name}: ${label}, fiscal year ${fy}`);
  line('build the WorkbookView', await measure(runs, () => records, (r) => new WorkbookView(r)));
  // The issue's figure: the view is built untimed, its lazy indexes are built by the timed rollUp.
  const fresh = await measure(runs, () => new WorkbookView(records), (v) => rollUp(v, fy));
  line(`rollUp ${label}, one fiscal year, fresh view`, fresh);
  line(`build the view + rollUp, one fiscal year`, await measure(runs, () => records, (r) => rollUp(new WorkbookView(r), fy)));
  return fresh;
}

/**
 * One edit of one actual, as the app sees it (issue 18): the live workbook hands over new records
 * in which one yearly record is a new object (every other record the same object), and the
 * dashboard reads the roll-up of the year shown. Before: a new WorkbookView and rollUp over every
 * KPI. After: advanceView patches the view and its evaluated view re-evaluates the edited KPI and
 * the tallies above it. Each run edits another KPI's record, in the same chain of views.
 */
async function benchEdit(name: string, options: GenerateOptions, runs: number) {
  const records0 = buildWorkbook(generateStrategy(options), benchContext());
  const view0 = new WorkbookView(records0);
  const fy = view0.years.at(-2) ?? view0.years[0]!;
  const kpis = allKpis(view0);
  console.log(`\n${name}: one edit of an actual, ${int(kpis.length)} KPIs × ${view0.years.length} years; the roll-up of ${fy} read after it`);
  // The records edited in turn: each run changes a different KPI's record of year `fy`.
  const targets = records0.kpiYears.map((y, i) => [y, i] as const).filter(([y]) => y.fiscalYear === fy && !y.deletedAt);
  let n = 0;
  const edited = (records: WorkbookRecords): WorkbookRecords => {
    const [, at] = targets[(n++ * 7919) % targets.length]!;
    const y = records.kpiYears[at]!;
    const value = (y.actual?.value ?? 0) + 1;
    const kpiYears = records.kpiYears.slice();
    kpiYears[at] = { ...y, actual: { ...(y.actual ?? { value: null }), value }, rev: y.rev + 1 };
    return { ...records, kpiYears };
  };

  line(
    'before: new WorkbookView + rollUp (every KPI again)',
    await measure(runs, () => edited(records0), (r) => rollUp(new WorkbookView(r), fy)),
  );

  // The first edit after a view was evaluated also indexes where each KPI is counted.
  const first = await measure(
    runs,
    () => {
      const view = new WorkbookView(records0);
      evaluatedOf(view).rollup(fy);
      return { view, next: edited(records0) };
    },
    ({ view, next }) => evaluatedOf(advanceView(view, records0, next)).rollup(fy),
  );
  line('after: advanceView + rollup, first edit of a freshly evaluated view', first);

  let cur = { view: new WorkbookView(records0), records: records0 };
  evaluatedOf(cur.view).rollup(fy);
  const steady = await measure(
    runs,
    () => edited(cur.records),
    (next) => {
      const view = advanceView(cur.view, cur.records, next);
      const rollup = evaluatedOf(view).rollup(fy);
      cur = { view, records: next };
      return rollup;
    },
  );
  line('after: advanceView + rollup, each later edit', steady);
  // Proof that the chain read what a fresh evaluation reads (the property test checks it in full).
  const fresh = rollUp(new WorkbookView(cur.records), fy);
  const mine = evaluatedOf(cur.view).rollup(fy);
  const same = JSON.stringify({ ...fresh, evaluations: [...fresh.evaluations] }) === JSON.stringify({ ...mine, evaluations: [...mine.evaluations] });
  console.log(`  the chain's roll-up after ${int(n)} edits equals a fresh one: ${same ? 'yes' : 'NO'}`);
}

const cpu = cpus();
console.log('Achievement engine benchmark');
console.log(`Node ${process.version} on ${platform()} ${arch()}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average at start: ${load()} (other work on the machine slows every figure)`);
console.log(
  `${RUNS} runs per figure after 3 warm-up runs; ${forceGc ? 'a full garbage collection before each run' : 'no forced garbage collection (run node with --expose-gc)'}.`,
);

if (ONLY === 'fresh') {
  const stressFresh = await benchFresh('STRESS', STRESS, RUNS);
  await benchFresh('LARGE', LARGE, RUNS);
  gcObserver.disconnect();
  console.log(`\nload average at end: ${load()}`);
  const f = stressFresh;
  console.log(
    `Issue 18 target: roll up STRESS (one fiscal year, fresh view) in 20 ms or less: median ${ms(f.median)}, min ${ms(f.min)} — ` +
      `${f.median <= 20 ? 'met' : 'NOT met'}.`,
  );
  process.exit(0);
}

if (ONLY === 'edit') {
  await benchEdit('STRESS', STRESS, RUNS);
  await benchEdit('LARGE', LARGE, RUNS);
  gcObserver.disconnect();
  console.log(`\nload average at end: ${load()}`);
  process.exit(0);
}

const stress = await bench('STRESS', STRESS, RUNS, true);
await bench('LARGE', LARGE, RUNS, false);
await benchEdit('STRESS', STRESS, RUNS);
await benchEdit('LARGE', LARGE, RUNS);
gcObserver.disconnect();

const f = stress.rollUpFresh;
console.log(`\nload average at end: ${load()}`);
console.log(
  `Issue 3 target: evaluate and roll up ${int(stress.kpis)} KPIs × ${stress.years} years (one fiscal year, fresh view) under ${TARGET_MS} ms: ` +
    `median ${ms(f.median)}, min ${ms(f.min)} — ${f.median < TARGET_MS ? 'met' : 'NOT met'}.`,
);
if (sink === Symbol.for('never')) console.log(sink); // keeps every result alive until here
