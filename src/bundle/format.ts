/**
 * The bundle file format: one JSON envelope that carries one strategy's records between devices
 * (by email, USB stick, shared folder). docs/bundle-format.md is the specification for people;
 * this module is the one for the program.
 *
 * Two shapes, as for every file a person or another tool may write:
 * - the **write shape** (`envelopeWriteSchema`, strict): exactly what this app writes, every field
 *   present, no unknown keys. docs/bundle-format.schema.json is generated from it.
 * - the **read shape** (`envelopeReadSchema`, lenient): unknown keys are dropped, and most fields may
 *   be left out and get a documented default, so a file written by hand or by another tool is read.
 *
 * Pure: no clock, no random ids, no DOM.
 */
import { z } from 'zod';
import type { FieldStamp } from '../domain/records';
import { recordMetaShape } from '../domain/records.schema';
import { measurementSchema } from '../domain/entities/measurement.schema';
import { strategySchema } from '../domain/entities/strategy.schema';
import { goalSchema } from '../domain/entities/goal.schema';
import { measureSchema } from '../domain/entities/measure.schema';
import { projectDefaults } from '../domain/entities/project';
import { projectSchema } from '../domain/entities/project.schema';
import { kpiDefaults } from '../domain/entities/kpi';
import { kpiSchema } from '../domain/entities/kpi.schema';
import { kpiYearDefaults } from '../domain/entities/kpi-year';
import { kpiYearSchema } from '../domain/entities/kpi-year.schema';
import { projectYearDefaults } from '../domain/entities/project-year';
import { projectYearSchema } from '../domain/entities/project-year.schema';
import { meetingDefaults } from '../domain/entities/meeting';
import { meetingSchema } from '../domain/entities/meeting.schema';
import { opinionDefaults } from '../domain/entities/opinion';
import { opinionSchema } from '../domain/entities/opinion.schema';
import type { RecordKind } from '../domain/workbook';
import { BOUNDS, RECORD_LIMITS } from '../domain/bounds';
import { counter, recordId, shortText } from '../domain/bounds.schema';

/** The format id: the first thing a reader checks ("is this our kind of file at all?"). */
export const FORMAT_ID = 'jp.chiho-senryaku.workbook';

/**
 * The bundle format version this app writes, and the newest one it reads.
 *
 * Bump it whenever what is written changes in a way an older app would misread or silently drop:
 * a new, renamed or removed field of any entity, a new enum value, a changed meaning. When bumping:
 * 1. add a named migration from the previous version to `MIGRATIONS` in ./migrations.ts, with a
 *    before/after test;
 * 2. keep a real file written by the previous version in test/fixtures/bundles/ (never regenerate
 *    an old fixture) and list it in test/bundle/fixtures.test.ts;
 * 3. describe the new version in docs/bundle-format.md (the version table);
 * 4. regenerate the JSON Schema: `UPDATE_SCHEMA=1 npx vitest run --project unit test/bundle/schema.test.ts`.
 * An older app refuses a newer file with 「アプリを更新してください」 instead of half-reading it.
 */
export const FORMAT_VERSION = 3;

/** Format id and version of the password-protected envelope (see ./crypto.ts). */
export const ENCRYPTED_FORMAT_ID = 'jp.chiho-senryaku.encrypted';
export const ENCRYPTED_FORMAT_VERSION = 1;

/** Every format id of this app starts with this; used to tell "cut off" from "not ours". */
export const FORMAT_FAMILY = 'jp.chiho-senryaku.';

/**
 * Limits a file must stay within to be read. They protect the device (a tablet with little memory)
 * from files that are broken or hostile, and are far above what a real strategy needs: the
 * benchmark strategy of 10,000 KPIs × 10 years is about 100 million characters.
 */
export const LIMITS = {
  /** Length of the file's text in characters (UTF-16 code units, as JavaScript counts them). */
  maxChars: 256 * 1024 * 1024,
  /** Nesting depth of JSON objects and arrays; a valid bundle needs 6. */
  maxDepth: 32,
  /** How many record problems a refusal lists (the total is always given). */
  maxReportedIssues: 50,
} as const;

