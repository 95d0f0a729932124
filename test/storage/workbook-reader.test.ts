import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { answerRead, openExisting, readWorkbookPart, type ReadPart, type ReadRequest, type ReadResponse, type ReadResult } from '../../src/storage/read-workbook';
import { WorkerReader, type WorkbookReader } from '../../src/storage/workbook-reader';
import { packSnapshot, summaryOf, unpackSnapshot } from '../../src/storage/snapshot-payload';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { generateStrategy } from '../support/generate';
import type { WorkbookRecords } from '../../src/domain/workbook';
import { testContext } from '../support/context';

let db: WorkbookDb;
let repo: WorkbookRepository;
let n = 0;

beforeEach(() => {
  db = new WorkbookDb(`reader-${++n}`);
  const ctx = testContext();
  repo = new WorkbookRepository(db, () => ctx);
});

/** Two strategies (the reader must keep them apart), one record of each kind deleted (tombstones are read too). */
async function twoStrategies(): Promise<[string, string]> {
  const ctx = testContext();
  const big = buildWorkbook(generateStrategy({ goals: 3, projects: 20, kpis: 60, years: 5, seed: 3, startYear: 2020 }), ctx);
  await repo.addWorkbook(big);
  const sample = buildWorkbook(SEKI_SAMPLE, ctx);
  await repo.addWorkbook(sample);
  await repo.deleteWithChildren('projects', sample.projects[1]!.id, sample.strategy.id);
  await repo.deleteWithChildren('kpis', big.kpis[5]!.id, big.strategy.id);
  return [big.strategy.id, sample.strategy.id];
}

/** What the worker posts: the records through JSON. */
const throughJson = (r: ReadResult) => JSON.parse(JSON.stringify(r ?? null)) ?? undefined;

describe('readWorkbookPart (the reader worker’s read, IndexedDB without Dexie)', () => {
  it('reads exactly what the repository reads, for every part', async () => {
    const ids = await twoStrategies();
    const raw = await openExisting(db.name);
    for (const id of ids) {
      const all = (await repo.loadWorkbook(id))!;
      const first = (await repo.loadWorkbook(id, false))!;
      expect(first.projectYears).toEqual([]);
      expect(throughJson(await readWorkbookPart(raw, id, 'all'))).toEqual(all);
      expect(throughJson(await readWorkbookPart(raw, id, 'first'))).toEqual(first);
      expect(throughJson(await readWorkbookPart(raw, id, 'rest'))).toEqual(all.projectYears);
      // Same records in the same order, including tombstones.
      expect(JSON.stringify(await readWorkbookPart(raw, id, 'all'))).toBe(JSON.stringify(all));
    }
    raw.close();
  });

  it('says undefined for a strategy that is not there', async () => {
    await twoStrategies();
    const raw = await openExisting(db.name);
    expect(await readWorkbookPart(raw, 'no-such-strategy', 'all')).toBeUndefined();
    expect(await readWorkbookPart(raw, 'no-such-strategy', 'rest')).toEqual([]);
    raw.close();
  });

  it('does not create a database that is not there', async () => {
    await expect(openExisting('never-created')).rejects.toBeTruthy();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain('never-created');
  });
});

/**
 * A stand-in for the browser's Worker that answers as workbook-reader.worker.ts does (with the
 * same `answerRead`), so that the page side can be tested without a browser; e2e tests use the
 * real one.
 */
