/**
 * Writing a bundle file: the envelope in the strict write shape, its checksum, a file name a person
 * recognises in a mail attachment, and a layout a person can read (one record per line).
 */
import type { RecordKind, RecordOfKind, WorkbookRecords } from '../domain/workbook';
import {
  FORMAT_ID,
  FORMAT_VERSION,
  MEASUREMENT_KEYS,
  RECORD_KEYS,
  writtenKeys,
  type BasedOn,
  type BundleMeta,
  type BundleScope,
  type Checksum,
  type FieldStamp,
} from './format';
import { envelopeCanonical, envelopeChecksum } from './canonical';
import { departmentBundle } from './department';
import { isMeasurementField } from './locate';

export interface SerializeOptions {
  /** A fresh id for this export (UUID): a department bundle coming back names it in `basedOn`. */
  exportId: string;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  /** The editor's name from settings. */
  exportedBy: string;
  /** The app's version (package.json), for people reading the file. */
  appVersion: string;
  /** This device's id for its copy of the strategy (see BundleMeta.copyId). */
  copyId: string;
  /** Whole strategy (default) or the departments whose bundle this is. */
  scope?: BundleScope;
  /** The bundle this copy was made from or last merged (see docs/bundle-format.md, Merging). */
  basedOn?: BasedOn | null;
  /** For the date in the file name; default +540 (Japan). */
  timeZoneOffsetMinutes?: number;
}

/** The envelope as written, checksum included. */
export type WrittenEnvelope = BundleMeta & { records: Record<string, unknown>; checksum: Checksum };

export interface SerializedBundle {
  fileName: string;
  json: string;
  /** Size of `json` in UTF-8 bytes (the file's size). */
  byteLength: number;
  /**
   * The canonical UTF-8 JSON of the envelope without its checksum (what the checksum is computed
   * over), as a Blob: everything the file holds, in a form that is cheap to keep and to read back.
   * (A Blob, because IndexedDB in Chromium refuses single values over about 127 MB, which the
   * largest strategies exceed, and stores a Blob without copying it on the page's thread.)
   */
  canonical: Blob;
  /** The records the file holds (for a department bundle: only the department's share). */
  records: WorkbookRecords;
  envelope: WrittenEnvelope;
}

/**
 * Writes a strategy (or, with a department scope, the departments' share of it: see
 * {@link departmentBundle}) as a bundle file.
 */
export async function serializeBundle(records: WorkbookRecords, options: SerializeOptions): Promise<SerializedBundle> {
  const scope: BundleScope =
    options.scope?.kind === 'department' ? { kind: 'department', departments: [...options.scope.departments] } : { kind: 'strategy' };
  const content = scope.kind === 'department' ? departmentBundle(records, scope.departments) : records;
  const writtenRecords: Record<string, unknown> = {};
  for (const [kind, key] of RECORD_KEYS) {
    writtenRecords[key] =
      kind === 'strategies' ? pickRecord('strategies', content.strategy) : (content[key] as RecordOfKind[RecordKind][]).map((r) => pickRecord(kind, r));
  }
  const withoutChecksum = {
    format: FORMAT_ID,
    formatVersion: FORMAT_VERSION,
    appVersion: options.appVersion,
    exportId: options.exportId,
    exportedAt: options.exportedAt,
    exportedBy: options.exportedBy,
    copyId: options.copyId,
    scope,
    basedOn: options.basedOn ? { exportId: options.basedOn.exportId, exportedAt: options.basedOn.exportedAt } : null,
    records: writtenRecords,
  } satisfies BundleMeta & { records: Record<string, unknown> };
  // About a kilobyte a record (a KPI year with its stamps): the buffer is sized once, not grown.
  const recordCount = RECORD_KEYS.reduce((n, [, key]) => n + (Array.isArray(writtenRecords[key]) ? (writtenRecords[key] as unknown[]).length : 1), 0);
  const canonical = envelopeCanonical(withoutChecksum, recordCount * 1280);
  const envelope: WrittenEnvelope = { ...withoutChecksum, checksum: await envelopeChecksum(withoutChecksum, FORMAT_VERSION, canonical) };
  const json = layout(envelope);
  return {
    fileName: bundleFileName(content, {
      scope,
      exportedAt: options.exportedAt,
      timeZoneOffsetMinutes: options.timeZoneOffsetMinutes,
    }),
    json,
    // The file holds the canonical text's strings, numbers and names, written the same way (by
    // JSON.stringify), plus the checksum and layout, which are ASCII: every character beyond ASCII
    // is in both, so the file has as many bytes more than characters as the canonical text has.
    byteLength: json.length + (canonical.bytes.length - canonical.chars),
    canonical: new Blob([canonical.bytes], { type: 'application/json' }),
    records: content,
    envelope,
  };
}

/**
 * Copies exactly the keys of the write shape, in written order: whatever else a stored object
 * carries (a key another version of the app added, an undefined optional) stays out of the file.
 */
function pickRecord(kind: RecordKind, record: RecordOfKind[RecordKind]): Record<string, unknown> {
  const source = record as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const { key, pick } of pickPlan(kind)) {
    const v = source[key];
    if (v === undefined) continue;
    out[key] = pick === PLAIN || v === null ? v : pick === STAMPS ? pickStamps(v as Record<string, FieldStamp>) : pickMeasurement(v as Record<string, unknown>);
  }
  return out;
}

