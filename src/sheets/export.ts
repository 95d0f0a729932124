/**
 * The two tables a strategy is exported as:
 *
 * - the KPI table (KPI表): one row per KPI and fiscal year of the strategy's period, with the
 *   hierarchy (基本目標, 施策, 事業), the KPI's unit, baseline and final target, the year's target
 *   (entered or, when none is entered, the one the achievement engine judges against) and actual,
 *   達成率 / 進捗率 in %, the verdict and the rank of the strategy's rank scheme;
 * - the progress table (進捗状況一覧) in the layout of the published reports (seed 000): one row
 *   per KPI (a project without KPIs gets one row too) with No., 主な事業等, 事業内容, KPI, 担当課,
 *   the baseline (策定時), each year's actual and 進捗状況・課題等, the final target and
 *   KPI達成・未達成の状況 for the year chosen.
 *
 * Pure: builds {@link SheetTable}s from a {@link WorkbookView}; the file formats are in csv.ts and
 * xlsx.ts.
 */
import type { WorkbookView } from '../domain/workbook';
import type { Kpi } from '../domain/entities/kpi';
import type { Project } from '../domain/entities/project';
import type { Goal } from '../domain/entities/goal';
import type { Measurement } from '../domain/entities/measurement';
import { formatMeasurement } from '../domain/numbers';
import { evaluatedOf, truncatedPercent, verdictLabel, type KpiEvaluation } from '../domain/achievement';
import { addMessages, fy as fiscalYearText, t } from '../i18n';
import { sheets as sheetMessages } from '../i18n/ja/sheets';
import { achievementCatalog, rankLabel } from '../i18n/domain';
import { measurementCell, num, safeSheetName, text, type SheetCell, type SheetColumn, type SheetTable } from './table';
import { cumulativeWords, DIRECTION_WORDS } from './values';
import { alsoUnderCellText } from './links';

// The Japanese messages of the spreadsheets come with them (not in the app's first load).
addMessages(sheetMessages);

const wareki = (y: number | null) => (y === null ? '' : fiscalYearText(y, 'wareki'));

export const goalCellText = (g: Goal) => [g.number, g.title].filter((s) => s !== '').join(' ');

/**
 * Every KPI of the view in outline order, with its goal (null for a project directly under the
 * strategy) and project (null for 数値目標 and a 施策's own KPIs). A project listed under further
 * goals is written once, at its primary place (its 他の基本目標 cell names the others).
 */
function* kpisInOrder(view: WorkbookView): Generator<{ goal: Goal | null; project: Project | null; kpi: Kpi | null }> {
  for (const goal of view.goals) {
    for (const kpi of view.goalKpis(goal.id)) yield { goal, project: null, kpi };
    for (const m of view.allMeasuresOf(goal.id)) for (const kpi of view.measureKpis(m.id)) yield { goal, project: null, kpi };
    for (const project of view.projectsOf(goal.id)) {
      const kpis = view.kpisOf(project.id);
      if (kpis.length === 0) yield { goal, project, kpi: null };
      for (const kpi of kpis) yield { goal, project, kpi };
    }
  }
  for (const project of view.directProjects) {
    const kpis = view.kpisOf(project.id);
    if (kpis.length === 0) yield { goal: null, project, kpi: null };
    for (const kpi of kpis) yield { goal: null, project, kpi };
  }
}

const goalCell = (goal: Goal | null) => (goal ? goalCellText(goal) : t('sheets.cell.noGoal'));

const alsoUnderText = (view: WorkbookView, project: Project | null) =>
  project ? alsoUnderCellText(project.alsoUnder ?? [], (id) => view.goal(id), (id) => view.measure(id)) : '';

function measureText(view: WorkbookView, project: Project | null, kpi: Kpi | null = null): string {
  const measureId = project ? project.measureId : (kpi?.measureId ?? null);
  if (!measureId) return '';
  const m = view.measure(measureId);
  return m ? [m.number, m.title].filter((s) => s !== '').join(' ') : '';
}

/** A ratio (1.125) as a percent number cell (112.5) rounded to 0.1. */
function percentCell(ratio: number | null): SheetCell {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  // Truncated as on screen (切り捨て): 99.96% is 99.9, never a 100.0 beside 未達成.
  return num(truncatedPercent(ratio), '0.0;"△"0.0');
}

