/**
 * The reader worker: reads a strategy's records from IndexedDB and posts them back as one JSON
 * string. Decoding thousands of records from IndexedDB costs the thread that reads them about
 * 35 ms per MB; parsing the same records from a JSON string costs about 6. Reading here, in a
 * thread of its own, keeps the page responsive while a big strategy opens (see
 * docs/performance.md). One request at a time, answered in order.
 */
import { openExisting, readWorkbookPart, type ReadPart } from './read-workbook';

export interface ReadRequest {
  id: number;
  dbName: string;
  strategyId: string;
  part: ReadPart;
}

/** The records as JSON (`null` text: not there), or why the read failed. */
export type ReadResponse = { id: number; ok: true; text: string } | { id: number; ok: false; error: string };

let connection: { name: string; db: Promise<IDBDatabase> } | null = null;

function database(name: string): Promise<IDBDatabase> {
  if (!connection || connection.name !== name) connection = { name, db: openExisting(name) };
  return connection.db;
}

self.onmessage = async (e: MessageEvent<ReadRequest>) => {
  const { id, dbName, strategyId, part } = e.data;
  let response: ReadResponse;
  try {
    let db = await database(dbName);
    let result;
    try {
      result = await readWorkbookPart(db, strategyId, part);
    } catch {
      // The connection was closed (a schema upgrade): open the database again, once.
      connection = null;
      db = await database(dbName);
      result = await readWorkbookPart(db, strategyId, part);
    }
    response = { id, ok: true, text: JSON.stringify(result ?? null) };
  } catch (error) {
    connection = null;
    response = { id, ok: false, error: String(error) };
  }
  (self as unknown as Worker).postMessage(response);
};
