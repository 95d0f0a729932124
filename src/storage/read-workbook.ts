/**
 * Reading one strategy's records with IndexedDB itself, no Dexie: what the reader worker runs
 * (workbook-reader.worker.ts only wires `answerRead` to its messages), kept apart so that unit
 * tests can run it against the same data as the repository's Dexie read and compare.
 *
 * It reads what WorkbookRepository.loadWorkbook reads, in the same order (each table's
 * `strategyId` index, records in key order), in one read transaction, so the result is one
 * consistent state of the database.
 */
import { CHILD_KINDS, type ChildKind, type WorkbookRecords } from '../domain/workbook';
import type { ProjectYear } from '../domain/entities/project-year';
import { packSnapshot, type PackedSnapshot } from './snapshot-payload';
import { decodeStamps, type StampRepair } from './stamp-codec';
import { readMarks, type Marks } from './kept-dashboard';

/** What a read covers: everything, everything but the yearly project records, or only those. */
export type ReadPart = 'all' | 'first' | 'rest';

/** `all`/`first`: the workbook (undefined if the strategy is not there); `rest`: its yearly project records. */
export type ReadResult = WorkbookRecords | ProjectYear[] | undefined;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A record whose stamps the read repaired (stamp-codec.ts), and its table. */
export interface ReadRepair extends StampRepair {
  kind: string;
}

/**
 * Reads `part` of strategy `strategyId` from an open database connection. Records whose stamps
 * are in an unexpected shape are read repaired, and `onRepair` is told. `onMarks`, if given, is
 * told the write marks (kept-dashboard.ts) read in the same transaction.
 */
export async function readWorkbookPart(
  db: IDBDatabase,
  strategyId: string,
  part: ReadPart,
  onRepair?: (repair: ReadRepair) => void,
  onMarks?: (marks: Marks) => void,
): Promise<ReadResult> {
  const kinds: readonly ChildKind[] = part === 'rest' ? ['projectYears'] : CHILD_KINDS.filter((k) => part === 'all' || k !== 'projectYears');
  const stores: string[] = part === 'rest' ? [...kinds] : ['strategies', ...kinds];
  const tx = db.transaction(onMarks ? [...stores, 'settings'] : stores, 'readonly');
  const marks = onMarks ? readMarks(tx).then(onMarks) : null;
  // Records keep their field stamps compactly (stamp-codec.ts): expanded as Dexie's reads do.
  const decode = (kind: string) => (row: unknown) => decodeStamps(row, onRepair && ((r) => onRepair({ kind, ...r })));
  const byStrategy = (kind: string) => request(tx.objectStore(kind).index('strategyId').getAll(IDBKeyRange.only(strategyId))).then((rows) => rows.map(decode(kind)));
  if (part === 'rest') {
    const rows = (await byStrategy('projectYears')) as ProjectYear[];
    await marks;
    return rows;
  }
  const [strategy, ...lists] = await Promise.all([request(tx.objectStore('strategies').get(strategyId)).then(decode('strategies')), ...kinds.map(byStrategy), marks]);
  if (!strategy) return undefined;
  const records: Record<string, unknown> = { strategy };
  for (const kind of CHILD_KINDS) records[kind] = kinds.includes(kind) ? lists[kinds.indexOf(kind)] : [];
  return records as unknown as WorkbookRecords;
}

/**
 * Opens database `name` as it is, without creating or upgrading it: if it does not exist yet (or
 * is being upgraded), the open fails and the caller reads through Dexie instead.
 */
export function openExisting(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => {
      const db = req.result;
      // The app is opening a newer schema: let it (the next read opens the database again).
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error('open failed'));
    req.onblocked = () => reject(new Error('open blocked'));
  });
}

export interface ReadRequest {
  id: number;
  dbName: string;
  strategyId: string;
  /** A part of the records, or `pack`: all of them packed for a snapshot (snapshot-payload.ts). */
  part: ReadPart | 'pack';
}

/**
 * The records as JSON (`null` text: not there), or packed (`null`: not there), or why the read
 * failed.
 */
export type ReadResponse =
  | { id: number; ok: true; text: string; repaired?: ReadRepair[] }
  | { id: number; ok: true; packed: PackedSnapshot | null; repaired?: ReadRepair[] }
  | { id: number; ok: false; error: string };

let connection: { name: string; db: Promise<IDBDatabase> } | null = null;

function database(name: string): Promise<IDBDatabase> {
  if (!connection || connection.name !== name) connection = { name, db: openExisting(name) };
  return connection.db;
}

/**
 * Answers one read request, keeping the database connection open for the next one. Decoding
 * records from IndexedDB costs the thread that reads them about 20 ms per MB; the page parses the
 * JSON answer at about 4 (docs/performance.md).
 */
export async function answerRead({ id, dbName, strategyId, part }: ReadRequest): Promise<ReadResponse> {
  try {
    const read = part === 'pack' ? 'all' : part;
    let result: ReadResult;
    let repaired: ReadRepair[] = [];
    const onRepair = (r: ReadRepair) => void repaired.push(r);
    try {
      result = await readWorkbookPart(await database(dbName), strategyId, read, onRepair);
    } catch {
      // The connection was closed (a schema upgrade): open the database again, once.
      connection = null;
      repaired = [];
      result = await readWorkbookPart(await database(dbName), strategyId, read, onRepair);
    }
    // Records read repaired are named, so that the page writes them back and logs them.
    const extra = repaired.length > 0 ? { repaired } : {};
    if (part === 'pack') return { id, ok: true, packed: result ? packSnapshot(result as WorkbookRecords) : null, ...extra };
    return { id, ok: true, text: JSON.stringify(result ?? null), ...extra };
  } catch (error) {
    connection = null;
    return { id, ok: false, error: String(error) };
  }
}
