// The canonical bytes written piece by piece (canonicalUtf8) are exactly the UTF-8 of canonicalJson,
// and its guard refuses exactly what the reading scan refuses.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, canonicalUtf8, envelopeCanonical, envelopeChecksum, utf8Length } from '../../src/bundle/canonical';
import { FORBIDDEN_KEYS } from '../../src/bundle/format';
import { readJson } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { addMeeting, exportOptions, sample } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Member names that test the ordering: array indices, non-ASCII, astral characters, escapes. */
const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '1', '10', '01', '4294967295', 'é', '€', '\ud83c\udf38', '\ufb01', '\r', 'id', 'stamps'));
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('改行\n"引用"', '\ud800', 'a\udc00b', '\ud83c\udf38'));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    text,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }).filter((o) => !Object.keys(o).some((k) => FORBIDDEN_KEYS.has(k))),
  ),
})).value;

/** The reference of docs/bundle-format.md: sorted keys, no whitespace, assembled by hand. */
const reference = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(reference).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

describe('canonicalJson', () => {
  it('is the reference form for any JSON value, ordered or not, and leaves the value as it was', () => {
    fc.assert(
      fc.property(json, (v) => {
        const before = JSON.stringify(v);
        expect(canonicalJson(v)).toBe(reference(v));
        expect(JSON.stringify(v)).toBe(before);
        // Already in canonical order (what the walk uses without copying), it is still the same.
        const ordered = JSON.parse(reference(v)) as unknown;
        expect(canonicalJson(ordered)).toBe(reference(v));
      }),
      { numRuns: 2000, seed: 85 },
    );
  }, 60_000);
});

describe('canonicalUtf8', () => {
  it('gives the UTF-8 bytes of canonicalJson, and its length in characters, for any JSON value', () => {
    fc.assert(
      fc.property(json, (v) => {
        const out = canonicalUtf8(v)!;
        const expected = canonicalJson(v);
        expect(Array.from(out.bytes)).toEqual(Array.from(utf8(expected)));
        expect(out.chars).toBe(expected.length);
      }),
      { numRuns: 2000, seed: 8785 },
    );
  }, 60_000);

  it('leaves out the member it is told to, and still grows from a tiny buffer', () => {
    fc.assert(
      fc.property(fc.dictionary(key, json, { maxKeys: 6 }), json, (rest, checksum) => {
        if (Object.keys(rest).some((k) => FORBIDDEN_KEYS.has(k))) return;
        const envelope = { ...rest, checksum };
        const { checksum: _, ...payload } = envelope;
        const out = canonicalUtf8(envelope, { omit: 'checksum', sizeHint: 1 })!;
        expect(new TextDecoder().decode(out.bytes)).toBe(canonicalJson(payload));
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('refuses exactly what the reading scan refuses: nesting too deep, forbidden names anywhere', () => {
    const poison = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => ({ kind: 'key' as const, k })),
      fc.integer({ min: 1, max: 12 }).map((n) => ({ kind: 'deep' as const, n })),
      fc.constant({ kind: 'none' as const }),
    );
    const outcomes = { refused: 0, read: 0 };
    fc.assert(
      fc.property(json, fc.array(fc.nat(), { maxLength: 6 }), poison, fc.integer({ min: 2, max: 14 }), fc.boolean(), (base, path, p, maxDepth, inChecksum) => {
        const root: Record<string, unknown> = { checksum: { value: 'x' }, records: { goals: [{ id: 'g', base }] } };
        // Put the poison somewhere: under the checksum member or down a path into the records.
        let node = (inChecksum ? root['checksum'] : root['records']) as Record<string, unknown> | unknown[];
        for (const step of path) {
          const keys = Object.keys(node);
          if (keys.length === 0) break;
          const next = (node as Record<string, unknown>)[keys[step % keys.length]!];
          if (next === null || typeof next !== 'object') break;
          node = next as Record<string, unknown>;
        }
        let bad: unknown = 1;
        if (p.kind === 'none') bad = 'harmless';
        if (p.kind === 'deep') for (let i = 0; i < p.n; i++) bad = [bad];
        const target = Array.isArray(node) ? node : node;
        if (p.kind === 'key') {
          if (Array.isArray(target)) target.push(JSON.parse(`{"${p.k}": 1}`));
          else Object.defineProperty(target, p.k, { value: 1, enumerable: true, configurable: true, writable: true });
        } else if (Array.isArray(target)) target.push(bad);
        else target['deep'] = bad;
        const text = JSON.stringify(root);
        const parsed = JSON.parse(text) as unknown;
        const scanned = readJson(text, { maxChars: 1e9, maxDepth, maxReportedIssues: 50 });
        const walked = canonicalUtf8(parsed, { guard: { maxDepth, forbidden: FORBIDDEN_KEYS }, omit: 'checksum' });
        expect(walked === null, text).toBe(!scanned.ok);
        outcomes[walked === null ? 'refused' : 'read']++;
      }),
      { numRuns: 1500, seed: 32 },
    );
    expect(outcomes.read).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });

  it('gives an envelope the checksum of its canonical text, as a third party computes it', async () => {
    const { records, ctx } = sample();
    addMeeting(records, ctx);
    const out = await serializeBundle(records, exportOptions());
    const { checksum, ...payload } = JSON.parse(out.json) as Record<string, unknown>;
    const { createHash } = await import('node:crypto');
    expect(checksum).toEqual({ algorithm: 'SHA-256', value: createHash('sha256').update(canonicalJson(payload), 'utf8').digest('hex') });
    expect(await envelopeChecksum(JSON.parse(out.json) as Record<string, unknown>)).toEqual(checksum);
    expect(new TextDecoder().decode(envelopeCanonical(payload).bytes)).toBe(canonicalJson(payload));
    // The serializer hands the same bytes on (kept as what was sent).
    expect(await out.canonical.text()).toBe(canonicalJson(payload));
  });
});

describe('utf8Length', () => {
  it('counts the bytes TextEncoder writes', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary' })), (s) => {
        expect(utf8Length(s)).toBe(utf8(s).length);
      }),
      { numRuns: 2000, seed: 3 },
    );
  }, 60_000);
});
