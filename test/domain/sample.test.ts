// The embedded sample must be the 関市 progress table of seed 000, typed in faithfully: every row of
// the published table is read here from the seed text and compared with the sample's data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { buildWorkbook } from '../../src/domain/sample/build';
import { WorkbookView } from '../../src/domain/workbook';
import { parseMeasurement } from '../../src/domain/numbers';
import { testContext } from '../support/context';

// A copy of ../shared/seeds/000_*.txt (the published report as extracted text), kept with the tests.
const seed = readFileSync(fileURLToPath(new URL('../fixtures/seeds/000-seki-progress.txt', import.meta.url)), 'utf8');

interface SeedRow {
  goal: string;
  no: string;
  name: string;
  summary: string;
  kpi: string;
  department: string;
  baseline: string;
  actual2020: string;
  progress2020: string;
  target2022: string;
}

function seedRows(): SeedRow[] {
  const rows: SeedRow[] = [];
  let goal = '';
  for (const line of seed.split('\n')) {
    const g = /^基本目標(\d)\s/.exec(line);
    if (g) goal = g[1]!;
    const cells = line.split('\t');
    if (cells.length < 12 || !/^\d+$/.test(cells[0]!)) continue;
    rows.push({
      goal,
      no: cells[0]!,
      name: cells[1]!,
      summary: cells[2]!,
      kpi: cells[3]!,
      department: cells[4]!,
      baseline: cells[5]!,
      actual2020: cells[6]!,
      progress2020: cells[7]!,
      target2022: cells[11]!,
    });
  }
  return rows;
}

describe('SEKI_SAMPLE', () => {
  const rows = seedRows();
  const view = new WorkbookView(buildWorkbook(SEKI_SAMPLE, testContext()));

  it('has the four basic goals with every direction bullet of the report', () => {
    expect(view.goals.map((g) => g.number)).toEqual(['1', '2', '3', '4']);
    for (const goal of view.goals) {
      const after = seed.slice(seed.indexOf(`【基本目標${goal.number}】の目指す方向性`)).split('\n').slice(1);
      const bullets: string[] = [];
      for (const line of after) {
        if (line.startsWith('- ')) bullets.push(line.slice(2).trim());
        else if (line.trim() !== '') break;
      }
      expect(goal.directions).toEqual(bullets);
      expect(seed).toContain(`基本目標${goal.number} ${goal.title}`);
    }
  });

  it('has one project per row of the table, in order', () => {
    expect(rows).toHaveLength(10);
    expect(view.projectCount).toBe(rows.length);
  });

  it.each(seedRows().map((r) => [`${r.goal}-${r.no}`, r] as const))('row %s matches the report', (_key, row) => {
    const goal = view.goals.find((g) => g.number === row.goal)!;
    const project = view.projectsOf(goal.id).find((p) => p.number === row.no)!;
    expect(project).toBeDefined();
    expect(project.name.replace(/\s/g, '')).toBe(row.name.replace(/\s/g, ''));
    // The summary is the report's text; only the OCR break in "SEK I" is mended.
    expect(project.summary.replace(/\s/g, '')).toBe(row.summary.replace(/\s/g, ''));
    expect(project.departments).toEqual([row.department]);
    const [kpi] = view.kpisOf(project.id);
    expect(kpi!.name.replace(/\s/g, '')).toBe(row.kpi.replace(/\s/g, ''));
    const read = (text: string) => {
      const r = parseMeasurement(text, { unit: kpi!.unit, kind: kpi!.kind });
      if (!r.ok) throw new Error(`cannot read ${text}`);
      return r.measurement;
    };
    expect(kpi!.baseline).toEqual(read(row.baseline));
    expect(kpi!.baselineYear).toBe(2018);
    expect(view.kpiYear(kpi!.id, 2020)?.actual).toEqual(read(row.actual2020));
    // "90件以上" is an at-least target of 90.
    const target = read(row.target2022)!;
    const threshold = target.remark === '以上';
    expect(kpi!.direction === 'atLeast').toBe(threshold);
    expect(kpi!.target?.value).toBe(target.value);
    expect(kpi!.targetYear).toBe(2022);
    expect(view.projectYear(project.id, 2020)?.progress).toBe(row.progress2020);
  });
});
