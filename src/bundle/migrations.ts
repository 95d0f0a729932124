/**
 * Bundle format migrations: how a file written by an older app becomes the current format.
 *
 * A migration is named, takes the envelope of version `from` (as parsed JSON, before validation)
 * and returns a new envelope of version `from + 1`. Migrations are pure: they never mutate their
 * input (the tests freeze it) and use no clock or random ids. They run in order, one version at a
 * time, after the file's checksum has been checked by the rule of its own version and before the
 * read schema validates the result.
 *
 * Version 1 is the first released format. Version 2 adds the strategy's 年度目標がない年度の判定
 * (`interimJudgement`); a file of version 1 gets 'adoptedOnly', the judgement of adopted targets
 * only, since interpolated targets were never the city's choice.
 *
 * Version 3 gathers the fields real strategies needed (see docs/bundle-format.md, Versions): each is
 * optional or gets its value from one small pure step in `V2_TO_V3_STEPS`, applied in order.
 *
 * These are bundle format versions; the IndexedDB schema has its own versions and upgrades in
 * src/storage/db.ts. The two never share a number.
 */
import type { Result } from './errors';

export type JsonObject = { [key: string]: unknown };

export interface Migration {
  /** Shown when it fails and in docs/bundle-format.md: 「v1→v2: KPIの…を…に分ける」. */
  readonly name: string;
  /** The version it reads; it writes `from + 1`. */
  readonly from: number;
  /** Returns a new envelope; must not change `envelope` or anything inside it. */
  readonly migrate: (envelope: Readonly<JsonObject>) => JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * v1→v2: the strategy gains 年度目標がない年度の判定 (`interimJudgement`). A version-1 strategy
 * judged years without a yearly target against interpolated targets nobody adopted; it gets
 * 'adoptedOnly' (verdicts against adopted targets only). Everything else is kept as it is.
 */
export function migrateV1ToV2(envelope: Readonly<JsonObject>): JsonObject {
  const records = envelope['records'];
  if (!isObject(records) || !isObject(records['strategy'])) return { ...envelope };
  const strategy = records['strategy'];
  if ('interimJudgement' in strategy) return { ...envelope };
  return { ...envelope, records: { ...records, strategy: { ...strategy, interimJudgement: 'adoptedOnly' } } };
}

/**
 * The steps of v2→v3, each pure and named in its doc comment. A field that is optional in version 3
 * and means the same when absent needs no step: the version still changes, so that an older app
 * refuses the file instead of dropping the field.
 */
export const V2_TO_V3_STEPS: readonly ((envelope: Readonly<JsonObject>) => JsonObject)[] = [];

/** v2→v3: runs `V2_TO_V3_STEPS` in order; with none, the records are kept as they are. */
export function migrateV2ToV3(envelope: Readonly<JsonObject>): JsonObject {
  return V2_TO_V3_STEPS.reduce<JsonObject>((env, step) => step(env), { ...envelope });
}

/** Every migration of the bundle format, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  { name: 'v1→v2: 総合戦略に「年度目標がない年度の判定」を追加（既定: 採用された目標のみで判定）', from: 1, migrate: migrateV1ToV2 },
  { name: 'v2→v3: 実在の戦略の構造に合わせた項目を追加（既存の記録はそのまま）', from: 2, migrate: migrateV2ToV3 },
];

/** The oldest version this app reads: the version of the first migration, or the current one. */
export function oldestReadableVersion(migrations: readonly Migration[], current: number): number {
  return migrations.length === 0 ? current : Math.min(current, ...migrations.map((m) => m.from));
}

/**
 * Checks that `migrations` form one unbroken chain ending at `current`: sorted by `from`, no gaps,
 * no two for the same version, the last one reading `current - 1`. Returns the problems found.
 */
export function migrationChainProblems(migrations: readonly Migration[], current: number): string[] {
  const problems: string[] = [];
  migrations.forEach((m, i) => {
    if (!m.name.trim()) problems.push(`migration #${i} has no name`);
    if (!Number.isInteger(m.from) || m.from < 0) problems.push(`${m.name}: from ${m.from} is not a version`);
    const next = migrations[i + 1];
    if (next && next.from !== m.from + 1) problems.push(`${m.name} → ${next.name}: versions ${m.from} and ${next.from} do not follow each other`);
  });
  const last = migrations[migrations.length - 1];
  if (last && last.from + 1 !== current) problems.push(`the last migration ${last.name} leads to ${last.from + 1}, not to ${current}`);
  return problems;
}

export type MigrationFailure =
  | { kind: 'unsupportedVersion'; fileVersion: number }
  | { kind: 'migrationFailed'; migration: string; detail: string };

/**
 * Runs the migrations from `fromVersion` up to `toVersion`. Returns the migrated envelope (with
 * `formatVersion` set to `toVersion`) and the names of the migrations applied. The input is never
 * changed; with nothing to do it is returned as is.
 */
export function migrateEnvelope(
  envelope: Readonly<JsonObject>,
  fromVersion: number,
  toVersion: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Result<{ envelope: Readonly<JsonObject>; applied: string[] }, MigrationFailure> {
  let current: Readonly<JsonObject> = envelope;
  const applied: string[] = [];
  for (let v = fromVersion; v < toVersion; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, error: { kind: 'unsupportedVersion', fileVersion: fromVersion } };
    try {
      current = { ...step.migrate(current), formatVersion: v + 1 };
    } catch (e) {
      return { ok: false, error: { kind: 'migrationFailed', migration: step.name, detail: e instanceof Error ? e.message : String(e) } };
    }
    applied.push(step.name);
  }
  return { ok: true, value: { envelope: current, applied } };
}
