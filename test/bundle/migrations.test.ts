import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MIGRATIONS, migrateV1ToV2, migrateV2ToV3, migrateEnvelope, migrationChainProblems, oldestReadableVersion, type JsonObject, type Migration } from '../../src/bundle/migrations';
import { FORMAT_VERSION } from '../../src/bundle/format';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { bundleErrorMessage } from '../../src/features/bundles/bundle-messages';
import { clone, deepFreeze, exportOptions, rewrite, sample } from './helpers';

/**
 * A synthetic format version 0 (never released): KPIs had `title` instead of `name`, and files had
 * no copyId. It exists only to prove the machinery; the real list (MIGRATIONS) starts empty at v1.
 */
const v0ToV1: Migration = {
  name: 'v0→v1: KPIの title を name に改名',
  from: 0,
  migrate(envelope) {
    const records = envelope['records'] as JsonObject;
    const kpis = (records['kpis'] as JsonObject[]).map(({ title, ...rest }) => ({ ...rest, name: title }));
    return { ...envelope, copyId: 'migrated-from-v0', records: { ...records, kpis } };
  },
};

async function v0File() {
  const { records } = sample();
  const v1 = await serializeBundle(records, exportOptions());
  const text = await rewrite(v1.json, (env) => {
    env['formatVersion'] = 0;
    delete env['copyId'];
    env.records['kpis'] = (env.records['kpis'] as unknown as JsonObject[]).map(({ name, ...rest }) => ({ ...rest, title: name })) as never;
  });
  return { records, text };
}

describe('migrateEnvelope', () => {
  it('runs the migrations in order and parsing then reads a v0 file as the current version', async () => {
    const { records, text } = await v0File();
    const parsed = await parseBundle(text, { migrations: [v0ToV1, ...MIGRATIONS] });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.fileFormatVersion).toBe(0);
    expect(parsed.value.migrations).toEqual(['v0→v1: KPIの title を name に改名', ...MIGRATIONS.map((m) => m.name)]);
    expect(parsed.value.meta.formatVersion).toBe(FORMAT_VERSION);
    expect(parsed.value.meta.copyId).toBe('migrated-from-v0');
    expect(parsed.value.records).toEqual(records);
  });

  it('never changes its input (frozen all the way down) and returns it as is when there is nothing to do', async () => {
    const { text } = await v0File();
    const input = deepFreeze(JSON.parse(text) as JsonObject);
    const before = clone(input);
    const out = migrateEnvelope(input, 0, 1, [v0ToV1]);
    expect(out.ok).toBe(true);
    expect(input).toEqual(before);
    expect(out.ok && out.value.envelope).not.toBe(input);
    expect(out.ok && (out.value.envelope['records'] as JsonObject)['kpis']).not.toEqual((input['records'] as JsonObject)['kpis']);
    const same = migrateEnvelope(input, 1, 1, [v0ToV1]);
    expect(same.ok && same.value).toEqual({ envelope: input, applied: [] });
  });

  it('refuses a version with no migration from it, and reports a migration that fails', async () => {
    const { text } = await v0File();
    const unsupported = await parseBundle(text);
    expect(unsupported.ok === false && unsupported.error).toEqual({ kind: 'unsupportedVersion', fileVersion: 0 });
    const failing: Migration = {
      name: 'v0→v1: 壊れた変換',
      from: 0,
      migrate() {
        throw new Error('records.kpis がありません');
      },
    };
    const failed = await parseBundle(text, { migrations: [failing] });
    expect(failed.ok === false && failed.error).toEqual({ kind: 'migrationFailed', migration: 'v0→v1: 壊れた変換', detail: 'records.kpis がありません' });
    if (!failed.ok) expect(bundleErrorMessage(failed.error)).toContain('古い形式のファイルを新しい形式に変換できませんでした。');
  });

  it('checks its checksum by the rule of the file’s own version, before migrating', async () => {
    const { text } = await v0File();
    const parsed = await parseBundle(text.replace('"title": "ビジネスマッチング数', '"title": "ビジネスマッチング件数'), { migrations: [v0ToV1, ...MIGRATIONS] });
    expect(parsed.ok === false && parsed.error.kind).toBe('checksumMismatch');
  });
});

