/**
 * The page's side of the spreadsheet worker: send a file, ask for plans, follow their progress,
 * cancel. Cancelling ends the worker (a plan cannot be stopped half-way otherwise) and starts a
 * new one, which is handed the file again when the next request comes. Where a Worker cannot
 * start, the same session runs on the page.
 */
import { SheetSession, type LoadAnswer, type PlanRequest, type SheetAnswer, type SheetRequest } from '../../sheets/session';
import type { ImportPlan } from '../../sheets/plan';

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

type Pending = { resolve: (a: SheetAnswer) => void; reject: (e: Error) => void; progress?: (done: number, total: number) => void };

export class SheetClient {
  #worker: Worker | null = null;
  #local: SheetSession | null = null;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  /** The file the current worker holds; null after a cancel, until it is handed over again. */
  #file: { fileName: string; bytes: Uint8Array } | null = null;
  #loaded = false;

  #start(): void {
    if (this.#worker || this.#local) return;
    try {
      this.#worker = new Worker(new URL('./sheet.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (e: MessageEvent<SheetAnswer>) => this.#receive(e.data);
      this.#worker.onerror = (e) => {
        for (const p of this.#pending.values()) p.reject(new Error(e.message || 'worker error'));
        this.#pending.clear();
      };
    } catch {
      this.#local = new SheetSession();
    }
  }

  #receive(a: SheetAnswer): void {
    const p = this.#pending.get(a.id);
    if (!p) return;
    if (a.type === 'progress') {
      p.progress?.(a.done, a.total);
      return;
    }
    this.#pending.delete(a.id);
    p.resolve(a);
  }

  #send(req: SheetRequest, progress?: Pending['progress']): Promise<SheetAnswer> {
    this.#start();
    return new Promise<SheetAnswer>((resolve, reject) => {
      this.#pending.set(req.id, { resolve, reject, progress });
      if (this.#worker) {
        this.#worker.postMessage(req);
      } else {
        // On the page: let the progress bar paint before the work starts.
        setTimeout(() => void this.#local!.answer(req, (a) => this.#receive(a)), 0);
      }
    });
  }

  async load(fileName: string, bytes: Uint8Array): Promise<LoadAnswer> {
    this.#file = { fileName, bytes };
    this.#loaded = false;
    const a = await this.#send({ type: 'load', id: this.#nextId++, fileName, bytes: bytes.slice() });
    if (a.type !== 'loaded') throw new Error(a.type === 'failed' ? a.detail : 'unexpected answer');
    this.#loaded = a.result.ok;
    return a.result;
  }

  async plan(req: PlanRequest, progress?: (done: number, total: number) => void): Promise<ImportPlan> {
    if (!this.#loaded && this.#file) await this.load(this.#file.fileName, this.#file.bytes);
    const a = await this.#send({ type: 'plan', id: this.#nextId++, ...req }, progress);
    if (a.type !== 'planned') throw new Error(a.type === 'failed' ? a.detail : 'unexpected answer');
    return a.plan;
  }

  /** Whether a request is under way. */
  get busy(): boolean {
    return this.#pending.size > 0;
  }

  /** Stops whatever the worker is doing: pending requests end with {@link CancelledError}. */
  cancel(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#local = null;
    this.#loaded = false;
    for (const p of this.#pending.values()) p.reject(new CancelledError());
    this.#pending.clear();
  }

  /** Forgets the file and ends the worker. */
  close(): void {
    this.cancel();
    this.#file = null;
  }
}
