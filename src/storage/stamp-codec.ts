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
 * naming other fields, or in another order, or of another shape, such as a stamp with `got`) is
 * stored as it is. Reading gives back exactly what was written, key order included (a property test checks this); rows
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

/** What a repair replaced: the record and the fields whose stamps were not kept. */
export interface StampRepair {
  id: string;
  strategyId: string;
  /** Editable fields now stamped with the record's updatedAt/updatedBy (their stamp was unknown). */
  replaced: string[];
}

function isStamp(v: unknown): v is { at: string; by: string } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { at?: unknown }).at === 'string' && typeof (v as { by?: unknown }).by === 'string';
}

/** Whether `stamps` is what the app expects: an object of `{ at, by }` stamps (with `got` when a file's decision was taken over), nothing else. */
function isWellFormed(stamps: unknown): boolean {
  if (!stamps || typeof stamps !== 'object' || Array.isArray(stamps)) return false;
  const proto = Object.getPrototypeOf(stamps);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in stamps) {
    const s = (stamps as Record<string, unknown>)[key];
    if (!isStamp(s)) return false;
    let n = 0;
    for (const k in s) {
      if (k === 'got' && typeof (s as { got?: unknown }).got !== 'string') return false;
      n++;
    }
    if (n !== 2 && !(n === 3 && 'got' in s)) return false;
  }
  return true;
}

/** The compact form expanded, taking only what is well-formed (null: nothing is). */
function expandCompact(row: Row, packed: readonly unknown[], into: Record<string, { at: string; by: string }>): boolean {
  if (packed.length < 2 || typeof packed[0] !== 'string' || typeof packed[1] !== 'string') return false;
  const at = packed[0];
  const by = packed[1];
  for (const key in row) if (!META_KEYS.has(key)) into[key] = { at, by };
  for (let i = 2; i + 2 < packed.length; i += 3) {
    const [f, a, b] = [packed[i], packed[i + 1], packed[i + 2]];
    if (typeof f === 'string' && typeof a === 'string' && typeof b === 'string') into[f] = { at: a, by: b };
  }
  return true;
}

/**
 * Stamps in an unexpected shape, made whole: every well-formed stamp kept, a compact array read
 * as an object by older code (`{"0": at, "1": by, "2": field, …, "target": {…}}`) expanded, and
 * every editable field left without a stamp stamped with the record's updatedAt/updatedBy.
 */
function repairStamps(row: Row, stamps: unknown): { stamps: Record<string, { at: string; by: string; got?: string }>; replaced: string[] } {
  const out: Record<string, { at: string; by: string; got?: string }> = {};
  if (stamps && typeof stamps === 'object') {
    const obj = stamps as Record<string, unknown>;
    // The indexed part, as the compact array it was (or is).
    const packed: unknown[] = [];
    while (Object.prototype.hasOwnProperty.call(obj, String(packed.length)) && typeof obj[String(packed.length)] === 'string') packed.push(obj[String(packed.length)]);
    expandCompact(row, packed, out);
    // Named stamps were set after (an edit by that code): they win.
    for (const key of Object.keys(obj)) {
      const s = obj[key];
      if (!isStamp(s)) continue;
      const got = (s as { got?: unknown }).got;
      out[key] = typeof got === 'string' ? { at: s.at, by: s.by, got } : { at: s.at, by: s.by };
    }
  }
  const at = typeof row['updatedAt'] === 'string' ? row['updatedAt'] : typeof row['createdAt'] === 'string' ? row['createdAt'] : '1970-01-01T00:00:00.000Z';
  const by = typeof row['updatedBy'] === 'string' ? row['updatedBy'] : '';
  const replaced: string[] = [];
  for (const key in row) {
    if (META_KEYS.has(key) || out[key]) continue;
    out[key] = { at, by };
    replaced.push(key);
  }
  return { stamps: out, replaced };
}

/**
 * The record as the app uses it: compact `stamps` expanded, in place (rows fresh from IndexedDB;
 * a frozen one, as Dexie's caches may hand out, is copied instead).
 *
 * Reading is tolerant: stamps of any other shape (written by older code that read the compact
 * form as an object, or damaged otherwise) are repaired (`repairStamps`), and `onRepair` is told
 * which record it was and which fields' stamps could not be kept. Well-formed stamps are given
 * back exactly as they are.
 */
export function decodeStamps<T>(record: T, onRepair?: (repair: StampRepair) => void): T {
  const row = record as unknown as Row;
  if (!row || typeof row !== 'object') return record;
  const packed = row.stamps;
  let stamps: Record<string, { at: string; by: string; got?: string }>;
  if (Array.isArray(packed) && isCompact(packed)) {
    stamps = {};
    expandCompact(row, packed, stamps);
  } else if (isWellFormed(packed)) {
    return record;
  } else {
    const repaired = repairStamps(row, packed);
    stamps = repaired.stamps;
    onRepair?.({ id: String(row['id']), strategyId: String(row['strategyId']), replaced: repaired.replaced });
  }
  if (Object.isFrozen(row)) return { ...row, stamps } as T;
  row.stamps = stamps;
  return record;
}

/** Whether an array is the compact form as encodeStamps writes it. */
function isCompact(packed: readonly unknown[]): boolean {
  if (packed.length === 0) return true;
  if (packed.length < 2 || (packed.length - 2) % 3 !== 0) return false;
  for (const v of packed) if (typeof v !== 'string') return false;
  // Any own property besides the indices (older code that set a stamp on the array) is damage.
  return Object.keys(packed).length === packed.length;
}
