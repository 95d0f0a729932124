// Thousands of damaged files — cut, flipped, re-encoded, garbage, and structurally mutated with a
// correct checksum (as another tool would write them). Every one must give either a complete,
// valid strategy or a refusal with a Japanese message; none may throw or be half-read.
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { envelopeChecksum } from '../../src/bundle/canonical';
import { bundleErrorDetails, bundleErrorMessage } from '../../src/features/bundles/bundle-messages';
import { ENTITY_SCHEMAS, RECORD_KEYS } from '../../src/bundle/format';
import { addMeeting, exportOptions, sample } from './helpers';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}
type Rng = ReturnType<typeof random>;

const JUNK: readonly unknown[] = ['', '12件', '令和3', -1, 0, 1.5, 1e300, true, null, [], {}, [1, 'a'], { value: '12' }, 'x'.repeat(300), '__proto__'];

function mutateText(text: string, rng: Rng): string {
  switch (rng.int(6)) {
    case 0:
      return text.slice(0, rng.int(text.length));
    case 1: {
      const i = rng.int(text.length);
      return text.slice(0, i) + String.fromCharCode(rng.int(0x3000)) + text.slice(i + 1);
    }
    case 2: {
      const i = rng.int(text.length);
      return text.slice(0, i) + text.slice(i + 1 + rng.int(50));
    }
    case 3:
      // A mailer that decoded UTF-8 as Latin-1 and wrote it back.
      return Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
    case 4:
      return Array.from({ length: rng.int(2000) }, () => String.fromCharCode(rng.int(256))).join('');
    default: {
      const i = rng.int(text.length);
      return text.slice(0, i) + rng.pick(['{', '}', '[', ']', '"', ',', ':', '\\', '\n']) + text.slice(i);
    }
  }
}

/** Replaces, deletes or adds one value somewhere in the envelope, then writes a correct checksum. */
async function mutateStructure(json: string, rng: Rng): Promise<string> {
  const envelope = JSON.parse(json) as Record<string, unknown>;
  delete envelope['checksum'];
  for (let n = 1 + rng.int(3); n > 0; n--) {
    let node: unknown = envelope;
    let parent: Record<string, unknown> | unknown[] = envelope;
    let key: string | number = 'records';
    for (let depth = 0; depth < 6 && node !== null && typeof node === 'object'; depth++) {
      const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      if (keys.length === 0 || (depth > 1 && rng.next() < 0.25)) break;
      parent = node as Record<string, unknown>;
      key = rng.pick(keys);
      node = (node as Record<string | number, unknown>)[key];
    }
    const container = parent as Record<string | number, unknown>;
    const r = rng.next();
    if (r < 0.2 && !Array.isArray(parent)) delete container[key];
    else if (r < 0.3 && Array.isArray(parent)) parent.push(structuredClone(parent[rng.int(parent.length)] ?? null));
    else if (r < 0.4 && !Array.isArray(parent)) container[`extra${rng.int(9)}`] = rng.pick(JUNK);
    else container[key] = structuredClone(rng.pick(JUNK));
  }
  envelope['checksum'] = await envelopeChecksum(envelope);
  return JSON.stringify(envelope);
}

async function check(text: string) {
  const result = await parseBundle(text);
  if (result.ok) {
    // Accepted: then every record is whole and valid, never half-read.
    const records = result.value.records as unknown as Record<string, unknown>;
    for (const [kind, key] of RECORD_KEYS) {
      const list = key === 'strategy' ? [records['strategy']] : (records[key] as unknown[]);
      for (const r of list) expect(ENTITY_SCHEMAS[kind].safeParse(r).success).toBe(true);
    }
    return 'ok';
  }
  expect(result.error.kind).not.toBe('unexpected');
  const message = bundleErrorMessage(result.error);
  expect(message.length).toBeGreaterThan(10);
  expect(message).not.toMatch(/\{\w+\}/);
  for (const line of bundleErrorDetails(result.error)) expect(line).not.toMatch(/\{\w+\}|undefined/);
  return result.error.kind;
}

describe('parseBundle under fuzzing', () => {
  it('answers 3,000 damaged files with a valid strategy or a message, never an exception', async () => {
    const { records, ctx } = sample();
    addMeeting(records, ctx); // the file carries a meeting and an opinion as context
    const { json } = await serializeBundle(records, exportOptions({ scope: { kind: 'department', departments: ['商工課', '子ども家庭課'] } }));
    const rng = random(20260520);
    const seen = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const text = i % 2 === 0 ? mutateText(json, rng) : await mutateStructure(json, rng);
      const kind = await check(text);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
    // The mutations reach the deep checks, not only the JSON parser.
    for (const kind of ['notJson', 'truncated', 'checksumMismatch', 'invalidRecords', 'brokenReferences', 'invalidEnvelope']) expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
  }, 60_000);
});
