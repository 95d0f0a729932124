/**
 * Reading a bundle file. `parseBundle` never throws and never returns half a file: it is either
 * every record of the file, checked, or one error saying why not.
 *
 * Order of the checks (each only runs when the ones before passed):
 *   size → JSON → depth and forbidden keys → format id (or the password envelope) → version (a
 *   newer file is refused before anything else of it is read) → checksum (by its version's rule) →
 *   migrations → read schema (per record, with the path in the user's words) → defaults filled →
 *   cross-record references.
 */
import type { z } from 'zod';
import type { WorkbookRecords, RecordKind } from '../domain/workbook';
import {
  ENCRYPTED_FORMAT_ID,
  FORBIDDEN_KEYS,
  FORMAT_FAMILY,
  FORMAT_ID,
  FORMAT_VERSION,
  LIMITS,
  RECORD_KEYS,
  envelopeReadSchema,
  recordReadSchemas,
  type BundleMeta,
  type Limits,
} from './format';
import { NotJsonValueError, canonicalUtf8, envelopeChecksum, type CanonicalBytes } from './canonical';
import { BOUNDS, planPeriodProblem } from '../domain/bounds';
import { RANK_COLOR_RE } from '../domain/achievement/rank-colors';
import { formatNumber } from '../domain/numbers';
import { MIGRATIONS, migrateEnvelope, type JsonObject, type Migration } from './migrations';
import type { BundleError, RecordIssue, RecordIssueProblem, Result } from './errors';
import { RecordNamer, isMeasurementField } from './locate';
import { referenceIssues } from './integrity';
import { GIVE_UP, compileReader, type Reader } from './fast-read';

export interface ParseOptions {
  /** The newest format version this app reads; defaults to FORMAT_VERSION. */
  appFormatVersion?: number;
  /** Defaults to MIGRATIONS (tests pass a synthetic chain). */
  migrations?: readonly Migration[];
  limits?: Partial<Limits>;
}

/** A file that passed every check. */
export interface ParsedBundle {
  /** The envelope as it is after migration (formatVersion is the current one). */
  meta: BundleMeta;
  /** The version the file was written in. */
  fileFormatVersion: number;
  /** Names of the migrations applied, oldest first (empty for a current file). */
  migrations: string[];
  /** Every record of the file, tombstones included, with defaults filled in. */
  records: WorkbookRecords;
}

export type ParseResult = Result<ParsedBundle>;

const fail = (error: BundleError): { ok: false; error: BundleError } => ({ ok: false, error });

/**
 * Reads the text of a bundle file. Resolves to `{ ok: true, value }` with every record, or to
 * `{ ok: false, error }`; it never rejects. (It is async only because WebCrypto's SHA-256 is.)
 */
export async function parseBundle(text: string, options: ParseOptions = {}): Promise<ParseResult> {
  try {
    return await parseChecked(text, options);
  } catch (e) {
    // JSON.parse reads 1e999 as Infinity, which no JSON text can hold: the canonical walk refuses it.
    if (e instanceof NotJsonValueError) return fail({ kind: 'numberTooLarge' });
    return fail({ kind: 'unexpected', detail: e instanceof Error ? e.message : String(e) });
  }
}

/** Reads the JSON of a file with the size, depth and key checks every file of this app gets. */
export function readJson(text: unknown, limits: Limits = LIMITS): Result<unknown> {
  const json = parseJsonText(text, limits);
  if (!json.ok) return json;
  const problem = scan(json.value, limits.maxDepth);
  return problem ? fail(problem) : json;
}

/** Size, byte order mark and JSON.parse: the first two checks of every file. */
function parseJsonText(text: unknown, limits: Limits): Result<unknown> {
  if (typeof text !== 'string') return fail({ kind: 'notJson' });
  if (text.length > limits.maxChars) return fail({ kind: 'tooLarge', size: text.length, limit: limits.maxChars });
  // Editors on Windows like to add a byte order mark; it is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return fail(looksLikeOurs(body) && endsEarly(body) ? { kind: 'truncated' } : { kind: 'notJson' });
  }
}

/**
 * {@link readJson} for a bundle: the depth and key checks are made by the walk that also writes
 * the canonical form the checksum is computed over (one pass over the records instead of two).
 * `canonical` is null when the root is not an object (no bundle; a later check refuses it).
 */
