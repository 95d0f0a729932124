import { describe, expect, it } from 'vitest';
import {
  MIN_PBKDF2_ITERATIONS,
  PBKDF2_ITERATIONS,
  decryptBundle,
  encryptBundle,
  isEncryptedBundle,
} from '../../src/bundle/crypto';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { passwordProtectedFileName } from '../../src/state/bundle-flow';
import { bundleErrorMessage } from '../../src/features/bundles/bundle-messages';
import { ENCRYPTED_FORMAT_ID } from '../../src/bundle/format';
import { exportOptions, sample } from './helpers';

// Tests derive keys with the smallest accepted count; the app writes PBKDF2_ITERATIONS.
const fast = { iterations: MIN_PBKDF2_ITERATIONS };

async function sampleJson() {
  const { records } = sample();
  return { records, json: (await serializeBundle(records, exportOptions({ scope: { kind: 'department', departments: ['商工課'] } }))).json };
}

describe('encryptBundle / decryptBundle', () => {
  it('round-trips a bundle, and the bundle inside still parses', async () => {
    const { json } = await sampleJson();
    const locked = await encryptBundle(json, '関市-2026春', fast);
    expect(isEncryptedBundle(locked)).toBe(true);
    expect(isEncryptedBundle(json)).toBe(false);
    expect(locked).not.toContain('商工課');
    const envelope = JSON.parse(locked) as Record<string, Record<string, unknown>>;
    expect(envelope['format']).toBe(ENCRYPTED_FORMAT_ID);
    expect(envelope['kdf']).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: MIN_PBKDF2_ITERATIONS });
    expect(envelope['cipher']).toMatchObject({ name: 'AES-GCM', keyLength: 256, tagLength: 128 });

    const opened = await decryptBundle(locked, '関市-2026春');
    expect(opened).toEqual({ ok: true, value: json });
    expect((await parseBundle(opened.ok ? opened.value : '')).ok).toBe(true);
  });

  it('writes at least 210,000 PBKDF2 iterations by default, with a fresh salt and IV every time', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(210_000);
    const a = JSON.parse(await encryptBundle('{}', 'pw', fast)) as Record<string, Record<string, unknown>>;
    const b = JSON.parse(await encryptBundle('{}', 'pw', fast)) as Record<string, Record<string, unknown>>;
    expect(a['kdf']!['salt']).not.toBe(b['kdf']!['salt']);
    expect(a['cipher']!['iv']).not.toBe(b['cipher']!['iv']);
  });

  it('says a wrong password is wrong, and gives nothing back', async () => {
    const { json } = await sampleJson();
    const locked = await encryptBundle(json, 'correct horse', fast);
    const result = await decryptBundle(locked, 'correct hose');
    expect(result).toEqual({ ok: false, error: { kind: 'wrongPassword' } });
    if (!result.ok) expect(bundleErrorMessage(result.error)).toBe('パスワードが違います。何も変更していません。もう一度入力してください。');
  });

  it('opens with the same password typed as composed or decomposed kana', async () => {
    const locked = await encryptBundle('{"a":1}', 'ガイド', fast);
    expect(await decryptBundle(locked, 'ガイド'.normalize('NFD'))).toEqual({ ok: true, value: '{"a":1}' });
  });

  it('tells a file damaged on the way from a wrong password', async () => {
    const { json } = await sampleJson();
    const locked = JSON.parse(await encryptBundle(json, 'pw', fast)) as Record<string, string>;
    const data = locked['data']!;
    const flipped = { ...locked, data: `${data.slice(0, 100)}${data[100] === 'A' ? 'B' : 'A'}${data.slice(101)}` };
    const damaged = await decryptBundle(JSON.stringify(flipped), 'pw');
    expect(damaged.ok === false && damaged.error.kind).toBe('checksumMismatch');
    const cut = await decryptBundle(JSON.stringify(locked).slice(0, 500), 'pw');
    expect(cut.ok === false && cut.error.kind).toBe('truncated');
  });

  it('refuses an altered header (it is authenticated), silly iteration counts and foreign files', async () => {
    const locked = JSON.parse(await encryptBundle('{"a":1}', 'pw', fast)) as Record<string, Record<string, unknown>>;
    const raised = { ...locked, kdf: { ...locked['kdf'], iterations: MIN_PBKDF2_ITERATIONS + 1 } };
    expect(await decryptBundle(JSON.stringify(raised), 'pw')).toEqual({ ok: false, error: { kind: 'wrongPassword' } });
    const hostile = { ...locked, kdf: { ...locked['kdf'], iterations: 1e12 } };
    expect(await decryptBundle(JSON.stringify(hostile), 'pw')).toEqual({ ok: false, error: { kind: 'invalidEncryption' } });
    const weak = { ...locked, kdf: { ...locked['kdf'], iterations: 1000 } };
    expect(await decryptBundle(JSON.stringify(weak), 'pw')).toEqual({ ok: false, error: { kind: 'invalidEncryption' } });
    const broken = { ...locked, cipher: { ...locked['cipher'], iv: '***' } };
    const e = await decryptBundle(JSON.stringify(broken), 'pw');
    expect(e).toEqual({ ok: false, error: { kind: 'invalidEncryption' } });
    if (!e.ok) expect(bundleErrorMessage(e.error)).toContain('パスワード付きファイルが壊れている');
    expect(await decryptBundle('{"hello":1}', 'pw')).toEqual({ ok: false, error: { kind: 'notBundle' } });
    const newer = { ...locked, formatVersion: 2 };
    const refusal = await decryptBundle(JSON.stringify(newer), 'pw');
    expect(refusal.ok === false && refusal.error.kind).toBe('newerVersion');
  });

  it('passes a file without password protection through unchanged', async () => {
    const { json } = await sampleJson();
    expect(await decryptBundle(json, 'anything')).toEqual({ ok: true, value: json });
  });

  it('refuses to protect with an empty password', async () => {
    await expect(encryptBundle('{}', '')).rejects.toThrow();
  });

  it('names the protected file so the recipient knows to ask for the password', () => {
    expect(passwordProtectedFileName('関市_第2期総合戦略_商工課_2026-05-20.json')).toBe('関市_第2期総合戦略_商工課_2026-05-20_パスワード付き.json');
  });
});
