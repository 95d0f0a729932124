/**
 * The checksum of a bundle: SHA-256 over a canonical form of the envelope, so that re-indenting the
 * file, reordering its keys or changing its line endings does not break it, while changing,
 * dropping or adding any value does.
 *
 * The canonical form is the JSON Canonicalization Scheme (RFC 8785) for the values a JSON parser
 * gives: object keys sorted by UTF-16 code units, no whitespace, strings and numbers written as
 * ECMAScript's JSON.stringify writes them. Any JCS library in another language computes the same.
 */
import { FORMAT_VERSION, type Checksum } from './format';

/** Thrown only for values JSON cannot hold (a programming error, never a file's content). */
class NotJsonValueError extends Error {}

/** The canonical JSON text of a parsed JSON value (RFC 8785). */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value));
  } catch (e) {
    if (e instanceof IndexKeyFound) return write(value);
    throw e;
  }
}

/** Keys JavaScript objects keep in numeric order ahead of all others ("1", "10", …). */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
class IndexKeyFound extends Error {}

function isCodeUnitSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! >= keys[i]!) return false;
  return true;
}

function checkNumber(v: number): void {
  if (!Number.isFinite(v)) throw new NotJsonValueError(`not a JSON number: ${v}`);
}

/**
 * A copy with every object's keys inserted in canonical order, so that the native JSON.stringify
 * (whose string and number forms are exactly the ones RFC 8785 prescribes) writes the canonical
 * text: about a second for a 100 MB bundle, several times faster than assembling the text in
 * JavaScript. Insertion order cannot express one thing: JavaScript lists array-index keys ("1",
 * "10") first, in numeric order. This app never writes such keys; a file that has them is
 * canonicalised by the slower `write` instead.
 */
function sortedCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number') checkNumber(v);
    return v;
  }
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = sortedCopy(v[i]);
    return out;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (!isCodeUnitSorted(keys)) keys.sort(); // UTF-16 code-unit order, as RFC 8785 requires
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (ARRAY_INDEX.test(k)) throw new IndexKeyFound();
    out[k] = sortedCopy(obj[k]);
  }
  return out;
}

/** The canonical text assembled by hand: for values with array-index keys. */
function write(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number') checkNumber(v);
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint')
      throw new NotJsonValueError(`not a JSON value: ${typeof v}`);
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(obj[k])}`).join(',')}}`;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text` (WebCrypto: browsers and Node 20). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return bytesToHex(new Uint8Array(digest));
}

export async function sha256HexOfBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return bytesToHex(new Uint8Array(digest));
}

function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The checksum of an envelope: every member except `checksum` itself, canonicalised and hashed.
 * `formatVersion` selects the rule; version 1 is the only one so far. A future version that changes
 * the rule adds a branch here, so files of every version are still checked by their own rule.
 */
export async function envelopeChecksum(envelope: Readonly<Record<string, unknown>>, formatVersion: number = FORMAT_VERSION): Promise<Checksum> {
  void formatVersion;
  const payload: Record<string, unknown> = {};
  for (const k of Object.keys(envelope)) if (k !== 'checksum') payload[k] = envelope[k];
  return { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(payload)) };
}
