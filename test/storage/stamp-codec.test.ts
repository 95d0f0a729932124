// Field stamps are stored compactly (src/storage/stamp-codec.ts): what is read back is exactly what
// was written, whichever way it is read, and rows written before the codec are read as they are.
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decodeStamps, encodeStamps } from '../../src/storage/stamp-codec';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { openExisting } from '../../src/storage/read-workbook';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { generateStrategy } from '../support/generate';
import { CHILD_KINDS } from '../../src/domain/workbook';
import { testContext } from '../support/context';

const roundTrip = <T>(r: T): T => decodeStamps(structuredClone(encodeStamps(r)));

// Some stamps carry `got` (taken over from a file): those records are stored as they are.
const stamp = fc.record(
  { at: fc.constantFrom('2026-04-01T00:00:00.000Z', '2026-05-02T03:04:05.000Z', ''), by: fc.constantFrom('企画課', '商工課 山田', ''), got: fc.constant('2026-06-01T00:00:00.000Z') },
  { requiredKeys: ['at', 'by'] },
);
const fieldName = fc.constantFrom('name', 'unit', 'target', 'actual', 'note', 'kpiId', 'fiscalYear', '0', 'stamp', 'at');
/** A record: meta fields, some editable fields, and stamps that may or may not match them. */
const record = fc
  .tuple(fc.uniqueArray(fieldName, { maxLength: 6 }), fc.boolean(), fc.boolean(), fc.array(stamp, { minLength: 6, maxLength: 6 }))
  .map(([fields, matching, shuffled, stamps]) => {
    const r: Record<string, unknown> = {};
    fields.forEach((f, i) => (r[f] = i % 2 ? null : `値${i}`));
    Object.assign(r, { id: 'r1', strategyId: 's1', createdAt: 'c', updatedAt: 'u', updatedBy: 'b', rev: 1, deletedAt: null, deletedBatch: null });
    const stampFields = matching ? fields : fields.slice(1);
    const ordered = shuffled ? [...stampFields].reverse() : stampFields;
    r['stamps'] = Object.fromEntries(ordered.map((f, i) => [f, { ...stamps[i]! }]));
    return r;
  });

describe('encodeStamps / decodeStamps', () => {
  it('give back exactly the record, key order included, for any record (property)', () => {
    fc.assert(
      fc.property(record, (r) => {
        const back = roundTrip(r);
        expect(back).toEqual(r);
        expect(JSON.stringify(back)).toBe(JSON.stringify(r));
      }),
      { numRuns: 2000 },
    );
  });

  it('decode a frozen row into a copy', () => {
    const kpi = buildWorkbook(SEKI_SAMPLE, testContext()).kpis[0]!;
    const frozen = Object.freeze(structuredClone(encodeStamps(kpi)));
    expect(decodeStamps(frozen)).toEqual(kpi);
  });

  it('do not change the record they are given', () => {
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    const before = JSON.stringify(records.kpis[0]);
    encodeStamps(records.kpis[0]);
    expect(JSON.stringify(records.kpis[0])).toBe(before);
  });

  it('store every record of a real workbook compactly, in well under half the bytes of its stamps', () => {
    const records = buildWorkbook(generateStrategy({ goals: 3, projects: 20, kpis: 60, years: 5, seed: 3, startYear: 2020 }), testContext());
    for (const kind of CHILD_KINDS) {
      for (const r of records[kind] as { stamps: object }[]) {
        const stored = encodeStamps(r) as unknown as { stamps: unknown };
        expect(Array.isArray(stored.stamps)).toBe(true);
        expect(JSON.stringify(stored.stamps).length).toBeLessThan(JSON.stringify(r.stamps).length / 2);
        expect(roundTrip(r)).toEqual(r);
      }
    }
  });

  it('keep the time a stamp was taken over from a file (got), and read it back without a repair', () => {
    const kpi = buildWorkbook(SEKI_SAMPLE, testContext()).kpis[0]!;
    const taken = { ...kpi, stamps: { ...kpi.stamps, name: { at: '2027-01-01T00:00:00.000Z', by: '商工課', got: '2027-02-01T00:00:00.000Z' } } };
    const repairs: unknown[] = [];
    const back = decodeStamps(structuredClone(encodeStamps(taken)), (r) => repairs.push(r));
    expect(back.stamps['name']).toEqual({ at: '2027-01-01T00:00:00.000Z', by: '商工課', got: '2027-02-01T00:00:00.000Z' });
    expect(back).toEqual(taken);
    expect(repairs).toEqual([]);
  });

  it('keep an edited field’s own stamp', () => {
    const kpi = buildWorkbook(SEKI_SAMPLE, testContext()).kpis[0]!;
    const edited = { ...kpi, stamps: { ...kpi.stamps, name: { at: '2027-01-01T00:00:00.000Z', by: '商工課' } } };
    const stored = encodeStamps(edited) as unknown as { stamps: string[] };
    expect(stored.stamps).toContain('name');
    expect(roundTrip(edited)).toEqual(edited);
  });
});

