// Applying a previewed bundle against what is stored at the moment of the write (issue cases 4–5):
// a preview writes nothing; an apply re-merges field by field against the stored records, or stops
// when that needs a new decision; an undo puts back exactly what was stored, the file log included.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { allChoices } from '../../src/bundle';
import { StalePreviewError, type ReadOutcome } from '../../src/state/bundle-flow';
import { UndoConflictError } from '../../src/storage/exchange-repository';
import { device, dump, SharedClock, type Device } from './devices';
import { sideText } from '../../src/features/bundles/merge-words';

// Several devices through fake-indexeddb: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

type Merge = Extract<ReadOutcome, { kind: 'merge' }>;

async function start() {
  const clock = new SharedClock();
  const planning = device('plan', '企画課 山田', clock);
  const a = device('a', '企画課 鈴木', clock);
  const b = device('b', '企画課 田中', clock);
  const records = buildWorkbook(SEKI_SAMPLE, planning.ctx);
  await planning.repo.addWorkbook(records);
  const sid = records.strategy.id;
  const first = await planning.flow.exportFile(sid, { kind: 'strategy' }, null);
  for (const d of [a, b]) {
    const o = await d.flow.read(first.text, null);
    if (o.kind !== 'new') throw new Error(o.kind);
    await d.flow.addNew(o.bundle, first.fileName);
  }
  const kpi = records.kpis.find((k) => k.projectId !== null)!;
  return { clock, planning, a, b, sid, kpi };
}

async function preview(d: Device, text: string): Promise<Merge> {
  const o = await d.flow.read(text, null);
  if (o.kind !== 'merge') throw new Error(o.kind);
  return o;
}

const year = async (d: Device, sid: string, kpiId: string, fy: number) =>
  (await d.repo.loadWorkbook(sid))!.kpiYears.find((y) => y.kpiId === kpiId && y.fiscalYear === fy && y.deletedAt === null)!;

describe('a preview', () => {
  it('writes nothing at all (no copy row either)', async () => {
    const { planning, a, sid, kpi } = await start();
    await a.repo.upsertKpiYear(sid, kpi.id, 2020, { actual: { value: 4242 } });
    const file = await a.flow.exportFile(sid, { kind: 'strategy' }, null);
    const fresh = device('fresh', '企画課', new SharedClock());
    const o = await fresh.flow.read(file.text, null);
    if (o.kind !== 'new') throw new Error(o.kind);
    await fresh.flow.addNew(o.bundle, file.fileName);
    for (const d of [planning, fresh]) {
      const before = await dump(d.db);
      await preview(d, file.text);
      expect(await dump(d.db)).toBe(before);
    }
    expect(await fresh.db.copies.count()).toBe(1); // made by adding the strategy, not by the preview
  });
});

