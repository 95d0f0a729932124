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
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(v: unknown, out: string[]): void {
  if (v === null) {
    out.push('null');
    return;
  }
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'number':
      if (!Number.isFinite(v)) throw new NotJsonValueError(`not a JSON number: ${v}`);
      out.push(JSON.stringify(v));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'object':
      break;
    default:
      throw new NotJsonValueError(`not a JSON value: ${typeof v}`);
  }
  if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      write(v[i], out);
    }
    out.push(']');
    return;
  }
  const obj = v as Record<string, unknown>;
  // Array.prototype.sort without a comparator compares UTF-16 code units, as RFC 8785 requires.
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  out.push('{');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (i > 0) out.push(',');
    out.push(JSON.stringify(k), ':');
    write(obj[k], out);
  }
  out.push('}');
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
