/**
 * Merging a bundle into the strategy already on this device.
 *
 * `planMerge` compares the two copies field by field and sorts every difference into: taken from
 * the file without asking (changed only there), kept (changed only here), a conflict (changed on
 * both sides, or where that cannot be known), or ignored (the file may not change it). Records only
 * in the file are added; deletions travel as tombstones. `applyMergePlan` turns the plan and the
 * person's choices into the records to write. Both are pure; the storage layer writes the result in
 * one transaction.
 *
 * ## How "changed on both sides" is known
 *
 * Best case, the base snapshot: a file names in `basedOn` the export of this device it was made
 * from, and this device kept the records of that export (the storage layer keeps what it sends).
 * Then it is a three-way comparison with no clocks involved: a field changed here when its value
 * here differs from the snapshot's, changed in the file when the file's value differs from it
 * (deletion likewise). This is exact, and it is what the department round trip uses.
 *
 * Without a snapshot (it was pruned, or the file is based on something else) the stamps decide.
 * Every field carries a stamp { at, by } (domain/records.ts). A copy's change to a field is
 * "unknown to the other side" when its stamp is later than the last export of that copy which the
 * other side has taken in. So a merge has two divergence points, one per side ({@link MergeBase}):
 * - `mine`: the latest export of *this* device that the file's copy had taken in before the file
 *   was written (the file's `basedOn`, if this device made that export). A field whose stamp here is
 *   later was changed here since; one not later is what the file's author already had.
 * - `theirs`: the latest export of the *file's* copy that this device has taken in before (from the
 *   device's import history, matched by the file's `copyId`); failing that, the `mine` point (the
 *   file's copy was made from that export). A field whose stamp in the file is later was changed
 *   there since.
 * A point is an export time of the device whose stamps it is compared with, and a value taken from
 * a file is stamped with the time it was taken in (see applyMergePlan), so clocks of different
 * devices are not compared — except in the `theirs` fallback, which assumes the two clocks roughly
 * agree (the snapshot makes it unnecessary). A point applies only to the records its export held (a
 * department bundle holds one department's share); for other records it is unknown.
 *
 * For a field whose values differ (tombstones compared the same way, as the pseudo-field 削除):
 * | changed here | changed in file | result                                              |
 * | no           | yes             | taken from the file, without asking                 |
 * | yes          | no              | kept as here                                        |
 * | yes          | yes             | conflict (bothChanged)                              |
 * | no           | no              | conflict (neitherChanged): the values disagree for a reason the stamps do not show |
 * An unknown point counts every stamp on that side as changed, so with both unknown every differing
 * field is a conflict (reason baseUnknown), and nothing is ever taken silently on a guess.
 * A field whose values are equal is no change, but a later stamp in the file is adopted (plan
 * `restamped`, written by the apply, never shown): a decision made on one copy then travels on
 * through a copy that already holds the same value. A stamp only ever moves later, so this makes
 * later merges count more fields as changed, never fewer (docs/bundle-format.md "Equal values").
 * A field still at its default value, stamped when its record was created, counts as never set (a
 * year record created on both sides, one with the target, one with the actual, merges without a
 * conflict).
 *
 * A record deleted on one side only: a deletion never silently wins over edits made on the other
 * side since the base (fields changed there, records added there under it). That is one conflict
 * per deletion batch (`edits` lists what the deletion would lose, `members` every record the choice
 * decides); so is a department's entry for a project planning deleted. The table, case by case, is
 * in docs/bundle-format.md "Merging".
 */
import type { FieldStamp } from '../domain/records';
import type { ChildKind, RecordKind, RecordOfKind, WorkbookRecords } from '../domain/workbook';
import { deletionSet } from '../domain/cascade';
import { READ_DEFAULTS, RECORD_KINDS, editableFields, type BasedOn, type BundleMeta, type BundleScope } from './format';
import { departmentBundle, editableBy, type EditRules, type NotAllowed, type Ownership } from './department';
import { DELETED_FIELD, RecordNamer, type RecordPlace } from './locate';
import { isReferenceField, shownValue, type ShownValue } from './shown';

type AnyRecord = RecordOfKind[RecordKind];
type Mutable = Record<string, unknown> & AnyRecord;
export type Side = 'mine' | 'theirs';

/** Every record kind; meetings and 委員意見 merge like any record (matched by id). */
const KINDS: readonly RecordKind[] = RECORD_KINDS;

// ---------------------------------------------------------------------------------------------
// Divergence points
// ---------------------------------------------------------------------------------------------

/** One divergence point: an export's time, and the share of the strategy that export held. */
export interface BasePoint {
  at: string;
  scope: BundleScope;
}

/** The divergence points of a merge (see the module comment). null = unknown. */
export interface MergeBase {
  mine: BasePoint | null;
  theirs: BasePoint | null;
  /**
   * The records of the export the file is based on (its `basedOn`), as this device wrote them:
   * the common ancestor of both copies. Records it holds are merged three-way by value; the time
   * points only decide for records it does not hold.
   */
  snapshot?: WorkbookRecords | null;
}

/**
 * A merge base as callers may give it: a MergeBase; one instant used for both sides (a
 * whole-strategy export); or null when nothing is known.
 */
export type MergeBaseInput = MergeBase | string | null;

/** An export recorded in a device's history of one strategy. */
export interface SyncEntry extends BasedOn {
  scope: BundleScope;
  /** The copy that wrote the export (this device's own copyId for sent entries). */
  copyId: string;
  /** For received files: when this device applied it (the values it took are stamped then). */
  takenAt?: string;
}

/** What a device remembers of one strategy's files: its exports, and the files it took in. */
export interface SyncHistory {
  sent: readonly SyncEntry[];
  /** Files imported or merged (a merge only counts once applied). */
  received: readonly SyncEntry[];
}

function latest<T extends { exportedAt: string }>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const e of list) if (!best || compareInstants(e.exportedAt, best.exportedAt) > 0) best = e;
  return best;
}

