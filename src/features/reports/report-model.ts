/**
 * What the printed reports show, computed from the workbook alone: every cell is a stored value
 * or what the achievement engine decides (verdicts, yearly targets) — nothing is typed twice.
 *
 * - 進捗状況一覧 (seed 000): one table per 基本目標, one row per KPI.
 * - 事業評価シート (seed 003): one sheet per project.
 * - 交付金 効果検証 (seed 001): per project, KPIs with yearly targets, actuals and differences,
 *   事業費 and 交付金充当額 with totals.
 *
 * Pure: no DOM, no storage. Texts come from the catalog (src/i18n) in the current language.
 */
import { moneyNumber, moneySettingOf, sumYen, type MoneySetting } from '../../domain/money';
import { addMessages, fy as fiscalYearText, getLocale, t } from '../../i18n';
import { reports as reportMessages } from '../../i18n/ja/reports';
import { achievementCatalog, verificationCatalog } from '../../i18n/domain';
import type { WorkbookView } from '../../domain/workbook';
import type { Goal } from '../../domain/entities/goal';
import type { Kpi } from '../../domain/entities/kpi';
import type { Measure } from '../../domain/entities/measure';
import type { Project } from '../../domain/entities/project';
import type { ProjectYear } from '../../domain/entities/project-year';
import { projectYearDefaults } from '../../domain/entities/project-year';
import { clean, evaluatedOf, formatValue, interimJudgementOf, isUnjudgedYear, judgedYears, verdictLabel, type InterimJudgement, type KpiEvaluation } from '../../domain/achievement';
import { composeSummary } from '../../domain/verification';
import { formatNumber } from '../../domain/numbers';
import { cellText } from '../shared/measurement-text';
import type { ReportOptions } from './report-params';

// The Japanese messages of the reports come with the reports screens (not in the first load).
addMessages(reportMessages);

// ---------------------------------------------------------------------------------------------
// Words and numbers

/** 令和2年度 / FY2020 (R2) */
export const fyText = (year: number) => fiscalYearText(year, 'wareki');

/** 令和2～4年度, or 平成30年度～令和4年度 across an era change; FY2020 (R2) – FY2022 (R4) in English. */
export function periodText(start: number, end: number): string {
  if (start === end) return fyText(start);
  if (getLocale() !== 'ja') return t('fmt.range', { from: fyText(start), to: fyText(end) });
  const a = /^(\D+?)(元|\d+)年度$/.exec(fyText(start));
  const b = /^(\D+?)(元|\d+)年度$/.exec(fyText(end));
  if (a && b && a[1] === b[1]) return `${a[1]}${a[2]}～${b[2]}年度`;
  return `${fyText(start)}～${fyText(end)}`;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar date (yyyy-mm-dd) in 和暦: 令和3年8月5日 (5 August 2021 (R3) in English); '' when unreadable. */
export function warekiDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const key = y * 10000 + mo * 100 + d;
  const era = key >= 20190501 ? { name: '令和', letter: 'R', start: 2019 } : key >= 19890108 ? { name: '平成', letter: 'H', start: 1989 } : { name: '昭和', letter: 'S', start: 1926 };
  const n = y - era.start + 1;
  if (getLocale() === 'en') return `${d} ${EN_MONTHS[mo - 1] ?? mo} ${y} (${era.letter}${n})`;
  return `${era.name}${n === 1 ? '元' : n}年${mo}月${d}日`;
}

/** A difference as the verification tables print it: +1,000 / −4,656 / +0. */
export function signed(n: number): string {
  const v = clean(n);
  return v < 0 ? formatValue(v) : `+${formatValue(v)}`;
}

/** An amount of money with its unit: 6,249千円; '' for none. */
export function money(n: number | null | undefined, unit: string): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '' : `${formatNumber(n)}${unit}`;
}

// ---------------------------------------------------------------------------------------------
// Selection

/** The goals a report covers, in outline order. */
export function chosenGoals(view: WorkbookView, o: ReportOptions): Goal[] {
  if (o.goalIds.length === 0) return view.goals;
  const ids = new Set(o.goalIds);
  return view.goals.filter((g) => ids.has(g.id));
}

/** The projects of a goal a report covers: all, or those with one of the chosen 担当課. */
export function chosenProjects(view: WorkbookView, goal: Goal, o: ReportOptions): Project[] {
  const all = view.projectsOf(goal.id);
  if (o.departments.length === 0) return all;
  const depts = new Set(o.departments);
  return all.filter((p) => p.departments.some((d) => depts.has(d)));
}

