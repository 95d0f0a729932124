// A generated strategy for the e2e tests of big strategies: its records, its view and a bundle
// file of it to import; and one edit made as a person makes it (an actual raised far above any
// target, in a tab of its own), with the records as they are after it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { BrowserContext, Page } from './browser';
import { generateStrategy } from '../../support/generate';
import { testContext } from '../../support/context';
import { buildWorkbook } from '../../../src/domain/sample/build';
import { WorkbookView, type WorkbookRecords } from '../../../src/domain/workbook';
import { rollUp } from '../../../src/domain/achievement';
import type { Kpi } from '../../../src/domain/entities/kpi';
import { serializeBundle } from '../../../src/bundle';
import { exportOptions } from '../../bundle/helpers';

/** A strategy generated from `spec`, and the path of a bundle file of it. */
export async function strategyFile(spec: Parameters<typeof generateStrategy>[0]): Promise<{ records: WorkbookRecords; view: WorkbookView; path: string }> {
  const records = buildWorkbook(generateStrategy(spec), testContext());
  const out = await serializeBundle(records, exportOptions());
  const path = join(mkdtempSync(join(tmpdir(), 'big-strategy-')), out.fileName);
  writeFileSync(path, out.json);
  return { records, view: new WorkbookView(records), path };
}

/** Imports the bundle file at `path` in `page` (the start screen's name first), as a person does. */
export async function importFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('editor-name').fill('企画課 山田');
  await page.goto(`${page.url().replace(/#.*$/, '')}#/import`);
  await page.getByTestId('import-file').setInputFiles(path);
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor();
}

/** The actual the edit enters: above every target. */
const FAR_ABOVE = 99999999;

/**
 * Raises the actual of a project KPI that is behind in `fy` far above any target, in a new tab of
 * `context` at `base`, and waits until that tab shows the new rank. Returns the KPI and the records
 * as they are after the edit.
 */
export async function raiseActualInTab(context: BrowserContext, base: string, records: WorkbookRecords, fy: number): Promise<{ kpi: Kpi; after: WorkbookRecords }> {
  const before = rollUp(new WorkbookView(records), fy);
  const kpi = records.kpis.find((k) => k.projectId && k.direction === 'higher' && k.kind === 'numeric' && before.strategy.notAchievedIds.includes(k.id))!;
  expect(kpi).toBeDefined();
  const other = await context.newPage();
  try {
    await other.goto(`${base}#/s/${records.strategy.id}/project/${kpi.projectId}`);
    const card = other.getByTestId('kpi-card').filter({ hasText: kpi.name }).first();
    const cell = card.getByTestId(`cell-actual-${fy}`);
    const rankBefore = await card.getByTestId(`rank-${fy}`).innerHTML();
    await cell.fill(String(FAR_ABOVE));
    await cell.press('Enter');
    await expect.poll(() => card.getByTestId(`rank-${fy}`).innerHTML()).not.toBe(rankBefore);
  } finally {
    await other.close();
  }
  const after = structuredClone(records);
  const year = after.kpiYears.find((y) => y.kpiId === kpi.id && y.fiscalYear === fy);
  if (year) year.actual = { value: FAR_ABOVE } as never;
  else after.kpiYears.push({ ...after.kpiYears[0]!, id: 'new', kpiId: kpi.id, fiscalYear: fy, actual: { value: FAR_ABOVE } as never, target: null, deletedAt: null });
  return { kpi, after };
}