/**
 * The divergence points of merging a file with `meta` into a copy with `history` (without the
 * snapshot: the storage layer adds `snapshot`, the records it kept of the export `meta.basedOn`
 * names, when it still has them).
 * - mine: the export of this device the file is based on, if this device made it;
 * - theirs: the latest earlier file from the same copy that this device took in; failing that, the
 *   mine point — the file's copy was made from that export, so its stamps not later than the
 *   export are the export's (the single divergence point of a department's round trip).
 */
export function mergeBase(meta: Pick<BundleMeta, 'basedOn' | 'copyId'>, history: SyncHistory): MergeBase {
  const basedOn = meta.basedOn;
  const sent = basedOn ? history.sent.find((e) => e.exportId === basedOn.exportId) : undefined;
  const fromSameCopy = meta.copyId ? latest(history.received.filter((e) => e.copyId === meta.copyId)) : undefined;
  let mine: BasePoint | null = sent ? { at: sent.exportedAt, scope: sent.scope } : null;
  // Taking in an earlier file from the same copy made both copies agree on what that file held, at
  // the moment it was applied (the values taken are stamped then): from there on, only later
  // changes here count as "changed here" for the records that file held.
  if (mine && fromSameCopy?.takenAt && compareInstants(fromSameCopy.takenAt, mine.at) > 0 && sameScope(fromSameCopy.scope, mine.scope))
    mine = { at: fromSameCopy.takenAt, scope: mine.scope };
  return { mine, theirs: fromSameCopy ? { at: fromSameCopy.exportedAt, scope: fromSameCopy.scope } : mine };
}

/**
 * The `basedOn` to write into a new export: the latest file taken in with the same scope (the
 * department's last return, for a department bundle), else the latest file taken in at all.
 * A receiver that did not make that export simply treats its own side as unknown, so a wrong guess
 * here only costs extra questions, never a silent overwrite.
 */
export function basedOnFor(scope: BundleScope, history: SyncHistory): BasedOn | null {
  const same = history.received.filter((e) => sameScope(e.scope, scope));
  const pick = latest(same) ?? latest(history.received);
  return pick ? { exportId: pick.exportId, exportedAt: pick.exportedAt } : null;
}

function sameScope(a: BundleScope, b: BundleScope): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'strategy' || b.kind === 'strategy') return true;
  const x = [...a.departments].sort();
  const y = [...b.departments].sort();
  return x.length === y.length && x.every((d, i) => d === y[i]);
}

function normalizeBase(base: MergeBaseInput): MergeBase {
  if (base === null) return { mine: null, theirs: null };
  if (typeof base === 'string') {
    const point: BasePoint = { at: base, scope: { kind: 'strategy' } };
    return { mine: point, theirs: point };
  }
  return base;
}

/** -1, 0, 1 as instant `a` is before, at, after `b`. Unreadable times count as later (changed). */
export function compareInstants(a: string, b: string): number {
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a < b ? -1 : a > b ? 1 : 0;
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isNaN(x)) return 1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function laterOf(a: string, b: string): string {
  return compareInstants(a, b) >= 0 ? a : b;
}

/** One side's divergence point, applied per record. */
class SideClock {
  readonly #at: string | null;
  readonly #covered: Map<RecordKind, ReadonlySet<string>> | 'all' | null;

  constructor(point: BasePoint | null, records: WorkbookRecords) {
    this.#at = point?.at ?? null;
    if (!point) this.#covered = null;
    else if (point.scope.kind === 'strategy') this.#covered = 'all';
    else {
      const share = departmentBundle(records, point.scope.departments);
      this.#covered = new Map(KINDS.map((k) => [k, new Set(listOf(share, k).map((r) => r.id))]));
    }
  }