describe('MIGRATIONS', () => {
  it('form one unbroken chain ending at the current FORMAT_VERSION', () => {
    expect(migrationChainProblems(MIGRATIONS, FORMAT_VERSION)).toEqual([]);
    expect(oldestReadableVersion(MIGRATIONS, FORMAT_VERSION)).toBe(1);
  });

  it('the chain check finds gaps, duplicates and a wrong end', () => {
    const m = (from: number): Migration => ({ name: `v${from}→v${from + 1}`, from, migrate: (e) => ({ ...e }) });
    expect(migrationChainProblems([m(0), m(1)], 2)).toEqual([]);
    expect(migrationChainProblems([m(0), m(2)], 3)).toHaveLength(1);
    expect(migrationChainProblems([m(0), m(0)], 1)).toHaveLength(1);
    expect(migrationChainProblems([m(0)], 3)).toHaveLength(1);
    expect(oldestReadableVersion([m(0), m(1)], 2)).toBe(0);
  });
});

describe('v1→v2: 年度目標がない年度の判定', () => {
  const fixture = readFileSync(new URL('../fixtures/bundles/v1-seki-strategy.json', import.meta.url), 'utf8');

  it('gives a version-1 strategy adopted targets only, keeps everything else, and never changes its input', () => {
    const envelope = deepFreeze(JSON.parse(fixture) as JsonObject);
    const out = migrateV1ToV2(envelope);
    const records = out['records'] as JsonObject;
    expect((records['strategy'] as JsonObject)['interimJudgement']).toBe('adoptedOnly');
    const { interimJudgement, ...rest } = records['strategy'] as JsonObject;
    expect(interimJudgement).toBe('adoptedOnly');
    expect(rest).toEqual((envelope['records'] as JsonObject)['strategy']);
    expect({ ...records, strategy: null }).toEqual({ ...(envelope['records'] as JsonObject), strategy: null });
  });

  it('keeps a setting that is already there, and leaves a file without a strategy alone', () => {
    const env = { formatVersion: 1, records: { strategy: { interimJudgement: 'interpolated' } } };
    expect(migrateV1ToV2(env)).toEqual(env);
    expect(migrateV1ToV2({ formatVersion: 1 })).toEqual({ formatVersion: 1 });
  });

  it('every file of version 1 in test/fixtures still imports, as version 2', async () => {
    for (const name of ['v1-seki-strategy.json', 'v1-seki-shoko.json', 'v1-seki-meeting.json']) {
      const parsed = await parseBundle(readFileSync(new URL(`../fixtures/bundles/${name}`, import.meta.url), 'utf8'));
      if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.error)}`);
      expect(parsed.value.fileFormatVersion).toBe(1);
      expect(parsed.value.meta.formatVersion).toBe(FORMAT_VERSION);
      expect(parsed.value.records.strategy.interimJudgement).toBe('adoptedOnly');
    }
  });

  it('a file of version 2 imports as the current version with every record unchanged', async () => {
    const text = readFileSync(new URL('../fixtures/bundles/v2-seki-strategy.json', import.meta.url), 'utf8');
    const parsed = await parseBundle(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.fileFormatVersion).toBe(2);
    expect(parsed.value.meta.formatVersion).toBe(FORMAT_VERSION);
    expect(parsed.value.migrations).toEqual(['v2→v3: 実在の戦略の構造に合わせた項目を追加（既存の記録はそのまま）']);
    const raw = (JSON.parse(text) as JsonObject)['records'] as JsonObject;
    expect(parsed.value.records.strategy.interimJudgement).toBe((raw['strategy'] as JsonObject)['interimJudgement']);
    expect(parsed.value.records.kpiYears).toHaveLength((raw['kpiYears'] as unknown[]).length);
    expect(parsed.value.records.projects.map((p) => p.id)).toEqual((raw['projects'] as JsonObject[]).map((p) => p['id']));
  });

  it('v2→v3 never changes its input', () => {
    const envelope = deepFreeze(JSON.parse(readFileSync(new URL('../fixtures/bundles/v2-seki-strategy.json', import.meta.url), 'utf8')) as JsonObject);
    expect(migrateV2ToV3(envelope)['records']).toEqual(envelope['records']);
  });
});