const PLAIN = 0;
const STAMPS = 1;
const MEASUREMENT = 2;
type PickStep = { key: string; pick: typeof PLAIN | typeof STAMPS | typeof MEASUREMENT };
const PICK_PLANS = new Map<RecordKind, readonly PickStep[]>();

/** The written keys of a kind, each with how its value is copied (worked out once per kind). */
function pickPlan(kind: RecordKind): readonly PickStep[] {
  let plan = PICK_PLANS.get(kind);
  if (!plan) {
    plan = writtenKeys(kind).map((key) => ({ key, pick: key === 'stamps' ? STAMPS : isMeasurementField(kind, key) ? MEASUREMENT : PLAIN }));
    PICK_PLANS.set(kind, plan);
  }
  return plan;
}

function pickStamps(stamps: Record<string, FieldStamp>): Record<string, FieldStamp> {
  // Stored stamps are `{ at, by }` and nothing else: then they are written as they are.
  if (onlyAtBy(stamps)) return stamps;
  const out: Record<string, FieldStamp> = {};
  for (const field of Object.keys(stamps)) {
    const s = stamps[field]!;
    out[field] = s.got === undefined ? { at: s.at, by: s.by } : { at: s.at, by: s.by, got: s.got };
  }
  return out;
}

function onlyAtBy(stamps: Record<string, FieldStamp>): boolean {
  if (Object.getPrototypeOf(stamps) !== Object.prototype) return false;
  for (const field in stamps) {
    const s = stamps[field];
    if (typeof s !== 'object' || s === null || Object.getPrototypeOf(s) !== Object.prototype) return false;
    let n = 0;
    for (const k in s) {
      // `at` then `by`, as the copy below writes them, both present.
      if (k !== (n === 0 ? 'at' : 'by') || n > 1 || (s as unknown as Record<string, unknown>)[k] === undefined) return false;
      n++;
    }
    if (n !== 2) return false;
  }
  return true;
}

function pickMeasurement(m: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of MEASUREMENT_KEYS) if (m[key] !== undefined) out[key] = m[key];
  return out;
}

/**
 * The file's text: the envelope indented, each record on one line. A person (or a diff tool) can
 * read it, and it stays about a third smaller than fully indented JSON.
 */
function layout(envelope: WrittenEnvelope): string {
  const lines: string[] = ['{'];
  const entries = Object.entries(envelope);
  entries.forEach(([key, value], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (key !== 'records') {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
      return;
    }
    lines.push('  "records": {');
    const recordEntries = Object.entries(value as Record<string, unknown>);
    recordEntries.forEach(([listKey, list], j) => {
      const listComma = j < recordEntries.length - 1 ? ',' : '';
      if (!Array.isArray(list)) {
        lines.push(`    ${JSON.stringify(listKey)}: ${JSON.stringify(list)}${listComma}`);
      } else if (list.length === 0) {
        lines.push(`    ${JSON.stringify(listKey)}: []${listComma}`);
      } else {
        lines.push(`    ${JSON.stringify(listKey)}: [`);
        list.forEach((r, k) => lines.push(`      ${JSON.stringify(r)}${k < list.length - 1 ? ',' : ''}`));
        lines.push(`    ]${listComma}`);
      }
    });
    lines.push(`  }${comma}`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------------------------

/** Characters no file system of Windows, macOS, Android or iOS takes in a name, and controls. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Longest name part in characters; Japanese takes 3 bytes a character and names stop at 255 bytes. */
const MAX_PART = 40;

/** Makes one part of a file name safe: no path or reserved characters, no spaces, not too long. */
export function sanitizeFileNamePart(s: string): string {
  const cleaned = s
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/[\s\u3000]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_.]+|[_.]+$/g, '');
  return [...cleaned].slice(0, MAX_PART).join('').replace(/[_.]+$/, '');
}

/**
 * The strategy's name as people say it in a file name: without the municipality (already the first
 * part) and without the official 「まち・ひと・しごと創生」: 第2期関市まち・ひと・しごと創生総合戦略 → 第2期総合戦略.
 */
export function shortStrategyName(name: string, municipality: string): string {
  let s = name.replace(/\s+/g, '');
  if (municipality) s = s.split(municipality).join('');
  s = s.replace(/まち・ひと・しごと創生/g, '');
  return s || name;
}

/** 2026-05-20 for an ISO instant, in the given offset from UTC. */
export function localDate(iso: string, offsetMinutes = 540): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso.slice(0, 10);
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * 関市_第2期総合戦略_商工課_2026-05-20.json — municipality, strategy, (departments,) export date.
 */
export function bundleFileName(
  records: Pick<WorkbookRecords, 'strategy'>,
  options: { scope: BundleScope; exportedAt: string; timeZoneOffsetMinutes?: number | undefined },
): string {
  const { municipality, name } = records.strategy;
  const parts = [sanitizeFileNamePart(municipality), sanitizeFileNamePart(shortStrategyName(name, municipality))];
  if (options.scope.kind === 'department') parts.push(sanitizeFileNamePart(options.scope.departments.join('・')));
  parts.push(localDate(options.exportedAt, options.timeZoneOffsetMinutes ?? 540));
  return `${parts.filter((p) => p !== '').join('_')}.json`;
}
