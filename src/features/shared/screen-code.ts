/**
 * A screen's code, loaded when first needed (every screen is a chunk of its own). Once loaded it
 * is drawn at once, in the same task as the shell that shows it: awaiting even a settled
 * `import()` costs a task, so the browser laid out and painted the shell without the screen first
 * (a second layout at a start, an empty frame between two screens).
 */
export interface ScreenCode<M> {
  /** The module, once loaded; null before. */
  readonly loaded: M | null;
  /** Loads it (once; again after a failure, so that a retry can succeed). */
  load(): Promise<M>;
}

export function screenCode<M>(load: () => Promise<M>): ScreenCode<M> {
  let loaded: M | null = null;
  let pending: Promise<M> | null = null;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      pending ??= load().then(
        (m) => (loaded = m),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
  };
}
