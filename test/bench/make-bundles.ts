// Writes the generated strategies (LARGE, STRESS) as bundle files for the in-browser benchmark
// (test/bench/app.mjs), with the facts the benchmark needs about them: which project has the most
// KPIs, which KPI of it and which fiscal year to edit.
//
// Bundled for Node by test/bench/vite.config.ts, like achievement.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateStrategy, LARGE, STRESS, type GenerateOptions } from '../support/generate';
import { buildWorkbook } from '../../src/domain/sample/build';
import { WorkbookView } from '../../src/domain/workbook';
import { serializeBundle } from '../../src/bundle';
import type { RecordContext } from '../../src/domain/records';

export interface BenchBundle {
  name: string;
  path: string;
  bytes: number;
  strategyId: string;
  kpis: number;
  records: number;
  /** The 基本目標 with the most projects. */
  goal: { id: string; projects: number };
  /** The project with the most KPIs. */
  project: { id: string; name: string; kpis: number };
  /** A numeric KPI of that project and the fiscal year whose actual the benchmark edits. */
  edit: { kpiId: string; fiscalYear: number; index: number };
}

export const STRATEGIES: Readonly<Record<string, Readonly<GenerateOptions>>> = { LARGE, STRESS };

/** Ids and stamps as the app makes them, without its clock: the same file on every run. */
function benchContext(): RecordContext {
  let n = 0;
  return {
    editor: '企画課',
    now: () => '2026-04-01T00:00:00.000Z',
    newId: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
  };
}

export async function writeBenchBundle(name: string, dir: string): Promise<BenchBundle> {
  const options = STRATEGIES[name];
  if (!options) throw new Error(`unknown strategy ${name}`);
  const records = buildWorkbook(generateStrategy(options), benchContext());
  const view = new WorkbookView(records);
  const projects = view.goals.flatMap((g) => view.projectsOf(g.id));
  let largest = projects[0]!;
  for (const p of projects) if (view.kpisOf(p.id).length > view.kpisOf(largest.id).length) largest = p;
  const goal = view.goals.reduce((a, g) => (view.projectsOf(g.id).length > view.projectsOf(a.id).length ? g : a));
  const kpis = view.kpisOf(largest.id);
  const index = Math.max(0, kpis.findIndex((k) => k.kind === 'numeric'));
  const kpi = kpis[index]!;
  const out = await serializeBundle(records, {
    exportId: '00000000-0000-4000-8000-bench0000001',
    exportedAt: '2026-04-01T00:00:00.000Z',
    exportedBy: '企画課',
    appVersion: 'bench',
    copyId: '00000000-0000-4000-8000-bench0000002',
    scope: { kind: 'strategy' },
    basedOn: null,
  });
  const path = join(dir, `${name.toLowerCase()}.json`);
  writeFileSync(path, out.json);
  const count = 1 + Object.values(records).reduce((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
  return {
    name,
    path,
    bytes: Buffer.byteLength(out.json),
    strategyId: records.strategy.id,
    kpis: records.kpis.length,
    records: count,
    goal: { id: goal.id, projects: view.projectsOf(goal.id).length },
    project: { id: largest.id, name: largest.name, kpis: view.kpisOf(largest.id).length },
    edit: { kpiId: kpi.id, fiscalYear: view.years.at(-2) ?? view.years[0]!, index },
  };
}

/**
 * For the preview benchmark (test/bench/preview-large.mjs): the 関市 sample as a file (`base`,
 * imported first), and the same strategy from another copy whose first project lists 200,000
 * partners (`large`, about 3 MB): a file with one very long list, previewed against the sample.
 */
export async function writeLargeListBundles(dir: string): Promise<{ base: string; large: string; bytes: number; items: number }> {
  const { SEKI_SAMPLE } = await import('../../src/domain/sample/seki');
  const records = buildWorkbook(SEKI_SAMPLE, benchContext());
  const meta = (id: string, copy: string) => ({
    exportId: `00000000-0000-4000-8000-${id}`,
    exportedAt: '2026-04-01T00:00:00.000Z',
    exportedBy: '企画課',
    appVersion: 'bench',
    copyId: `00000000-0000-4000-8000-${copy}`,
    scope: { kind: 'strategy' } as const,
    basedOn: null,
  });
  const base = await serializeBundle(records, meta('bench0000011', 'bench0000012'));
  const items = 200_000;
  const partners = Array.from({ length: items }, (_, i) => `連携市町${i}`);
  const large = await serializeBundle(
    { ...records, projects: records.projects.map((p, i) => (i === 0 ? { ...p, partners } : p)) },
    meta('bench0000013', 'bench0000014'),
  );
  const basePath = join(dir, 'preview-base.json');
  const largePath = join(dir, 'preview-large.json');
  writeFileSync(basePath, base.json);
  writeFileSync(largePath, large.json);
  return { base: basePath, large: largePath, bytes: Buffer.byteLength(large.json), items };
}
