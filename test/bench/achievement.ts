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
import { arch, cpus, loadavg, platform } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { generateStrategy, LARGE, STRESS, type GenerateOptions } from '../support/generate';
import { buildWorkbook } from '../../src/domain/sample/build';
import { WorkbookView, type WorkbookRecords } from '../../src/domain/workbook';
import { evaluateIndexed, evaluateKpiYears, resolveRankScheme, rollUp, tally, type KpiEvaluation } from '../../src/domain/achievement';
import type { Kpi } from '../../src/domain/entities/kpi';
import { formatFiscalYear } from '../../src/domain/eras';
import type { RecordContext } from '../../src/domain/records';

const TARGET_MS = 50;

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Math.max(3, Math.trunc(Number(args[runsAt + 1])) || 20) : 20;

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

const cpu = cpus();
console.log('Achievement engine benchmark');
console.log(`Node ${process.version} on ${platform()} ${arch()}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average at start: ${load()} (other work on the machine slows every figure)`);
console.log(
  `${RUNS} runs per figure after 3 warm-up runs; ${forceGc ? 'a full garbage collection before each run' : 'no forced garbage collection (run node with --expose-gc)'}.`,
);

const stress = await bench('STRESS', STRESS, RUNS, true);
await bench('LARGE', LARGE, RUNS, false);
gcObserver.disconnect();

const f = stress.rollUpFresh;
console.log(`\nload average at end: ${load()}`);
console.log(
  `Issue 3 target: evaluate and roll up ${int(stress.kpis)} KPIs × ${stress.years} years (one fiscal year, fresh view) under ${TARGET_MS} ms: ` +
    `median ${ms(f.median)}, min ${ms(f.min)} — ${f.median < TARGET_MS ? 'met' : 'NOT met'}.`,
);
if (sink === Symbol.for('never')) console.log(sink); // keeps every result alive until here
