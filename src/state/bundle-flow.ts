/**
 * Exporting and importing bundle files: the steps between the file format (src/bundle) and
 * storage. Screens call these; none of them writes anything until the person confirms, and every
 * write is one transaction (see ExchangeRepository).
 */
import {
  applyMergePlan,
  basedOnFor,
  decryptBundle,
  editableBy,
  encryptBundle,
  isEncryptedBundle,
  mergeBase,
  newDecisions,
  parseBundle,
  planMerge,
  serializeBundle,
  type BundleError,
  type BundleScope,
  type EditRules,
  type MergePlan,
  type ParsedBundle,
  type Side,
} from '../bundle';
import { utf8Length } from '../bundle/canonical';
import { addMessages, t } from '../i18n';
import { bundle as bundleMessages } from '../i18n/ja/bundle';
import type { WorkbookRecords } from '../domain/workbook';
import type { WorkbookRepository } from '../storage/workbook-repository';
import type { Progress, ExchangeRepository } from '../storage/exchange-repository';
import type { SyncLogRow } from '../storage/db';

// The messages of bundle files are not part of the first load: they come with this module.
addMessages(bundleMessages);

/** Thrown by an undo that would overwrite an edit made since the import (nothing is written). */
export { UndoConflictError } from '../storage/exchange-repository';

export interface ExportedFile {
  fileName: string;
  text: string;
  /** Size of the file in bytes (`text` as UTF-8). */
  size: number;
  /** MIME type of the file as written. */
  type: string;
}

export type ReadOutcome =
  | { kind: 'error'; error: BundleError }
  | { kind: 'needsPassword'; wrongPassword: boolean }
  | { kind: 'new'; bundle: ParsedBundle }
  | { kind: 'merge'; bundle: ParsedBundle; local: WorkbookRecords; plan: MergePlan; rules: EditRules | undefined; alreadyTaken: boolean };

/**
 * The workbook changed after the preview (another tab, or a save in between) so that the file now
 * needs decisions the person has not made (`keys`: the conflicts to decide again). Nothing was written.
 */
export class StalePreviewError extends Error {
  constructor(readonly keys: string[]) {
    super(`${keys.length} conflicts to decide again`);
    this.name = 'StalePreviewError';
  }
}

export interface BundleFlowDeps {
  workbooks: WorkbookRepository;
  exchange: ExchangeRepository;
  clock: { now: () => string; newId: () => string };
  editor: () => string;
  appVersion: string;
}

/** 関市_第2期総合戦略_商工課_2026-05-20.json → 関市_第2期総合戦略_商工課_2026-05-20_パスワード付き.json */
export function passwordProtectedFileName(fileName: string): string {
  return fileName.replace(/(\.json)?$/i, `_${t('bundle.file.passwordSuffix')}.json`);
}