class InProcessWorker {
  onmessage: ((e: MessageEvent<ReadResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  requests: ReadRequest[] = [];
  constructor(private readonly answer: (r: ReadRequest) => Promise<ReadResponse>) {}
  postMessage(request: ReadRequest) {
    this.requests.push(request);
    void this.answer(request).then((data) => this.onmessage?.({ data } as MessageEvent<ReadResponse>));
  }
  terminate() {
    this.terminated = true;
  }
  crash() {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
}

const readingWorker = () => new InProcessWorker(answerRead);

describe('WorkerReader (the page side)', () => {
  it('answers each read with the records the worker posted', async () => {
    const [big, sample] = await twoStrategies();
    const worker = readingWorker();
    let created = 0;
    const reader = new WorkerReader(db.name, () => (created++, worker as unknown as Worker));
    const [a, b, c] = await Promise.all([reader.read(big, 'all'), reader.read(sample, 'first'), reader.read('gone', 'all')]);
    expect(a).toEqual(await repo.loadWorkbook(big));
    expect(b).toEqual(await repo.loadWorkbook(sample, false));
    expect(c).toBeUndefined();
    expect(created).toBe(1);
    expect(worker.requests.map((r) => r.part)).toEqual(['all', 'first', 'all']);
  });

  it('packs a whole strategy for a snapshot: the records as a JSON Blob, with what it holds', async () => {
    const [big, sample] = await twoStrategies();
    const reader = new WorkerReader(db.name, () => readingWorker() as unknown as Worker);
    for (const id of [big, sample]) {
      const records = (await repo.loadWorkbook(id))!;
      const packed = (await reader.pack(id))!;
      expect(packed.payload).toBeInstanceOf(Blob);
      expect(await unpackSnapshot(packed)).toEqual(records);
      expect(packed.summary).toEqual(packSnapshot(records).summary);
      expect(packed.summary.bytes).toBe(new TextEncoder().encode(JSON.stringify(records)).length);
    }
    const sampleSummary = (await reader.pack(sample))!.summary;
    // The sample has 4 goals and 10 projects, one deleted above (its KPI goes with it).
    expect(sampleSummary.counts.goals).toBe(4);
    expect(sampleSummary.counts.projects).toBe(9);
    expect(sampleSummary.strategyName).toContain('関市');
    expect(await reader.pack('gone')).toBeUndefined();
  });

  it('answers null (read it on the page) when the worker says it could not read', async () => {
    const reader = new WorkerReader(db.name, () => new InProcessWorker(async ({ id }) => ({ id, ok: false, error: 'open failed' })) as unknown as Worker);
    expect(await reader.read('x', 'all')).toBeNull();
  });

  it('after the worker failed, answers null at once, also for reads in flight, and starts no other worker', async () => {
    let created = 0;
    const worker = new InProcessWorker(() => new Promise<ReadResponse>(() => {})); // never answers
    const reader = new WorkerReader(db.name, () => (created++, worker as unknown as Worker));
    const inFlight = reader.read('x', 'all');
    worker.crash();
    expect(await inFlight).toBeNull();
    expect(worker.terminated).toBe(true);
    expect(await reader.read('x', 'first')).toBeNull();
    expect(created).toBe(1);
  });

  it('answers null when no worker can be made (no Worker in this browser)', async () => {
    const reader = new WorkerReader(db.name, () => {
      throw new ReferenceError('Worker is not defined');
    });
    expect(await reader.read('x', 'all')).toBeNull();
  });
});

describe('WorkbookRepository.watchWorkbook with a reader', () => {
  /** A reader that reads through the worker stand-in and notes every part it was asked for. */
  function recordingReader(answer: 'read' | 'cannot'): WorkbookReader & { parts: ReadRequest['part'][] } {
    const worker = answer === 'read' ? readingWorker() : new InProcessWorker(async ({ id }) => ({ id, ok: false, error: 'no' }));
    const inner = new WorkerReader(db.name, () => worker as unknown as Worker);
    const parts: ReadRequest['part'][] = [];
    return { parts, read: (id, part) => (parts.push(part), inner.read(id, part)), pack: (id) => (parts.push('pack'), inner.pack(id)) };
  }

  for (const answer of ['read', 'cannot'] as const) {
    it(`delivers the same records as without one (reader ${answer === 'read' ? 'reads' : 'cannot read: read on the page'})`, async () => {
      const [big] = await twoStrategies();
      const reader = recordingReader(answer);
      const withReader = new WorkbookRepository(db, () => testContext(), reader);
      const delivered: WorkbookRecords[] = [];
      let complete = false;
      const sub = withReader.watchWorkbook(big, { next: (rec, c) => (delivered.push(rec!), (complete ||= c)), error: (e) => expect.fail(String(e)) });
      await expect.poll(() => complete).toBe(true);
      // The quick first part is read on the page (it is waited for); the rest by the reader.
      expect(reader.parts).toEqual(['rest']);
      expect(delivered[0]).toEqual(await repo.loadWorkbook(big, false));
      expect(delivered.at(-1)).toEqual(await repo.loadWorkbook(big));

      // A change that names a range (here: a cleared table) is read again whole, by the reader.
      const meeting = { ...delivered.at(-1)!.goals[0]!, id: 'm-1' };
      await db.meetings.put(meeting as never);
      await expect.poll(() => delivered.at(-1)!.meetings.length).toBe(1);
      await db.meetings.clear();
      await expect.poll(() => reader.parts.at(-1)).toBe('all');
      await expect.poll(() => delivered.at(-1)!.meetings.length).toBe(0);
      expect(delivered.at(-1)).toEqual(await repo.loadWorkbook(big));
      sub.unsubscribe();
    });
  }

  for (const answer of ['read', 'cannot'] as const) {
    it(`packWorkbook packs the same records (reader ${answer === 'read' ? 'packs' : 'cannot: packed on the page'})`, async () => {
      const [big] = await twoStrategies();
      const reader = recordingReader(answer);
      const withReader = new WorkbookRepository(db, () => testContext(), reader);
      const packed = (await withReader.packWorkbook(big))!;
      expect(reader.parts).toEqual(['pack']);
      expect(await unpackSnapshot(packed)).toEqual(await repo.loadWorkbook(big));
      expect(packed.summary).toEqual(summaryOf({ records: (await repo.loadWorkbook(big))! }));
      expect(await withReader.packWorkbook('gone')).toBeUndefined();
    });
  }
});
