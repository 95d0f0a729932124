/**
 * Storage side of a spreadsheet import, through the app's services (one database connection, one
 * write path). A new strategy is added in one transaction and undone by deleting it (as
 * tombstones, like any deletion). An update of the open strategy goes through the one path for
 * whole-strategy changes (ExchangeRepository.applySheet → applyChange), which checks every record
 * against the revision the preview was read from, snapshots what it replaces, and is undone
 * exactly like a bundle import (ExchangeRepository.undoImport): what the import wrote is put back,
 * and an edit made since is never overwritten (UndoConflictError, nothing written).
 *
 * The update is not logged as a received file: a spreadsheet is no bundle, and later bundles must
 * not name it as their base.
 */
import type { WorkbookRecords } from '../domain/workbook';
import type { WrittenRecords } from '../sheets/plan';
import type { WorkbookStore } from './workbook.svelte';
import type { ExchangeRepository } from '../storage/exchange-repository';

export { StaleWorkbookError, UndoConflictError } from '../storage/exchange-repository';

export class SheetStore {
  readonly #store: Pick<WorkbookStore, 'addWorkbook' | 'removeStrategy'>;
  readonly #exchange: () => Promise<Pick<ExchangeRepository, 'applySheet' | 'undoImport'>>;

  constructor(store: Pick<WorkbookStore, 'addWorkbook' | 'removeStrategy'>, exchange: () => Promise<Pick<ExchangeRepository, 'applySheet' | 'undoImport'>>) {
    this.#store = store;
    this.#exchange = exchange;
  }

  /** Adds a strategy made from a sheet, in one transaction. */
  async addNew(records: WorkbookRecords): Promise<void> {
    await this.#store.addWorkbook(records);
  }

  /** Undoes {@link addNew}: the strategy and everything under it become tombstones. */
  async undoNew(strategyId: string): Promise<void> {
    await this.#store.removeStrategy(strategyId);
  }

  /** Writes the sheet's records into the strategy (see the module comment); returns the undo's id. */
  async applyUpdate(strategyId: string, written: WrittenRecords, label: string): Promise<string> {
    return (await this.#exchange()).applySheet(strategyId, written, label);
  }

  /** Takes back exactly what {@link applyUpdate} wrote. */
  async undoUpdate(undoId: string): Promise<void> {
    await (await this.#exchange()).undoImport(undoId);
  }
}