/** 「関市_第2期総合戦略_商工課_2026-05-20.json」 with `tag` before the date: 「…_商工課_返送_2026-05-20.json」. */
export function taggedFileName(fileName: string, tag: string): string {
  const clean = tag.replace(/[\\/:*?"<>|_\s]/g, '');
  if (!clean) return fileName;
  const m = /^(.*?)(_?\d{4}-\d{2}-\d{2})?\.json$/.exec(fileName);
  if (!m) return fileName;
  return `${m[1]}_${clean}${m[2] ?? ''}.json`;
}

export class BundleFlow {
  readonly #d: BundleFlowDeps;
  constructor(deps: BundleFlowDeps) {
    this.#d = deps;
  }

  /** The scope a copy exports with: a department's copy always sends its own departments back. */
  async exportScope(strategyId: string): Promise<BundleScope | null> {
    return (await this.#d.exchange.findCopy(strategyId))?.createdFromScope ?? null;
  }

  /** What this device sent and took in for a strategy (planning's 返送状況, the department's year). */
  async log(strategyId: string): Promise<SyncLogRow[]> {
    return this.#d.exchange.log(strategyId);
  }

  /**
   * Writes a bundle of the strategy (or of some departments), remembering what it held. `tag`
   * goes into the file name before the date (a department's return: 「…_商工課_返送_2026-05-20.json」).
   */
  async exportFile(strategyId: string, scope: BundleScope, password: string | null, tag = ''): Promise<ExportedFile> {
    const records = await this.#d.workbooks.loadWorkbook(strategyId);
    if (!records) throw new Error('strategy not found');
    const copy = await this.#d.exchange.copyOf(strategyId);
    const history = await this.#d.exchange.history(strategyId);
    const out = await serializeBundle(records, {
      exportId: this.#d.clock.newId(),
      exportedAt: this.#d.clock.now(),
      exportedBy: this.#d.editor(),
      appVersion: this.#d.appVersion,
      copyId: copy.copyId,
      scope,
      basedOn: basedOnFor(scope, history),
    });
    const fileName = tag ? taggedFileName(out.fileName, tag) : out.fileName;
    // What the file held, kept as the canonical bytes its checksum was computed over.
    await this.#d.exchange.recordSent(out.envelope, strategyId, fileName, out.canonical);
    if (password) {
      const text = await encryptBundle(out.json, password);
      return { fileName: passwordProtectedFileName(fileName), text, size: utf8Length(text), type: 'application/json' };
    }
    return { fileName, text: out.json, size: out.byteLength, type: 'application/json' };
  }

  /** Reads a file's text: refused, needing a password, a new strategy, or a merge into one here. */
  async read(text: string, password: string | null): Promise<ReadOutcome> {
    let json = text;
    if (isEncryptedBundle(text)) {
      if (password === null) return { kind: 'needsPassword', wrongPassword: false };
      const plain = await decryptBundle(text, password);
      if (!plain.ok) {
        if (plain.error.kind === 'wrongPassword') return { kind: 'needsPassword', wrongPassword: true };
        return { kind: 'error', error: plain.error };
      }
      json = plain.value;
    }
    const parsed = await parseBundle(json);
    if (!parsed.ok) return { kind: 'error', error: parsed.error };
    const bundle = parsed.value;
    const strategyId = bundle.records.strategy.id;
    const local = await this.#d.workbooks.loadWorkbook(strategyId);
    if (!local) return { kind: 'new', bundle };
    // Reads only: a preview writes nothing (the copy row is made by the first export).
    const copy = await this.#d.exchange.findCopy(strategyId);
    const history = await this.#d.exchange.history(strategyId);
    const base = mergeBase(bundle.meta, history);
    const snapshot = bundle.meta.basedOn ? await this.#d.exchange.sentSnapshot(bundle.meta.basedOn.exportId) : null;
    // A department's file coming back to the copy that owns the strategy may change only the
    // department's share; between copies of the same kind everything is taken.
    const rules = bundle.meta.scope.kind === 'department' && !copy?.createdFromScope ? editableBy(bundle.meta.scope) : undefined;
    const plan = planMerge(local, bundle.records, { ...base, snapshot }, { rules });
    const alreadyTaken = !!(await this.#d.exchange.knownFile(bundle.meta.exportId));
    return { kind: 'merge', bundle, local, plan, rules, alreadyTaken };
  }

  async addNew(bundle: ParsedBundle, fileName: string, onProgress?: Progress): Promise<void> {
    await this.#d.exchange.importNew(bundle.records, bundle.meta, fileName, onProgress);
  }

  /**
   * Applies a merge with the person's choices; returns the snapshot id that undoes it. The merge is
   * made again inside the write's transaction, against the records and file log as stored then
   * (not the preview's copy): a field changed since the preview (another tab, a save) is merged
   * field by field like any other; if that raises a conflict the person has not decided,
   * StalePreviewError is thrown and nothing is written.
   */
  async merge(outcome: Extract<ReadOutcome, { kind: 'merge' }>, choices: Record<string, Side>, fileName: string, onProgress?: Progress): Promise<string> {
    const { bundle, plan, rules } = outcome;
    const ctx = { now: this.#d.clock.now(), editor: this.#d.editor() };
    return this.#d.exchange.applyMerge(
      outcome.local.strategy.id,
      bundle.meta,
      fileName,
      (current, history) => {
        // The base snapshot is what this device sent: it does not change; the time points may.
        const fresh = planMerge(current, bundle.records, { ...mergeBase(bundle.meta, history), snapshot: plan.base.snapshot ?? null }, { rules });
        const open = newDecisions(plan, fresh, choices);
        if (open.length > 0) throw new StalePreviewError(open);
        return applyMergePlan(current, fresh, choices, ctx).written;
      },
      onProgress,
    );
  }

  /** Undoes an import exactly: records, the received-files log and the import's snapshot (ExchangeRepository.undoImport). */
  async undoImport(snapshotId: string): Promise<void> {
    await this.#d.exchange.undoImport(snapshotId);
  }
}
