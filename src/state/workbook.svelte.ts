/**
 * The state of the open workbook: the strategy list (kept live with Dexie's liveQuery), the open
 * strategy's records (kept live by the repository's watchWorkbook, which reads again only what a
 * write changed, in this tab or another one), the save indicator,
 * and the undo offer after a deletion. Components call the methods here; they never touch storage.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { Editable, RecordContext } from '../domain/records';
import type { Strategy } from '../domain/entities/strategy';
import { strategyDefaults } from '../domain/entities/strategy';
import type { KpiYear } from '../domain/entities/kpi-year';
import type { ProjectYear } from '../domain/entities/project-year';
import { WorkbookView, type ChildKind, type RecordKind, type RecordOfKind, type WorkbookRecords } from '../domain/workbook';
import type { advanceView as advanceViewFn } from '../domain/achievement/evaluated-view';
import type { NewPeriod } from '../domain/copy';
import type { DashboardHead } from '../domain/achievement/dashboard';
import type { WorkbookRepository } from '../storage/workbook-repository';
import type { LiveSubscription } from '../storage/live-workbook';
import type { SettingsRepository, AppSettings } from '../storage/settings-repository';
import { DEFAULT_SETTINGS } from '../storage/settings-repository';
import { DraftJournal } from './draft-journal';
import { UndoHistory } from './undo-history.svelte';
import { applyWrite, writeKey, type WriteOp } from './write-ops';
import { classifyStorageError, errorDetail, type StorageFailureKind } from '../safety/storage-errors';
import { t } from '../i18n';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface WorkbookStoreDeps {
  repo: WorkbookRepository;
  settings: SettingsRepository;
  journal: DraftJournal;
  /** Called after the first successful write (asks for persistent storage). */
  onFirstSave?: () => void;
  /** Milliseconds text edits wait before they are written (0 in tests). */
  textDelay?: number;
  /** Base context (clock and ids); the editor name is added from settings. */
  clock: Pick<RecordContext, 'now' | 'newId'>;
  /**
   * Reopens the database after its connection was lost (WebKit drops it when the app was in the
   * background); a write that failed that way is then retried once.
   */
  reconnect?: () => Promise<void>;
  /**
   * Awaited after the quick first part of an opened strategy was shown, before the rest is read
   * (in the app: until the screen has painted). None in tests.
   */
  beforeRest?: () => Promise<void>;
  /** Told when the open strategy's whole records changed or were read (keeps its dashboard's head). */
  keeper?: { changed(strategyId: string): void };
  /** The dashboard from a kept head has painted (the start's read of the records may go on). */
  onKeptShown?: () => void;
}

/**
 * The achievement engine is not part of the first load (the start screen needs none of it): it is
 * fetched when a strategy is opened (a reopened screen's code brings it along too). Until it is
 * there a view is built whole; after, a view is patched from the previous one and its evaluations
 * advanced (advanceView). Either way the view is the same; only the work differs.
 */
let advance: typeof advanceViewFn | null = null;
let engine: Promise<void> | null = null;
export function loadEngine(): Promise<void> {
  engine ??= import('../domain/achievement/evaluated-view').then(
    (m) => void (advance = m.advanceView),
    () => void (engine = null),
  );
  return engine;
}

