/**
 * Devices for merge tests against real storage code (fake-indexeddb): each has its own database,
 * ids and editor, and all share one clock (roughly agreeing clocks, as real devices have).
 * `dump` reads every object store raw (no Dexie hooks), so two dumps compare the stored bytes.
 */
import 'fake-indexeddb/auto';
import { WorkbookDb } from '../../src/storage/db';
import { WRITE_MARK_KEY } from '../../src/storage/kept-dashboard';
import { WorkbookRepository } from '../../src/storage/workbook-repository';
import { ExchangeRepository } from '../../src/storage/exchange-repository';
import { BundleFlow } from '../../src/state/bundle-flow';
import type { RecordContext } from '../../src/domain/records';

let databases = 0;

export class SharedClock {
  tick = 0;
  constructor(readonly start = Date.UTC(2026, 4, 1)) {}
  now(): string {
    this.tick++;
    return new Date(this.start + this.tick * 1000).toISOString();
  }
}

export interface Device {
  name: string;
  db: WorkbookDb;
  repo: WorkbookRepository;
  exchange: ExchangeRepository;
  flow: BundleFlow;
  ctx: RecordContext;
}

export function device(name: string, editor: string, clock: SharedClock): Device {
  const db = new WorkbookDb(`device-${name}-${++databases}`);
  let n = 0;
  const ctx: RecordContext = { editor, now: () => clock.now(), newId: () => `${name}-${String(++n).padStart(6, '0')}` };
  const repo = new WorkbookRepository(db, () => ctx);
  const exchange = new ExchangeRepository(db, repo, { newId: () => ctx.newId(), now: () => ctx.now() });
  const flow = new BundleFlow({ workbooks: repo, exchange, clock: { now: () => ctx.now(), newId: () => ctx.newId() }, editor: () => editor, appVersion: '0.1.0' });
  return { name, db, repo, exchange, flow, ctx };
}

async function plain(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: await value.text() };
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await plain(v);
    return out;
  }
  return value;
}

/**
 * Every object store of the database as stored (raw rows, Blobs as their text), as one string. The
 * write mark (storage/kept-dashboard.ts) is left out: it changes with every write, an undo's too,
 * by design.
 */
export async function dump(db: WorkbookDb): Promise<string> {
  await db.open();
  const idb = db.backendDB();
  const names = [...idb.objectStoreNames];
  const tx = idb.transaction(names, 'readonly');
  const rows = await Promise.all(
    names.map(
      (name) =>
        new Promise<unknown[]>((resolve, reject) => {
          const req = tx.objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(req.error);
        }),
    ),
  );
  const out: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const stored = names[i] === 'settings' ? rows[i]!.filter((r) => (r as { key?: unknown }).key !== WRITE_MARK_KEY) : rows[i];
    out[names[i]!] = await plain(stored);
  }
  return JSON.stringify(out);
}
