import { app } from './app';
import { parse } from './parse';
import { bundle } from './bundle';
import { meeting } from './meeting';
import { files } from './files';
import type { reports } from './reports';
import type { sheets } from './sheets';
import { safety } from './safety';
import { ui } from './ui';
import { tablet } from './tablet';

/**
 * The Japanese messages loaded with the app. The messages of the reports (./reports.ts) and of the
 * spreadsheets (./sheets.ts) come with their screens, which are loaded when first opened
 * (src/features/reports/report-model.ts, src/sheets/messages.ts and src/sheets/export.ts add
 * them), so that the first load stays small.
 */
export const ja = {
  ...app,
  ...parse,
  ...bundle,
  ...meeting,
  ...files,
  ...safety,
  ...ui,
  ...tablet,
} as const;

/** The whole Japanese catalog: every user-visible string of the app. */
export type JaCatalog = typeof ja & typeof reports & typeof sheets;