function readBundleJson(text: unknown, limits: Limits): Result<{ value: unknown; canonical: CanonicalBytes | null }> {
  const json = parseJsonText(text, limits);
  if (!json.ok) return json;
  const value = json.value;
  if (isObject(value)) {
    const guard = { maxDepth: limits.maxDepth, forbidden: FORBIDDEN_KEYS };
    // UTF-8 takes at least a byte per character, and three for most Japanese ones.
    const canonical = canonicalUtf8(value, { guard, omit: 'checksum', sizeHint: (text as string).length * 1.25 });
    if (canonical) return { ok: true, value: { value, canonical } };
  }
  // Refused by the walk (or not an object): the plain scan names the problem, as it always has.
  const problem = scan(value, limits.maxDepth);
  return problem ? fail(problem) : { ok: true, value: { value, canonical: null } };
}

async function parseChecked(text: string, options: ParseOptions): Promise<ParseResult> {
  const limits: Limits = { ...LIMITS, ...options.limits };
  const appFormatVersion = options.appFormatVersion ?? FORMAT_VERSION;
  const json = readBundleJson(text, limits);
  if (!json.ok) return json;
  const { value: raw, canonical } = json.value;
  if (!isObject(raw)) return fail({ kind: 'notBundle' });
  if (raw['format'] === ENCRYPTED_FORMAT_ID) return fail({ kind: 'encrypted' });
  if (raw['format'] !== FORMAT_ID) return fail({ kind: 'notBundle' });

  const version = raw['formatVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return fail({ kind: 'unsupportedVersion', fileVersion: version });
  if (version > appFormatVersion)
    return fail({
      kind: 'newerVersion',
      fileVersion: version,
      appFormatVersion,
      fileAppVersion: typeof raw['appVersion'] === 'string' ? raw['appVersion'] : null,
    });

  const checksum = raw['checksum'];
  if (!isObject(checksum) || checksum['algorithm'] !== 'SHA-256' || typeof checksum['value'] !== 'string')
    return fail({ kind: 'checksumMissing' });
  const actual = await envelopeChecksum(raw, version, canonical ?? undefined);
  const expected = checksum['value'].toLowerCase();
  if (actual.value !== expected) return fail({ kind: 'checksumMismatch', expected, actual: actual.value });

  const migrated = migrateEnvelope(raw, version, appFormatVersion, options.migrations ?? MIGRATIONS);
  if (!migrated.ok) return fail(migrated.error);
  const envelope = migrated.value.envelope;

  const parsed = readShape(envelope);
  if (!parsed.success) return fail(schemaError(parsed.error.issues, envelope, limits.maxReportedIssues));
  const { records: lenientRecords, ...meta } = parsed.data;
  const records = normalizeRecords(lenientRecords as unknown as LenientRecords, meta.exportedAt, meta.exportedBy);

  const period = periodIssue(records, envelope);
  if (period) return fail({ kind: 'invalidRecords', issues: [period], total: 1 });

  const refs = referenceIssues(records);
  if (refs.length > 0)
    return fail({ kind: 'brokenReferences', issues: refs.slice(0, limits.maxReportedIssues), total: refs.length });

  return {
    ok: true,
    value: {
      meta: { ...meta, format: FORMAT_ID },
      fileFormatVersion: version,
      migrations: migrated.value.applied,
      records,
    },
  };
}

/** The compiled read shape (see fast-read.ts), made at the first file read. */
let fastReader: Reader | null = null;

/**
 * The read shape applied to an envelope: the compiled reader when it proves the envelope valid (it
 * returns what zod would), else zod itself, whose issues name the problems.
 */
function readShape(envelope: JsonObject): ReturnType<typeof envelopeReadSchema.safeParse> {
  fastReader ??= compileReader(envelopeReadSchema, { retryWithZod: new Set(Object.values(recordReadSchemas)) });
  const data = fastReader(envelope);
  if (data !== GIVE_UP) return { success: true, data: data as z.output<typeof envelopeReadSchema> };
  return envelopeReadSchema.safeParse(envelope);
}

// ---------------------------------------------------------------------------------------------

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The start of the text looks like a file of this app (so a parse failure means it was cut). */
function looksLikeOurs(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.trimStart().startsWith('{') && head.includes(FORMAT_FAMILY);
}

/** JSON that stops inside a string or with brackets still open: cut off, not garbled. */
function endsEarly(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return inString || depth > 0;
}

/**
 * Walks the parsed JSON without recursion (a hostile file may nest a million levels) and refuses
 * nesting beyond `maxDepth` and keys that could reach object prototypes when copied.
 */
function scan(root: unknown, maxDepth: number): BundleError | null {
  type Frame = { value: object; depth: number; parent: Frame | null; key: string | number | null };
  if (typeof root !== 'object' || root === null) return null;
  const stack: Frame[] = [{ value: root, depth: 1, parent: null, key: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > maxDepth) return { kind: 'tooDeep', limit: maxDepth };
    if (Array.isArray(frame.value)) {
      const list = frame.value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        if (typeof v === 'object' && v !== null) stack.push({ value: v, depth: frame.depth + 1, parent: frame, key: i });
      }
      continue;
    }
    const obj = frame.value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbiddenKey', key, path: pathOf(frame, key) };
      const v = obj[key];
      if (typeof v === 'object' && v !== null) stack.push({ value: v, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return null;

  function pathOf(frame: Frame | null, last: string): string {
    const keys: (string | number)[] = [last];
    for (let f = frame; f && f.key !== null; f = f.parent) keys.unshift(f.key);
    return formatPath(keys);
  }
}

/** ['records', 'kpiYears', 12, 'actual'] → records.kpiYears[12].actual */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else s += s === '' ? String(k) : `.${String(k)}`;
  }
  return s;
}

/** The record kind of each key under `records` (strategy → strategies, goals → goals, …). */
const LIST_KIND: Readonly<Record<string, RecordKind>> = Object.fromEntries(RECORD_KEYS.map(([kind, key]) => [key, kind]));

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

/** Turns the read schema's issues into one error: the envelope's first, else every record's. */
function schemaError(issues: readonly z.core.$ZodIssue[], envelope: Readonly<JsonObject>, max: number): BundleError {
  const recordIssues: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const [head, list, index] = issue.path;
    const inRecord =
      head === 'records' &&
      typeof list === 'string' &&
      Object.hasOwn(LIST_KIND, list) &&
      (list === 'strategy' ? issue.path.length >= 2 && valueAt(envelope, ['records', 'strategy']) !== undefined : typeof index === 'number');
    if (!inRecord) {
      const field = issue.path.length >= 2 && head === 'records' ? String(list) : String(head ?? 'records');
      // A list of records longer than a file may hold.
      if (head === 'records' && issue.path.length === 2 && issue.code === 'too_big' && issue.origin === 'array') {
        const count = valueAt(envelope, issue.path);
        return { kind: 'tooManyRecords', list: field, count: Array.isArray(count) ? count.length : 0, limit: Number(issue.maximum) };
      }
      return { kind: 'invalidEnvelope', field, path: formatPath(issue.path) };
    }
    recordIssues.push(issue);
  }
  const namer = new RecordNamer(isObject(envelope['records']) ? (envelope['records'] as JsonObject) : null);
  return {
    kind: 'invalidRecords',
    issues: recordIssues.slice(0, max).map((issue) => recordIssue(issue, envelope, namer)),
    total: recordIssues.length,
  };
}

