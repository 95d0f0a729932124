/**
 * 'zod' as the app's code imports it in the browser build (vite.config.ts points the bare 'zod'
 * specifier here): zod itself, with `jitless` set before any schema is built.
 *
 * The Content-Security-Policy has no 'unsafe-eval'. zod builds faster object parsers with
 * `new Function` where eval is allowed, and probes for it when an object schema is created (at
 * module load). Under the policy the probe fails safely, but the browser still reports a
 * violation. With `jitless`, zod skips the probe and parses the way it has to under the policy
 * anyway. ES module order makes this run before the body of any module that imports 'zod'.
 */
import { config } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
