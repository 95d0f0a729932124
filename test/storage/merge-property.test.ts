// The merge core as people use it, property-tested against real storage code (fake-indexeddb):
// two or three copies of one strategy make random edits, deletions and restorations and exchange
// files in random order (older files too), each applied with random choices and some undone.
// - Every edit a copy did not know before an import is, after the apply, stored there or was
//   presented as a conflict (a deletion likewise); and a value stored there that the file's author
//   never knew is still stored after the apply, or was presented as a conflict: nothing is dropped
//   or overwritten unseen.
// - Undoing an import gives back every object store byte for byte, and reading the same file again
//   gives the same preview as the first time.
// - Copies that have exchanged everything (each with each, taking the file's side) agree.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { editableFields } from '../../src/bundle/format';
import type { MergePlan, Side } from '../../src/bundle';
import type { RecordKind, WorkbookRecords } from '../../src/domain/workbook';
import type { ReadOutcome } from '../../src/state/bundle-flow';
import { device, dump, SharedClock, type Device } from './devices';

type Op =
  | { t: 'year'; dev: number; k: number; fy: number }
  | { t: 'progress'; dev: number; p: number; fy: number }
  | { t: 'summary'; dev: number; p: number }
  | { t: 'delete'; dev: number; p: number }
  | { t: 'restore'; dev: number; n: number }
  | { t: 'send'; from: number; to: number; old: number | null; choice: 'mine' | 'theirs' | 'mixed'; undo: boolean };

const dev = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('year' as const), dev, k: fc.integer({ min: 0, max: 3 }), fy: fc.integer({ min: 2020, max: 2022 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('progress' as const), dev, p: fc.integer({ min: 0, max: 2 }), fy: fc.integer({ min: 2020, max: 2021 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('summary' as const), dev, p: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), dev, p: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('restore' as const), dev, n: fc.nat(5) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('send' as const),
      from: dev,
      to: dev,
      old: fc.option(fc.nat(20), { freq: 3 }),
      choice: fc.constantFrom('mine' as const, 'theirs' as const, 'mixed' as const),
      undo: fc.boolean(),
    }),
  },
);

/** A value made by one edit: unique, so it says which edit it came from. */
const isTracked = (v: unknown): v is string | number => (typeof v === 'number' && v >= 100_000) || (typeof v === 'string' && /^[ps]\d+$/.test(v));

function trackedValues(r: Record<string, unknown>, kind: RecordKind): (string | number)[] {
  if (kind === 'kpiYears') {
    const v = (r['actual'] as { value?: unknown } | null)?.value;
    return isTracked(v) ? [v] : [];
  }
  if (kind === 'projectYears') return isTracked(r['progress']) ? [r['progress']] : [];
  if (kind === 'projects') return isTracked(r['summary']) ? [r['summary']] : [];
  return [];
}

const TRACKED: RecordKind[] = ['projects', 'kpiYears', 'projectYears'];
const listOf = (records: WorkbookRecords, kind: RecordKind) =>
  (kind === 'strategies' ? [records.strategy] : records[kind]) as unknown as (Record<string, unknown> & { id: string; deletedAt: string | null; deletedBatch: string | null })[];

/** The values a person would compare: live records' fields, year records by KPI/project and year. */
function view(records: WorkbookRecords) {
  const out: Record<string, unknown> = {};
  for (const kind of ['goals', 'measures', 'projects', 'kpis', 'kpiYears', 'projectYears'] as RecordKind[]) {
    for (const r of listOf(records, kind)) {
      if (r.deletedAt !== null) continue;
      const key = kind === 'kpiYears' ? `${r['kpiId']}|${r['fiscalYear']}` : kind === 'projectYears' ? `${r['projectId']}|${r['fiscalYear']}` : r.id;
      out[`${kind}/${key}`] = Object.fromEntries(editableFields(kind).map((f) => [f, r[f] ?? null]));
    }
  }
  return out;
}

function presented(plan: MergePlan) {
  const values = new Set<unknown>();
  const batches = new Set<string>();
  for (const c of plan.conflicts) {
    values.add(c.theirs);
    if (c.field === 'actual') values.add((c.theirs as { value?: unknown } | null)?.value);
    for (const e of c.edits) {
      values.add(e.theirs);
      if (e.field === 'actual') values.add((e.theirs as { value?: unknown } | null)?.value);
    }
    if (c.batch) batches.add(c.batch);
  }
  return { values, batches };
}

function summary(plan: MergePlan) {
  return JSON.stringify([plan.changed, plan.conflicts, plan.removed, plan.added, plan.restored, plan.ignored].map((l) => l.map((x) => x.key).sort()));
}

