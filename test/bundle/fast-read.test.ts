// The compiled reader of the read shape (src/bundle/fast-read.ts) either gives up or returns what
// zod's parse returns: same values, same members (undefined ones included). What needs no change it
// returns as it is (keys in the file's order); what it builds has zod's key order. Its input is
// never changed.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { GIVE_UP, compileReader } from '../../src/bundle/fast-read';
import { envelopeReadSchema, recordReadSchemas } from '../../src/bundle/format';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { buildWorkbook } from '../../src/domain/sample/build';
import { generateStrategy } from '../support/generate';
import { measurementSchema } from '../../src/domain/entities/measurement.schema';
import { addMeeting, deepFreeze, exportOptions, rewrite, sample } from './helpers';
import { testContext } from '../support/context';

const reader = compileReader(envelopeReadSchema, { retryWithZod: new Set(Object.values(recordReadSchemas)) });

/** Same value, same members (undefined ones too); objects it built have zod's order of keys. */
function expectSame(actual: unknown, expected: unknown, input: unknown) {
  expect(actual).toStrictEqual(expected);
  sameOrder(actual, expected, input);
}

function sameOrder(actual: unknown, expected: unknown, input: unknown) {
  if (actual === null || typeof actual !== 'object' || expected === null || typeof expected !== 'object') return;
  if (actual !== input && !Array.isArray(actual)) expect(Object.keys(actual)).toEqual(Object.keys(expected));
  const sub = (o: unknown, k: string) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
  for (const k of Object.keys(actual)) sameOrder(sub(actual, k), sub(expected, k), sub(input, k));
}

/** The compiled reader of `schema` agrees with zod on `value` (or gives up, if `mayGiveUp`). */
function agrees(schema: z.ZodType, read: (v: unknown) => unknown, value: unknown, mayGiveUp: boolean): 'read' | 'gaveUp' {
  const before = JSON.stringify(value);
  const fast = read(deepFreeze(value));
  expect(JSON.stringify(value)).toBe(before);
  const zod = schema.safeParse(value);
  if (fast === GIVE_UP) {
    if (!mayGiveUp) expect(zod.success, `gave up on a value zod reads: ${JSON.stringify(value)}`).toBe(false);
    return 'gaveUp';
  }
  expect(zod.success, `read a value zod refuses: ${JSON.stringify(value)}`).toBe(true);
  if (zod.success) expectSame(fast, zod.data, value);
  return 'read';
}

async function writtenFiles(): Promise<string[]> {
  const { records, ctx } = sample();
  addMeeting(records, ctx);
  const generated = buildWorkbook(generateStrategy({ goals: 2, projects: 6, kpis: 16, years: 4, seed: 7, startYear: 2020 }), testContext());
  return [
    (await serializeBundle(records, exportOptions())).json,
    (await serializeBundle(records, exportOptions({ scope: { kind: 'department', departments: ['商工課'] } }))).json,
    (await serializeBundle(generated, exportOptions({ basedOn: { exportId: 'e-0', exportedAt: '2026-05-01T00:00:00.000Z' } }))).json,
  ];
}

const FIXTURES = ['v1-seki-strategy.json', 'v1-seki-shoko.json', 'v1-seki-meeting.json'].map((f) =>
  readFileSync(new URL(`../fixtures/bundles/${f}`, import.meta.url), 'utf8'),
);

