// A year's table imported into a strategy that already has the earlier years: it adds that
// year's values and nothing else; if the strategy changed after the preview (another tab), nothing
// is written; an undo puts the strategy back as it was. Real IndexedDB code (fake-indexeddb).
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { cellString, findHeaderRow, guessMapping, parseCsv, planImport, readRows } from '../../src/sheets';
import { StaleWorkbookError, UndoConflictError } from '../../src/storage/exchange-repository';
import { device, dump, SharedClock } from '../storage/devices';

const csv =
  'No.,主な事業等,KPI (重要業績評価指標),担当課,令和4年度 (実績値)\r\n' +
  '2,商工活動支援事業（関市ビジネスサポートセンター事業）,関市ビジネスサポートセンターへの相談件数,商工課,"2,010件"\r\n';

test('next year’s table adds that year’s values; a stale preview writes nothing; undo restores', async () => {
  const clock = new SharedClock();
  const d = device('yearly', '企画課 山田', clock);
  const records = buildWorkbook(SEKI_SAMPLE, d.ctx);
  await d.repo.addWorkbook(records);
  const sid = records.strategy.id;
  const store = { applyUpdate: d.exchange.applySheet.bind(d.exchange), undoUpdate: d.exchange.undoImport.bind(d.exchange) };
  const kpi = records.kpis.find((k) => k.name === '関市ビジネスサポートセンターへの相談件数')!;

  const grid = parseCsv(csv);
  const h = findHeaderRow(grid);
  const sheet = readRows(grid, h, guessMapping(grid[h]!.map(cellString)));
  const plan = async () => planImport(sheet, { mode: 'update', records: (await d.repo.loadWorkbook(sid))! }, d.ctx);

  const before = (await d.repo.loadWorkbook(sid))!;
  const earlier = before.kpiYears.filter((y) => y.kpiId === kpi.id && y.fiscalYear < 2022).map((y) => [y.fiscalYear, y.actual]);
  expect(earlier.length).toBeGreaterThan(0);
  const p = await plan();
  expect(p.issues).toEqual([]);
  expect(p.changes.map((c) => [c.field, c.after])).toEqual([['actual', '2,010件']]);

  // Another tab changes that KPI's 令和4年度 after the preview: nothing is written.
  const snapshotBefore = await dump(d.db);
  await d.repo.upsertKpiYear(sid, kpi.id, 2022, { shortfallReason: '別のタブで入力' });
  const changedElsewhere = await dump(d.db);
  expect(changedElsewhere).not.toBe(snapshotBefore);
  await expect(store.applyUpdate(sid, p.written, '令和4年度.csv')).rejects.toBeInstanceOf(StaleWorkbookError);
  expect(await dump(d.db)).toBe(changedElsewhere);

  // Planned again (as the screen does at 取り込む): written, earlier years untouched.
  const again = await plan();
  const snapshotId = await store.applyUpdate(sid, again.written, '令和4年度.csv');
  const after = (await d.repo.loadWorkbook(sid))!;
  const r4 = after.kpiYears.find((y) => y.kpiId === kpi.id && y.fiscalYear === 2022 && y.deletedAt === null)!;
  expect(r4.actual).toEqual({ value: 2010 });
  expect(r4.shortfallReason).toBe('別のタブで入力');
  expect(after.kpiYears.filter((y) => y.kpiId === kpi.id && y.fiscalYear < 2022).map((y) => [y.fiscalYear, y.actual])).toEqual(earlier);

  // Undo: the strategy as it was before the import.
  await store.undoUpdate(snapshotId);
  const undone = (await d.repo.loadWorkbook(sid))!;
  const r4undone = undone.kpiYears.find((y) => y.kpiId === kpi.id && y.fiscalYear === 2022 && y.deletedAt === null);
  expect(r4undone?.actual ?? null).toBeNull();
  expect(r4undone?.shortfallReason).toBe('別のタブで入力');
});

