// Reading is tolerant: records whose field stamps are in an unexpected shape (the compact array
// read as an object by older code and saved again, junk, functions) are read back with valid
// stamps, well-formed stamps kept, the strategy exports, and each repair is written back and logged.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeStamps, encodeStamps } from '../../src/storage/stamp-codec';
import { WorkbookDb, SCHEMA_V3 } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { openExisting, readWorkbookPart, type ReadRepair } from '../../src/storage/read-workbook';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { META_KEYS } from '../../src/domain/records';
import { CHILD_KINDS, type WorkbookRecords } from '../../src/domain/workbook';
import { serializeBundle, parseBundle } from '../../src/bundle';
import { exportOptions } from '../bundle/helpers';
import { testContext } from '../support/context';

type Row = Record<string, unknown> & { id: string; stamps: Record<string, { at: string; by: string }> };

/** How a record's stamps are stored. */
const SHAPES = ['object', 'compact', 'spread', 'spreadEdited', 'arrayWithProp', 'junk', 'someJunk', 'missing'] as const;
type Shape = (typeof SHAPES)[number];

const LATER = { at: '2026-09-09T09:09:09.000Z', by: '総務課 佐藤' };

/** The stored stamps of `r` in shape `shape`, and what a repaired read must give for each field. */
function store(r: Row, shape: Shape, junk: unknown): { stored: unknown; expected: Record<string, { at: string; by: string }> | 'exact' } {
  const compact = (encodeStamps(r) as Row).stamps as unknown;
  const fields = Object.keys(r).filter((k) => !META_KEYS.has(k));
  const fallback = { at: r['updatedAt'] as string, by: r['updatedBy'] as string };
  const edited = fields[0];
  switch (shape) {
    case 'object':
      return { stored: r.stamps, expected: 'exact' };
    case 'compact':
      return { stored: compact, expected: 'exact' };
    case 'spread':
      // Older code: `{ ...stamps }` of the compact array, saved again.
      return { stored: Array.isArray(compact) ? { ...compact } : compact, expected: Array.isArray(compact) && compact.length > 0 ? r.stamps : 'exact' };
    case 'spreadEdited': {
      if (!Array.isArray(compact) || !edited) return { stored: compact, expected: 'exact' };
      return { stored: { ...compact, [edited]: LATER }, expected: { ...r.stamps, [edited]: LATER } };
    }
    case 'arrayWithProp': {
      if (!Array.isArray(compact) || !edited) return { stored: compact, expected: 'exact' };
      const arr: unknown[] & Record<string, unknown> = [...compact] as never;
      arr[edited] = LATER;
      return { stored: arr, expected: { ...r.stamps, [edited]: LATER } };
    }
    case 'junk':
      return { stored: junk, expected: Object.fromEntries(fields.map((f) => [f, fallback])) };
    case 'someJunk': {
      const stored: Record<string, unknown> = { ...r.stamps };
      const expected: Record<string, { at: string; by: string }> = { ...r.stamps };
      if (edited) (stored[edited] = junk), (expected[edited] = fallback);
      return { stored, expected };
    }
    case 'missing':
      return { stored: undefined, expected: Object.fromEntries(fields.map((f) => [f, fallback])) };
  }
}

const JUNK = fc.constantFrom<unknown>(null, 0, 7, 'x', '', true, [1, 2], ['a'], { at: 5 }, [null, null], { 0: 1, 1: 2 });

function allRows(records: WorkbookRecords): [string, Row][] {
  return [['strategies', records.strategy as unknown as Row], ...CHILD_KINDS.flatMap((k) => (records[k] as unknown as Row[]).map((r) => [k, r] as [string, Row]))];
}

function expectValidRow(r: Row) {
  expect(r.stamps && typeof r.stamps === 'object' && !Array.isArray(r.stamps)).toBe(true);
  for (const [, s] of Object.entries(r.stamps)) {
    expect(typeof s.at).toBe('string');
    expect(typeof s.by).toBe('string');
    expect(Object.keys(s)).toEqual(['at', 'by']);
  }
}

