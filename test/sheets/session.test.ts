// The import's worker session: it keeps the file, hands the page only the first rows, and plans
// with progress; the records to write travel only when asked for.
import { expect, test } from 'vitest';
import { cellString, findHeaderRow, guessMapping, HEAD_ROWS, SheetSession, type SheetAnswer } from '../../src/sheets';

function csv(rows: number): Uint8Array {
  const lines = ['No.,主な事業等,KPI,単位,令和2年度 (実績値)'];
  for (let i = 0; i < rows; i++) lines.push(`${i + 1},事業${i + 1},指標${i + 1},件,${i}件`);
  return new TextEncoder().encode(lines.join('\n'));
}

test('loads a file, answers with its first rows, plans with progress, and sends records only when asked', async () => {
  const session = new SheetSession();
  const answers: SheetAnswer[] = [];
  const post = (a: SheetAnswer) => answers.push(a);
  await session.answer({ type: 'load', id: 1, fileName: 'x.csv', bytes: csv(5000) }, post);
  const loaded = answers.pop()!;
  expect(loaded.type).toBe('loaded');
  if (loaded.type !== 'loaded' || !loaded.result.ok) throw new Error('not loaded');
  const sheet = loaded.result.file.sheets[0]!;
  expect(sheet.rowCount).toBe(5001);
  expect(sheet.head).toHaveLength(HEAD_ROWS);
  const h = findHeaderRow(sheet.head);
  const mapping = guessMapping(sheet.head[h]!.map(cellString));
  const request = {
    type: 'plan' as const,
    sheetIndex: 0,
    layout: { kind: 'rows' as const, headerRow: h, mapping },
    target: { mode: 'create' as const, strategy: { municipality: '見本市', name: '見本', startYear: 2020, endYear: 2022 }, defaultGoalTitle: '基本目標' },
    editor: '企画課',
  };
  await session.answer({ ...request, id: 2, full: false }, post);
  const planned = answers.at(-1)!;
  if (planned.type !== 'planned') throw new Error(planned.type);
  expect(planned.plan.added.kpis).toBe(5000);
  expect(planned.plan.written.kpis).toHaveLength(0);
  expect(planned.plan.changes.length).toBeLessThanOrEqual(1000);
  expect(planned.plan.changeTotals.add).toBe(5000 * 2 + 1);
  await session.answer({ ...request, id: 3, full: true }, post);
  const full = answers.at(-1)!;
  if (full.type !== 'planned') throw new Error(full.type);
  expect(full.plan.written.kpis).toHaveLength(5000);
  expect(full.plan.written.kpiYears.every((y) => y.updatedBy === '企画課')).toBe(true);
  // Progress was posted while planning (at most every 100 ms, so perhaps not at all on a fast machine).
  expect(answers.filter((a) => a.type === 'progress').every((a) => a.type === 'progress' && a.total === 5000 && a.done <= 5000)).toBe(true);
}, 60_000);

test('a plan without a file is refused, not thrown', async () => {
  const session = new SheetSession();
  const answers: SheetAnswer[] = [];
  await session.answer(
    { type: 'plan', id: 1, sheetIndex: 0, layout: { kind: 'rows', headerRow: 0, mapping: [] }, target: { mode: 'create', strategy: { municipality: '', name: 'x', startYear: 2020, endYear: 2021 }, defaultGoalTitle: 'g' }, editor: 'e', full: false },
    (a) => answers.push(a),
  );
  expect(answers).toEqual([{ type: 'failed', id: 1, detail: 'no file' }]);
}, 60_000);
