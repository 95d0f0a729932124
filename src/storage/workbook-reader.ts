/**
 * Reads a strategy's records in a worker (workbook-reader.worker.ts), so that the page parses one
 * JSON string instead of decoding thousands of IndexedDB records: the rest of an opened strategy,
 * whole re-reads, and automatic snapshots (packed there). Anything the worker cannot
 * do — no Worker in this browser, the worker failed to load, the database not there yet — is
 * read on the page through Dexie instead, with the same result.
 */
import type { ReadPart, ReadRepair, ReadRequest, ReadResponse, ReadResult } from './read-workbook';
import type { PackedSnapshot } from './snapshot-payload';
import type { ComputedKept, KeptRequest, KeptResponse } from './compute-kept';

export type { ReadPart, ReadResult };

export interface WorkbookReader {
  /** `part` of strategy `strategyId`, or null when this reader cannot (read it another way). */
  read(strategyId: string, part: ReadPart): Promise<ReadResult | null>;
  /**
   * All of strategy `strategyId` packed for a snapshot (undefined: no such strategy), or null when
   * this reader cannot.
   */
  pack(strategyId: string): Promise<PackedSnapshot | undefined | null>;
  /**
   * The dashboard's head of strategy `strategyId` with the marks it was computed under, to keep
   * with it (kept-dashboard.ts); null when there is no such strategy or this reader cannot.
   */
  head?(strategyId: string): Promise<ComputedKept | null>;
}

type Pending = { resolve: (r: ReadResponse | KeptResponse | null) => void };

/** The reader worker of database `dbName`, started at the first read. */
export class WorkerReader implements WorkbookReader {
  readonly #dbName: string;
  readonly #create: () => Worker;
  #worker: Worker | null = null;
  #broken = false;
  #next = 0;
  readonly #pending = new Map<number, Pending>();

  readonly #onRepair: ((repair: ReadRepair) => void) | undefined;

  /** `onRepair`: told of every record the worker read repaired (the page writes it back). */
  constructor(dbName: string, create: () => Worker, onRepair?: (repair: ReadRepair) => void) {
    this.#dbName = dbName;
    this.#create = create;
    this.#onRepair = onRepair;
  }

  async read(strategyId: string, part: ReadPart): Promise<ReadResult | null> {
    const r = await this.#ask(strategyId, part);
    return r?.ok && 'text' in r ? ((JSON.parse(r.text) ?? undefined) as ReadResult) : null;
  }

  async pack(strategyId: string): Promise<PackedSnapshot | undefined | null> {
    const r = await this.#ask(strategyId, 'pack');
    return r?.ok && 'packed' in r ? (r.packed ?? undefined) : null;
  }

  async head(strategyId: string): Promise<ComputedKept | null> {
    const r = await this.#ask(strategyId, 'head');
    return r?.ok && 'kept' in r ? r.kept : null;
  }

  /** The worker's answer, or null if there is no worker (any more). */
  #ask(strategyId: string, part: ReadRequest['part'] | 'head'): Promise<ReadResponse | KeptResponse | null> {
    const worker = this.#start();
    if (!worker) return Promise.resolve(null);
    const id = ++this.#next;
    return new Promise((resolve) => {
      this.#pending.set(id, { resolve });
      const request = { id, dbName: this.#dbName, strategyId, part } as ReadRequest | KeptRequest;
      worker.postMessage(request);
    });
  }

  #start(): Worker | null {
    if (this.#broken) return null;
    if (this.#worker) return this.#worker;
    try {
      const worker = this.#create();
      worker.onmessage = (e: MessageEvent<ReadResponse | KeptResponse>) => {
        const pending = this.#pending.get(e.data.id);
        if (!pending) return;
        this.#pending.delete(e.data.id);
        if (e.data.ok && 'repaired' in e.data && e.data.repaired) for (const r of e.data.repaired) this.#onRepair?.(r);
        pending.resolve(e.data);
      };
      // The worker could not load or crashed: every read from now on is done on the page.
      worker.onerror = (e) => {
        e.preventDefault();
        this.#fail();
      };
      this.#worker = worker;
      return worker;
    } catch {
      this.#fail();
      return null;
    }
  }

  #fail(): void {
    this.#broken = true;
    this.#worker?.terminate();
    this.#worker = null;
    for (const p of this.#pending.values()) p.resolve(null);
    this.#pending.clear();
  }
}
