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
export class NotJsonValueError extends Error {}

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

function isArrayIndex(k: string): boolean {
  const c = k.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && ARRAY_INDEX.test(k); // most names do not start with a digit
}

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
 *
 * Only what is out of order is copied: an object whose keys are already in order and whose
 * members need no copy (a field stamp `{"at", "by"}`, a list of names) is used as it is, so the
 * walk allocates little beyond the records themselves. With a `guard`, it also refuses nesting
 * too deep and forbidden member names (GuardRefused); `depth` is that of `v` (root = 1).
 */
function sortedCopy(v: unknown, depth = 1, guard: WalkGuard | null = null): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number') checkNumber(v);
    return v;
  }
  if (guard && depth > guard.maxDepth) throw new GuardRefused();
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      const copy = sortedCopy(item, depth + 1, guard);
      if (out) out[i] = copy;
      else if (copy !== item) {
        out = v.slice(0, i);
        out[i] = copy;
      }
    }
    return out ?? v;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (guard) for (const k of keys) if (guard.forbidden.has(k)) throw new GuardRefused();
  const inOrder = isCodeUnitSorted(keys);
  if (!inOrder) keys.sort(); // UTF-16 code-unit order, as RFC 8785 requires
  let out: Record<string, unknown> | null = inOrder ? null : {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (isArrayIndex(k)) throw new IndexKeyFound();
    const item = obj[k];
    const copy = sortedCopy(item, depth + 1, guard);
    if (out) out[k] = copy;
    else if (copy !== item) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = obj[keys[j]!];
      out[k] = copy;
    }
  }
  return out ?? obj;
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

/**
 * Members refused anywhere in a value (see {@link canonicalUtf8}): the names that reach object
 * prototypes when copied, `__proto__`, `constructor` and `prototype`. A file that has one is
 * refused before its checksum is computed; the walk below only has to notice one, not name it.
 */
export interface WalkGuard {
  /** Objects and arrays nest at most this deep (the root is depth 1). */
  maxDepth: number;
  /** Member names refused anywhere. */
  forbidden: ReadonlySet<string>;
}

/** Options of {@link canonicalUtf8}. */
export interface CanonicalOptions {
  /** Refuse (return null) when the value nests too deep or has a forbidden member name. */
  guard?: WalkGuard;
  /** A member of the root object left out of the canonical form (still checked by the guard). */
  omit?: string;
  /** Expected size in bytes, to size the buffer at once (it grows when needed). */
  sizeHint?: number;
}

/** The canonical form as UTF-8 bytes, and how many UTF-16 code units its text has. */
export interface CanonicalBytes {
  /** A view into a larger buffer: copy it (`slice()`) before keeping it. */
  bytes: Uint8Array<ArrayBuffer>;
  /** Length of the canonical text in UTF-16 code units (JavaScript's string length). */
  chars: number;
}

/**
 * The UTF-8 bytes of {@link canonicalJson}(value) for a JSON value, written piece by piece: the
 * envelope, the `records` object and its lists are assembled here, and each record (anything three
 * levels down) is canonicalised on its own and encoded into one growing buffer. The same bytes as
 * `new TextEncoder().encode(canonicalJson(value))`, without a sorted copy of the whole tree and
 * without the whole text as one string (for the largest strategies, several hundred megabytes that
 * would otherwise live at once).
 *
 * With a `guard`, the same walk checks nesting depth and member names, and the result is null if
 * the value breaks either rule.
 */
export function canonicalUtf8(value: unknown, options: CanonicalOptions = {}): CanonicalBytes | null {
  const sink = new Utf8Sink(options.sizeHint ?? 64 * 1024);
  if (!writeLevel(value, sink, 1, options.guard ?? null, options.omit ?? null)) return null;
  return { bytes: sink.view(), chars: sink.chars };
}

/** Depth from which values are canonicalised whole (root = 1; a bundle's records are at 4). */
const PIECE_DEPTH = 4;

