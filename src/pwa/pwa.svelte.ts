/**
 * Service-worker registration through workbox-window, the update offer, and one version of the
 * app at a time in every open tab.
 *
 * An update is never applied by itself: when a new version is waiting, `updateWaiting` turns true
 * and the UI shows a quiet banner; only the person's tap calls `applyUpdate`. That tab saves what
 * is being typed, asks every other tab to do the same (a BroadcastChannel), and tells the waiting
 * worker to take over (`ACCEPT_UPDATE`, vite.config.ts): it takes control of every tab, and each
 * tab reloads itself on the new code once it has saved. Tabs of older builds that do not know this
 * are reloaded by the worker; what they were typing is in the DraftJournal.
 *
 * Before the database opens, `decideRole` tells which version this page is (write-gate.ts):
 * served by the active worker (or none is there): the writer; a page of another build than the
 * active worker serves (a reload that bypassed the cache): held, it writes nothing and offers the
 * update of every tab instead of offering itself as 「新しいバージョンがあります」; a page of a
 * worker that was replaced: outdated.
 */
import type { GateState, WriteGate } from '../storage/write-gate';

const CHANNEL = 'senryaku-workbook:versions';
type VersionMessage = { type: 'flush' } | { type: 'flushed' } | { type: 'taken-over'; build: string };

function timeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

/** The build a service worker serves (null: it does not say, an older build). */
function askBuild(worker: ServiceWorker, ms: number): Promise<string | null> {
  const channel = new MessageChannel();
  const answer = new Promise<string | null>((resolve) => {
    channel.port1.onmessage = (e: MessageEvent<{ build?: unknown }>) => resolve(typeof e.data?.build === 'string' ? e.data.build : null);
  });
  worker.postMessage({ type: 'GET_BUILD' }, [channel.port2]);
  return timeout(answer, ms, null).finally(() => channel.port1.close());
}

export class PwaState {
  updateWaiting = $state(false);
  offlineReady = $state(false);
  registered = $state(false);
  /** This page's role (write-gate.ts): `held` and `outdated` are shown with one button. */
  role = $state<GateState>('writer');
  /** An accepted update is being applied (every tab saves and reloads). */
  updating = $state(false);
  #channel: BroadcastChannel | null = null;
  #flush: () => Promise<void> = async () => {};
  #reloading = false;

