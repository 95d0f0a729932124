/**
 * One code version writes at a time.
 *
 * The database remembers which build of the app last took it over (the settings row
 * `openedBy`: build, app version, schema version, when). A page of the app is one of:
 *
 *   writer    the accepted version (served by the active service worker, or there is none):
 *             it takes the database over at open and writes;
 *   held      a page of a newer build that opened while an older one is still the accepted
 *             version (a reload that bypassed the cache): it reads, but writes nothing, upgrades
 *             no schema and moves no data until the person accepts the update;
 *   outdated  an older build, after a newer one took the database over (or asked for a schema
 *             upgrade): it never writes again. What is being typed stays in the DraftJournal and
 *             is written by the new version after the reload.
 *
 * Every connection of a page to the same database shares one gate (`writeGateOf`). The database
 * middleware (db.ts) refuses read-write transactions unless the gate is `writer`, and checks in
 * every read-write transaction that `openedBy` still names this build: a newer build that took
 * the database over since stops this one even without a schema change.
 */

export type GateState = 'writer' | 'held' | 'outdated';

/** A write refused because another version of the app writes now. */
export class OutdatedVersionError extends Error {
  constructor(message = 'another version of the app writes to this database') {
    super(message);
    this.name = 'OutdatedVersionError';
  }
}

/** A write refused because this page is a newer version that waits for the person to accept it. */
export class HeldVersionError extends Error {
  constructor(message = 'this version of the app writes once the update is accepted') {
    super(message);
    this.name = 'HeldVersionError';
  }
}

/** The settings row naming the build that last took the database over. */
export const OPENED_BY_KEY = 'openedBy';

export interface OpenedBy {
  /** The build id (vite.config.ts `__BUILD_ID__`). */
  build: string;
  appVersion: string;
  /** The database schema version (Dexie's verno). */
  schema: number;
  /** When it took the database over (ISO-8601). */
  at: string;
}

export function isOpenedBy(v: unknown): v is OpenedBy {
  return !!v && typeof v === 'object' && typeof (v as OpenedBy).build === 'string';
}

export class WriteGate {
  #state: GateState = 'writer';
  /**
   * This page's build, or null: no `openedBy` checks (tools and unit tests that open the
   * database without a build of their own).
   */
  build: string | null = null;
  appVersion = '';
  /**
   * Decides, before the database opens, whether this page is the writer or held; null: writer
   * without asking. Set once by the app at start (composition.ts).
   */
  decide: (() => Promise<GateState>) | null = null;
  #decided: Promise<GateState> | null = null;
  readonly #listeners = new Set<(state: GateState) => void>();

  get state(): GateState {
    return this.#state;
  }

  /** The role, decided once. */
  role(): Promise<GateState> {
    return (this.#decided ??= (this.decide ? this.decide() : Promise.resolve<GateState>('writer')).then(
      (s) => {
        // Outdated meanwhile (a versionchange): stays outdated.
        if (this.#state !== 'outdated') this.#set(s);
        return this.#state;
      },
      () => this.#state,
    ));
  }

  /** Another version writes from now on: this page never writes again. */
  outdate(): void {
    this.#set('outdated');
  }

  #set(state: GateState): void {
    if (this.#state === state || this.#state === 'outdated') return;
    this.#state = state;
    for (const l of this.#listeners) l(state);
  }

  /** Called at every change of state; returns the clean-up. */
  subscribe(listener: (state: GateState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Throws unless this page may write. */
  assertWriter(): void {
    if (this.#state === 'held') throw new HeldVersionError();
    if (this.#state !== 'writer') throw new OutdatedVersionError();
  }

  /** The row this page writes when it takes the database over. */
  openedBy(schema: number, at: string): OpenedBy {
    return { build: this.build ?? '', appVersion: this.appVersion, schema, at };
  }
}

const gates = new Map<string, WriteGate>();

/** The gate shared by every connection of this page to database `name`. */
export function writeGateOf(name: string): WriteGate {
  let gate = gates.get(name);
  if (!gate) gates.set(name, (gate = new WriteGate()));
  return gate;
}