export class WorkbookStore {
  strategies = $state.raw<Strategy[]>([]);
  records = $state.raw<WorkbookRecords | null>(null);
  /**
   * False while `records` holds the quick first part of the open strategy (everything but the
   * yearly project records): the dashboard can show, screens that edit or print wait.
   */
  complete = $state(false);
  /**
   * The open strategy's view. After an edit of KPI values it is patched from the previous view and
   * its evaluated view (evaluatedOf) re-evaluates only the changed KPIs (advanceView).
   */
  view = $derived.by(() => {
    const records = this.records;
    const view = records ? (advance ? advance(this.#lastView, this.#lastRecords, records) : new WorkbookView(records)) : null;
    this.#lastRecords = records;
    this.#lastView = view;
    return view;
  });
  #lastRecords: WorkbookRecords | null = null;
  #lastView: WorkbookView | null = null;
  settings = $state<AppSettings>({ ...DEFAULT_SETTINGS });
  saveState = $state<SaveState>('idle');
  saveError = $state<string>('');
  /** What kind of failure the error is: the device is full, the connection was lost, or other. */
  saveErrorKind = $state<StorageFailureKind | null>(null);
  /** The app's one undo history (deletions here; imports and restores from their pages). */
  readonly history = new UndoHistory();
  ready = $state(false);
  /** Id of the open strategy, or null on the start screen. */
  openId = $state<string | null>(null);
  /**
   * The dashboard's head kept with the strategy a start reopens (storage/kept-dashboard.ts), valid
   * when it was read, until that strategy's records are read: the dashboard paints its totals from it.
   */
  kept = $state.raw<DashboardHead | null>(null);

  readonly #deps: WorkbookStoreDeps;
  #pending = 0;
  #timers = new Map<string, { timer: ReturnType<typeof setTimeout>; op: WriteOp }>();
  #listSub: Subscription | null = null;
  #openSub: LiveSubscription | null = null;
  #firstSaveDone = false;
  /** Live queries restarted after a lost connection since the last good result. */
  #resubscribed = 0;
  /** Edits refused by a full device or a lost connection wait in the journal. */
  #leftovers = false;

  constructor(deps: WorkbookStoreDeps) {
    this.#deps = deps;
  }

  /** The context every write is stamped with. */
  context = (): RecordContext => ({
    now: this.#deps.clock.now,
    newId: this.#deps.clock.newId,
    editor: this.settings.editorName || '（未設定）',
  });

  /** Loads settings, replays writes a closed tab left in the journal, and starts watching the strategy list. */
  async init(): Promise<void> {
    this.settings = await this.#deps.settings.load();
    this.#firstSaveDone = this.settings.persistAsked;
    await this.#replayJournal();
    this.#watchList();
  }

  /**
   * Writes what the journal holds: edits a closed tab left, or edits that failed because the device
   * was full or the connection was lost. An edit that fails that way again stays in the journal.
   */
  async #replayJournal(): Promise<boolean> {
    let allWritten = true;
    for (const [key, op] of this.#deps.journal.pending()) {
      try {
        await this.#attempt(() => applyWrite(this.#deps.repo, op));
      } catch (e) {
        if (classifyStorageError(e) !== 'other') {
          allWritten = false;
          this.#leftovers = true;
          this.#fail(e);
          continue;
        }
        // The record is gone (deleted elsewhere): nothing to restore into.
      }
      this.#deps.journal.settle(key, op);
    }
    return allWritten;
  }

  /** 「もう一度保存する」: writes every edit still waiting in the journal. */
  async retryPending(): Promise<boolean> {
    await this.flush();
    this.saveState = 'saving';
    const ok = await this.#replayJournal();
    if (ok && this.#pending === 0) {
      this.saveState = 'saved';
      this.saveError = '';
      this.saveErrorKind = null;
    }
    return ok;
  }

  /** Edits that are kept in the journal but not yet in IndexedDB. */
  get unsavedCount(): number {
    return this.#deps.journal.pending().length;
  }

  #watchList(): void {
    this.#listSub = liveQuery(() => this.#deps.repo.listStrategies()).subscribe({
      next: (list) => {
        this.#resubscribed = 0;
        this.strategies = list;
        this.ready = true;
      },
      error: (e) => this.#liveError(e, () => this.#watchList()),
    });
  }

  /** A live query died: after a lost connection it is restarted (a few times), else reported. */
  #liveError(e: unknown, restart: () => void): void {
    if (classifyStorageError(e) === 'connection' && this.#resubscribed < 3) {
      this.#resubscribed++;
      void (this.#deps.reconnect?.() ?? Promise.resolve()).then(restart, () => this.#fail(e));
      return;
    }
    this.#fail(e);
  }

  /** The head kept with strategy `head.strategy.id`, read at a start: shown until its records are read. */
  offerKept(head: DashboardHead): void {
    if (this.records === null && (this.openId === null || this.openId === head.strategy.id)) this.kept = head;
  }

  /** The dashboard drawn from the kept head has painted. */
  keptShown(): void {
    this.#deps.onKeptShown?.();
  }

  /** Opens a strategy (or closes it with null), keeping its records live. */
  open(strategyId: string | null): void {
    // Already open, or being read: a second call must not start a second read.
    if (this.openId === strategyId && (this.records || this.#openSub || !strategyId)) return;
    this.#openSub?.unsubscribe();
    this.#openSub = null;
    this.openId = strategyId;
    this.records = null;
    if (this.kept && this.kept.strategy.id !== strategyId) this.kept = null;
    this.complete = false;
    if (!strategyId) return;
    void loadEngine();
    this.#watchOpen(strategyId);
  }

  #watchOpen(strategyId: string): void {
    this.#openSub = this.#deps.repo.watchWorkbook(
      strategyId,
      {
        next: (records, complete) => {
          this.#resubscribed = 0;
          if (this.openId !== strategyId) return;
          this.records = records ?? null;
          this.complete = complete;
          this.kept = null;
          if (records && complete) this.#deps.keeper?.changed(strategyId);
        },
        error: (e) => {
          this.#openSub = null;
          this.#liveError(e, () => {
            if (this.openId === strategyId && !this.#openSub) this.#watchOpen(strategyId);
          });
        },
      },
      this.#deps.beforeRest,
    );
  }

  dispose(): void {
    this.#listSub?.unsubscribe();
    this.#openSub?.unsubscribe();
  }

  // ---- saving -------------------------------------------------------------------------------

  /** Runs a write; after a lost connection, reopens the database and runs it once more. */
  async #attempt<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (classifyStorageError(e) !== 'connection') throw e;
      try {
        await this.#deps.reconnect?.();
      } catch {
        throw e;
      }
      return run();
    }
  }

  async #track<T>(run: () => Promise<T>): Promise<T> {
    this.#pending++;
    this.saveState = 'saving';
    try {
      const result = await this.#attempt(run);
      this.#pending--;
      if (this.#pending === 0) this.saveState = 'saved';
      this.saveError = '';
      this.saveErrorKind = null;
      // A write went through again: what an earlier failure left in the journal goes now too.
      if (this.#leftovers) {
        this.#leftovers = false;
        void this.#replayJournal();
      }
      if (!this.#firstSaveDone) {
        this.#firstSaveDone = true;
        this.#deps.onFirstSave?.();
      }
      return result;
    } catch (e) {
      this.#pending--;
      this.#fail(e);
      throw e;
    }
  }

  /** Failures the save indicator has shown (see {@link WorkbookStore.reported}). */
  readonly #reported = new WeakSet<object>();

  /**
   * Whether the save indicator has shown this failure. A screen starts most writes without waiting
   * for them (`void store.update(…)`); when one is refused, the indicator, the journal and the
   * storage help deal with it, and the app lets its rejection go unreported (App.svelte).
   */
  reported(e: unknown): boolean {
    return typeof e === 'object' && e !== null && this.#reported.has(e);
  }

  #fail(e: unknown) {
    if (typeof e === 'object' && e !== null) this.#reported.add(e);
    const kind = classifyStorageError(e);
    this.saveState = 'error';
    this.saveErrorKind = kind;
    this.saveError = t(`safety.saveError.${kind}`, { detail: errorDetail(e) });
  }

  /**
   * A write performed at once (choices, numbers, structure). It is journaled like typing, so an
   * edit refused by a full device or a lost connection is kept and written later.
   */
  async write(op: WriteOp): Promise<void> {
    const key = writeKey(op);
    this.#cancelTimer(key);
    this.#deps.journal.record(key, op);
    try {
      await this.#track(() => applyWrite(this.#deps.repo, op));
    } catch (e) {
      if (classifyStorageError(e) === 'other') this.#deps.journal.settle(key, op);
      else this.#leftovers = true;
      throw e;
    }
    this.#deps.journal.settle(key, op);
  }

  /**
   * A write from typing: journaled synchronously at once, written to IndexedDB when typing pauses
   * (or at once on blur / when the page is hidden, see flush()).
   */
  writeSoon(op: WriteOp): void {
    const key = writeKey(op);
    this.#deps.journal.record(key, op);
    this.#cancelTimer(key);
    this.saveState = 'saving';
    const timer = setTimeout(() => void this.#flushOne(key), this.#deps.textDelay ?? 400);
    this.#timers.set(key, { timer, op });
  }

  #cancelTimer(key: string) {
    const t = this.#timers.get(key);
    if (t) {
      clearTimeout(t.timer);
      this.#timers.delete(key);
    }
  }

  async #flushOne(key: string): Promise<void> {
    const entry = this.#timers.get(key);
    if (!entry) return;
    this.#timers.delete(key);
    clearTimeout(entry.timer);
    try {
      await this.#track(() => applyWrite(this.#deps.repo, entry.op));
      this.#deps.journal.settle(key, entry.op);
    } catch (e) {
      // Kept in the journal: the next successful write, 「もう一度保存する」 or the next start
      // writes it. The indicator shows the error.
      if (classifyStorageError(e) !== 'other') this.#leftovers = true;
    }
  }

  /** Writes every pending text edit now (blur, page hidden, before navigation). */
  async flush(): Promise<void> {
    await Promise.all([...this.#timers.keys()].map((k) => this.#flushOne(k)));
  }

  get hasPendingWrites(): boolean {
    return this.#timers.size > 0 || this.#pending > 0;
  }

  // ---- convenience writes used by the screens -------------------------------------------

  update<K extends RecordKind>(kind: K, id: string, patch: Partial<Editable<RecordOfKind[K]>>, soon = false): Promise<void> | void {
    const op: WriteOp = { op: 'update', kind, id, patch: patch as Record<string, unknown> };
    return soon ? this.writeSoon(op) : this.write(op);
  }

  setKpiYear(kpiId: string, fiscalYear: number, patch: Partial<Editable<KpiYear>>, soon = false): Promise<void> | void {
    const strategyId = this.openId;
    if (!strategyId) return;
    const op: WriteOp = { op: 'kpiYear', strategyId, kpiId, fiscalYear, patch };
    return soon ? this.writeSoon(op) : this.write(op);
  }

  setProjectYear(projectId: string, fiscalYear: number, patch: Partial<Editable<ProjectYear>>, soon = false): Promise<void> | void {
    const strategyId = this.openId;
    if (!strategyId) return;
    const op: WriteOp = { op: 'projectYear', strategyId, projectId, fiscalYear, patch };
    return soon ? this.writeSoon(op) : this.write(op);
  }

  /** Adds a record to the open strategy. */
  async add<K extends ChildKind>(kind: K, fields: Editable<RecordOfKind[K]>): Promise<RecordOfKind[K]> {
    const strategyId = this.openId;
    if (!strategyId) throw new Error('no strategy open');
    return this.#track(() => this.#deps.repo.create(kind, strategyId, fields));
  }

  /** Moves a project to another primary goal and measure (goalId null: directly under the strategy), its KPIs with it. */
  async moveProject(projectId: string, goalId: string | null, measureId: string | null): Promise<void> {
    await this.flush();
    await this.#track(() => this.#deps.repo.moveProject(projectId, goalId, measureId));
  }

  /** Deletes a record with everything under it and offers undo. */
  async remove(kind: ChildKind | 'strategies', id: string, message: string): Promise<void> {
    const strategyId = kind === 'strategies' ? id : this.openId;
    if (!strategyId) return;
    await this.flush();
    const batch = await this.#track(() => this.#deps.repo.deleteWithChildren(kind, id, strategyId));
    this.history.offer(
      message,
      async () => {
        await this.#track(() => this.#deps.repo.restoreBatch(strategyId, batch));
      },
      { strategyId },
    );
  }

  /** Adds a whole strategy (made from a spreadsheet) in one transaction. */
  async addWorkbook(records: WorkbookRecords): Promise<void> {
    await this.#track(() => this.#deps.repo.addWorkbook(records));
  }

  /** Deletes a whole strategy as tombstones, without an undo offer (the caller offers its own). */
  async removeStrategy(strategyId: string): Promise<void> {
    await this.#track(() => this.#deps.repo.deleteWithChildren('strategies', strategyId, strategyId));
  }

  // ---- strategies -------------------------------------------------------------------------

  async createBlank(fields: { municipality: string; name: string; startYear: number; endYear: number }): Promise<string> {
    const strategy = await this.#track(() =>
      this.#deps.repo.create('strategies', null, { ...strategyDefaults(fields.startYear), ...fields }),
    );
    return strategy.id;
  }

  /** Adds the 関市 sample (its data is loaded only when asked for: it is not part of the first load). */
  async createSample(): Promise<string> {
    const [{ buildWorkbook }, { SEKI_SAMPLE }] = await Promise.all([import('../domain/sample/build'), import('../domain/sample/seki')]);
    const records = buildWorkbook(SEKI_SAMPLE, this.context());
    await this.#track(() => this.#deps.repo.addWorkbook(records));
    return records.strategy.id;
  }

  async copyToNewPeriod(strategyId: string, period: NewPeriod): Promise<string> {
    await this.flush();
    const s = await this.#track(() => this.#deps.repo.copyToNewPeriod(strategyId, period));
    return s.id;
  }

  // ---- settings ---------------------------------------------------------------------------

  async setSetting<K extends keyof AppSettings>(key: K, value: AppSettings[K]): Promise<void> {
    this.settings[key] = value;
    // Remembering the open screen, a display preference or that persistent storage was asked for is
    // bookkeeping, not an edit: it does not touch the save indicator (on a full device it fails, and
    // 「保存できませんでした」 would then speak of a write the person never made).
    // A page that may not write (another version writes now) keeps it for itself.
    if (key === 'lastRoute' || key === 'meetingFontScale' || key === 'highContrast' || key === 'persistAsked')
      await this.#deps.settings.set(key, value).catch((e: unknown) => {
        const kind = classifyStorageError(e);
        if (kind !== 'held' && kind !== 'outdated') throw e;
      });
    else await this.#track(() => this.#deps.settings.set(key, value));
  }
}