async function run(copies: number, ops: Op[], seed: number) {
  const clock = new SharedClock();
  const devices = Array.from({ length: copies }, (_, i) => device(`d${i}`, `企画課 ${i}`, clock));
  const d0 = devices[0]!;
  const records = buildWorkbook(SEKI_SAMPLE, d0.ctx);
  await d0.repo.addWorkbook(records);
  const sid = records.strategy.id;
  const first = await d0.flow.exportFile(sid, { kind: 'strategy' }, null);
  for (const d of devices.slice(1)) {
    const o = await d.flow.read(first.text, null);
    if (o.kind !== 'new') throw new Error(o.kind);
    await d.flow.addNew(o.bundle, first.fileName);
  }
  const projects = records.projects.slice(0, 3).map((p) => p.id);
  const kpis = records.kpis.filter((k) => k.projectId !== null && projects.includes(k.projectId)).slice(0, 4).map((k) => k.id);
  const seen = devices.map(() => new Set<unknown>());
  const mailbox: { from: number; text: string; fileName: string; knew: Set<unknown> }[] = [];
  let counter = 0;
  let random = seed;
  const coin = () => ((random = (random * 1103515245 + 12345) % 2147483648) & 1024) !== 0;
  const load = async (d: Device) => (await d.repo.loadWorkbook(sid))!;
  const live = (list: { id: string; deletedAt: string | null }[], id: string) => list.some((r) => r.id === id && r.deletedAt === null);

  const send = async (from: number, to: number, text: string, fileName: string, choice: 'mine' | 'theirs' | 'mixed', undo: boolean, knew: Set<unknown>) => {
    const d = devices[to]!;
    const before = await dump(d.db);
    const seenBefore = new Set(seen[to]);
    const o = (await d.flow.read(text, null)) as Extract<ReadOutcome, { kind: 'merge' }>;
    expect(o.kind).toBe('merge');
    expect(await dump(d.db)).toBe(before); // a preview writes nothing
    const choices: Record<string, Side> = {};
    for (const c of o.plan.conflicts) choices[c.key] = choice === 'mixed' ? (coin() ? 'mine' : 'theirs') : choice;
    const localBefore = await load(d);
    if (process.env['DEBUG_MERGE'])
      console.log(`d${from}→d${to}`, JSON.stringify({ changed: o.plan.changed.map((c) => [c.key, c.theirsShown]), conflicts: o.plan.conflicts.map((c) => [c.key, c.reason, c.mineShown, c.theirsShown, c.edits.map((e) => e.key), c.members.map((m) => m.id)]), removed: o.plan.removed.map((c) => c.key), added: o.plan.added.map((c) => c.key), restored: o.plan.restored.map((c) => c.key), restamped: o.plan.restamped.map((a) => [a.id, a.field, a.stamp.at]), base: o.plan.base.mine, theirsBase: o.plan.base.theirs, snap: !!o.plan.base.snapshot }));
    const snapshotId = await d.flow.merge(o, choices, fileName);
    const after = await load(d);
    const shown = presented(o.plan);
    const shownMine = new Set<unknown>();
    for (const c of o.plan.conflicts)
      for (const d of [c, ...c.edits]) {
        shownMine.add(d.mine);
        if (d.field === 'actual') shownMine.add((d.mine as { value?: unknown } | null)?.value);
      }
    // A value stored here that the file's author never knew is not overwritten unseen.
    const storedBefore = new Set<unknown>();
    for (const kind of TRACKED) for (const r of listOf(localBefore, kind)) if (r.deletedAt === null) for (const v of trackedValues(r, kind)) storedBefore.add(v);
    const stored = new Set<unknown>();
    for (const kind of TRACKED) for (const r of listOf(after, kind)) if (r.deletedAt === null) for (const v of trackedValues(r, kind)) stored.add(v);
    for (const kind of TRACKED) {
      for (const r of listOf(o.bundle.records, kind)) {
        if (r.deletedAt === null) {
          for (const v of trackedValues(r, kind)) {
            // An edit this copy did not know: stored now, or shown as a conflict.
            if (!seenBefore.has(v)) expect(stored.has(v) || shown.values.has(v), `${kind}/${r.id}: ${v} from d${from} to d${to}`).toBe(true);
          }
        } else if (r.deletedBatch && !seenBefore.has(r.deletedBatch) && live(listOf(localBefore, kind), r.id)) {
          // A deletion this copy did not know: done now, or shown as a conflict.
          const deletedNow = !live(listOf(after, kind), r.id);
          expect(deletedNow || shown.batches.has(r.deletedBatch), `${kind}/${r.id} deleted in d${from}`).toBe(true);
        }
      }
    }
    for (const v of storedBefore)
      if (!stored.has(v) && !knew.has(v)) expect(shownMine.has(v), `${v} at d${to} overwritten by d${from}'s file`).toBe(true);
    for (const kind of TRACKED)
      for (const r of listOf(o.bundle.records, kind)) {
        for (const v of trackedValues(r, kind)) seen[to]!.add(v);
        if (r.deletedBatch) seen[to]!.add(r.deletedBatch);
      }
    if (undo) {
      await d.flow.undoImport(snapshotId);
      expect(await dump(d.db)).toBe(before);
      seen[to] = seenBefore;
      const again = (await d.flow.read(text, null)) as Extract<ReadOutcome, { kind: 'merge' }>;
      expect(again.alreadyTaken).toBe(o.alreadyTaken);
      expect(summary(again.plan)).toBe(summary(o.plan));
    }
  };

  for (const step of ops) {
    if ('dev' in step && step.dev >= copies) continue;
    if (step.t === 'send' && (step.from >= copies || step.to >= copies || step.from === step.to)) continue;
    switch (step.t) {
      case 'year': {
        const d = devices[step.dev]!;
        const kpiId = kpis[step.k % kpis.length]!;
        if (!live((await load(d)).kpis, kpiId)) break;
        const value = 100_000 + ++counter;
        await d.repo.upsertKpiYear(sid, kpiId, step.fy, { actual: { value } });
        seen[step.dev]!.add(value);
        break;
      }
      case 'progress': {
        const d = devices[step.dev]!;
        const projectId = projects[step.p]!;
        if (!live((await load(d)).projects, projectId)) break;
        const value = `p${++counter}`;
        await d.repo.upsertProjectYear(sid, projectId, step.fy, { progress: value });
        seen[step.dev]!.add(value);
        break;
      }
      case 'summary': {
        const d = devices[step.dev]!;
        const projectId = projects[step.p]!;
        if (!live((await load(d)).projects, projectId)) break;
        const value = `s${++counter}`;
        await d.repo.update('projects', projectId, { summary: value });
        seen[step.dev]!.add(value);
        break;
      }
      case 'delete': {
        const d = devices[step.dev]!;
        const projectId = projects[step.p]!;
        if (!live((await load(d)).projects, projectId)) break;
        seen[step.dev]!.add(await d.repo.deleteWithChildren('projects', projectId, sid));
        break;
      }
      case 'restore': {
        const d = devices[step.dev]!;
        const batches = [...new Set((await load(d)).projects.flatMap((p) => (p.deletedBatch ? [p.deletedBatch] : [])))];
        if (batches.length) await d.repo.restoreBatch(sid, batches[step.n % batches.length]!);
        break;
      }
      case 'send': {
        const candidates = mailbox.filter((m) => m.from !== step.to);
        const file =
          step.old !== null && candidates.length > 0
            ? candidates[step.old % candidates.length]!
            : { from: step.from, knew: new Set(seen[step.from]), ...(await devices[step.from]!.flow.exportFile(sid, { kind: 'strategy' }, null)) };
        if (file.from === step.from && step.old === null) mailbox.push(file as never);
        await send(file.from, step.to, file.text, file.fileName, step.choice, step.undo, file.knew);
        break;
      }
    }
  }

  const exchange = async (from: number, to: number) => {
    const knew = new Set(seen[from]);
    const file = await devices[from]!.flow.exportFile(sid, { kind: 'strategy' }, null);
    await send(from, to, file.text, file.fileName, 'theirs', false, knew);
  };
  const agree = async (how: string, liveEverywhere: boolean) => {
    let views = await Promise.all(devices.map(async (d) => view(await load(d))));
    if (liveEverywhere) {
      const keys = Object.keys(views[0]!).filter((k) => views.every((v) => k in v));
      views = views.map((v) => Object.fromEntries(keys.map((k) => [k, v[k]])));
    }
    for (const [i, v] of views.entries()) expect(v, `${how}: d${i} and d0 differ`).toEqual(views[0]);
  };
  // First a ring: each copy sends only to the next, taking the file's side. A decision about a
  // value must travel on through a copy that already holds the same value, so a few rounds bring
  // the values of records live everywhere to agree. (A decision to keep a record, or keep it
  // deleted, does not yet pass through a copy in the same state: docs/bundle-format.md "Merging".)
  for (let round = 0; round < copies + 1; round++) for (let i = 0; i < copies; i++) await exchange(i, (i + 1) % copies);
  await agree('after the ring', true);
  // Then everyone exchanges everything with everyone, taking the file's side.
  for (let round = 0; round < 2; round++)
    for (let i = 0; i < copies; i++)
      for (let to = 0; to < copies; to++) if (to !== i) await exchange(i, to);
  await agree('after exchanging everything', false);
}

