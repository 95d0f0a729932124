import { app } from './app';
import { parse } from './parse';
import type { bundle } from './bundle';
import { meeting } from './meeting';
import { files } from './files';
import type { reports } from './reports';
import type { sheets } from './sheets';
import { safety } from './safety';
import { ui } from './ui';
import { tablet } from './tablet';

/**
 * The Japanese messages loaded with the app. The messages of the reports (./reports.ts), of the
 * spreadsheets (./sheets.ts) and of bundle files (./bundle.ts: refusals, record places, the merge
 * preview) come with the code that shows them, which is loaded when first used
 * (src/features/reports/report-model.ts, src/sheets/messages.ts, src/sheets/export.ts,
 * src/features/shared/record-words.ts, src/features/bundles/bundle-messages.ts,
 * src/features/bundles/merge-words.ts and src/state/bundle-flow.ts add them), so that the first
 * load stays small.
 */
export const ja = {
  ...app,
  ...parse,
  ...meeting,
  ...files,
  ...safety,
  ...ui,
  ...tablet,
} as const;

/** The whole Japanese catalog: every user-visible string of the app. */
export type JaCatalog = typeof ja & typeof bundle & typeof reports & typeof sheets;
