/**
 * Taking and pruning automatic snapshots (loaded by the safety service at the first edit, not up
 * front). The policy is snapshot-policy.ts; this reads the snapshot keys, writes the snapshot,
 * and deletes what the policy no longer keeps.
 */
import type { WorkbookDb } from '../storage/db';
import type { WorkbookRepository } from '../storage/workbook-repository';
import { addSnapshot } from '../storage/snapshot-writer';
import { AUTO_SNAPSHOT_PREFIX, SNAPSHOT_POLICY, isAutoSnapshotId, snapshotDue, snapshotsToPrune, type SnapshotKey, type SnapshotPolicy } from './snapshot-policy';

export interface KeeperDeps {
  db: WorkbookDb;
  workbooks: WorkbookRepository;
  clock: { now: () => string; newId: () => string };
  policy?: SnapshotPolicy;
  /** Ids never pruned (the snapshot an undo on screen restores). */
  protect: ReadonlySet<string>;
}

export class SnapshotKeeper {
  readonly #d: KeeperDeps;
  readonly #policy: SnapshotPolicy;
  /** The newest automatic snapshot per strategy (looked up once, then kept here). */
  readonly #lastAt = new Map<string, string | null>();

  constructor(deps: KeeperDeps) {
    this.#d = deps;
    this.#policy = deps.policy ?? SNAPSHOT_POLICY;
  }

  /** Ids and times of a strategy's snapshots, read from the keys alone (never the records). */
  async keys(strategyId: string): Promise<SnapshotKey[]> {
    const db = this.#d.db;
    return db.transaction('r', db.snapshots, async () => {
      const ids = new Set(await db.snapshots.where('strategyId').equals(strategyId).primaryKeys());
      const out: SnapshotKey[] = [];
      if (ids.size === 0) return out;
      await db.snapshots.orderBy('createdAt').eachKey((createdAt, cursor) => {
        const id = cursor.primaryKey;
        if (ids.has(id)) out.push({ id, createdAt: String(createdAt) });
      });
      return out;
    });
  }

  async #lastAutoAt(strategyId: string): Promise<string | null> {
    if (this.#lastAt.has(strategyId)) return this.#lastAt.get(strategyId)!;
    let last: string | null = null;
    for (const k of await this.keys(strategyId)) if (isAutoSnapshotId(k.id) && (last === null || k.createdAt > last)) last = k.createdAt;
    this.#lastAt.set(strategyId, last);
    return last;
  }

  /** Takes a snapshot if `edits` edits since the last one make it due; returns whether it did. */
  async ifDue(strategyId: string, edits: number): Promise<boolean> {
    const lastAt = await this.#lastAutoAt(strategyId);
    if (!snapshotDue({ lastAt, editsSince: edits }, this.#d.clock.now(), this.#policy)) return false;
    return (await this.take(strategyId)) !== null;
  }

  /** Takes an automatic snapshot now; returns its id (null if the strategy is gone). */
  async take(strategyId: string): Promise<string | null> {
    // Read and packed by the reader worker where there is one: the page only stores a Blob.
    const packed = await this.#d.workbooks.packWorkbook(strategyId);
    if (!packed) return null;
    const id = `${AUTO_SNAPSHOT_PREFIX}${this.#d.clock.newId()}`;
    const createdAt = this.#d.clock.now();
    await addSnapshot(this.#d.db, { id, strategyId, createdAt, reason: 'auto', label: '' }, packed);
    this.#lastAt.set(strategyId, createdAt);
    await this.prune(strategyId);
    return id;
  }

  /** Deletes the strategy's snapshots the policy no longer keeps; returns how many. */
  async prune(strategyId: string): Promise<number> {
    const keys = await this.keys(strategyId);
    const drop = snapshotsToPrune(keys, this.#d.clock.now(), { policy: this.#policy, protect: this.#d.protect });
    if (drop.length > 0) await this.#d.db.snapshots.bulkDelete(drop);
    return drop.length;
  }
}