function rankText(e: KpiEvaluation): string {
  const label = rankLabel(e.rank.label);
  return label === e.rank.symbol || e.rank.symbol === '' ? label : `${e.rank.symbol} ${label}`;
}

/** The column heads of the KPI table, in order; the import recognises every one of them. */
export function kpiTableColumns(): SheetColumn[] {
  const c = (key: Parameters<typeof t>[0], width: number): SheetColumn => ({ header: t(key), width });
  return [
    c('sheets.col.goal', 30),
    c('sheets.col.measure', 24),
    c('sheets.col.projectNumber', 8),
    c('sheets.col.projectName', 34),
    c('sheets.col.department', 14),
    c('sheets.col.kpi', 34),
    c('sheets.col.unit', 7),
    c('sheets.col.direction', 12),
    c('sheets.col.baseline', 11),
    c('sheets.col.baselineYear', 12),
    c('sheets.col.finalTarget', 11),
    c('sheets.col.targetYear', 12),
    c('sheets.col.fiscalYear', 12),
    c('sheets.col.westernYear', 9),
    c('sheets.col.yearTarget', 11),
    c('sheets.col.actual', 11),
    c('sheets.col.attainment', 10),
    c('sheets.col.progressRate', 10),
    c('sheets.col.verdict', 11),
    c('sheets.col.rank', 12),
    c('sheets.col.shortfall', 30),
    c('sheets.col.note', 30),
    c('sheets.col.cumulative', 24),
    // Last, so that the columns people and older sheets rely on keep their places.
    c('sheets.col.alsoUnder', 14),
  ];
}

/** The KPI table: one row per KPI and fiscal year of the strategy's period. */
export function kpiTable(view: WorkbookView): SheetTable {
  const years = view.years;
  const rows: SheetCell[][] = [];
  const bare = (m: Measurement) => formatMeasurement(m, '');
  for (const { goal, project, kpi } of kpisInOrder(view)) {
    if (!kpi) continue;
    const evaluations = evaluatedOf(view).history(kpi, years);
    const value = (m: Measurement | null) => measurementCell(m, '', bare, false);
    years.forEach((fy, i) => {
      const e = evaluations[i]!;
      const record = view.kpiYear(kpi.id, fy);
      // The year's target: the one entered, else the one the verdict was judged against (not the
      // final target a KPI met early: that is no target of the year).
      const judged = e.early ? null : e.target;
      const target = record?.target ?? (judged && judged.value !== null ? { value: judged.value } : (judged?.measurement ?? null));
      rows.push([
        text(goalCell(goal)),
        text(measureText(view, project, kpi)),
        text(project?.number ?? ''),
        text(project?.name ?? ''),
        text(project?.departments.join('・') ?? ''),
        text(kpi.name),
        text(kpi.unit),
        text(DIRECTION_WORDS[kpi.direction]),
        value(kpi.baseline),
        text(wareki(kpi.baselineYear)),
        value(kpi.target),
        text(wareki(kpi.targetYear)),
        text(wareki(fy)),
        num(fy, '0'),
        value(target),
        value(record?.actual ?? null),
        percentCell(e.attainment),
        // In a year with no verdict, the 進捗率 toward the final target (as the dashboard shows it).
        percentCell(e.progress ?? e.finalProgress),
        text(verdictLabel(e, achievementCatalog())),
        text(rankText(e)),
        text(record?.shortfallReason ?? ''),
        text(kpi.note),
        text(cumulativeWords(kpi)),
        text(alsoUnderText(view, project)),
      ]);
    });
  }
  return { sheetName: safeSheetName(t('sheets.kpiSheet')), columns: kpiTableColumns(), rows };
}

/** The one year every KPI shares for a field, or null when they differ (or none is set). */
function commonYear(view: WorkbookView, pick: (k: Kpi) => number | null): number | null {
  let year: number | null | undefined;
  for (const { kpi } of kpisInOrder(view)) {
    if (!kpi) continue;
    const y = pick(kpi);
    if (y === null) continue;
    if (year === undefined) year = y;
    else if (year !== y) return null;
  }
  return year ?? null;
}

/**
 * The progress table (進捗状況一覧) as published (seed 000), with a 基本目標 column so one sheet
 * holds every goal and a 単位 column so the values can be number cells.
 * `fiscalYear` is the year KPI達成・未達成の状況 is judged for.
 */