function recordIssue(issue: z.core.$ZodIssue, envelope: Readonly<JsonObject>, namer: RecordNamer): RecordIssue {
  const list = issue.path[1] as string;
  const kind = LIST_KIND[list]!;
  const recordPath = list === 'strategy' ? ['records', 'strategy'] : ['records', list, issue.path[2]!];
  const record = valueAt(envelope, recordPath);
  const fieldPath = issue.path.slice(recordPath.length);
  const place = namer.path(kind, record);
  const where = fieldPath.length > 0 ? { ...place, field: { kind, path: fieldPath.map((p) => (typeof p === 'number' ? p : String(p))) } } : place;
  const raw = valueAt(envelope, issue.path);
  const field = typeof fieldPath[0] === 'string' ? fieldPath[0] : '';
  const out: RecordIssue = { problem: problemOf(issue, raw, isMeasurementField(kind, field)), where, path: formatPath(issue.path) };
  if (out.problem === 'notChoice') {
    // Only a short text or a number is worth quoting; anything else reads as code.
    if (raw === undefined || raw === null) out.problem = 'missing';
    else if (typeof raw === 'string' && raw.trim() !== '') out.value = shortValue(raw);
    else if (typeof raw === 'number' && Number.isFinite(raw)) out.value = formatNumber(raw);
    else out.problem = 'invalid';
  }
  const limit = limitOf(issue, out.problem);
  if (limit !== null) out.limit = limit;
  return out;
}