describe('applying a preview that has gone stale (case 4)', () => {
  it('two previews of files changing different fields of one KPI year both land', async () => {
    const { planning, a, b, sid, kpi } = await start();
    await a.repo.upsertKpiYear(sid, kpi.id, 2020, { actual: { value: 4242 } });
    await b.repo.upsertKpiYear(sid, kpi.id, 2020, { shortfallReason: '天候不順のため' });
    const fa = await a.flow.exportFile(sid, { kind: 'strategy' }, null);
    const fb = await b.flow.exportFile(sid, { kind: 'strategy' }, null);
    const tab1 = await preview(planning, fa.text);
    const tab2 = await preview(planning, fb.text);
    await planning.flow.merge(tab1, {}, fa.fileName);
    await planning.flow.merge(tab2, {}, fb.fileName);
    expect(await year(planning, sid, kpi.id, 2020)).toMatchObject({ actual: { value: 4242 }, shortfallReason: '天候不順のため' });
  });

  it('a field saved here between preview and apply stays; the file’s other fields land', async () => {
    const { planning, a, sid, kpi } = await start();
    await a.repo.upsertKpiYear(sid, kpi.id, 2020, { actual: { value: 4242 } });
    const fa = await a.flow.exportFile(sid, { kind: 'strategy' }, null);
    const tab = await preview(planning, fa.text);
    await planning.repo.upsertKpiYear(sid, kpi.id, 2020, { statusNote: '別のタブで保存' });
    await planning.flow.merge(tab, {}, fa.fileName);
    expect(await year(planning, sid, kpi.id, 2020)).toMatchObject({ actual: { value: 4242 }, statusNote: '別のタブで保存' });
  });

  it('stops, writing nothing, when a field the file changes was saved here meanwhile; the fresh preview asks', async () => {
    const { planning, a, sid, kpi } = await start();
    await a.repo.upsertKpiYear(sid, kpi.id, 2020, { actual: { value: 4242 } });
    const fa = await a.flow.exportFile(sid, { kind: 'strategy' }, null);
    const tab = await preview(planning, fa.text);
    expect(tab.plan.changed.map((c) => sideText(c, 'theirs'))).toEqual(['4,242件']);
    await planning.repo.upsertKpiYear(sid, kpi.id, 2020, { actual: { value: 7 } });
    const before = await dump(planning.db);
    const error = await planning.flow.merge(tab, {}, fa.fileName).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StalePreviewError);
    expect((error as StalePreviewError).keys).toHaveLength(1);
    expect(await dump(planning.db)).toBe(before);
    const again = await preview(planning, fa.text);
    expect(again.plan.conflicts.map((c) => [sideText(c, 'mine'), sideText(c, 'theirs')])).toEqual([['7件', '4,242件']]);
    await planning.flow.merge(again, { [again.plan.conflicts[0]!.key]: 'theirs' }, fa.fileName);
    expect((await year(planning, sid, kpi.id, 2020)).actual).toEqual({ value: 4242 });
  });
});

describe('undoing an import (case 5)', () => {
  it('puts back every store as it was; the same file imports again like the first time; the next export names the old base', async () => {
    const { planning, a, sid, kpi } = await start();
    // Planning took in a's earlier file; the next export names it as its base.
    await a.repo.upsertKpiYear(sid, kpi.id, 2020, { actual: { value: 1 } });
    const f1 = await a.flow.exportFile(sid, { kind: 'strategy' }, null);
    await planning.flow.merge(await preview(planning, f1.text), {}, f1.fileName);
    await a.repo.upsertKpiYear(sid, kpi.id, 2020, { actual: { value: 2 } });
    const f2 = await a.flow.exportFile(sid, { kind: 'strategy' }, null);

    const before = await dump(planning.db);
    const first = await preview(planning, f2.text);
    expect(first.alreadyTaken).toBe(false);
    const snapshotId = await planning.flow.merge(first, allChoices(first.plan, 'theirs'), f2.fileName);
    expect((await year(planning, sid, kpi.id, 2020)).actual).toEqual({ value: 2 });
    await planning.flow.undoImport(snapshotId);
    expect(await dump(planning.db)).toBe(before);

    const again = await preview(planning, f2.text);
    expect(again.alreadyTaken).toBe(false);
    expect(again.plan.changed.map((c) => [c.key, sideText(c, 'mine'), sideText(c, 'theirs')])).toEqual(first.plan.changed.map((c) => [c.key, sideText(c, 'mine'), sideText(c, 'theirs')]));
    const out = await planning.flow.exportFile(sid, { kind: 'strategy' }, null);
    expect(JSON.parse(out.text).basedOn.exportId).toBe(JSON.parse(f1.text).exportId);
  });

  it('refuses, writing nothing, when a record it wrote was changed since', async () => {
    const { planning, a, sid, kpi } = await start();
    await a.repo.upsertKpiYear(sid, kpi.id, 2020, { actual: { value: 3 } });
    const f = await a.flow.exportFile(sid, { kind: 'strategy' }, null);
    const snapshotId = await planning.flow.merge(await preview(planning, f.text), {}, f.fileName);
    await planning.repo.upsertKpiYear(sid, kpi.id, 2020, { statusNote: '取り込み後に入力' });
    const before = await dump(planning.db);
    await expect(planning.flow.undoImport(snapshotId)).rejects.toBeInstanceOf(UndoConflictError);
    expect(await dump(planning.db)).toBe(before);
  });
});
