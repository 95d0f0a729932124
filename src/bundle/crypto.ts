/**
 * Optional password protection of a bundle for email: AES-256-GCM with a key derived from the
 * password by PBKDF2-HMAC-SHA-256, all through WebCrypto (browsers and Node 20), nothing hand-made.
 *
 * The protected file is a small JSON envelope of its own format id (docs/bundle-format.md,
 * "Password-protected files"). Its header (format, version, KDF and cipher parameters) is bound to
 * the ciphertext as additional authenticated data, so it cannot be altered either. A SHA-256 of the
 * ciphertext tells a damaged file (the mailer changed it) from a wrong password: a file whose
 * ciphertext is intact but does not open was given the wrong password.
 */
import { z } from 'zod';
import { ENCRYPTED_FORMAT_ID, ENCRYPTED_FORMAT_VERSION, FORMAT_ID, LIMITS } from './format';
import { canonicalJson, sha256HexOfBytes } from './canonical';
import { readJson } from './parse';
import type { BundleError, Result } from './errors';

/** PBKDF2 iterations written (OWASP's 2023 figure for PBKDF2-HMAC-SHA-256). */
export const PBKDF2_ITERATIONS = 600_000;
/** A file asking for fewer is refused (too weak), or for more (a hostile file stalling the tablet). */
export const MIN_PBKDF2_ITERATIONS = 210_000;
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const headerSchema = z.object({
  format: z.literal(ENCRYPTED_FORMAT_ID),
  formatVersion: z.literal(ENCRYPTED_FORMAT_VERSION),
  contentFormat: z.literal(FORMAT_ID),
  kdf: z.strictObject({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.number().int().min(MIN_PBKDF2_ITERATIONS).max(MAX_PBKDF2_ITERATIONS),
    salt: base64,
  }),
  cipher: z.strictObject({ name: z.literal('AES-GCM'), keyLength: z.literal(256), iv: base64, tagLength: z.literal(128) }),
});

/** The password-protected envelope as written (and as the JSON Schema in the docs shows it). */
export const encryptedEnvelopeSchema = headerSchema.extend({
  data: base64,
  dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EncryptedEnvelope = z.infer<typeof encryptedEnvelopeSchema>;
type Header = z.infer<typeof headerSchema>;

export interface EncryptOptions {
  /** Defaults to PBKDF2_ITERATIONS; tests may lower it to MIN_PBKDF2_ITERATIONS. */
  iterations?: number;
  /** Source of random bytes; defaults to crypto.getRandomValues. */
  randomBytes?: (n: number) => Uint8Array<ArrayBuffer>;
}

function defaultRandom(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/**
 * The password the person typed, as bytes for PBKDF2. NFC, so that the same password typed on
 * another device's keyboard (composed or decomposed kana) opens the file.
 */
function passwordBytes(password: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(password.normalize('NFC'));
}

async function deriveKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number, usage: KeyUsage): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const material = await subtle.importKey('raw', passwordBytes(password), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

function additionalData(header: Header): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson(header));
}

/**
 * Protects the text of a bundle file with a password. Returns the text of the protected file.
 * Throws only when `password` is empty (the screen asks for one before calling).
 */
export async function encryptBundle(json: string, password: string, options: EncryptOptions = {}): Promise<string> {
  if (password.length === 0) throw new Error('encryptBundle: empty password');
  const random = options.randomBytes ?? defaultRandom;
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const header: Header = {
    format: ENCRYPTED_FORMAT_ID,
    formatVersion: ENCRYPTED_FORMAT_VERSION,
    contentFormat: FORMAT_ID,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: options.iterations ?? PBKDF2_ITERATIONS, salt: bytesToBase64(salt) },
    cipher: { name: 'AES-GCM', keyLength: 256, iv: bytesToBase64(iv), tagLength: 128 },
  };
  const key = await deriveKey(password, salt, header.kdf.iterations, 'encrypt');
  const cipherText = new Uint8Array(
    await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: additionalData(header), tagLength: 128 },
      key,
      new TextEncoder().encode(json),
    ),
  );
  const envelope: EncryptedEnvelope = { ...header, data: bytesToBase64(cipherText), dataSha256: await sha256HexOfBytes(cipherText) };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/**
 * Opens a password-protected file. Resolves to the text of the bundle inside (to give to
 * parseBundle) or to an error: wrongPassword, checksumMismatch (damaged on the way),
 * invalidEncryption, newerVersion, or the JSON errors of any file. Never rejects. A file that is
 * not password-protected is returned unchanged.
 */
export async function decryptBundle(text: string, password: string): Promise<Result<string>> {
  try {
    return await decryptChecked(text, password);
  } catch (e) {
    return fail({ kind: 'unexpected', detail: e instanceof Error ? e.message : String(e) });
  }
}

const fail = (error: BundleError): { ok: false; error: BundleError } => ({ ok: false, error });

async function decryptChecked(text: string, password: string): Promise<Result<string>> {
  const json = readJson(text, LIMITS);
  if (!json.ok) return json;
  const raw = json.value as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail({ kind: 'notBundle' });
  if (raw['format'] === FORMAT_ID) return { ok: true, value: text };
  if (raw['format'] !== ENCRYPTED_FORMAT_ID) return fail({ kind: 'notBundle' });
  const version = raw['formatVersion'];
  if (typeof version === 'number' && version > ENCRYPTED_FORMAT_VERSION)
    return fail({ kind: 'newerVersion', fileVersion: version, appFormatVersion: ENCRYPTED_FORMAT_VERSION, fileAppVersion: null });
  const parsed = encryptedEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return fail({ kind: 'invalidEncryption' });
  const { data, dataSha256, ...header } = parsed.data;
  const salt = base64ToBytes(header.kdf.salt);
  const iv = base64ToBytes(header.cipher.iv);
  const cipherText = base64ToBytes(data);
  if (!salt || !iv || !cipherText || salt.length < SALT_BYTES || iv.length !== IV_BYTES) return fail({ kind: 'invalidEncryption' });
  const actual = await sha256HexOfBytes(cipherText);
  if (actual !== dataSha256) return fail({ kind: 'checksumMismatch', expected: dataSha256, actual });

  const key = await deriveKey(password, salt, header.kdf.iterations, 'decrypt');
  let plain: ArrayBuffer;
  try {
    plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: additionalData(header), tagLength: 128 }, key, cipherText);
  } catch {
    // The ciphertext is intact (its SHA-256 matched), so the key is wrong: the password.
    return fail({ kind: 'wrongPassword' });
  }
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(plain) };
  } catch {
    return fail({ kind: 'invalidEncryption' });
  }
}

/** Whether a file's text is a password-protected bundle (a cheap look before asking for the password). */
export function isEncryptedBundle(text: string): boolean {
  const head = text.slice(0, 2048);
  return head.includes(`"${ENCRYPTED_FORMAT_ID}"`);
}

// ---------------------------------------------------------------------------------------------

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function base64ToBytes(s: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(s);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