/**
 * How many records of each kind a file may hold (tombstones included); the bounds of every value
 * are in the entity schemas (src/domain/bounds.ts). docs/bundle-format.md ("Limits") lists both.
 */
export const RECORD_COUNT_LIMITS: Readonly<Record<Exclude<RecordKind, 'strategies'>, number>> = RECORD_LIMITS;
export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

/** Keys refused anywhere in a file: they would reach object prototypes when copied carelessly. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// ---------------------------------------------------------------------------------------------
// Scope and envelope metadata
// ---------------------------------------------------------------------------------------------

/** What a bundle holds: the whole strategy, or one or several departments' (担当課) share of it. */
export type BundleScope = { kind: 'strategy' } | { kind: 'department'; departments: string[] };

/** One export, as another file (or a device's own history) refers to it. */
export interface BasedOn {
  exportId: string;
  exportedAt: string;
}

/** The envelope without its records: who wrote the file, when, and what it holds. */
export interface BundleMeta {
  format: typeof FORMAT_ID;
  formatVersion: number;
  appVersion: string;
  /** This export's id (UUID); a file made from it names it in `basedOn`. */
  exportId: string;
  exportedAt: string;
  exportedBy: string;
  /**
   * The copy of the strategy the file was written from: one id per device and strategy, made when
   * the strategy is created or first imported there. Lets the receiver know which of its earlier
   * imports came from the same copy (see docs/bundle-format.md, Merging).
   */
  copyId: string;
  scope: BundleScope;
  /** The latest export (made elsewhere) this copy had taken in when the file was written. */
  basedOn: BasedOn | null;
}

export interface Checksum {
  algorithm: 'SHA-256';
  /** Lower-case hex SHA-256 of the canonical form of the envelope without `checksum`. */
  value: string;
}

// ---------------------------------------------------------------------------------------------
// Write shape (strict)
// ---------------------------------------------------------------------------------------------

/** Record kinds in file order, with the key each has under `records`. */
export const RECORD_KEYS = [
  ['strategies', 'strategy'],
  ['goals', 'goals'],
  ['measures', 'measures'],
  ['projects', 'projects'],
  ['kpis', 'kpis'],
  ['kpiYears', 'kpiYears'],
  ['projectYears', 'projectYears'],
  ['meetings', 'meetings'],
  ['opinions', 'opinions'],
] as const satisfies readonly (readonly [RecordKind, string])[];

/** Every record kind, in file order. Code that walks all kinds uses this list, not its own. */
export const RECORD_KINDS: readonly RecordKind[] = RECORD_KEYS.map(([kind]) => kind);

/** The entity schema of each record kind (the domain's; the bundle derives its shapes from them). */
export const ENTITY_SCHEMAS = {
  strategies: strategySchema,
  goals: goalSchema,
  measures: measureSchema,
  projects: projectSchema,
  kpis: kpiSchema,
  kpiYears: kpiYearSchema,
  projectYears: projectYearSchema,
  meetings: meetingSchema,
  opinions: opinionSchema,
} as const satisfies Record<RecordKind, z.ZodObject>;

export const META_FIELDS: readonly string[] = Object.keys(recordMetaShape);
const META_SET: ReadonlySet<string> = new Set(META_FIELDS);

/** The user-editable fields of a record kind, in schema order (metadata left out). */
export function editableFields(kind: RecordKind): readonly string[] {
  return EDITABLE_FIELDS[kind];
}
const EDITABLE_FIELDS: Record<RecordKind, readonly string[]> = Object.fromEntries(
  Object.entries(ENTITY_SCHEMAS).map(([kind, schema]) => [kind, Object.keys(schema.shape).filter((k) => !META_SET.has(k))]),
) as unknown as Record<RecordKind, readonly string[]>;

/**
 * The order keys are written in: id first, then what a person reads (the fields), then the rest of
 * the metadata, stamps last. Order carries no meaning (the checksum sorts keys); it only helps a
 * person reading the file.
 */
