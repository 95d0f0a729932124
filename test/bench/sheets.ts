// `npm run bench:sheets`: how long a spreadsheet import takes to read and plan (issue 14: a
// 100,000-row CSV previewed in under 10 s; 2,000 rows took about 1 s and 10,000 rows 34 s).
//
// A script, not a test: it prints figures and never fails on them. It times, for a CSV in the
// published wide layout (基本目標 | No. | 主な事業等 | KPI | 担当課 | 単位 | 策定時 | 実績値 × 2 |
// KPI目標値, one project and KPI per row, in Shift_JIS-free UTF-8), each step the import's worker
// runs: decoding and splitting the file, finding the head row and guessing the columns, cutting
// the rows, and planning a new strategy — then the same sheet as an update of the strategy it made.
//
// Beside the wall-clock time, the process's CPU time (process.cpuUsage: user + system, the
// garbage collector's threads included) is printed: on a machine shared with other work the wall
// clock says more about the neighbours than about the import.
//
//   npm run bench:sheets                   2,000 / 10,000 / 25,000 / 100,000 rows
//   npm run bench:sheets -- --rows 5000    one size
import { arch, cpus, platform } from 'node:os';
import { findHeaderRow, guessMapping, loadSpreadsheet, newWorkbookRecords, planImport, readRows, cellString } from '../../src/sheets';
import type { RecordContext } from '../../src/domain/records';

const args = process.argv.slice(2);
const rowsAt = args.indexOf('--rows');
const SIZES = rowsAt >= 0 ? [Math.max(10, Math.trunc(Number(args[rowsAt + 1])) || 1000)] : [2_000, 10_000, 25_000, 100_000];

function context(): RecordContext {
  let n = 0;
  return { editor: '企画課', now: () => '2026-04-01T00:00:00.000Z', newId: () => `id-${++n}` };
}

function makeCsv(rows: number): Uint8Array {
  const lines = ['第2期見本市まち・ひと・しごと創生総合戦略（令和2年～4年度）進捗状況', '基本目標,No.,主な事業等,KPI (重要業績評価指標),担当課,単位,平成30年度 (策定時),令和2年度 (実績値),令和3年度 (実績値),令和4年度 KPI目標値'];
  for (let i = 0; i < rows; i++) {
    const goal = (i % 10) + 1;
    const base = 100 + (i % 900);
    lines.push(`${goal} 基本目標その${goal},${i + 1},事業${i + 1}号「まちづくり」,相談件数${i + 1},商工課・企画課,件,"${base.toLocaleString('en')}件","${(base + 12).toLocaleString('en')}件",${base + 20}件,${base + 50}件以上`);
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en'));

console.log(`spreadsheet import — ${cpus()[0]?.model ?? '?'} (${cpus().length} cores), ${platform()} ${arch()}, node ${process.versions.node}`);
console.log('rows     | MB   | load  | head+map | rows  | plan (new) | total (new) | rows/s     | CPU (new)   | plan (update)');
for (const n of SIZES) {
  const bytes = makeCsv(n);
  const cpu0 = process.cpuUsage();
  let t = performance.now();
  const loaded = await loadSpreadsheet('bench.csv', bytes);
  if (!loaded.ok) throw new Error(loaded.reason);
  const tLoad = ms(t);
  const grid = loaded.file.sheets[0]!.rows;
  t = performance.now();
  const h = findHeaderRow(grid);
  const mapping = guessMapping(grid[h]!.map(cellString));
  const tHead = ms(t);
  t = performance.now();
  const sheet = readRows(grid, h, mapping);
  const tRows = ms(t);
  t = performance.now();
  const plan = planImport(sheet, { mode: 'create', strategy: { municipality: '見本市', name: '見本', startYear: 2020, endYear: 2022 }, defaultGoalTitle: '基本目標' }, context());
  const tPlan = ms(t);
  if (plan.added.kpis !== n || plan.issues.length !== 0) throw new Error(`plan made ${plan.added.kpis} KPIs, ${plan.issues.length} issues`);
  const total = tLoad + tHead + tRows + tPlan;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  t = performance.now();
  const update = planImport(sheet, { mode: 'update', records: newWorkbookRecords(plan) }, context());
  const tUpdate = ms(t);
  if (update.added.kpis !== 0) throw new Error('the update added KPIs');
  console.log(
    `${String(n).padEnd(8)} | ${(bytes.byteLength / 1e6).toFixed(1).padEnd(4)} | ${fmt(tLoad).padStart(5)} | ${fmt(tHead).padStart(8)} | ${fmt(tRows).padStart(5)} | ${fmt(tPlan).padStart(10)} | ${fmt(total).padStart(8)} ms | ${Math.round((n / total) * 1000).toLocaleString('en').padStart(10)} | ${fmt(cpuMs).padStart(8)} ms | ${fmt(tUpdate).padStart(8)} ms`,
  );
}