/** Values JSON.stringify leaves out of objects and writes as null in arrays. */
function noJsonForm(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** Writes one value at `depth` (root = 1); false when the guard refuses it. */
function writeLevel(v: unknown, sink: Utf8Sink, depth: number, guard: WalkGuard | null, omit: string | null): boolean {
  if (v === null || typeof v !== 'object') {
    sink.write(noJsonForm(v) ? 'null' : canonicalJson(v));
    return true;
  }
  if (guard && depth > guard.maxDepth) return false;
  if (depth >= PIECE_DEPTH) {
    const piece = guard ? guardedCanonical(v, depth, guard) : canonicalJson(v);
    if (piece === null) return false;
    sink.write(piece);
    return true;
  }
  if (Array.isArray(v)) {
    sink.write('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) sink.write(',');
      if (!writeLevel(v[i], sink, depth + 1, guard, null)) return false;
    }
    sink.write(']');
    return true;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (guard) for (const k of keys) if (guard.forbidden.has(k)) return false;
  if (!isCodeUnitSorted(keys)) keys.sort();
  sink.write('{');
  let first = true;
  for (const k of keys) {
    const item = obj[k];
    if (k === omit) {
      if (guard && !guardOnly(item, depth + 1, guard)) return false;
      continue;
    }
    if (noJsonForm(item)) continue;
    sink.write(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`);
    first = false;
    if (!writeLevel(item, sink, depth + 1, guard, null)) return false;
  }
  sink.write('}');
  return true;
}

/** canonicalJson of `v` at `depth`, checked by the guard in the same walk; null when refused. */
function guardedCanonical(v: object, depth: number, guard: WalkGuard): string | null {
  try {
    return JSON.stringify(sortedCopy(v, depth, guard));
  } catch (e) {
    if (e instanceof GuardRefused) return null;
    // Array-index member names: checked by the plain walk, written by the slow writer.
    if (e instanceof IndexKeyFound) return guardOnly(v, depth, guard) ? write(v) : null;
    throw e;
  }
}

class GuardRefused extends Error {}

/** Depth and member names only. */
function guardOnly(v: unknown, depth: number, guard: WalkGuard): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (depth > guard.maxDepth) return false;
  if (Array.isArray(v)) {
    for (const item of v) if (!guardOnly(item, depth + 1, guard)) return false;
    return true;
  }
  for (const k of Object.keys(v)) {
    if (guard.forbidden.has(k)) return false;
    if (!guardOnly((v as Record<string, unknown>)[k], depth + 1, guard)) return false;
  }
  return true;
}

const encoder = new TextEncoder();

/** A growing byte buffer that strings are UTF-8 encoded into. */
class Utf8Sink {
  #buf: Uint8Array<ArrayBuffer>;
  #len = 0;
  chars = 0;
  constructor(size: number) {
    this.#buf = new Uint8Array(Math.max(1024, Math.ceil(size)));
  }
  write(s: string): void {
    this.chars += s.length;
    // One UTF-16 code unit never takes more than three bytes.
    const room = this.#buf.length - this.#len;
    if (room < s.length * 3) {
      // Short strings (most pieces) are worth an exact look before growing.
      if (s.length > 256 || room < utf8Length(s)) this.#grow(s.length * 3);
    }
    this.#len += encoder.encodeInto(s, this.#buf.subarray(this.#len)).written;
  }
  #grow(need: number): void {
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + need));
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }
  /** The bytes written so far (a view: the buffer usually has room to spare). */
  view(): Uint8Array<ArrayBuffer> {
    return this.#buf.subarray(0, this.#len);
  }
}

/** Number of UTF-8 bytes of `s` (lone surrogates count as U+FFFD, as TextEncoder writes them). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 4 bytes for 2 units
      i++;
    } else n += 2;
  }
  return n;
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
 *
 * `canonical`: the bytes of `canonicalUtf8(envelope, { omit: 'checksum' })` when the caller has
 * already made them (reading a file makes them while checking it); used by the rules that hash them.
 */
export async function envelopeChecksum(
  envelope: Readonly<Record<string, unknown>>,
  formatVersion: number = FORMAT_VERSION,
  canonical?: CanonicalBytes,
): Promise<Checksum> {
  void formatVersion;
  const bytes = canonical ?? envelopeCanonical(envelope);
  return { algorithm: 'SHA-256', value: await sha256HexOfBytes(bytes.bytes) };
}

/** The canonical form of an envelope without its `checksum` member: what version 1 hashes. */
export function envelopeCanonical(envelope: Readonly<Record<string, unknown>>, sizeHint?: number): CanonicalBytes {
  return canonicalUtf8(envelope, { omit: 'checksum', ...(sizeHint === undefined ? {} : { sizeHint }) })!;
}
