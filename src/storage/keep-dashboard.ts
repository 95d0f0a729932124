/**
 * Keeping a computed dashboard head with its strategy (kept-dashboard.ts): apart from the guard,
 * which every page loads with the database, because it is needed only a while after a strategy
 * was opened.
 */
import { OPENED_BY_KEY } from './write-gate';
import { keptKey, marksOf, sameMarks, WRITE_MARK_KEY, type KeptRow } from './kept-dashboard';
import type { ComputedKept } from './compute-kept';
import type { WorkbookDb } from './db';

/**
 * Keeps `head`, computed under `marks`, as strategy `strategyId`'s, if the marks are still the
 * same (read in the keeping transaction). Through Dexie, so the write gate applies: a page that may
 * not write keeps nothing. True if kept.
 */
export async function keepDashboard(db: WorkbookDb, strategyId: string, computed: ComputedKept): Promise<boolean> {
  const build = db.gate.build;
  if (!build || computed.marks.write === null) return false;
  return db.transaction('rw', db.settings, async () => {
    const [write, openedBy] = await db.settings.bulkGet([WRITE_MARK_KEY, OPENED_BY_KEY]);
    if (!sameMarks(marksOf(write, openedBy), computed.marks)) return false;
    const row: KeptRow = { strategyId, build, schema: computed.schema, marks: computed.marks, head: computed.head };
    await db.settings.put({ key: keptKey(strategyId), value: row });
    return true;
  });
}
