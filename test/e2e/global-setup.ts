// Serves a production build of the app for the end-to-end tests and tells the tests where it is.
//
// `npm test` builds the app into a folder of its own just before the e2e step and passes it as
// E2E_DIST. Without E2E_DIST (`npm run test:e2e`), the app is built here into a temporary folder.
// Either way the tests never serve the shared dist/, which a build running at the same time in the
// same work tree empties and refills.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the served app, ending in '/', e.g. 'http://127.0.0.1:41234/'. */
    baseURL: string;
    /** Folder the app is served from (a test may put a "new version" there and restore it). */
    distDir: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the app into `outDir` in a separate process (also used by the WebKit lane's setup). */
export function build(outDir: string): void {
  console.log(`[e2e] vite build --outDir ${outDir}`);
  // A separate process, so the build sees a production environment rather than the test runner's.
  const env = { ...process.env };
  delete env.NODE_ENV;
  delete env.VITEST;
  delete env.TEST;
  const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [viteBin, 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let outDir = process.env.E2E_DIST;
  let ownBuild: string | undefined;
  if (!outDir) {
    ownBuild = mkdtempSync(join(tmpdir(), 'e2e-build-'));
    outDir = join(ownBuild, 'dist');
    build(outDir);
  }
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`no built app in ${outDir}`);

  const server: PreviewServer = await preview({
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server is not listening');
  // 127.0.0.1 is a secure context for Chromium, so service workers are allowed on it.
  const baseURL = `http://127.0.0.1:${address.port}/`;
  project.provide('baseURL', baseURL);
  project.provide('distDir', outDir);
  console.log(`[e2e] serving ${outDir} at ${baseURL}`);

  return async () => {
    await server.close();
    if (ownBuild) rmSync(ownBuild, { recursive: true, force: true });
  };
}