  /** Whether this page runs with a service worker at all. */
  get #enabled(): boolean {
    return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && !import.meta.env.DEV;
  }

  /**
   * Wires this page's write gate (its role is decided before the database opens) and how this
   * tab saves what is being typed when another tab applies an update.
   */
  connect(gate: WriteGate, flush: () => Promise<void>): void {
    this.#flush = flush;
    gate.decide = () => this.decideRole();
    gate.subscribe((state) => {
      this.role = state;
      if (state !== 'writer') this.updateWaiting = false;
    });
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(CHANNEL);
    this.#channel = channel;
    channel.onmessage = (e: MessageEvent<VersionMessage>) => {
      const m = e.data;
      if (m?.type === 'flush') void timeout(this.#flush().catch(() => {}), 2000, undefined).then(() => channel.postMessage({ type: 'flushed' } satisfies VersionMessage));
      // Another build took the database over: this page never writes again.
      if (m?.type === 'taken-over' && m.build !== __BUILD_ID__) gate.outdate();
    };
  }

  /** Tells the other tabs that this build took the database over. */
  announceTakeOver(): void {
    this.#channel?.postMessage({ type: 'taken-over', build: __BUILD_ID__ } satisfies VersionMessage);
  }

  /** Which version this page is, asked once before the database opens. */
  async decideRole(): Promise<GateState> {
    if (!this.#enabled) return 'writer';
    const sw = navigator.serviceWorker;
    const reg = await timeout(sw.getRegistration().catch(() => undefined), 3000, undefined);
    if (!reg?.active) return 'writer';
    const controller = sw.controller;
    // Served by a service worker: the page is what that worker serves.
    if (controller) return controller.state === 'redundant' ? 'outdated' : 'writer';
    // Not served by one (a reload that bypassed the cache): the active worker's build or another?
    return (await askBuild(reg.active, 3000)) === __BUILD_ID__ ? 'writer' : 'held';
  }

  register(): void {
    if (!this.#enabled) return;
    // workbox-window (about 2 KB gzip) is a chunk of its own, fetched now rather than with the first load.
    void import('workbox-window').then(({ Workbox }) => this.#register(new Workbox('./sw.js', { scope: './' })), () => {
      this.registered = false;
    });
  }

  #register(wb: import('workbox-window').Workbox): void {
    wb.addEventListener('waiting', () => {
      // A held page is itself the version waiting: it offers the update of every tab instead.
      if (this.role === 'writer') this.updateWaiting = true;
    });
    wb.addEventListener('installed', (event) => {
      if (!event.isUpdate) this.offlineReady = true;
    });
    wb.addEventListener('activated', () => {
      this.offlineReady = true;
    });
    // An accepted update took control of this tab (a worker takes control only then, never at a
    // first visit): save what is being typed, then reload on the new version.
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      // The worker reloads tabs that do not reload themselves; this one does.
      navigator.serviceWorker.controller?.postMessage({ type: 'RELOADING' });
      void this.#reload();
    });
    void wb
      .register()
      .then((reg) => {
        this.registered = true;
        if (reg?.active) this.offlineReady = true;
      })
      .catch(() => {
        this.registered = false;
      });
    // Look for a new version when the app comes back to the foreground (tablets sleep a lot).
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void wb.update().catch(() => {});
    });
  }

  async #reload(): Promise<void> {
    if (this.#reloading) return;
    this.#reloading = true;
    this.updating = true;
    await timeout(this.#flush().catch(() => {}), 2000, undefined);
    // Every tab reloads at once now; each has its own start marker (state/start-marker.ts), so a
    // screen another tab is still starting is no sign that this one failed.
    window.location.reload();
    // Still here a moment later (the person chose to stay on the page): the button works again.
    setTimeout(() => {
      this.#reloading = false;
      this.updating = false;
    }, 1500);
  }

  /**
   * Applies the waiting update in every tab: `beforeReload` saves this tab's pending input, the
   * other tabs save theirs, then the new worker takes control and every tab reloads on it. When
   * no worker is waiting any more (another tab applied it already), this tab just reloads: 更新する
   * always does something.
   */
  async applyUpdate(beforeReload: () => Promise<void>): Promise<void> {
    this.updating = true;
    await timeout(beforeReload().catch(() => {}), 3000, undefined);
    await this.#flushOthers();
    const reg = this.#enabled ? await timeout(navigator.serviceWorker.getRegistration().catch(() => undefined), 3000, undefined) : undefined;
    // A held page is the new version: its worker may still be on its way (looked for again, and
    // waited for while it installs).
    if (reg && !reg.waiting && !reg.installing && this.role === 'held') await timeout(reg.update().catch(() => undefined), 10_000, undefined);
    const waiting = reg?.waiting ?? (reg?.installing ? await this.#installed(reg.installing) : null);
    if (!waiting) {
      void this.#reload();
      return;
    }
    waiting.postMessage({ type: 'ACCEPT_UPDATE' });
    // The worker takes control (controllerchange reloads); should nothing happen, reload anyway.
    setTimeout(() => void this.#reload(), 10_000);
  }

  /** Reloads this tab (an outdated one): what it was typing is written by the new version. */
  reload(): void {
    void this.#reload();
  }

  /** Asks the other tabs to save what is being typed; waits until they answered (a moment at most). */
  async #flushOthers(): Promise<void> {
    const channel = this.#channel;
    if (!channel) return;
    await new Promise<void>((resolve) => {
      let quiet: ReturnType<typeof setTimeout> = setTimeout(done, 400);
      const limit = setTimeout(done, 2500);
      const other = new BroadcastChannel(CHANNEL);
      other.onmessage = (e: MessageEvent<VersionMessage>) => {
        if (e.data?.type !== 'flushed') return;
        clearTimeout(quiet);
        quiet = setTimeout(done, 200);
      };
      function done() {
        clearTimeout(quiet);
        clearTimeout(limit);
        other.close();
        resolve();
      }
      channel.postMessage({ type: 'flush' } satisfies VersionMessage);
    });
  }

  #installed(worker: ServiceWorker): Promise<ServiceWorker | null> {
    return timeout(
      new Promise<ServiceWorker | null>((resolve) => {
        const check = () => {
          if (worker.state === 'installed') resolve(worker);
          else if (worker.state === 'redundant' || worker.state === 'activated') resolve(null);
        };
        worker.addEventListener('statechange', check);
        check();
      }),
      15_000,
      null,
    );
  }

  dismissUpdate(): void {
    this.updateWaiting = false;
  }
}
