/**
 * A note kept outside IndexedDB (in localStorage) that says which strategies this browser held and
 * when each was last written to a file. If IndexedDB later comes back empty while the note lists
 * strategies, the data was lost (evicted by the browser, cleared, or this is another storage than
 * usual) and the app can say so, with the way back: import the last exported file.
 *
 * It cannot catch everything: a browser that clears all site data (Safari's 7-day rule, "clear
 * history") clears this note too, and a Safari tab and the home-screen app each have their own.
 * docs/data-safety.md and the user guide say so.
 */
import type { KeyValueStorage } from '../storage/key-value';
import type { ExportMark, ReminderDismissal } from './backup-reminder';

export interface KnownStrategy {
  id: string;
  name: string;
  municipality: string;
}

export interface DataMarker {
  strategies: KnownStrategy[];
  /** When the app last saw these strategies in IndexedDB. */
  seenAt: string;
  /** navigator.storage.persisted() at that time (null: unknown). */
  persisted: boolean | null;
}

/** What the app tells the person when the data is gone. */
export interface LossReport {
  strategies: KnownStrategy[];
  seenAt: string;
  persisted: boolean | null;
  /** The last file written of each lost strategy that had one. */
  exports: (ExportMark & { strategyId: string })[];
}

const KEYS = {
  marker: 'senryaku-workbook:data-marker',
  exports: 'senryaku-workbook:last-exports',
  dismissals: 'senryaku-workbook:backup-reminder',
} as const;

function readJson<T>(storage: KeyValueStorage | null, key: string): T | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' ? (value as T) : null;
  } catch {
    return null;
  }
}

function writeJson(storage: KeyValueStorage | null, key: string, value: unknown): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or blocked localStorage loses only this note, never data.
  }
}

const isKnown = (s: unknown): s is KnownStrategy =>
  !!s && typeof s === 'object' && typeof (s as KnownStrategy).id === 'string' && typeof (s as KnownStrategy).name === 'string';

const isMark = (m: unknown): m is ExportMark =>
  !!m && typeof m === 'object' && typeof (m as ExportMark).at === 'string' && typeof (m as ExportMark).fileName === 'string';

/** The notes of the safety features in localStorage: the data marker, last exports, dismissals. */
export class SafetyNotes {
  readonly #storage: KeyValueStorage | null;

  constructor(storage: KeyValueStorage | null) {
    this.#storage = storage;
  }

  marker(): DataMarker | null {
    const m = readJson<DataMarker>(this.#storage, KEYS.marker);
    if (!m || !Array.isArray(m.strategies) || typeof m.seenAt !== 'string') return null;
    return { strategies: m.strategies.filter(isKnown), seenAt: m.seenAt, persisted: typeof m.persisted === 'boolean' ? m.persisted : null };
  }

  setMarker(marker: DataMarker | null): void {
    writeJson(this.#storage, KEYS.marker, marker && marker.strategies.length > 0 ? marker : null);
  }

  exports(): Record<string, ExportMark> {
    const all = readJson<Record<string, unknown>>(this.#storage, KEYS.exports) ?? {};
    const out: Record<string, ExportMark> = {};
    for (const [sid, m] of Object.entries(all)) if (isMark(m)) out[sid] = { at: m.at, fileName: m.fileName };
    return out;
  }

  setExport(strategyId: string, mark: ExportMark): void {
    const all = this.exports();
    const prev = all[strategyId];
    if (prev && prev.at >= mark.at) return;
    all[strategyId] = mark;
    writeJson(this.#storage, KEYS.exports, all);
  }

  dismissal(strategyId: string): ReminderDismissal | null {
    const d = readJson<Record<string, ReminderDismissal>>(this.#storage, KEYS.dismissals)?.[strategyId];
    return d && typeof d.at === 'string' && typeof d.changes === 'number' ? d : null;
  }

  dismiss(strategyId: string, d: ReminderDismissal): void {
    const all = readJson<Record<string, ReminderDismissal>>(this.#storage, KEYS.dismissals) ?? {};
    all[strategyId] = d;
    writeJson(this.#storage, KEYS.dismissals, all);
  }

  /** Whether a localStorage key is one of these notes (for the cross-tab `storage` event). */
  static owns(key: string | null): boolean {
    return key === null || Object.values(KEYS).includes(key as (typeof KEYS)[keyof typeof KEYS]);
  }
}

/**
 * Compares the marker with what IndexedDB holds. `storedStrategies` counts every strategy row,
 * deleted ones (tombstones) included: a person who deleted all strategies still has rows, a
 * browser that dropped the database has none.
 */
export function detectLoss(marker: DataMarker | null, storedStrategies: number, exports: Record<string, ExportMark>): LossReport | null {
  if (!marker || marker.strategies.length === 0 || storedStrategies > 0) return null;
  return {
    strategies: marker.strategies,
    seenAt: marker.seenAt,
    persisted: marker.persisted,
    exports: marker.strategies.flatMap((s) => (exports[s.id] ? [{ strategyId: s.id, ...exports[s.id]! }] : [])),
  };
}

/** The marker for the strategies now in IndexedDB. */
export function markerFor(strategies: readonly KnownStrategy[], seenAt: string, persisted: boolean | null): DataMarker {
  return {
    strategies: strategies.map((s) => ({ id: s.id, name: s.name, municipality: s.municipality })),
    seenAt,
    persisted,
  };
}
