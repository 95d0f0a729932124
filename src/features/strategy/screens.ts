/**
 * The code of every screen of an open strategy, one chunk each, loaded when first needed: by the
 * strategy shell when it shows the screen, and at a start by app/screens.ts, which begins loading
 * the reopened screen's code before the database says which it is. One loader per screen, kept for
 * the page's life, so a screen loaded either way is drawn in the same task as the shell
 * (features/shared/screen-code.ts).
 */
import { screenCode } from '../shared/screen-code';

export const SCREEN_CODE = {
  strategy: screenCode(() => import('./StrategyPage.svelte')),
  goal: screenCode(() => import('../goals/GoalPage.svelte')),
  measure: screenCode(() => import('../measures/MeasurePage.svelte')),
  project: screenCode(() => import('../projects/ProjectPage.svelte')),
  dashboard: screenCode(() => import('../dashboard/DashboardPage.svelte')),
  kpi: screenCode(() => import('../dashboard/KpiDetailPage.svelte')),
  meeting: screenCode(() => import('../meeting/MeetingMode.svelte')),
  export: screenCode(() => import('../bundles/ExportPage.svelte')),
  reports: screenCode(() => import('../reports/ReportsPage.svelte')),
  sheets: screenCode(() => import('../spreadsheets/SpreadsheetPage.svelte')),
  todo: screenCode(() => import('../department/TodoPage.svelte')),
} as const;

export type ScreenName = keyof typeof SCREEN_CODE;

/** The loader of a screen by its route's name (undefined: not a screen of an open strategy). */
export function screenCodeOf(name: string): (typeof SCREEN_CODE)[ScreenName] | undefined {
  return Object.hasOwn(SCREEN_CODE, name) ? SCREEN_CODE[name as ScreenName] : undefined;
}