/**
 * Every project a report covers, goal by goal, then those directly under the strategy (goal null)
 * when no goal is chosen.
 */
export function chosenProjectList(view: WorkbookView, o: ReportOptions): { goal: Goal | null; project: Project }[] {
  const out: { goal: Goal | null; project: Project }[] = chosenGoals(view, o).flatMap((goal) => chosenProjects(view, goal, o).map((project) => ({ goal, project })));
  if (o.goalIds.length === 0) {
    const depts = new Set(o.departments);
    for (const project of view.directProjects)
      if (depts.size === 0 || project.departments.some((d) => depts.has(d))) out.push({ goal: null, project });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A KPI in a fiscal year

export interface YearTargetText {
  text: string;
  /** Interpolated by the engine (printed with ※ and the footnote). */
  interpolated: boolean;
}

export interface KpiLine {
  kpi: Kpi;
  /** The engine's evaluation for the report's fiscal year. */
  evaluation: KpiEvaluation;
  baseline: string;
  baselineYear: number | null;
  /** The final target as printed: 90件以上. */
  finalTarget: string;
  targetYear: number | null;
  /** The target of the report's year when it is not the final target itself (yearly or interpolated). */
  yearTarget: YearTargetText | null;
  /** 実績値 by fiscal year (only years up to the report's year). */
  actuals: Record<number, string>;
  /** The latest actual up to the report's year, and its year (事業評価シート's 実績 [対象年度]). */
  latestActual: { text: string; year: number } | null;
  /** 達成 / 未達成 / 評価保留 / 評価対象外, from the engine. */
  verdict: string;
}

/**
 * The verdict as printed: blank for a year judged against no adopted target (as 関市's 令和2年度
 * table leaves it), else 達成 / 未達成 / 評価保留 / 評価対象外.
 */
function printedVerdict(e: KpiEvaluation): string {
  return isUnjudgedYear(e) ? '' : verdictLabel(e.verdict, achievementCatalog());
}

/** The target an evaluation was judged against, as text (※ when interpolated); null when none. */
export function targetText(e: KpiEvaluation, kpi: Kpi): YearTargetText | null {
  const target = e.target;
  if (!target) return null;
  const text = target.measurement ? cellText(target.measurement, kpi, true) : target.value === null ? '' : cellText({ value: target.value }, kpi, true);
  return { text, interpolated: target.interpolated };
}

export function kpiLine(view: WorkbookView, kpi: Kpi, fiscalYear: number): KpiLine {
  const evaluation = evaluatedOf(view).evaluation(kpi, fiscalYear);
  const actuals: Record<number, string> = {};
  let latestActual: KpiLine['latestActual'] = null;
  // A 累計 KPI prints the figure it is judged on (the total of single-year figures typed).
  for (const y of judgedYears(kpi, view.kpiYearsOf(kpi.id))) {
    if (y.fiscalYear > fiscalYear) continue;
    const text = cellText(y.actual, kpi);
    actuals[y.fiscalYear] = text;
    if (text !== '') latestActual = { text, year: y.fiscalYear };
  }
  const source = evaluation.target?.source;
  return {
    kpi,
    evaluation,
    baseline: cellText(kpi.baseline, kpi),
    baselineYear: kpi.baselineYear,
    finalTarget: cellText(kpi.target, kpi, true),
    targetYear: kpi.targetYear,
    yearTarget: source === 'yearly' || source === 'interpolated' ? targetText(evaluation, kpi) : null,
    actuals,
    latestActual,
    verdict: printedVerdict(evaluation),
  };
}

/** The one year every line shares (for a column header), or null when they differ or none is set. */
function sharedYear(years: (number | null)[]): number | null {
  const set = new Set(years);
  if (set.size !== 1) return null;
  const [only] = set;
  return only ?? null;
}

// ---------------------------------------------------------------------------------------------
// 1. 進捗状況一覧

export interface ProgressProject {
  project: Project;
  /** Listed here by a link (再掲); its primary place is another goal. */
  linked: boolean;
  kpis: KpiLine[];
  /** 進捗状況・課題等 by fiscal year (only years up to the report's year). */
  progress: Record<number, string>;
}

export interface ProgressGoal {
  /** null: the projects directly under the strategy. */
  goal: Goal | null;
  /** 数値目標 (goal-level KPIs). */
  goalKpis: KpiLine[];
  /** The 施策's own KPIs, measure by measure. */
  measureKpis: { measure: Measure; kpis: KpiLine[] }[];
  projects: ProgressProject[];
}

export interface ProgressReport {
  title: string;
  asOf: string;
  fiscalYear: number;
  /** The years that get an 実績値 and a 進捗状況・課題等 column. */
  years: number[];
  /** The baseline year shared by every KPI (printed in the header), else null (printed per cell). */
  baselineYear: number | null;
  targetYear: number | null;
  goals: ProgressGoal[];
  /** Some year target is interpolated: print the ※ footnote. */
  interpolated: boolean;
  /** The strategy's 年度目標がない年度の判定 (said in the note under the table). */
  judgement: InterimJudgement;
}

export function progressReport(view: WorkbookView, o: ReportOptions): ProgressReport {
  const s = view.strategy;
  const fy = o.fiscalYear;
  const years = o.wholePeriod ? view.years : view.years.filter((y) => y <= fy);
  const goals: ProgressGoal[] = [];
  const depts = new Set(o.departments);
  const ofDepts = (p: Project) => depts.size === 0 || p.departments.some((d) => depts.has(d));
  const progressProject = (project: Project, linked: boolean): ProgressProject => {
    const progress: Record<number, string> = {};
    for (const y of years) if (y <= fy) progress[y] = view.projectYear(project.id, y)?.progress.trim() ?? '';
    return { project, linked, kpis: view.kpisOf(project.id).map((k) => kpiLine(view, k, fy)), progress };
  };
  for (const goal of chosenGoals(view, o)) {
    // A project listed under this goal too (再掲) is printed here as well, marked, as published tables do.
    const linked = view.linkedProjectsOf(goal.id).map((l) => l.project).filter(ofDepts);
    const projects = [...chosenProjects(view, goal, o).map((p) => progressProject(p, false)), ...linked.map((p) => progressProject(p, true))];
    if (o.departments.length > 0 && projects.length === 0) continue;
    goals.push({
      goal,
      goalKpis: o.departments.length > 0 ? [] : view.goalKpis(goal.id).map((k) => kpiLine(view, k, fy)),
      measureKpis:
        o.departments.length > 0
          ? []
          : view
              .allMeasuresOf(goal.id)
              .map((measure) => ({ measure, kpis: view.measureKpis(measure.id).map((k) => kpiLine(view, k, fy)) }))
              .filter((m) => m.kpis.length > 0),
      projects,
    });
  }
  const direct = o.goalIds.length === 0 ? view.directProjects.filter(ofDepts) : [];
  if (direct.length > 0) goals.push({ goal: null, goalKpis: [], measureKpis: [], projects: direct.map((p) => progressProject(p, false)) });
  const lines = goals.flatMap((g) => g.projects.flatMap((p) => p.kpis));
  return {
    title: t('reports.progress.title', { name: s.name, period: periodText(s.startYear, s.endYear) }),
    asOf: t('reports.asOf', { year: fyText(fy) }),
    fiscalYear: fy,
    years,
    baselineYear: sharedYear(lines.map((l) => l.baselineYear)),
    targetYear: sharedYear(lines.map((l) => l.targetYear)),
    goals,
    interpolated: [...lines, ...goals.flatMap((g) => [...g.goalKpis, ...g.measureKpis.flatMap((m) => m.kpis)])].some((l) => l.yearTarget?.interpolated),
    judgement: interimJudgementOf(s),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. 事業評価シート

export interface Sheet {
  project: Project;
  /** null: the project stands directly under the strategy. */
  goal: Goal | null;
  /** The measures (施策) above the project, outermost first (seed 003's 分類). */
  measures: Measure[];
  goalKpis: KpiLine[];
  strategyKpis: KpiLine[];
  planKpis: KpiLine[];
  record: ProjectYear;
  /** Whether the year has a record at all (else every field is blank). */
  hasRecord: boolean;
}

export interface SheetReport {
  title: string;
  fiscalYear: number;
  sheets: Sheet[];
  interpolated: boolean;
  /** The strategy's 金額の表示単位 (src/domain/money.ts). */
  money: MoneySetting;
}

export function measureChain(view: WorkbookView, measureId: string | null): Measure[] {
  const chain: Measure[] = [];
  const seen = new Set<string>();
  for (let id = measureId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const m = view.measure(id);
    if (!m) break;
    chain.unshift(m);
    id = m.parentId;
  }
  return chain;
}

export function sheetReport(view: WorkbookView, o: ReportOptions): SheetReport {
  const fy = o.fiscalYear;
  const sheets = chosenProjectList(view, o).map(({ goal, project }): Sheet => {
    const lines = view.kpisOf(project.id).map((k) => kpiLine(view, k, fy));
    const py = view.projectYear(project.id, fy);
    return {
      project,
      goal,
      measures: measureChain(view, project.measureId),
      goalKpis: goal ? view.goalKpis(goal.id).map((k) => kpiLine(view, k, fy)) : [],
      strategyKpis: lines.filter((l) => l.kpi.framework === 'strategy'),
      planKpis: lines.filter((l) => l.kpi.framework === 'plan'),
      record: py ?? ({ ...projectYearDefaults(project.id, fy) } as ProjectYear),
      hasRecord: py !== undefined,
    };
  });
  return {
    title: t('reports.sheet.title', { year: fyText(fy) }),
    fiscalYear: fy,
    sheets,
    interpolated: sheets.some((s) => s.planKpis.some((l) => l.yearTarget?.interpolated)),
    money: moneySettingOf(view.strategy),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. 交付金 効果検証

export interface GrantRow {
  /** 当初 or the fiscal year. */
  label: string;
  year: number | null;
  target: string;
  targetDiff: string;
  interpolated: boolean;
  actual: string;
  actualDiff: string;
}

export interface GrantKpi {
  kpi: Kpi;
  rows: GrantRow[];
  /** 達成状況: the engine's verdict for the report's year, and the department's note. */
  verdict: string;
  statusNote: string;
  /** 未達理由 */
  reason: string;
}

export interface GrantPlan {
  year: number;
  plan: string;
  progress: string;
}

export interface GrantOpinion {
  member: string;
  text: string;
  meeting: string;
}

export interface GrantProject {
  project: Project;
  /** null: the project stands directly under the strategy (no 基本目標 is printed). */
  goal: Goal | null;
  summary: string;
  plans: GrantPlan[];
  /** The KPIs three to a table, as seed 001 prints them. */
  kpiGroups: GrantKpi[][];
  record: ProjectYear;
  /** 検証結果まとめ: the text entered, else the draft from the results (marked as such). */
  verification: string;
  verificationDrafted: boolean;
  opinions: GrantOpinion[];
}

export interface GrantTotalRow {
  goal: Goal | null;
  project: Project;
  grantName: string;
  cost: string;
  grant: string;
}

export interface GrantReport {
  title: string;
  subtitle: string;
  fiscalYear: number;
  projects: GrantProject[];
  /** 事業費 and 交付金充当額 of every project and their totals, in one unit. */
  totals: { unit: string; rows: GrantTotalRow[]; cost: string; grant: string };
  interpolated: boolean;
  /** The strategy's 金額の表示単位 (src/domain/money.ts). */
  money: MoneySetting;
}

/** The rows of seed 001's KPI table: 当初, then every year of the period. */
export function grantKpi(view: WorkbookView, kpi: Kpi, fiscalYear: number): GrantKpi {
  const years = view.years;
  const evaluations = evaluatedOf(view).history(kpi, years);
  // A 累計 KPI prints the figure it is judged on.
  const judged = judgedYears(kpi, view.kpiYearsOf(kpi.id));
  const numeric = kpi.kind === 'numeric';
  const base = kpi.baseline?.value ?? null;
  const baseText = cellText(kpi.baseline, kpi);
  const rows: GrantRow[] = [
    {
      label: t('reports.grant.initial'),
      year: kpi.baselineYear,
      target: baseText,
      targetDiff: '',
      interpolated: false,
      actual: baseText,
      actualDiff: '',
    },
  ];
  let prevTarget = numeric ? base : null;
  let prevActual = numeric ? base : null;
  years.forEach((y, i) => {
    const e = evaluations[i]!;
    const tt = targetText(e, kpi);
    const tv = numeric ? (e.target?.value ?? null) : null;
    const record = judged.find((r) => r.fiscalYear === y);
    const shown = y <= fiscalYear;
    const actual = shown ? cellText(record?.actual, kpi) : '';
    const av = shown && numeric && record?.actual && !record.actual.status ? record.actual.value : null;
    rows.push({
      label: fyText(y),
      year: y,
      target: tt?.text ?? '',
      targetDiff: tv !== null && prevTarget !== null ? signed(tv - prevTarget) : '',
      interpolated: tt?.interpolated ?? false,
      actual,
      actualDiff: av !== null && prevActual !== null ? signed(av - prevActual) : '',
    });
    if (tv !== null) prevTarget = tv;
    if (av !== null) prevActual = av;
  });
  const e = evaluations[years.indexOf(fiscalYear)] ?? kpiLine(view, kpi, fiscalYear).evaluation;
  const record = view.kpiYear(kpi.id, fiscalYear);
  return {
    kpi,
    rows,
    verdict: printedVerdict(e),
    statusNote: record?.statusNote.trim() ?? '',
    reason: record?.shortfallReason.trim() ?? '',
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const hasGrant = (py: ProjectYear | undefined) => !!py && (py.grantName.trim() !== '' || (py.grantAmount !== null && py.grantAmount !== 0));

export function grantReport(view: WorkbookView, o: ReportOptions): GrantReport {
  const fy = o.fiscalYear;
  const meetings = new Map(view.meetingsOf().map((m) => [m.id, m]));
  const chosen = chosenProjectList(view, o).filter(({ project }) => !o.grantOnly || hasGrant(view.projectYear(project.id, fy)));
  const projects = chosen.map(({ goal, project }): GrantProject => {
    const py = view.projectYear(project.id, fy);
    const record = py ?? ({ ...projectYearDefaults(project.id, fy) } as ProjectYear);
    const plans: GrantPlan[] = [];
    for (const y of view.years) {
      const r = view.projectYear(project.id, y);
      const plan = r?.plan.trim() ?? '';
      const progress = y <= fy ? (r?.progress.trim() ?? '') : '';
      if (plan || progress) plans.push({ year: y, plan, progress });
    }
    const entered = record.summary.trim();
    const verification = entered || composeSummary(view, project.id, fy, null, verificationCatalog()).text;
    return {
      project,
      goal,
      summary: project.summary,
      plans,
      kpiGroups: chunk(
        view.kpisOf(project.id).map((k) => grantKpi(view, k, fy)),
        3,
      ),
      record,
      verification,
      verificationDrafted: entered === '' && verification !== '',
      opinions: view.opinionsFor('project', project.id, fy).map((op) => {
        const m = op.meetingId ? meetings.get(op.meetingId) : undefined;
        const date = m ? warekiDate(m.date) : '';
        return {
          member: op.member || t('reports.grant.memberUnknown'),
          text: op.text,
          meeting: m ? (date ? `${m.name}${t('fmt.paren', { text: date })}` : m.name) : '',
        };
      }),
    };
  });

  // Totals in one unit: the strategy's 金額の表示単位; without one, 千円 when every amount is in
  // 千円, else 円. Sums are taken in exact yen and rounded once, as shown.
  const setting = moneySettingOf(view.strategy);
  const records = projects.map((p) => p.record);
  const used = records.filter((r) => r.projectCost !== null || r.grantAmount !== null).map((r) => r.moneyUnit);
  const unit = setting.unit ?? (used.length > 0 && used.every((u) => u === used[0]) ? used[0]! : '円');
  // Without a setting, amounts are shown exact in the one unit (up to 3 decimals of 千円).
  const shown: MoneySetting = setting.unit ? setting : { unit, decimals: 3 };
  const exact = (yen: number | null) => (yen === null ? '' : setting.unit ? moneyNumber(yen, '円', shown) : money(unit === '千円' ? clean(yen / 1000) : yen, ''));
  const total = (pick: (r: ProjectYear) => number | null) => exact(sumYen(records.map((r) => ({ value: pick(r), unit: r.moneyUnit }))));
  const rows = projects.map((p) => ({
    goal: p.goal,
    project: p.project,
    grantName: p.record.grantName,
    cost: exact(sumYen([{ value: p.record.projectCost, unit: p.record.moneyUnit }])),
    grant: exact(sumYen([{ value: p.record.grantAmount, unit: p.record.moneyUnit }])),
  }));
  const cost = total((r) => r.projectCost);
  const grant = total((r) => r.grantAmount);
  return {
    title: t('reports.grant.title', { year: fyText(fy) }),
    subtitle: t('reports.grant.subtitle', { name: view.strategy.name }),
    fiscalYear: fy,
    projects,
    totals: { unit, rows, cost, grant },
    interpolated: projects.some((p) => p.kpiGroups.some((g) => g.some((k) => k.rows.some((r) => r.interpolated)))),
    money: setting,
  };
}
