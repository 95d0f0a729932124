/** App settings kept in IndexedDB (the editor's name, the last opened place …). */
import type { WorkbookDb } from './db';

export interface AppSettings {
  /** 更新者名: written into updatedBy of every change. */
  editorName: string;
  /** The strategy and screen open last, restored at start. */
  lastRoute: string;
  /** Whether navigator.storage.persist() was asked already. */
  persistAsked: boolean;
  /** Meeting mode: text size factor (1 = normal) and high contrast. */
  meetingFontScale: number;
  highContrast: boolean;
}

export const DEFAULT_SETTINGS: AppSettings = {
  editorName: '',
  lastRoute: '',
  persistAsked: false,
  meetingFontScale: 1.25,
  highContrast: false,
};

export class SettingsRepository {
  readonly #db: WorkbookDb;
  constructor(db: WorkbookDb) {
    this.#db = db;
  }

  async load(): Promise<AppSettings> {
    const rows = await this.#db.settings.toArray();
    const out: AppSettings = { ...DEFAULT_SETTINGS };
    for (const row of rows) if (row.key in out) (out as unknown as Record<string, unknown>)[row.key] = row.value;
    return out;
  }

  async set<K extends keyof AppSettings>(key: K, value: AppSettings[K]): Promise<void> {
    await this.#db.settings.put({ key, value });
  }
}
