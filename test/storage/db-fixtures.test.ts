// Databases written by each earlier database version and stamp format, captured from the commits
// that shipped them (test/fixtures/db/capture.mjs), opened by the current code: every record and
// stamp is what that code read, sent files are found, the strategy exports, nothing is lost.
// Damage older code did to newer data is repaired, written back and listed once.
import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkbookDb } from '../../src/storage/db';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { ExchangeRepository } from '../../src/storage/exchange-repository';
import { openExisting, readWorkbookPart } from '../../src/storage/read-workbook';
import { serializeBundle, parseBundle } from '../../src/bundle';
import { CHILD_KINDS, type WorkbookRecords } from '../../src/domain/workbook';
import { restoreDatabase, fixtureValue, type DatabaseDump } from '../fixtures/db/idb-dump.mjs';
import { exportOptions } from '../bundle/helpers';
import { testContext } from '../support/context';

interface Fixture {
  name: string;
  about: string;
  steps: string[];
  dump: DatabaseDump;
  expected: Record<string, unknown>;
}

const dir = new URL('../fixtures/db/', import.meta.url);
const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Fixture);

describe('database fixtures of every earlier version, opened by the current code', () => {
  it('covers each database version and stamp format', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(['v1-object', 'v2-object', 'v3-compact', 'v3-compact-edited-by-older-tab', 'v3-object']);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name} (${fixture.about}): every record and stamp equal, sent files found, export works`, async () => {
      const name = `fixture-${fixture.name}`;
      await restoreDatabase(fixture.dump, name);
      const expected = fixtureValue(fixture.expected) as Record<string, Record<string, unknown>>;
      const damaged = fixture.name.includes('older-tab');

      const db = new WorkbookDb(name);
      await db.open();
      expect(db.verno).toBe(3);
      // Each record as the code that wrote it read it.
      for (const [key, record] of Object.entries(expected)) {
        const [table, id] = key.split('/') as [string, string];
        expect(await db.table(table).get(id), key).toEqual(record);
      }
      const strategy = Object.entries(expected).find(([k]) => k.startsWith('strategies/'))![1] as { id: string };
      const repo = new WorkbookRepository(db, () => testContext());
      const loaded = (await repo.loadWorkbook(strategy.id))!;
      const count = 1 + CHILD_KINDS.reduce((n, k) => n + loaded[k].length, 0);
      expect(count).toBe(Object.keys(expected).length);
      // The reader worker's way reads the same.
      const idb = await openExisting(name);
      expect(await readWorkbookPart(idb, strategy.id, 'all')).toEqual(loaded);
      idb.close();
      expect((await db.settings.get('editorName'))?.value).toBe('企画課 山田');

      // A file sent before is still the ancestor a returning file is merged with.
      const exchange = new ExchangeRepository(db, repo, { newId: () => 'id', now: () => '2026-06-01T00:00:00.000Z' });
      if (fixture.name !== 'v1-object') {
        const sent = (await exchange.sentSnapshot('sent-1')) as WorkbookRecords;
        expect(sent.strategy.id).toBe(strategy.id);
        expect(sent.goals.length).toBe(loaded.goals.length);
      }

      // It exports, and the file reads back with the same records.
      const { json } = await serializeBundle(loaded, exportOptions());
      const parsed = await parseBundle(json);
      expect(parsed.ok).toBe(true);

      // Damage is written back repaired and listed once; clean data is never rewritten.
      await db.stampRepairs.settled();
      const log = await db.stampRepairs.list();
      // (The older tab changed a goal and a project.)
      expect(log.map((e) => e.kind).sort()).toEqual(damaged ? ['goals', 'projects'] : []);
      if (damaged) expect(log.every((e) => e.replaced.length === 0)).toBe(true);
      db.close();
      const again = new WorkbookDb(name);
      for (const [key, record] of Object.entries(expected)) {
        const [table, id] = key.split('/') as [string, string];
        expect(await again.table(table).get(id), key).toEqual(record);
      }
      expect(await again.stampRepairs.list()).toHaveLength(log.length);
      again.close();
    });
  }
});
