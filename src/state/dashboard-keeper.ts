/**
 * Keeps the dashboard's head of the open strategy with it (storage/kept-dashboard.ts), so that the
 * next start paints its totals before reading the records. After the records settle (a while after
 * the last change, in this tab or another), and only if what is kept is not valid any more, the
 * reader worker computes a head from one read of the records and their write marks, and it is kept
 * if nothing was written since. Nothing here can make a head be shown wrongly: that is the marks'
 * guard; this only decides when to spend a read on keeping one.
 */
import type { ComputedKept } from '../storage/compute-kept';

export interface DashboardKeeperDeps {
  /** Whether strategy `strategyId` has a kept head that is still valid. */
  isKept(strategyId: string): Promise<boolean>;
  /** A head computed in one read with its marks (null: cannot). */
  compute(strategyId: string): Promise<ComputedKept | null>;
  /** Keeps it if the marks are unchanged; true if kept. */
  keep(strategyId: string, computed: ComputedKept): Promise<boolean>;
  /** Calls `run` after `ms` (the app: a timer, then an idle moment); returns a cancel. */
  later(run: () => void, ms: number): () => void;
  /** How long the records must have stayed unchanged. */
  settleMs?: number;
  /**
   * Whether the device has room to spare (default: yes). A nearly full device keeps no head: the
   * last free bytes are for the person's own writes.
   */
  hasRoom?: () => Promise<boolean>;
}

export class DashboardKeeper {
  readonly #deps: DashboardKeeperDeps;
  #cancel: (() => void) | null = null;
  #running: Promise<void> | null = null;

  constructor(deps: DashboardKeeperDeps) {
    this.#deps = deps;
  }

  /** Strategy `strategyId`'s records changed (or were read): keep its head once they settle. */
  changed(strategyId: string): void {
    this.#cancel?.();
    this.#cancel = this.#deps.later(() => {
      this.#cancel = null;
      void this.#keep(strategyId);
    }, this.#deps.settleMs ?? 3000);
  }

  /** The keeping under way (tests wait for it). */
  get running(): Promise<void> | null {
    return this.#running;
  }

  async #keep(strategyId: string): Promise<void> {
    if (this.#running) await this.#running;
    const run = (async () => {
      if (await this.#deps.isKept(strategyId)) return;
      if (this.#deps.hasRoom && !(await this.#deps.hasRoom())) return;
      const computed = await this.#deps.compute(strategyId);
      if (computed) await this.#deps.keep(strategyId, computed);
    })().catch(() => {
      // Keeping is an optimisation: a failure leaves the next start reading the records.
    });
    this.#running = run;
    await run;
    if (this.#running === run) this.#running = null;
  }
}