export function writtenKeys(kind: RecordKind): readonly string[] {
  return WRITTEN_KEYS[kind];
}
const WRITTEN_KEYS: Record<RecordKind, readonly string[]> = Object.fromEntries(
  (Object.keys(ENTITY_SCHEMAS) as RecordKind[]).map((kind) => [
    kind,
    ['id', ...EDITABLE_FIELDS[kind], ...META_FIELDS.filter((k) => k !== 'id' && k !== 'stamps'), 'stamps'],
  ]),
) as unknown as Record<RecordKind, readonly string[]>;

export const MEASUREMENT_KEYS: readonly string[] = Object.keys(measurementSchema.shape);

/** Registry of the names the JSON Schema gives its shared definitions. */
export const schemaIds = z.registry<{ id: string; description?: string }>();

const strictCache = new Map<z.ZodType, z.ZodType>();
/** A copy of `schema` in which every object refuses unknown keys; shared parts stay shared. */
function strictDeep(schema: z.ZodType): z.ZodType {
  const cached = strictCache.get(schema);
  if (cached) return cached;
  let out: z.ZodType;
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [k, v] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[k] = strictDeep(v);
    out = z.strictObject(shape);
  } else if (schema instanceof z.ZodNullable) out = strictDeep(schema.unwrap() as z.ZodType).nullable();
  else if (schema instanceof z.ZodOptional) out = strictDeep(schema.unwrap() as z.ZodType).optional();
  // A default is a reading convenience; what is written always has the value.
  else if (schema instanceof z.ZodDefault) out = strictDeep(schema.unwrap() as z.ZodType);
  // Arrays keep their checks (a maximum length).
  else if (schema instanceof z.ZodArray) out = schema.clone({ ...schema.def, element: strictDeep(schema.element as z.ZodType) });
  else if (schema instanceof z.ZodRecord) out = z.record(z.string(), strictDeep(schema.valueType as z.ZodType));
  else if (schema instanceof z.ZodTuple) {
    const items = (schema.def.items as z.ZodType[]).map(strictDeep) as [z.ZodType, ...z.ZodType[]];
    out = z.tuple(items);
  } else if (schema instanceof z.ZodDiscriminatedUnion) {
    const options = (schema.options as z.ZodType[]).map(strictDeep) as unknown as [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]];
    out = z.discriminatedUnion(schema.def.discriminator, options);
  } else if (schema instanceof z.ZodUnion) {
    out = z.union((schema.options as z.ZodType[]).map(strictDeep) as [z.ZodType, ...z.ZodType[]]);
  } else out = schema;
  strictCache.set(schema, out);
  return out;
}

const strictMeasurement = strictDeep(measurementSchema);
schemaIds.add(strictMeasurement, { id: 'Measurement', description: '値: a KPI value (number in the KPI unit plus remark, 約, 速報値, status, …)' });
const strictStamp = strictDeep(recordMetaShape.stamps.valueType);
schemaIds.add(strictStamp, { id: 'FieldStamp', description: 'When and by whom one field was last changed' });

const RECORD_IDS: Record<RecordKind, [string, string]> = {
  strategies: ['Strategy', '総合戦略'],
  goals: ['Goal', '基本目標'],
  measures: ['Measure', '施策'],
  projects: ['Project', '事業'],
  kpis: ['Kpi', 'KPI (重要業績評価指標 / 数値目標)'],
  kpiYears: ['KpiYear', 'One KPI in one fiscal year (年度目標・実績値・未達理由)'],
  projectYears: ['ProjectYear', 'One project in one fiscal year (実施内容・予算・決算・評価)'],
  meetings: ['Meeting', '会議: a committee meeting (推進会議・有識者会議) reviewing one fiscal year'],
  opinions: ['Opinion', '委員意見: one committee member’s opinion on a project or a basic goal'],
};

/** The strict write schema of one record kind, keys in written order. */
function strictRecord(kind: RecordKind): z.ZodType {
  const entity = strictDeep(ENTITY_SCHEMAS[kind]) as z.ZodObject;
  const shape = entity.shape as Record<string, z.ZodType>;
  const ordered: Record<string, z.ZodType> = {};
  for (const k of WRITTEN_KEYS[kind]) ordered[k] = shape[k]!;
  const schema = z.strictObject(ordered);
  const [id, description] = RECORD_IDS[kind];
  schemaIds.add(schema, { id, description });
  return schema;
}