/** The limit a bounds problem names, as the message writes it. */
function limitOf(issue: z.core.$ZodIssue, problem: RecordIssueProblem): string | null {
  switch (problem) {
    case 'tooLong':
    case 'tooMany':
    case 'tooLarge':
      return issue.code === 'too_big' ? formatNumber(Number(issue.maximum)) : null;
    case 'tooSmall':
      return issue.code === 'too_small' ? formatNumber(Number(issue.minimum)) : null;
    case 'notFiscalYear':
      return `${BOUNDS.fiscalYearMin}〜${BOUNDS.fiscalYearMax}`;
    case 'notId':
      return formatNumber(BOUNDS.idChars);
    default:
      return null;
  }
}

/** The plan period of the strategy: within BOUNDS (at most 30 fiscal years, end not before start). */
function periodIssue(records: WorkbookRecords, envelope: Readonly<JsonObject>): RecordIssue | null {
  const { startYear, endYear } = records.strategy;
  const problem = planPeriodProblem(startYear, endYear);
  if (problem === null) return null;
  const namer = new RecordNamer(isObject(envelope['records']) ? (envelope['records'] as JsonObject) : null);
  const where = { ...namer.path('strategies', records.strategy), field: { kind: 'strategies' as const, path: ['period'] } };
  const path = 'records.strategy.endYear';
  if (problem === 'order') return { problem: 'periodOrder', where, path };
  if (problem === 'tooLong') return { problem: 'periodTooLong', where, path, limit: formatNumber(BOUNDS.planYearsMax) };
  // Each year is bounded by the schema already; kept for completeness.
  return { problem: 'notFiscalYear', where, path, limit: `${BOUNDS.fiscalYearMin}〜${BOUNDS.fiscalYearMax}` };
}

function problemOf(issue: z.core.$ZodIssue, raw: unknown, measurement: boolean): RecordIssueProblem {
  switch (issue.code) {
    case 'invalid_type':
      if (raw === undefined) return 'missing';
      switch (issue.expected) {
        case 'number':
          return 'notNumber';
        case 'int':
          return typeof raw === 'number' ? 'notInteger' : 'notNumber';
        case 'string':
          return 'notText';
        case 'boolean':
          return 'notBoolean';
        case 'array':
          return 'notList';
        case 'object':
          // A KPI value written as "12件" or 12 instead of { "value": 12 }.
          return measurement ? 'notNumber' : 'invalid';
        default:
          return 'invalid';
      }
    case 'invalid_value':
      return 'notChoice';
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return 'empty';
      if (issue.origin === 'number' && Number(issue.minimum) === BOUNDS.fiscalYearMin) return 'notFiscalYear';
      return issue.origin === 'number' ? 'tooSmall' : 'outOfRange';
    case 'too_big':
      if (issue.origin === 'string') return 'tooLong';
      if (issue.origin === 'array') return 'tooMany';
      if (issue.origin === 'number' && Number(issue.maximum) === BOUNDS.fiscalYearMax) return 'notFiscalYear';
      return issue.origin === 'number' ? 'tooLarge' : 'outOfRange';
    case 'invalid_format':
      if (issue.format === 'datetime') return 'notDateTime';
      if (issue.format === 'regex' && issue.pattern === String(RANK_COLOR_RE)) return 'notColor';
      if (issue.format === 'regex') return 'notId';
      return 'invalid';
    default:
      return 'invalid';
  }
}

function shortValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

// ---------------------------------------------------------------------------------------------

type LenientRecord = Record<string, unknown> & {
  id: string;
  strategyId?: string;
  createdAt?: string;
  updatedAt?: string;
  updatedBy?: string;
};
type LenientRecords = { strategy: LenientRecord } & Record<Exclude<keyof WorkbookRecords, 'strategy'>, LenientRecord[]>;

/**
 * Fills what the read shape left to the file: a record without `strategyId` belongs to the file's
 * strategy; one without times or author was made when and by whom the file was exported.
 */
export function normalizeRecords(records: LenientRecords, exportedAt: string, exportedBy: string): WorkbookRecords {
  const strategyId = records.strategy.id;
  const fill = (r: LenientRecord) => {
    r.strategyId ??= strategyId;
    r.createdAt ??= r.updatedAt ?? exportedAt;
    r.updatedAt ??= r.createdAt;
    r.updatedBy ??= exportedBy;
  };
  fill(records.strategy);
  for (const [, key] of RECORD_KEYS) if (key !== 'strategy') records[key].forEach(fill);
  return records as unknown as WorkbookRecords;
}