describe('in the database', () => {
  it('records are stored compactly and read back whole, by every kind of read', async () => {
    const db = new WorkbookDb('codec-1');
    const repo = new WorkbookRepository(db, () => testContext());
    const records = buildWorkbook(SEKI_SAMPLE, testContext());
    await repo.addWorkbook(records);
    const sid = records.strategy.id;
    // As stored (IndexedDB without Dexie): compact.
    const raw = await openExisting(db.name);
    const stored = await new Promise<{ stamps: unknown }>((resolve) => {
      const q = raw.transaction('kpis').objectStore('kpis').get(records.kpis[0]!.id);
      q.onsuccess = () => resolve(q.result);
    });
    raw.close();
    expect(Array.isArray(stored.stamps)).toBe(true);
    // Read back: whole, whichever way.
    const kpi = records.kpis[0]!;
    expect(await db.kpis.get(kpi.id)).toEqual(kpi);
    expect(await db.kpis.bulkGet([kpi.id])).toEqual([kpi]);
    expect(await db.kpis.where('strategyId').equals(sid).toArray()).toEqual([...records.kpis].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.kpis.where('strategyId').equals(sid).first()).toEqual([...records.kpis].sort((a, b) => a.id.localeCompare(b.id))[0]);
    const seen: unknown[] = [];
    await db.kpis.where('strategyId').equals(sid).each((k) => void seen.push(k));
    expect(seen).toEqual([...records.kpis].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.kpis.filter((k) => k.id === kpi.id).toArray()).toEqual([kpi]);
    // Key order too (what a checksum or a comparison of JSON would see).
    expect(JSON.stringify((await repo.loadWorkbook(sid))!.kpis)).toBe(JSON.stringify([...records.kpis].sort((a, b) => a.id.localeCompare(b.id))));
    // An update through the repository keeps every other stamp.
    await repo.update('kpis', kpi.id, { name: '新しい名前' });
    const updated = (await db.kpis.get(kpi.id))!;
    expect(updated.name).toBe('新しい名前');
    for (const [field, s] of Object.entries(kpi.stamps)) if (field !== 'name') expect(updated.stamps[field]).toEqual(s);
    expect(updated.stamps['name']).not.toEqual(kpi.stamps['name']);
    db.close();
  });

  it('rows written before the codec (stamps as objects) are read as they are', async () => {
    const db = new WorkbookDb('codec-2');
    await db.open();
    const goal = buildWorkbook(SEKI_SAMPLE, testContext()).goals[0]!;
    const raw = await openExisting(db.name);
    await new Promise<void>((resolve) => {
      const tx = raw.transaction('goals', 'readwrite');
      tx.objectStore('goals').put(goal);
      tx.oncomplete = () => resolve();
    });
    raw.close();
    expect(await db.goals.get(goal.id)).toEqual(goal);
    db.close();
  });
});