export const recordWriteSchemas = Object.fromEntries(
  (Object.keys(ENTITY_SCHEMAS) as RecordKind[]).map((k) => [k, strictRecord(k)]),
) as Record<RecordKind, z.ZodType>;

export const scopeWriteSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('strategy') }),
  z.strictObject({ kind: z.literal('department'), departments: z.array(shortText().min(1)).min(1).max(BOUNDS.listItems) }),
]);

export const basedOnWriteSchema = z.strictObject({ exportId: shortText().min(1), exportedAt: z.iso.datetime() });

export const checksumWriteSchema = z.strictObject({
  algorithm: z.literal('SHA-256'),
  value: z.string().regex(/^[0-9a-f]{64}$/),
});

export const recordsWriteSchema = z.strictObject({
  strategy: recordWriteSchemas.strategies,
  goals: z.array(recordWriteSchemas.goals).max(RECORD_LIMITS.goals),
  measures: z.array(recordWriteSchemas.measures).max(RECORD_LIMITS.measures),
  projects: z.array(recordWriteSchemas.projects).max(RECORD_LIMITS.projects),
  kpis: z.array(recordWriteSchemas.kpis).max(RECORD_LIMITS.kpis),
  kpiYears: z.array(recordWriteSchemas.kpiYears).max(RECORD_LIMITS.kpiYears),
  projectYears: z.array(recordWriteSchemas.projectYears).max(RECORD_LIMITS.projectYears),
  meetings: z.array(recordWriteSchemas.meetings).max(RECORD_LIMITS.meetings),
  opinions: z.array(recordWriteSchemas.opinions).max(RECORD_LIMITS.opinions),
});

/** Exactly what this app writes. */
export const envelopeWriteSchema = z.strictObject({
  format: z.literal(FORMAT_ID),
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: shortText(),
  exportId: shortText().min(1),
  exportedAt: z.iso.datetime(),
  exportedBy: shortText(),
  copyId: shortText().min(1),
  scope: scopeWriteSchema,
  basedOn: basedOnWriteSchema.nullable(),
  records: recordsWriteSchema,
  checksum: checksumWriteSchema,
});

// ---------------------------------------------------------------------------------------------
// Read shape (lenient)
// ---------------------------------------------------------------------------------------------

function withoutKeys<T extends object>(record: T, ...keys: (keyof T)[]): Readonly<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k as keyof T)));
}

/** An instant as ISO 8601 with a time zone (Z or ±hh:mm); compared as instants, not as text. */
const instant = z.iso.datetime({ offset: true });

/**
 * Values that may be left out of a record, per kind. Ids and the references that place a record
 * in the tree (goalId, projectId, kpiId, fiscalYear, subjectKind, subjectId, …) have no default: a record without them has
 * no meaning. docs/bundle-format.md lists the same table.
 */
export const READ_DEFAULTS: Record<RecordKind, Readonly<Record<string, unknown>>> = {
  strategies: { municipality: '', name: '', note: '', copiedFrom: null },
  // goalDefaults/measureDefaults number new records ("1", "2" …); a file that leaves the number out
  // gets an empty one instead.
  goals: { number: '', title: '', directions: [], order: 0 },
  measures: { parentId: null, number: '', title: '', category: '', description: '', order: 0 },
  // The rest are the entities' own defaults, less the references that place a record in the tree.
  projects: withoutKeys(projectDefaults('', null, 0), 'goalId'),
  kpis: withoutKeys(kpiDefaults('', null, 0), 'goalId'),
  kpiYears: withoutKeys(kpiYearDefaults('', 0), 'kpiId', 'fiscalYear'),
  projectYears: withoutKeys(projectYearDefaults('', 0), 'projectId', 'fiscalYear'),
  meetings: withoutKeys(meetingDefaults(0), 'fiscalYear'),
  opinions: withoutKeys(opinionDefaults('project', '', 0, null, 0), 'subjectKind', 'subjectId', 'fiscalYear'),
};

