/**
 * Service-worker registration through workbox-window, and the update offer.
 * An update is never applied by itself: when a new version is waiting, `updateWaiting` turns true
 * and the UI shows a quiet banner; only the user's tap calls `applyUpdate`, which first lets the
 * caller save pending input and then reloads once the new worker controls the page.
 */
import { Workbox } from 'workbox-window';

export class PwaState {
  updateWaiting = $state(false);
  offlineReady = $state(false);
  registered = $state(false);
  #wb: Workbox | null = null;

  register(): void {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    const wb = new Workbox('./sw.js', { scope: './' });
    this.#wb = wb;
    wb.addEventListener('waiting', () => {
      this.updateWaiting = true;
    });
    wb.addEventListener('installed', (event) => {
      if (!event.isUpdate) this.offlineReady = true;
    });
    wb.addEventListener('activated', () => {
      this.offlineReady = true;
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

  /** Applies the waiting update: `beforeReload` saves pending input first. */
  async applyUpdate(beforeReload: () => Promise<void>): Promise<void> {
    const wb = this.#wb;
    if (!wb) return;
    await beforeReload();
    wb.addEventListener('controlling', () => window.location.reload());
    wb.messageSkipWaiting();
  }

  dismissUpdate(): void {
    this.updateWaiting = false;
  }
}