/**
 * Random sequences per test run. One sequence takes about 1 s on a 2-core machine shared with other
 * work (45 took 48 s), so 20 stay well under a minute when idle; the timeout leaves room for a
 * loaded machine and for shrinking a failure. Run more before changing the merge:
 * `MERGE_PROPERTY_RUNS=300 npx vitest run --project unit test/storage/merge-property.test.ts`.
 */
const NUM_RUNS = Number(process.env['MERGE_PROPERTY_RUNS'] ?? 20);

/** Sequences the property once found wrong, kept as examples. */
const FOUND: [number, Op[], number][] = [
  // Restored in the file under a deletion here, with an edit to a record deleted with it: the
  // restoration must bring back every record of the batch, not the batch's root four times.
  [
    2,
    [
      { t: 'delete', dev: 0, p: 0 },
      { t: 'send', from: 0, to: 1, old: null, choice: 'mine', undo: false },
      { t: 'year', dev: 1, k: 0, fy: 2020 },
      { t: 'progress', dev: 0, p: 0, fy: 2020 },
    ],
    0,
  ],
  // A copy kept its side of a deletion conflict; its next file must carry that decision.
  [
    3,
    [
      { t: 'delete', dev: 0, p: 0 },
      { t: 'send', from: 0, to: 1, old: null, choice: 'mine', undo: false },
      { t: 'send', from: 2, to: 0, old: null, choice: 'mine', undo: false },
    ],
    0,
  ],
  // Added here under a project the file deleted: the addition counts as an edit here.
  [3, [{ t: 'progress', dev: 1, p: 0, fy: 2021 }, { t: 'year', dev: 0, k: 0, fy: 2020 }, { t: 'delete', dev: 0, p: 0 }], 0],
  // d0 keeps its side of a conflict with d2's value; d1 already holds d0's value. In the ring
  // d0→d1→d2, the decision must pass through d1 to d2 (equal values adopt the later stamp), or d2
  // keeps its value forever and nobody on d2 is asked.
  [
    3,
    [
      { t: 'send', from: 1, to: 2, old: null, choice: 'mine', undo: false },
      { t: 'year', dev: 2, k: 0, fy: 2020 },
      { t: 'send', from: 2, to: 0, old: null, choice: 'mine', undo: false },
    ],
    0,
  ],
  // Each copy added the same KPI's year under its own id, the first before the base's time: the
  // other's value is not one this copy ever knew.
  [
    2,
    [
      { t: 'year', dev: 1, k: 2, fy: 2021 },
      { t: 'send', from: 0, to: 1, old: null, choice: 'mine', undo: false },
      { t: 'year', dev: 0, k: 2, fy: 2021 },
      { t: 'send', from: 1, to: 0, old: null, choice: 'mine', undo: false },
      { t: 'send', from: 0, to: 0, old: null, choice: 'mine', undo: false },
      { t: 'progress', dev: 0, p: 0, fy: 2020 },
    ],
    0,
  ],
  // Both copies made the project's year record under their own ids; one then deleted the project.
  // When the other's file brings the project back, its year record is the one deleted here with
  // the project (same project and year), not a second record for that year.
  [2, [{ t: 'progress', dev: 1, p: 0, fy: 2021 }, { t: 'progress', dev: 0, p: 0, fy: 2021 }, { t: 'delete', dev: 1, p: 0 }], 0],
  // d2 keeps its value over d1's; d0 holds the same value and had already written to d1 before the
  // decision reached it. The decision must still travel d2→d0→d1: d0 took the stamp over after its
  // last file to d1 (FieldStamp.got), so d1 sees the field as changed there (found at 40 of 300).
  [
    3,
    [
      { t: 'summary', dev: 1, p: 0 },
      { t: 'send', from: 1, to: 2, old: null, choice: 'mine', undo: false },
      { t: 'year', dev: 0, k: 0, fy: 2020 },
      { t: 'summary', dev: 0, p: 1 },
      { t: 'progress', dev: 0, p: 0, fy: 2020 },
    ],
    0,
  ],
];

describe('merging copies (property)', () => {
  it.each(FOUND)('holds for a sequence once found wrong (%#)', async (copies, ops, seed) => {
    await run(copies, ops, seed);
  }, 120_000);

  it('never drops an edit unseen, undoes byte for byte, and copies that exchanged everything agree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 3 }), fc.array(op, { minLength: 4, maxLength: 16 }), fc.nat(), async (copies, ops, seed) => {
        await run(copies, ops, seed);
      }),
      { numRuns: NUM_RUNS },
    );
  }, Math.max(300_000, NUM_RUNS * 10_000));
});