test('property: edits made in another tab between preview and 取り込む are never dropped unseen', async () => {
  const base = device('prop-base', '企画課 山田', new SharedClock());
  const sample = buildWorkbook(SEKI_SAMPLE, base.ctx);
  const kpis = sample.kpis.filter((k) => k.projectId !== null);
  const projects = sample.projects;
  // The sheet sets 令和4年度 actuals and progress for every project's KPI.
  const lines = ['No.,主な事業等,KPI (重要業績評価指標),令和4年度 (実績値),令和4年度進捗状況・課題等'];
  for (const k of kpis) {
    const p = projects.find((x) => x.id === k.projectId)!;
    lines.push(`${p.number},${p.name},${k.name},7${k.unit},取り込みの進捗`);
  }
  const grid = parseCsv(lines.join('\n'));
  const sheet = readRows(grid, 0, guessMapping(grid[0]!.map(cellString)));
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('actual' as const), kpi: fc.nat(kpis.length - 1), fy: fc.integer({ min: 2020, max: 2022 }), v: fc.integer({ min: 1, max: 999 }) }),
          fc.record({ kind: fc.constant('progress' as const), project: fc.nat(projects.length - 1), fy: fc.integer({ min: 2020, max: 2022 }), v: fc.integer({ min: 1, max: 999 }) }),
        ),
        { maxLength: 4 },
      ),
      async (edits) => {
        const d = device(`prop-${++run}`, '企画課 山田', new SharedClock());
        const records = buildWorkbook(SEKI_SAMPLE, d.ctx);
        await d.repo.addWorkbook(records);
        const sid = records.strategy.id;
        const store = { applyUpdate: d.exchange.applySheet.bind(d.exchange), undoUpdate: d.exchange.undoImport.bind(d.exchange) };
        // This run's records, in the same order as the base sample's.
        const ks = records.kpis.filter((k) => k.projectId !== null);
        const ps = records.projects;
        const plan = planImport(sheet, { mode: 'update', records: (await d.repo.loadWorkbook(sid))! }, d.ctx);
        // Another tab edits after the preview.
        for (const e of edits) {
          if (e.kind === 'actual') await d.repo.upsertKpiYear(sid, ks[e.kpi]!.id, e.fy, { actual: { value: e.v } });
          else await d.repo.upsertProjectYear(sid, ps[e.project]!.id, e.fy, { progress: `別タブ${e.v}` });
        }
        const seen = await dump(d.db);
        let stale = false;
        try {
          await store.applyUpdate(sid, plan.written, 'x.csv');
        } catch (err) {
          if (!(err instanceof StaleWorkbookError)) throw err;
          stale = true;
        }
        const after = (await d.repo.loadWorkbook(sid))!;
        if (stale) {
          // Refused: nothing written.
          expect(await dump(d.db)).toBe(seen);
          return;
        }
        // Written: every edit of the other tab that the import does not touch is still there, and
        // at most one live record per KPI (project) and year.
        const keys = after.kpiYears.filter((y) => y.deletedAt === null).map((y) => `${y.kpiId}:${y.fiscalYear}`);
        expect(new Set(keys).size).toBe(keys.length);
        const pkeys = after.projectYears.filter((y) => y.deletedAt === null).map((y) => `${y.projectId}:${y.fiscalYear}`);
        expect(new Set(pkeys).size).toBe(pkeys.length);
        for (const e of edits) {
          if (e.fy === 2022) continue; // a 令和4年度 edit means the import's records changed: it must have been refused
          if (e.kind === 'actual') {
            const y = after.kpiYears.find((x) => x.kpiId === ks[e.kpi]!.id && x.fiscalYear === e.fy && x.deletedAt === null)!;
            expect(y.actual?.value).not.toBeUndefined();
          } else {
            const y = after.projectYears.find((x) => x.projectId === ps[e.project]!.id && x.fiscalYear === e.fy && x.deletedAt === null)!;
            expect(y.progress.startsWith('別タブ')).toBe(true);
          }
        }
        expect(edits.some((e) => e.fy === 2022)).toBe(false);
      },
    ),
    { numRuns: 25 },
  );
}, 120_000);

test('undoing a spreadsheet import puts back exactly what it wrote, logs no file, and never overwrites a later edit', async () => {
  const clock = new SharedClock();
  const d = device('yearly-undo', '企画課 山田', clock);
  const records = buildWorkbook(SEKI_SAMPLE, d.ctx);
  await d.repo.addWorkbook(records);
  const sid = records.strategy.id;
  const kpi = records.kpis.find((k) => k.name === '関市ビジネスサポートセンターへの相談件数')!;
  const grid = parseCsv(csv);
  const h = findHeaderRow(grid);
  const sheet = readRows(grid, h, guessMapping(grid[h]!.map(cellString)));
  const before = await dump(d.db);
  const p = planImport(sheet, { mode: 'update', records: (await d.repo.loadWorkbook(sid))! }, d.ctx);
  const undoId = await d.exchange.applySheet(sid, p.written, '令和4年度.csv');
  // A spreadsheet is no bundle: nothing in the received-files log.
  expect(await d.db.syncLog.count()).toBe(0);

  // Someone edits a record the import wrote: the undo refuses and writes nothing.
  const r4 = (await d.repo.loadWorkbook(sid))!.kpiYears.find((y) => y.kpiId === kpi.id && y.fiscalYear === 2022 && y.deletedAt === null)!;
  await d.repo.upsertKpiYear(sid, kpi.id, 2022, { shortfallReason: '後から入力' });
  const edited = await dump(d.db);
  await expect(d.exchange.undoImport(undoId)).rejects.toBeInstanceOf(UndoConflictError);
  expect(await dump(d.db)).toBe(edited);
  expect(r4.actual).toEqual({ value: 2010 });

  // Without the later edit, the undo gives back the database byte for byte (the undo's snapshot goes).
  const e = device('yearly-undo-2', '企画課 山田', new SharedClock());
  const again = buildWorkbook(SEKI_SAMPLE, e.ctx);
  await e.repo.addWorkbook(again);
  const start = await dump(e.db);
  const p2 = planImport(sheet, { mode: 'update', records: (await e.repo.loadWorkbook(again.strategy.id))! }, e.ctx);
  const id2 = await e.exchange.applySheet(again.strategy.id, p2.written, '令和4年度.csv');
  expect(await dump(e.db)).not.toBe(start);
  await e.exchange.undoImport(id2);
  expect(await dump(e.db)).toBe(start);
  expect(before).not.toBe('');
});
