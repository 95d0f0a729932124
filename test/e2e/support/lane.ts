// What the Chromium tests (./browser.ts) and the WebKit lane (test/webkit/support/app.ts) share,
// free of either browser's driver: the tablet sizes, the served app's address, the screenshots folder.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export interface Viewport {
  width: number;
  height: number;
}

/** A 10-inch tablet held sideways (also the default viewport). */
export const TABLET_LANDSCAPE: Viewport = { width: 1024, height: 768 };
/** A 10-inch tablet held upright. */
export const TABLET_PORTRAIT: Viewport = { width: 768, height: 1024 };

/** Where screenshots go: <repo>/screenshots (not committed). */
export const SCREENSHOT_DIR = join(fileURLToPath(new URL('../../../', import.meta.url)), 'screenshots');

/** Address of the served app; `path` is resolved against it (e.g. '#/kpi'). */
export function appURL(path = ''): string {
  return new URL(path, inject('baseURL')).href;
}