/**
 * Metadata as read. Values that depend on the file (strategyId, createdAt, updatedAt, updatedBy)
 * are left undefined here and filled by `normalizeRecords` from the envelope.
 */
const metaReadShape = {
  id: recordId(),
  strategyId: recordId().optional(),
  createdAt: instant.optional(),
  updatedAt: instant.optional(),
  updatedBy: shortText().optional(),
  rev: counter().default(1),
  // `got` (version 3): when the writing copy took the stamp over from another file (FieldStamp).
  stamps: z.record(z.string(), z.object({ at: instant, by: shortText().default(''), got: instant.optional() })).default(() => ({})),
  deletedAt: instant.nullable().default(null),
  deletedBatch: z.string().max(BOUNDS.idChars).nullable().default(null),
};

const lenientMeasurement = measurementSchema.extend({ value: measurementSchema.shape.value.default(null) });

const lenientCache = new Map<z.ZodType, z.ZodType>();
/** Objects strip unknown keys (zod's default); measurements may leave out `value`. */
function lenientDeep(schema: z.ZodType): z.ZodType {
  if (schema === measurementSchema) return lenientMeasurement;
  const cached = lenientCache.get(schema);
  if (cached) return cached;
  let out: z.ZodType;
  if (schema instanceof z.ZodNullable) out = lenientDeep(schema.unwrap() as z.ZodType).nullable();
  else if (schema instanceof z.ZodOptional) out = lenientDeep(schema.unwrap() as z.ZodType).optional();
  else if (schema instanceof z.ZodArray) out = schema.clone({ ...schema.def, element: lenientDeep(schema.element as z.ZodType) });
  else out = schema;
  lenientCache.set(schema, out);
  return out;
}

function clone<T>(v: T): T {
  return v !== null && typeof v === 'object' ? (JSON.parse(JSON.stringify(v)) as T) : v;
}

function lenientRecord(kind: RecordKind): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  const defaults = READ_DEFAULTS[kind];
  for (const [k, v] of Object.entries(ENTITY_SCHEMAS[kind].shape as Record<string, z.ZodType>)) {
    if (k in metaReadShape) shape[k] = metaReadShape[k as keyof typeof metaReadShape];
    else if (k in defaults) shape[k] = lenientDeep(v).default(() => clone(defaults[k]));
    else shape[k] = lenientDeep(v);
  }
  return z.object(shape);
}

export const recordReadSchemas = Object.fromEntries(
  (Object.keys(ENTITY_SCHEMAS) as RecordKind[]).map((k) => [k, lenientRecord(k)]),
) as Record<RecordKind, z.ZodType>;

const list = (kind: Exclude<RecordKind, 'strategies'>) =>
  z.array(recordReadSchemas[kind]).max(RECORD_LIMITS[kind]).default(() => []);

export const recordsReadSchema = z.object({
  strategy: recordReadSchemas.strategies,
  goals: list('goals'),
  measures: list('measures'),
  projects: list('projects'),
  kpis: list('kpis'),
  kpiYears: list('kpiYears'),
  projectYears: list('projectYears'),
  // Files written before meetings and opinions existed leave these lists out: they hold none.
  meetings: list('meetings'),
  opinions: list('opinions'),
});

export const scopeReadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('strategy') }),
  z.object({ kind: z.literal('department'), departments: z.array(shortText().min(1)).min(1).max(BOUNDS.listItems) }),
]);

/** What this app reads (after migrating to the current version). Unknown keys are dropped. */
export const envelopeReadSchema = z.object({
  format: z.literal(FORMAT_ID),
  formatVersion: z.number().int().positive(),
  appVersion: shortText().default(''),
  exportId: shortText().default(''),
  exportedAt: instant,
  exportedBy: shortText().default(''),
  copyId: shortText().default(''),
  scope: scopeReadSchema.default(() => ({ kind: 'strategy' as const })),
  basedOn: z.object({ exportId: shortText().min(1), exportedAt: instant }).nullable().default(null),
  records: recordsReadSchema,
});

export type { FieldStamp };