describe('compiled read shape', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads every file this app writes without giving up, exactly as zod does', async () => {
    for (const json of await writtenFiles()) {
      const envelope = JSON.parse(json) as unknown;
      expect(agrees(envelopeReadSchema, reader, envelope, false)).toBe('read');
    }
  });

  it('returns the records of a file this app wrote as they are, and copies only what it changes', async () => {
    const [json] = await writtenFiles();
    const envelope = JSON.parse(json!) as { records: Record<string, Record<string, unknown>[]> };
    const out = reader(envelope) as typeof envelope;
    expect(out).not.toBe(envelope); // the envelope's checksum is not part of the read shape
    expect(out.records).toBe(envelope.records);
    expect(out.records['kpiYears']![0]).toBe(envelope.records['kpiYears']![0]);

    const goal = envelope.records['goals']![0]!;
    delete goal['order'];
    goal['extra'] = 1;
    const changed = reader(envelope) as typeof envelope;
    expect(changed.records).not.toBe(envelope.records);
    expect(changed.records['goals']![0]).toMatchObject({ order: 0 });
    expect(changed.records['goals']![0]).not.toHaveProperty('extra');
    expect(changed.records['goals']![1]).toBe(envelope.records['goals']![1]);
    expect(changed.records['kpis']).toBe(envelope.records['kpis']);
  });

  it('reads the kept files of earlier app versions exactly as zod does', () => {
    for (const json of FIXTURES) expect(agrees(envelopeReadSchema, reader, JSON.parse(json), false)).toBe('read');
  });

  it('fills what a hand-written file leaves out exactly as zod does (zod reads those records)', async () => {
    const [json] = await writtenFiles();
    const lean = await rewrite(json!, (env) => {
      for (const list of ['goals', 'kpis', 'kpiYears', 'projectYears', 'meetings', 'opinions']) {
        const records = env.records[list] as Record<string, unknown>[];
        for (const r of records) for (const key of ['createdAt', 'stamps', 'rev', 'deletedAt', 'note', 'order', 'summaryDraft', 'target', 'member']) delete r[key];
      }
      delete env.records['meetings'];
      delete env['scope'];
      delete env['basedOn'];
    });
    expect(agrees(envelopeReadSchema, reader, JSON.parse(lean), false)).toBe('read');
  });

  it('on thousands of damaged envelopes, gives up or agrees with zod', async () => {
    const files = await writtenFiles();
    const envelopes = files.map((json) => JSON.parse(json) as unknown);
    const junk = fc.oneof(
      fc.constantFrom<unknown>('', 'x', '2026-02-30T00:00:00Z', '2024-02-29T00:00:00+09:00', '12件', -1, 0, 1, 1.5, 17, 18, 2 ** 53, true, null, [], {}, ['a'], { value: 1 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(fc.nat(envelopes.length - 1), fc.array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(3), junk), { minLength: 1, maxLength: 4 }), (which, edits) => {
        const envelope = structuredClone(envelopes[which]) as Record<string, unknown>;
        for (const [path, op, value] of edits) {
          // Walk down by indices into the keys (or items) of each level, then change the last one.
          let parent: Record<string | number, unknown> = envelope;
          let key: string | number = 'records';
          let node: unknown = envelope;
          for (const step of path) {
            if (node === null || typeof node !== 'object') break;
            const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
            if (keys.length === 0) break;
            parent = node as Record<string | number, unknown>;
            key = keys[step % keys.length]!;
            node = parent[key];
          }
          if (op === 0 && !Array.isArray(parent)) delete parent[key];
          else if (op === 1 && !Array.isArray(parent)) parent[`extra${String(key)}`] = structuredClone(value);
          else parent[key] = structuredClone(value);
        }
        const outcome = agrees(envelopeReadSchema, reader, envelope, true);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      { numRuns: 800, seed: 20260520 },
    );
    // Both ways are exercised: damage the reader takes (an unknown member, a valid other value) and damage it refuses.
    expect(outcomes.get('read') ?? 0).toBeGreaterThan(50);
    expect(outcomes.get('gaveUp') ?? 0).toBeGreaterThan(50);
  }, 60_000);

  it('reads each kind of value it compiles exactly as zod does, and gives up only where zod refuses', () => {
    const dateTime = fc.oneof(
      fc.date({ noInvalidDate: true, min: new Date('0001-01-01'), max: new Date('9999-12-31') }).map((d) => d.toISOString()),
      fc.constantFrom('2026-05-20T10:00:00+09:00', '2026-05-20T10:00:00', '2026-05-20', '2023-02-29T00:00:00Z', '2024-02-29T00:00:00.5-03:30', '2026-05-20T24:00:00Z'),
    );
    const values = fc.oneof(fc.jsonValue({ maxDepth: 3 }), dateTime, fc.integer({ min: -3, max: 20 }), fc.constantFrom(2 ** 53, -(2 ** 53), 0.5, '', 'a', '\ud83c\udf38', 'ab'));
    const schemas: z.ZodType[] = [
      z.string(),
      z.string().min(1),
      z.string().min(2),
      z.iso.datetime({ offset: true }),
      z.iso.datetime({ offset: true }).nullable().default(null),
      z.number(),
      z.number().int(),
      z.number().int().nonnegative(),
      z.number().int().positive(),
      z.number().int().min(1).max(17),
      z.number().gt(0).lt(10),
      z.boolean(),
      z.enum(['new', 'continuing', 'revised']).nullable(),
      z.literal('jp.chiho-senryaku.workbook'),
      z.array(z.string()),
      z.array(z.number().int().min(1).max(17)).default(() => []),
      z.record(z.string(), z.object({ at: z.iso.datetime({ offset: true }), by: z.string().default('') })),
      z.object({ a: z.string().optional(), b: z.number().default(1), c: z.string().nullable() }),
      measurementSchema.extend({ value: measurementSchema.shape.value.default(null) }),
    ];
    for (const schema of schemas) {
      const read = compileReader(schema);
      fc.assert(
        fc.property(values, (v) => {
          agrees(schema, read, v, false);
        }),
        { numRuns: 400, seed: 7 },
      );
    }
  });

  it('hands to zod what it does not compile (a union), still agreeing with it', () => {
    const schema = z.object({ kind: z.union([z.literal('a'), z.number()]), list: z.tuple([z.string()]).optional() });
    const read = compileReader(schema);
    expect(agrees(schema, read, { kind: 'a', list: ['x'] }, false)).toBe('read');
    expect(agrees(schema, read, { kind: 3 }, false)).toBe('read');
    expect(agrees(schema, read, { kind: 'b' }, false)).toBe('gaveUp');
  });

  it('spares parseBundle the zod pass for a valid file, and lets zod name the problems of an invalid one', async () => {
    const [json] = await writtenFiles();
    const spy = vi.spyOn(envelopeReadSchema, 'safeParse');
    expect((await parseBundle(json!)).ok).toBe(true);
    expect(spy).not.toHaveBeenCalled();

    const bad = await rewrite(json!, (env) => {
      (env.records['kpiYears'] as Record<string, unknown>[])[0]!['fiscalYear'] = 2020.5;
    });
    const result = await parseBundle(bad);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(result.ok === false && result.error).toMatchObject({ kind: 'invalidRecords', total: 1, issues: [{ problem: 'notInteger', path: 'records.kpiYears[0].fiscalYear' }] });
  });
});