export function progressTable(view: WorkbookView, fiscalYear: number): SheetTable {
  const years = view.years;
  const baseYear = commonYear(view, (k) => k.baselineYear);
  const targetYear = commonYear(view, (k) => k.targetYear);
  const columns: SheetColumn[] = [
    { header: t('sheets.col.goal'), width: 30 },
    { header: t('sheets.col.no'), width: 6 },
    { header: t('sheets.col.mainProject'), width: 34 },
    { header: t('sheets.col.summary'), width: 50 },
    { header: t('sheets.col.kpiLong'), width: 34 },
    { header: t('sheets.col.department'), width: 14 },
    { header: t('sheets.col.unit'), width: 7 },
  ];
  if (baseYear !== null) columns.push({ header: t('sheets.col.baselineAt', { year: wareki(baseYear) }), width: 14 });
  else columns.push({ header: t('sheets.col.baselineNoYear'), width: 14 }, { header: t('sheets.col.baselineYear'), width: 12 });
  for (const y of years) {
    columns.push({ header: t('sheets.col.actualOf', { year: wareki(y) }), width: 14 }, { header: t('sheets.col.progressOf', { year: wareki(y) }), width: 50 });
  }
  if (targetYear !== null) columns.push({ header: t('sheets.col.finalTargetOf', { year: wareki(targetYear) }), width: 14 });
  else columns.push({ header: t('sheets.col.finalTargetNoYear'), width: 14 }, { header: t('sheets.col.targetYear'), width: 12 });
  columns.push({ header: t('sheets.col.status', { year: wareki(fiscalYear) }), width: 16 });

  const rows: SheetCell[][] = [];
  for (const { goal, project, kpi } of kpisInOrder(view)) {
    const unit = kpi?.unit ?? '';
    const withUnit = (m: Measurement) => formatMeasurement(m, unit);
    const value = (m: Measurement | null) => measurementCell(m, unit, withUnit, true);
    const row: SheetCell[] = [
      text(goalCell(goal)),
      text(project?.number ?? ''),
      text(project?.name ?? ''),
      text(project?.summary ?? ''),
      text(kpi?.name ?? ''),
      text(project?.departments.join('・') ?? ''),
      text(unit),
    ];
    row.push(value(kpi?.baseline ?? null));
    if (baseYear === null) row.push(text(wareki(kpi?.baselineYear ?? null)));
    for (const y of years) {
      row.push(value(kpi ? (view.kpiYear(kpi.id, y)?.actual ?? null) : null));
      row.push(text(project ? (view.projectYear(project.id, y)?.progress ?? '') : ''));
    }
    row.push(value(kpi ? thresholdTarget(kpi) : null));
    if (targetYear === null) row.push(text(wareki(kpi?.targetYear ?? null)));
    const e = kpi ? evaluatedOf(view).evaluation(kpi, fiscalYear) : undefined;
    row.push(text(e ? verdictLabel(e, achievementCatalog()) : ''));
    rows.push(row);
  }
  return { sheetName: safeSheetName(t('sheets.progressSheet')), columns, rows };
}

/**
 * The final target as the published tables print a threshold (「87.5%以上」): a plain number of a
 * 〜以上 / 〜以下 KPI gets the word, so the table (which has no 方向 column) carries the direction and
 * a strategy made from it judges the same way.
 */
function thresholdTarget(kpi: Kpi): Measurement | null {
  const m = kpi.target;
  const word = kpi.direction === 'atLeast' ? '以上' : kpi.direction === 'atMost' ? '以下' : null;
  return word && m && m.value !== null && !m.remark ? { ...m, remark: word } : m;
}

/** The latest fiscal year of the period with an actual entered (the year a report is usually about). */
export function latestActualYear(view: WorkbookView): number {
  let latest: number | null = null;
  for (const { kpi } of kpisInOrder(view)) {
    if (!kpi) continue;
    for (const y of view.kpiYearsOf(kpi.id)) {
      if (y.actual && y.fiscalYear <= view.strategy.endYear && (latest === null || y.fiscalYear > latest)) latest = y.fiscalYear;
    }
  }
  return latest ?? view.strategy.startYear;
}
