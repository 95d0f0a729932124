/**
 * The choices of the reports screen, kept in the address (#/s/<sid>/reports?kind=…&fy=…) so that
 * a report can be reloaded, bookmarked and sent to a colleague as a link.
 *
 *   kind   progress (進捗状況一覧) | sheet (事業評価シート) | grant (交付金 効果検証)
 *   fy     fiscal year, e.g. 2020 (default: the latest year with an actual)
 *   goals  基本目標 ids, comma separated (none = every goal)
 *   depts  担当課, comma separated (none = every department)
 *   all    1 = 進捗状況一覧 prints a column pair for every year of the period (future years blank)
 *   grant  1 = 交付金 効果検証 only lists projects with a 交付金 in the year
 */
import type { WorkbookView } from '../../domain/workbook';
import { defaultYear } from '../../domain/achievement/default-year';

export const REPORT_KINDS = ['progress', 'sheet', 'grant'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportOptions {
  kind: ReportKind;
  fiscalYear: number;
  /** Chosen 基本目標 ids in outline order; empty = every goal. */
  goalIds: string[];
  /** Chosen 担当課 in Japanese order; empty = every department. */
  departments: string[];
  wholePeriod: boolean;
  grantOnly: boolean;
}

/** Which paper orientation a report is printed on. */
export const ORIENTATION: Record<ReportKind, 'landscape' | 'portrait'> = {
  progress: 'landscape',
  sheet: 'portrait',
  grant: 'portrait',
};

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the address's parameters; unknown goals, departments and years are left out. */
export function readReportParams(view: WorkbookView, params: Record<string, string>): ReportOptions {
  const kind = (REPORT_KINDS as readonly string[]).includes(params.kind ?? '') ? (params.kind as ReportKind) : 'progress';
  const fy = /^\d{4}$/.test(params.fy ?? '') ? Number(params.fy) : NaN;
  const fiscalYear = view.years.includes(fy) ? fy : defaultYear(view);
  const wanted = new Set(list(params.goals));
  const goalIds = view.goals.filter((g) => wanted.has(g.id)).map((g) => g.id);
  const depts = new Set(list(params.depts));
  const departments = view.departments.filter((d) => depts.has(d));
  return { kind, fiscalYear, goalIds, departments, wholePeriod: params.all === '1', grantOnly: params.grant === '1' };
}

/** The address parameters of a set of choices (defaults left out, so links stay short). */
export function reportParams(o: ReportOptions): Record<string, string> {
  const p: Record<string, string> = { kind: o.kind, fy: String(o.fiscalYear) };
  if (o.goalIds.length) p.goals = o.goalIds.join(',');
  if (o.departments.length) p.depts = o.departments.join(',');
  if (o.wholePeriod) p.all = '1';
  if (o.grantOnly) p.grant = '1';
  return p;
}