function expectValid(records: WorkbookRecords) {
  for (const [, r] of allRows(records)) expectValidRow(r);
}

let dbCount = 0;

describe('tolerant stamp reading', () => {
  it('repairs any stamps in memory: well-formed ones given back exactly, others made whole (property)', () => {
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    const rows = allRows(records).map(([, r]) => r);
    fc.assert(
      fc.property(fc.constantFrom(...rows), fc.constantFrom(...SHAPES), JUNK, fc.boolean(), (r, shape, junk, asFunction) => {
        const { stored, expected } = store(r, shape, asFunction && shape === 'someJunk' ? () => 'function' : junk);
        const row = { ...structuredClone({ ...r, stamps: undefined }), stamps: stored } as Row;
        const repairs: unknown[] = [];
        const back = decodeStamps(row, (x) => repairs.push(x)) as Row;
        expect(back.stamps).toEqual(expected === 'exact' ? r.stamps : expected);
        if (expected === 'exact') expect(repairs).toEqual([]);
        else expect(repairs.length).toBe(1);
        expectValidRow(back);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('reads any mix of object-shaped, compact and damaged stamps back valid, exports it, writes the repairs back and logs them (property)', async () => {
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    const rows = allRows(records);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...SHAPES), JUNK), { minLength: rows.length, maxLength: rows.length }), async (shapes) => {
        const name = `repair-${++dbCount}`;
        // Stored as older code left it: through a connection without the codec.
        const raw = new Dexie(name);
        raw.version(3).stores(SCHEMA_V3);
        const expectations = new Map<string, Record<string, { at: string; by: string }>>();
        let damaged = 0;
        await raw.transaction('rw', raw.tables, async () => {
          for (let i = 0; i < rows.length; i++) {
            const [kind, r] = rows[i]!;
            const [shape, junk] = shapes[i]!;
            const { stored, expected } = store(r, shape, junk);
            expectations.set(r.id, expected === 'exact' ? r.stamps : expected);
            if (expected !== 'exact') damaged++;
            await raw.table(kind).put({ ...r, stamps: stored });
          }
        });
        raw.close();

        // The worker's read and the page's read give the same repaired records.
        const idb = await openExisting(name);
        const workerRepairs: ReadRepair[] = [];
        const viaWorker = (await readWorkbookPart(idb, records.strategy.id, 'all', (r) => workerRepairs.push(r))) as WorkbookRecords;
        idb.close();
        expect(workerRepairs.length).toBe(damaged);

        const db = new WorkbookDb(name);
        const repo = new WorkbookRepository(db, () => testContext());
        const loaded = (await repo.loadWorkbook(records.strategy.id))!;
        expect(loaded).toEqual(viaWorker);
        expectValid(loaded);
        for (const [, r] of allRows(loaded)) expect(r.stamps, r.id).toEqual(expectations.get(r.id));
        // Everything else of each record is as it was.
        const strip = (x: WorkbookRecords) => allRows(x).map(([k, r]) => [k, { ...r, stamps: null }]);
        expect(strip(loaded)).toEqual(strip(records));

        // It exports, and the file reads back.
        const { json } = await serializeBundle(loaded, exportOptions());
        expect((await parseBundle(json)).ok).toBe(true);

        // Written back repaired and logged once.
        await db.stampRepairs.settled();
        const log = await db.stampRepairs.list();
        expect(log.length).toBe(damaged);
        const again = new WorkbookDb(name);
        const repairedAgain: unknown[] = [];
        again.stampRepairs.note = (k, r) => void repairedAgain.push([k, r]);
        expect(await new WorkbookRepository(again, () => testContext()).loadWorkbook(records.strategy.id)).toEqual(loaded);
        expect(repairedAgain).toEqual([]);
        again.close();
        db.close();
        await Dexie.delete(name);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