  /** The point for one record: null when unknown or when the export did not hold the record. */
  at(kind: RecordKind, id: string): string | null {
    if (this.#at === null || this.#covered === null) return null;
    if (this.#covered !== 'all' && !this.#covered.get(kind)!.has(id)) return null;
    return this.#at;
  }

  /** Whether the field was changed on this side since the point: set, or a decision taken over, later. */
  changed(kind: RecordKind, id: string, stamp: FieldStamp): boolean {
    const at = this.at(kind, id);
    return at === null || compareInstants(stamp.got ?? stamp.at, at) > 0;
  }
}

/** The base snapshot, looked up by id or (for yearly records) by KPI/project and fiscal year. */
class SnapshotIndex {
  readonly #byId = new Map<RecordKind, Map<string, AnyRecord>>();
  readonly #byYear = new Map<RecordKind, Map<string, AnyRecord>>();

  constructor(snapshot: WorkbookRecords | null | undefined) {
    if (!snapshot) return;
    for (const kind of KINDS) {
      const byId = new Map<string, AnyRecord>();
      const byYear = new Map<string, AnyRecord>();
      for (const r of listOf(snapshot, kind)) {
        byId.set(r.id, r);
        const key = yearKey(kind, r);
        if (key !== null && r.deletedAt === null && !byYear.has(key)) byYear.set(key, r);
      }
      this.#byId.set(kind, byId);
      this.#byYear.set(kind, byYear);
    }
  }

  /** The base version of a record present on both sides, if the snapshot holds it. */
  find(kind: RecordKind, mine: AnyRecord, theirs: AnyRecord): AnyRecord | undefined {
    const byId = this.#byId.get(kind);
    if (!byId) return undefined;
    if (kind === 'strategies') return byId.values().next().value;
    const found = byId.get(mine.id) ?? byId.get(theirs.id);
    if (found) return found;
    const key = yearKey(kind, mine);
    return key === null ? undefined : this.#byYear.get(kind)!.get(key);
  }
}

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

interface MergeItem {
  /** Stable key of the item: `${kind}/${id}/${field}`; conflicts are chosen by it. */
  key: string;
  kind: RecordKind;
  /** The record's id on this device (for an addition: its id in the file). */
  id: string;
  /** The record, as data (written 「事業『…』」「KPI『…』の令和2年度」「基本目標2」). */
  subject: RecordPlace;
}

/** One field whose value differs between this device (mine) and the file (theirs). */
export interface FieldDifference extends MergeItem {
  /** The field (written 「事業名」「実績値」), or DELETED_FIELD ('deleted', 「削除」) for a deletion or restoration. */
  field: string;
  mine: unknown;
  theirs: unknown;
  /** The values as the preview shows them (written 「1,823件」「目標値以上で達成」「（空欄）」). */
  mineShown: ShownValue;
  theirsShown: ShownValue;
  mineStamp: FieldStamp;
  theirsStamp: FieldStamp;
}

export type ConflictReason = 'bothChanged' | 'baseUnknown' | 'neitherChanged';

export interface MergeConflict extends FieldDifference {
  reason: ConflictReason;
  /** For a deletion conflict: the deletion batch (of the side that deleted). */
  batch: string | null;
  /**
   * For a deletion conflict: the edits made on the side that kept the records, since the base —
   * what the deletion would lose. "theirs" of a conflict deleted here takes every one of them.
   */
  edits: FieldDifference[];
  /**
   * For a deletion conflict: every record it decides. Records deleted together (one batch) are
   * decided together, by one choice. `added` is a record only in the file whose parent is deleted
   * here: it is added live on "theirs", and as deleted with the batch on "mine".
   */
  members: DeletionMember[];
}

export interface DeletionMember {
  kind: RecordKind;
  id: string;
  added: AnyRecord | null;
}

export interface RecordRemoval extends FieldDifference {
  /** The file's deletion batch: a record and its children deleted together. */
  batch: string | null;
}

export interface RecordAddition extends MergeItem {
  /** The record as it will be added (for a department file: only the department's fields). */
  record: AnyRecord;
}

/** A change in the file that is not taken, with the reason (reported to the person). */
export interface IgnoredChange extends MergeItem {
  field: string | null;
  theirsShown: ShownValue | null;
  reason: NotAllowed;
}

/**
 * A field whose value is the same on both sides but whose
 * stamp in the file is later: the apply takes the later stamp, so a decision made on another copy
 * (a conflict kept as there, or a value entered there again) travels on through this copy. Metadata
 * only: not a change, not shown or counted in the preview. See docs/bundle-format.md "Merging".
 */
export interface StampAdoption {
  kind: RecordKind;
  /** The record's id on this device. */
  id: string;
  field: string;
  /** The file's stamp: its `at` and `by` are taken as they are, `got` becomes the time of the apply. */
  stamp: FieldStamp;
}

export interface MergePlan {
  base: MergeBase;
  scope: BundleScope;
  added: RecordAddition[];
  changed: FieldDifference[];
  removed: RecordRemoval[];
  restored: FieldDifference[];
  conflicts: MergeConflict[];
  ignored: IgnoredChange[];
  /** Equal values whose stamp in the file is later (written by the apply, never shown). */
  restamped: StampAdoption[];
}

export interface PlanOptions {
  /**
   * What the file may change. Pass `editableBy(meta.scope)` when a department's file comes back to
   * the copy that sent it; the default lets the file change anything.
   */
  rules?: EditRules;
}

function listOf(records: WorkbookRecords, kind: RecordKind): readonly AnyRecord[] {
  // `?? []`: records kept before a kind existed (an old snapshot) simply have none of it.
  return kind === 'strategies' ? [records.strategy] : (records[kind] ?? []);
}

function yearKey(kind: RecordKind, r: AnyRecord): string | null {
  if (kind === 'kpiYears') return `${(r as RecordOfKind['kpiYears']).kpiId}|${(r as RecordOfKind['kpiYears']).fiscalYear}`;
  if (kind === 'projectYears') return `${(r as RecordOfKind['projectYears']).projectId}|${(r as RecordOfKind['projectYears']).fiscalYear}`;
  return null;
}

function stampOf(r: AnyRecord, field: string): FieldStamp {
  return r.stamps[field] ?? { at: r.updatedAt, by: r.updatedBy };
}

function fieldOf(r: AnyRecord, field: string): unknown {
  return (r as unknown as Record<string, unknown>)[field];
}

/**
 * Plans merging `incoming` (a parsed file's records) into `local` (this device's records of the
 * same strategy — same strategy id — tombstones included; a file of a strategy not on the device is
 * added whole instead). Pure; see the module comment for the rules.
 */
export function planMerge(local: WorkbookRecords, incoming: WorkbookRecords, base: MergeBaseInput, options: PlanOptions = {}): MergePlan {
  const rules = options.rules ?? editableBy({ kind: 'strategy' });
  const owned = rules.ownership(local);
  const mergeBaseValue = normalizeBase(base);
  const mineClock = new SideClock(mergeBaseValue.mine, local);
  const theirsClock = new SideClock(mergeBaseValue.theirs, incoming);
  const namer = new RecordNamer(local, incoming);
  const plan: MergePlan = {
    base: mergeBaseValue,
    scope: rules.scope,
    added: [],
    changed: [],
    removed: [],
    restored: [],
    conflicts: [],
    ignored: [],
    restamped: [],
  };
  const snapshot = new SnapshotIndex(mergeBaseValue.snapshot);
  const localIndex = new Map(KINDS.map((k) => [k, new Map(listOf(local, k).map((r) => [r.id, r]))]));
  const planner = new Planner(plan, rules, owned, namer, mineClock, theirsClock, snapshot, local.strategy.id, localIndex, batchRoots(local), batchRoots(incoming), local, new Map(KINDS.map((k) => [k, new Set(listOf(incoming, k).map((r) => r.id))])));
  for (const kind of KINDS) {
    const mineList = listOf(local, kind);
    const byId = new Map(mineList.map((r) => [r.id, r]));
    const byYear = new Map<string, AnyRecord>();
    const deletedByYear = new Map<string, AnyRecord[]>();
    for (const r of mineList) {
      const key = yearKey(kind, r);
      if (key === null) continue;
      if (r.deletedAt === null) {
        if (!byYear.has(key)) byYear.set(key, r);
      } else deletedByYear.set(key, [...(deletedByYear.get(key) ?? []), r]);
    }
    for (const theirs of listOf(incoming, kind)) {
      let mine = kind === 'strategies' ? local.strategy : byId.get(theirs.id);
      if (!mine && theirs.deletedAt === null) {
        const key = yearKey(kind, theirs);
        if (key !== null) mine = byYear.get(key) ?? planner.deletedTwin(kind, theirs, deletedByYear.get(key));
      }
      if (mine) planner.record(kind, mine, theirs);
      else planner.addition(kind, theirs);
    }
  }
  return plan;
}

class Planner {
  constructor(
    readonly plan: MergePlan,
    readonly rules: EditRules,
    readonly owned: Ownership,
    readonly namer: RecordNamer,
    readonly mineClock: SideClock,
    readonly theirsClock: SideClock,
    readonly snapshot: SnapshotIndex,
    readonly strategyId: string,
    readonly localIndex: ReadonlyMap<RecordKind, ReadonlyMap<string, AnyRecord>>,
    readonly mineRoots: ReadonlyMap<string, { kind: RecordKind; record: AnyRecord }>,
    readonly theirsRoots: ReadonlyMap<string, { kind: RecordKind; record: AnyRecord }>,
    readonly local: WorkbookRecords,
    readonly incomingIds: ReadonlyMap<RecordKind, ReadonlySet<string>>,
  ) {}

  /** The base version of the record being compared (set per record by `record`). */
  #base: AnyRecord | undefined;

  addition(kind: RecordKind, theirs: AnyRecord) {
    // A record created and deleted elsewhere never existed here: nothing to add or remove.
    if (theirs.deletedAt !== null) return;
    const subject = this.namer.subject(kind, theirs);
    const item = { key: `${kind}/${theirs.id}/`, kind, id: theirs.id, subject };
    const why = this.rules.addition(kind, theirs, this.owned);
    if (why) {
      this.plan.ignored.push({ ...item, field: null, theirsShown: null, reason: why });
      return;
    }
    const record = { ...theirs, stamps: { ...theirs.stamps }, strategyId: this.strategyId } as Mutable;
    const keep = this.rules.addedFields(kind);
    if (keep !== 'all') {
      const defaults = READ_DEFAULTS[kind];
      for (const field of editableFields(kind)) {
        if (keep.includes(field) || !(field in defaults)) continue;
        if (!equalJson(record[field], defaults[field])) {
          this.plan.ignored.push({
            ...item,
            key: `${kind}/${theirs.id}/${field}`,
            field,
            theirsShown: this.shown(kind, field, record[field], theirs),
            reason: 'notEditable',
          });
          record[field] = cloneJson(defaults[field]);
          delete record.stamps[field];
        }
      }
    }
    // Made in the file under a record deleted here: added only if the person brings that back.
    const parent = this.deletedParent(kind, theirs);
    if (parent) {
      const root = this.batchRoot('mine', parent.kind, parent.record);
      const diff = this.difference(root.kind, root.record, root.record, DELETED_FIELD, true, false, deletionStamp(root.record), {
        at: theirs.updatedAt,
        by: theirs.updatedBy,
      });
      const edits = this.filledFields(kind, record).map(
        ([field, value]): FieldDifference => ({
          key: `${kind}/${theirs.id}/${field}`,
          kind,
          id: theirs.id,
          subject,
          field,
          mine: undefined,
          theirs: value,
          mineShown: { shown: 'empty' },
          theirsShown: this.shown(kind, field, value, theirs),
          mineStamp: stampOf(theirs, field),
          theirsStamp: stampOf(theirs, field),
        }),
      );
      this.deletionConflict(diff, 'bothChanged', parent.record.deletedBatch, edits, { kind, id: theirs.id, added: record });
      return;
    }
    this.plan.added.push({ ...item, record });
  }

  record(kind: RecordKind, mine: AnyRecord, theirs: AnyRecord) {
    const mineDeleted = mine.deletedAt !== null;
    const theirsDeleted = theirs.deletedAt !== null;
    if (mineDeleted && theirsDeleted) return;
    this.#base = this.snapshot.find(kind, mine, theirs);
    if (mineDeleted !== theirsDeleted && this.liveness(kind, mine, theirs) !== 'restore') return;
    for (const field of editableFields(kind)) this.field(kind, mine, theirs, field);
  }

  /**
   * Deleted on one side only: remove, restore, keep, or ask. A deletion never silently wins over
   * edits made on the other side since the base: that is a conflict listing those edits.
   */
  liveness(kind: RecordKind, mine: AnyRecord, theirs: AnyRecord): 'restore' | 'done' {
    const mineDeleted = mine.deletedAt !== null;
    const theirsDeleted = theirs.deletedAt !== null;
    const mineStamp = deletionStamp(mine);
    const theirsStamp = deletionStamp(theirs);
    const base = this.#base;
    const baseDeleted = base ? base.deletedAt !== null : null;
    const m = baseDeleted !== null ? mineDeleted !== baseDeleted : this.mineClock.changed(kind, mine.id, mineStamp);
    const th = baseDeleted !== null ? theirsDeleted !== baseDeleted : this.theirsClock.changed(kind, theirs.id, theirsStamp);
    const edits = this.liveEdits(kind, mine, theirs, mineDeleted ? 'theirs' : 'mine');
    const batch = mineDeleted ? mine.deletedBatch : theirs.deletedBatch;
    const root = this.batchRoot(mineDeleted ? 'mine' : 'theirs', kind, mineDeleted ? mine : theirs);
    const diff = () =>
      root.record === mine || root.record === theirs
        ? this.difference(kind, mine, theirs, DELETED_FIELD, mineDeleted, theirsDeleted, mineStamp, theirsStamp)
        : this.difference(root.kind, root.record, root.record, DELETED_FIELD, mineDeleted, theirsDeleted, mineStamp, theirsStamp);
    const member: DeletionMember = { kind, id: mine.id, added: null };
    // Deleted in the file: what was added here under it (a year record, a KPI) the file never had
    // is an edit here too, and goes or stays with the same choice.
    const under = theirsDeleted && kind !== 'strategies' ? this.addedUnder(kind as ChildKind, mine) : [];
    for (const u of under) edits.push(...u.fields);
    const ask = (reason: ConflictReason) => {
      this.deletionConflict(diff(), reason, batch, edits, member);
      for (const u of under) this.deletionConflict(diff(), reason, batch, [], { kind: u.kind, id: u.record.id, added: null });
    };
    const why = this.rules.removal(kind, mine, this.owned);
    if (why) {
      // The file may not delete or restore; but what it filled in for a record deleted here is
      // shown, and the person may bring the record back with it.
      if (mineDeleted && edits.length > 0) ask('bothChanged');
      else if (th) this.ignore(diff(), why);
      return 'done';
    }
    if (m && th) {
      ask(this.reason(kind, mine, theirs));
      return 'done';
    }
    if (th) {
      if (theirsDeleted) {
        if (edits.length > 0 || under.length > 0) ask('bothChanged');
        else
          this.plan.removed.push({
            ...this.difference(kind, mine, theirs, DELETED_FIELD, mineDeleted, theirsDeleted, mineStamp, theirsStamp),
            batch: theirs.deletedBatch,
          });
        return 'done';
      }
      // The record's own restoration (diff() names the batch's root, for the person): applying
      // it brings back this record, not the root again.
      this.plan.restored.push(this.difference(kind, mine, theirs, DELETED_FIELD, mineDeleted, theirsDeleted, mineStamp, theirsStamp));
      return 'restore';
    }
    if (m) {
      if (mineDeleted && edits.length > 0) ask('bothChanged');
      return 'done';
    }
    ask('neitherChanged');
    return 'done';
  }

  /**
   * The fields the side that kept a record (`live`) changed since the base and that differ from the
   * deleted side's: what a deletion would lose. Only fields the file may change count for the file.
   */
  liveEdits(kind: RecordKind, mine: AnyRecord, theirs: AnyRecord, live: Side): FieldDifference[] {
    const base = this.#base;
    const out: FieldDifference[] = [];
    for (const field of editableFields(kind)) {
      const mineValue = fieldOf(mine, field);
      const theirsValue = fieldOf(theirs, field);
      if (equalJson(mineValue, theirsValue)) continue;
      const liveRecord = live === 'mine' ? mine : theirs;
      const liveValue = live === 'mine' ? mineValue : theirsValue;
      const stamp = stampOf(liveRecord, field);
      const changed = base
        ? !equalJson(liveValue, fieldOf(base, field))
        : !unsetAtCreation(kind, liveRecord, field, stamp) &&
          (live === 'mine' ? this.mineClock : this.theirsClock).changed(kind, liveRecord.id, stamp);
      if (!changed) continue;
      if (live === 'theirs' && this.rules.fieldChange(kind, mine, field, this.owned)) continue;
      out.push(this.difference(kind, mine, theirs, field, mineValue, theirsValue, stampOf(mine, field), stampOf(theirs, field)));
    }
    return out;
  }

  /** Live records under `r` here (what deleting it takes along) that the file does not hold. */
  addedUnder(kind: ChildKind, r: AnyRecord): { kind: RecordKind; record: AnyRecord; fields: FieldDifference[] }[] {
    const out: { kind: RecordKind; record: AnyRecord; fields: FieldDifference[] }[] = [];
    for (const ref of deletionSet(this.local, kind, r.id)) {
      if (ref.kind === kind && ref.id === r.id) continue;
      if (this.incomingIds.get(ref.kind)?.has(ref.id)) continue;
      const record = this.localIndex.get(ref.kind)?.get(ref.id);
      if (!record) continue;
      const subject = this.namer.subject(ref.kind, record);
      const fields = this.filledFields(ref.kind, record).map(
        ([field, value]): FieldDifference => ({
          key: `${ref.kind}/${record.id}/${field}`,
          kind: ref.kind,
          id: record.id,
          subject,
          field,
          mine: value,
          theirs: undefined,
          mineShown: this.shown(ref.kind, field, value, record),
          theirsShown: { shown: 'empty' },
          mineStamp: stampOf(record, field),
          theirsStamp: stampOf(record, field),
        }),
      );
      out.push({ kind: ref.kind, record, fields });
    }
    return out;
  }

  /** The fields of a record that hold something (not their default), where it sits left out. */
  filledFields(kind: RecordKind, r: AnyRecord): [string, unknown][] {
    const defaults = READ_DEFAULTS[kind];
    const out: [string, unknown][] = [];
    for (const field of editableFields(kind)) {
      const value = fieldOf(r, field);
      if (field in defaults && equalJson(value, defaults[field])) continue;
      if (isReferenceField(field) || field === 'fiscalYear' || field === 'order' || field === 'subjectKind' || field === 'subjectId') continue;
      out.push([field, value]);
    }
    return out;
  }

  /**
   * The year record here for the same KPI or project and year as `theirs`, deleted here together
   * with the record above it (one batch): the same record made on each copy under its own id. The
   * file's record is then this one, to restore or keep deleted with its parent, never a second
   * record for the year next to it.
   */
  deletedTwin(kind: RecordKind, theirs: AnyRecord, candidates: readonly AnyRecord[] | undefined): AnyRecord | undefined {
    if (!candidates?.length) return undefined;
    const parent = this.deletedParent(kind, theirs);
    if (!parent) return undefined;
    return candidates.find((r) => r.deletedBatch !== null && r.deletedBatch === parent.record.deletedBatch);
  }

  /** The nearest record above `r` (by its references) that is deleted here, if any. */
  deletedParent(kind: RecordKind, r: AnyRecord): { kind: RecordKind; record: AnyRecord } | null {
    const x = r as unknown as Record<string, unknown>;
    const refs: [RecordKind, unknown][] = [];
    if (kind === 'kpiYears') refs.push(['kpis', x['kpiId']]);
    if (kind === 'projectYears') refs.push(['projects', x['projectId']]);
    // A 施策's own KPI (no project) lies under its measure.
    if (kind === 'kpis') refs.push(['projects', x['projectId']], ['measures', x['projectId'] == null ? x['measureId'] : null], ['goals', x['goalId']]);
    if (kind === 'projects' || kind === 'measures') refs.push(['goals', x['goalId']]);
    if (kind === 'opinions') refs.push([x['subjectKind'] === 'goal' ? 'goals' : 'projects', x['subjectId']]);
    for (const [k, id] of refs) {
      if (typeof id !== 'string') continue;
      const parent = this.localIndex.get(k)?.get(id);
      if (!parent) continue;
      if (parent.deletedAt !== null) return { kind: k, record: parent };
      const above = this.deletedParent(k, parent);
      if (above) return above;
    }
    return null;
  }

  /** The first record (parents first) deleted in the same batch as `r` on `side`: what the person knows was deleted. */
  batchRoot(side: Side, kind: RecordKind, r: AnyRecord): { kind: RecordKind; record: AnyRecord } {
    if (!r.deletedBatch) return { kind, record: r };
    const roots = side === 'mine' ? this.mineRoots : this.theirsRoots;
    return roots.get(r.deletedBatch) ?? { kind, record: r };
  }

  deletionConflict(diff: FieldDifference, reason: ConflictReason, batch: string | null, edits: FieldDifference[], member: DeletionMember) {
    const group = `${diff.mine === true ? 'mine' : 'theirs'}|${batch ?? diff.key}`;
    const existing = this.#deletions.get(group);
    if (existing) {
      existing.edits.push(...edits);
      existing.members.push(member);
      if (existing.reason === 'neitherChanged' && reason !== 'neitherChanged') existing.reason = reason;
      return;
    }
    const c: MergeConflict = { ...diff, reason, batch, edits: [...edits], members: [member] };
    this.#deletions.set(group, c);
    this.plan.conflicts.push(c);
  }

  #deletions = new Map<string, MergeConflict>();

  field(kind: RecordKind, mine: AnyRecord, theirs: AnyRecord, field: string) {
    const mineValue = fieldOf(mine, field);
    const theirsValue = fieldOf(theirs, field);
    const mineStamp = stampOf(mine, field);
    const theirsStamp = stampOf(theirs, field);
    if (equalJson(mineValue, theirsValue)) {
      // Equal values are never a change; but the later stamp is adopted, so a decision made on
      // another copy travels on through this one. A default never set is not a decision.
      if (
        compareInstants(theirsStamp.at, mineStamp.at) > 0 &&
        !Number.isNaN(Date.parse(theirsStamp.at)) &&
        !unsetAtCreation(kind, theirs, field, theirsStamp) &&
        !this.rules.fieldChange(kind, mine, field, this.owned)
      )
        this.plan.restamped.push({ kind, id: mine.id, field, stamp: { ...theirsStamp } });
      return;
    }
    const base = this.#base;
    let m: boolean;
    let th: boolean;
    if (base) {
      const baseValue = fieldOf(base, field);
      m = !equalJson(mineValue, baseValue);
      th = !equalJson(theirsValue, baseValue);
    } else if (mine.id !== theirs.id) {
      // Two records of the same KPI's (project's) year, made apart under different ids: neither
      // side ever knew the other's value, whatever the stamps say against the base's time.
      m = !unsetAtCreation(kind, mine, field, mineStamp);
      th = !unsetAtCreation(kind, theirs, field, theirsStamp);
    } else {
      m = !unsetAtCreation(kind, mine, field, mineStamp) && this.mineClock.changed(kind, mine.id, mineStamp);
      th = !unsetAtCreation(kind, theirs, field, theirsStamp) && this.theirsClock.changed(kind, theirs.id, theirsStamp);
    }
    const diff = this.difference(kind, mine, theirs, field, mineValue, theirsValue, mineStamp, theirsStamp);
    const why = this.rules.fieldChange(kind, mine, field, this.owned);
    if (why) {
      // The file holds an older value of a field it may not change: nothing to say.
      if (th) this.ignore(diff, why);
      return;
    }
    if (m && th) this.conflict(diff, this.reason(kind, mine, theirs));
    else if (th) this.plan.changed.push(diff);
    else if (!m) this.conflict(diff, 'neitherChanged');
  }

  reason(kind: RecordKind, mine: AnyRecord, theirs: AnyRecord): ConflictReason {
    if (this.#base) return 'bothChanged';
    return this.mineClock.at(kind, mine.id) === null || this.theirsClock.at(kind, theirs.id) === null ? 'baseUnknown' : 'bothChanged';
  }

  difference(
    kind: RecordKind,
    mine: AnyRecord,
    theirs: AnyRecord,
    field: string,
    mineValue: unknown,
    theirsValue: unknown,
    mineStamp: FieldStamp,
    theirsStamp: FieldStamp,
  ): FieldDifference {
    return {
      key: `${kind}/${mine.id}/${field}`,
      kind,
      id: mine.id,
      subject: this.namer.subject(kind, mine),
      field,
      mine: mineValue,
      theirs: theirsValue,
      mineShown: this.shown(kind, field, mineValue, mine),
      theirsShown: this.shown(kind, field, theirsValue, theirs),
      mineStamp,
      theirsStamp,
    };
  }

  conflict(diff: FieldDifference, reason: ConflictReason) {
    this.plan.conflicts.push({ ...diff, reason, batch: null, edits: [], members: [] });
  }

  ignore(diff: FieldDifference, reason: NotAllowed) {
    this.plan.ignored.push({
      key: diff.key,
      kind: diff.kind,
      id: diff.id,
      subject: diff.subject,
      field: diff.field,
      theirsShown: diff.theirsShown,
      reason,
    });
  }

  shown(kind: RecordKind, field: string, value: unknown, record: AnyRecord): ShownValue {
    return shownValue(kind, field, value, this.namer.unitOf(kind, record), this.namer, record);
  }
}

/** Per deletion batch, its first record in parents-first order: the record the person deleted. */
function batchRoots(records: WorkbookRecords): Map<string, { kind: RecordKind; record: AnyRecord }> {
  const out = new Map<string, { kind: RecordKind; record: AnyRecord }>();
  for (const kind of KINDS)
    for (const r of listOf(records, kind)) if (r.deletedBatch && !out.has(r.deletedBatch)) out.set(r.deletedBatch, { kind, record: r });
  return out;
}

function deletionStamp(r: AnyRecord): FieldStamp {
  return { at: r.deletedAt ?? r.updatedAt, by: r.updatedBy };
}

/** A default value stamped when its record was created was never set by anyone. */
function unsetAtCreation(kind: RecordKind, r: AnyRecord, field: string, stamp: FieldStamp): boolean {
  const defaults = READ_DEFAULTS[kind];
  return field in defaults && stamp.at === r.createdAt && equalJson(fieldOf(r, field), defaults[field]);
}

// ---------------------------------------------------------------------------------------------
// Applying a plan
// ---------------------------------------------------------------------------------------------

/** Who merges, and when (the storage layer passes its RecordContext's values). */
export interface MergeContext {
  /** ISO 8601 time of the merge. */
  now: string;
  /** The editor's name: the records' updatedBy. */
  editor: string;
}

export type RecordsByKind = { [K in RecordKind]: RecordOfKind[K][] };

export interface AppliedMerge {
  /** Every record of the strategy after the merge. */
  records: WorkbookRecords;
  /** Only the records that changed or were added: what the storage layer puts. */
  written: RecordsByKind;
  /** Keys of conflicts without a choice; they were kept as here. */
  unresolved: string[];
}

/** A choice for every conflict: "all mine" / "all theirs". */
export function allChoices(plan: MergePlan, side: Side): Record<string, Side> {
  return Object.fromEntries(plan.conflicts.map((c) => [c.key, side]));
}

/** Keys of conflicts that have no choice yet (the apply button stays disabled while any remain). */
export function unresolvedConflicts(plan: MergePlan, choices: Readonly<Record<string, Side>>): string[] {
  return plan.conflicts.filter((c) => choices[c.key] !== 'mine' && choices[c.key] !== 'theirs').map((c) => c.key);
}

/**
 * The conflicts of `fresh` (a plan made again, from what is stored now) that the choices made on
 * `previewed` do not decide: new ones, and ones whose values (or, for a deletion, whose edits)
 * are no longer what the person saw. Empty: the choices carry over to `fresh` as they are.
 */
export function newDecisions(previewed: MergePlan, fresh: MergePlan, choices: Readonly<Record<string, Side>>): string[] {
  const seen = new Map(previewed.conflicts.map((c) => [c.key, c]));
  const sameEdits = (a: FieldDifference[], b: FieldDifference[]) =>
    a.length === b.length && a.every((e, i) => e.key === b[i]!.key && equalJson(e.mine, b[i]!.mine) && equalJson(e.theirs, b[i]!.theirs));
  return fresh.conflicts
    .filter((c) => {
      const old = seen.get(c.key);
      if (!old || (choices[c.key] !== 'mine' && choices[c.key] !== 'theirs')) return true;
      return !equalJson(old.mine, c.mine) || !equalJson(old.theirs, c.theirs) || !sameEdits(old.edits, c.edits);
    })
    .map((c) => c.key);
}

/**
 * The records after applying `plan` with `choices` (conflict key → side) to `local`. Pure: `local`
 * and `plan` are not changed. A conflict without a choice keeps this device's value.
 *
 * A value taken from the file keeps its author (`by`) and is stamped with the later of its own time
 * and `ctx.now`: for this copy, the field changed when the value arrived. That keeps every stamp of
 * a copy comparable with the copy's own export times (see the module comment), so a value that
 * arrived here after an export is never mistaken for one the export already held.
 */
export function applyMergePlan(
  local: WorkbookRecords,
  plan: MergePlan,
  choices: Readonly<Record<string, Side>>,
  ctx: MergeContext,
): AppliedMerge {
  const originals = new Map<RecordKind, Map<string, AnyRecord>>(KINDS.map((k) => [k, new Map(listOf(local, k).map((r) => [r.id, r]))]));
  const edited = new Map<RecordKind, Map<string, Mutable>>(KINDS.map((k) => [k, new Map()]));
  const unresolved = unresolvedConflicts(plan, choices);
  const chosen = (c: MergeConflict): Side => (choices[c.key] === 'theirs' ? 'theirs' : 'mine');

  /** Records written for more than adopted stamps: they get this merge's time and editor. */
  const changedHere = new Map<RecordKind, Set<string>>(KINDS.map((k) => [k, new Set()]));
  const edit = (kind: RecordKind, id: string, stampOnly = false): Mutable | undefined => {
    if (!stampOnly) changedHere.get(kind)!.add(id);
    const done = edited.get(kind)!.get(id);
    if (done) return done;
    const original = originals.get(kind)!.get(id);
    if (!original) return undefined;
    const copy = { ...original, stamps: { ...original.stamps } } as Mutable;
    edited.get(kind)!.set(id, copy);
    return copy;
  };
  const take = (kind: RecordKind, id: string, field: string, value: unknown, stamp: FieldStamp) => {
    const r = edit(kind, id);
    if (!r) return;
    r[field] = cloneJson(value);
    r.stamps[field] = { at: laterOf(stamp.at, ctx.now), by: stamp.by };
  };
  const remove = (kind: RecordKind, id: string, batch: string | null) => {
    const r = edit(kind, id);
    if (!r) return;
    r.deletedAt = ctx.now;
    r.deletedBatch = batch ?? `merge:${id}`;
  };
  const restore = (kind: RecordKind, id: string) => {
    const r = edit(kind, id);
    if (!r) return;
    r.deletedAt = null;
    r.deletedBatch = null;
  };
  const restoreBatch = (batch: string) => {
    for (const kind of KINDS) for (const r of originals.get(kind)!.values()) if (r.deletedBatch === batch) restore(kind, r.id);
  };

  // A deletion conflict kept as here keeps the whole batch deleted with it in the file.
  const keptBatches = new Set(
    plan.conflicts.filter((c) => c.field === DELETED_FIELD && c.theirs === true && c.batch && chosen(c) === 'mine').map((c) => c.batch!),
  );
  /** Records only in the file, added under a record deleted here: live, or deleted with it. */
  const addedUnder: { kind: RecordKind; record: AnyRecord; deleted: { at: string; batch: string } | null }[] = [];

  // A value kept by the person's choice was chosen now: stamped so, this copy's next file carries
  // the decision (the other copy sees it as changed since it last heard from here, and takes it
  // instead of keeping its own side forever). Likewise a record kept, or kept deleted, by choice.
  const keep = (kind: RecordKind, id: string, field: string, stamp: FieldStamp) => {
    const r = edit(kind, id);
    if (r) r.stamps[field] = { at: laterOf(stamp.at, ctx.now), by: stamp.by };
  };
  const touch = (kind: RecordKind, id: string) => void edit(kind, id);
  const redelete = (batch: string | null, kind: RecordKind, id: string) => {
    const again = (k: RecordKind, rid: string) => {
      const r = edit(k, rid);
      if (r && r.deletedAt !== null) r.deletedAt = laterOf(r.deletedAt, ctx.now);
    };
    again(kind, id);
    if (batch) for (const k of KINDS) for (const r of originals.get(k)!.values()) if (r.deletedBatch === batch) again(k, r.id);
  };

  // Adopted stamps first: what follows (a restoration, say) then decides over them.
  for (const a of plan.restamped ?? []) {
    const r = edit(a.kind, a.id, true);
    // Taken over now: `got` tells this copy's next files that the decision reached it after its
    // earlier exports (FieldStamp.got), while `at` keeps saying when the decision was made.
    if (r && compareInstants(a.stamp.at, stampOf(r, a.field).at) > 0) r.stamps[a.field] = { at: a.stamp.at, by: a.stamp.by, got: ctx.now };
  }
  for (const d of plan.changed) take(d.kind, d.id, d.field, d.theirs, d.theirsStamp);
  for (const d of plan.restored) restore(d.kind, d.id);
  for (const d of plan.removed) if (!(d.batch && keptBatches.has(d.batch))) remove(d.kind, d.id, d.batch);
  for (const c of plan.conflicts) {
    const side = chosen(c);
    const decided = choices[c.key] === 'mine' || choices[c.key] === 'theirs';
    if (c.field !== DELETED_FIELD) {
      if (side === 'theirs') take(c.kind, c.id, c.field, c.theirs, c.theirsStamp);
      else if (decided) keep(c.kind, c.id, c.field, c.mineStamp);
      continue;
    }
    if (c.theirs === true) {
      // Deleted in the file, kept (and edited) here.
      if (side === 'theirs') {
        remove(c.kind, c.id, c.batch);
        for (const m of c.members) remove(m.kind, m.id, c.batch);
      } else if (decided) {
        touch(c.kind, c.id);
        for (const m of c.members) touch(m.kind, m.id);
      }
      continue;
    }
    // Deleted here, kept (and edited) in the file.
    if (side === 'mine') {
      for (const m of c.members)
        if (m.added) addedUnder.push({ kind: m.kind, record: m.added, deleted: { at: ctx.now, batch: c.batch ?? `merge:${m.id}` } });
      if (decided) {
        redelete(c.batch, c.kind, c.id);
        for (const m of c.members) if (!m.added) redelete(null, m.kind, m.id);
      }
      continue;
    }
    // Bring back what was deleted with it, and take the file's edits.
    if (c.batch) restoreBatch(c.batch);
    restore(c.kind, c.id);
    for (const m of c.members) {
      if (m.added) addedUnder.push({ kind: m.kind, record: m.added, deleted: null });
      else restore(m.kind, m.id);
    }
    for (const e of c.edits) if (originals.get(e.kind)!.has(e.id)) take(e.kind, e.id, e.field, e.theirs, e.theirsStamp);
  }

  const written = emptyByKind();
  for (const kind of KINDS) {
    for (const r of edited.get(kind)!.values()) {
      r.rev = (r.rev ?? 0) + 1;
      // Only stamps adopted: the record's own time and editor stay (or it would look changed here).
      if (changedHere.get(kind)!.has(r.id)) {
        r.updatedAt = laterOf(r.updatedAt, ctx.now);
        r.updatedBy = ctx.editor;
      }
      (written[kind] as AnyRecord[]).push(r);
    }
  }
  const additions = [...plan.added.map((a) => ({ kind: a.kind, record: a.record, deleted: null })), ...addedUnder];
  for (const a of additions) {
    const r = { ...a.record, stamps: { ...a.record.stamps }, strategyId: local.strategy.id } as Mutable;
    for (const [field, stamp] of Object.entries(r.stamps)) {
      if (unsetAtCreation(a.kind, r, field, stamp)) continue;
      r.stamps[field] = { at: laterOf(stamp.at, ctx.now), by: stamp.by };
    }
    r.updatedAt = laterOf(r.updatedAt, ctx.now);
    if (a.deleted) {
      r.deletedAt = a.deleted.at;
      r.deletedBatch = a.deleted.batch;
    }
    (written[a.kind] as AnyRecord[]).push(r);
  }

  const records = {} as WorkbookRecords;
  const out = records as unknown as Record<string, unknown>;
  for (const kind of KINDS) {
    const replaced = edited.get(kind)!;
    const list = listOf(local, kind).map((r) => replaced.get(r.id) ?? r);
    const added = additions.filter((a) => a.kind === kind).map((a) => written[kind].find((w) => w.id === a.record.id)!);
    if (kind === 'strategies') out['strategy'] = list[0];
    else out[kind] = [...list, ...added];
  }
  return { records, written, unresolved };
}

function emptyByKind(): RecordsByKind {
  return Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as RecordsByKind;
}

// ---------------------------------------------------------------------------------------------

/** Equality of JSON values, ignoring key order and keys whose value is undefined. */
export function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((v, i) => equalJson(v, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const xk = Object.keys(x).filter((k) => x[k] !== undefined);
  const yk = Object.keys(y).filter((k) => y[k] !== undefined);
  return xk.length === yk.length && xk.every((k) => equalJson(x[k], y[k]));
}

function cloneJson<T>(v: T): T {
  return v !== null && typeof v === 'object' ? (JSON.parse(JSON.stringify(v)) as T) : v;
}
