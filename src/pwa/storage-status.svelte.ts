/**
 * Persistent storage: the browser may evict a site's IndexedDB under storage pressure unless the
 * site is granted persistence. We ask once, at the first real save (asking at first load, before
 * the user has anything to lose, is refused more often and explains nothing).
 */
export class StorageStatus {
  /** true = granted, false = not granted, null = unknown (API missing). */
  persisted = $state<boolean | null>(null);
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);

  async refresh(): Promise<void> {
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
    if (!storage) return;
    if (storage.persisted) this.persisted = await storage.persisted().catch(() => null);
    if (storage.estimate) {
      const e = await storage.estimate().catch(() => null);
      this.usage = e?.usage ?? null;
      this.quota = e?.quota ?? null;
    }
  }

  /** Asks for persistent storage; returns whether it is granted. */
  async requestPersistence(): Promise<boolean | null> {
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
    if (!storage?.persist) return null;
    this.persisted = await storage.persist().catch(() => false);
    await this.refresh();
    return this.persisted;
  }
}
