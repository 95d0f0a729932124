/**
 * How records keep their field stamps in IndexedDB: compactly. A record carries one stamp per
 * editable field (`{ at, by }`, records.ts), and most of a record's fields share one stamp (they
 * were set together); as objects the stamps are half of every record's bytes, and the page decodes
 * records at a cost that follows their bytes (docs/performance.md). So a record whose stamps name
 * exactly its editable fields, in their order, is stored with
 *
 *     stamps: [at, by, field₁, at₁, by₁, field₂, at₂, by₂, …]
 *
 * — the stamp most fields share, then each field whose stamp differs. Any other record (stamps
 * naming other fields, or in another order, or of another shape) is stored as it is. Reading
 * gives back exactly what was written, key order included (a property test checks this); rows
 * written before the codec existed are read as they are.
 *
 * Applied by a Dexie middleware (db.ts) on every write and read of the record tables, and by the
 * reader worker (read-workbook.ts) on what it reads.
 */
import { META_KEYS } from '../domain/records';

type Row = Record<string, unknown> & { stamps?: unknown };

/** The record as stored: `stamps` compact where possible (a new object; `record` is not changed). */
export function encodeStamps<T>(record: T): T {
  const row = record as unknown as Row;
  const stamps = row?.stamps;
  if (!stamps || typeof stamps !== 'object' || Array.isArray(stamps)) return record;
  const fields = Object.keys(stamps);
  let i = 0;
  for (const key in row) {
    if (META_KEYS.has(key)) continue;
    if (fields[i] !== key) return record;
    i++;
  }
  if (i !== fields.length) return record;
  // The stamp most fields share.
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const f of fields) {
    const s = (stamps as Record<string, unknown>)[f] as { at?: unknown; by?: unknown } | null;
    if (!s || typeof s !== 'object' || typeof s.at !== 'string' || typeof s.by !== 'string' || Object.keys(s).length !== 2) return record;
    const id = `${s.at}\u0000${s.by}`;
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    if (n > bestCount) (best = id), (bestCount = n);
  }
  if (fields.length === 0) return { ...row, stamps: [] } as T;
  const [at, by] = best.split('\u0000') as [string, string];
  const packed: string[] = [at, by];
  for (const f of fields) {
    const s = (stamps as Record<string, { at: string; by: string }>)[f]!;
    if (s.at !== at || s.by !== by) packed.push(f, s.at, s.by);
  }
  return { ...row, stamps: packed } as T;
}

/**
 * The record as the app uses it: compact `stamps` expanded, in place (rows fresh from IndexedDB;
 * a frozen one, as Dexie's caches may hand out, is copied instead).
 */
export function decodeStamps<T>(record: T): T {
  const row = record as unknown as Row;
  const packed = row?.stamps;
  if (!Array.isArray(packed)) return record;
  const stamps: Record<string, { at: string; by: string }> = {};
  if (packed.length >= 2) {
    const at = packed[0] as string;
    const by = packed[1] as string;
    for (const key in row) if (!META_KEYS.has(key)) stamps[key] = { at, by };
    for (let i = 2; i + 2 < packed.length; i += 3) stamps[packed[i] as string] = { at: packed[i + 1] as string, by: packed[i + 2] as string };
  }
  if (Object.isFrozen(row)) return { ...row, stamps } as T;
  row.stamps = stamps;
  return record;
}
