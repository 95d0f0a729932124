/**
 * A strategy written as plain nested data (no ids, no stamps), the way a sample or a test fixture
 * is typed in. {@link buildWorkbook} turns it into records.
 */
import type { InterimJudgement } from '../entities/strategy';
import type { Measurement } from '../entities/measurement';
import type { Kpi } from '../entities/kpi';
import type { Project } from '../entities/project';
import type { ProjectYear } from '../entities/project-year';

export interface PlainKpiYear {
  fiscalYear: number;
  target?: Measurement;
  actual?: Measurement;
  shortfallReason?: string;
  statusNote?: string;
}

export interface PlainKpi {
  name: string;
  unit: string;
  kind?: Kpi['kind'];
  direction?: Kpi['direction'];
  cumulative?: boolean;
  cumulativeFrom?: number;
  framework?: Kpi['framework'];
  baseline?: Measurement;
  baselineYear?: number;
  target?: Measurement;
  targetYear?: number;
  note?: string;
  years?: PlainKpiYear[];
}

export type PlainProjectYear = { fiscalYear: number } & Partial<Omit<ProjectYear, 'fiscalYear' | 'projectId' | keyof import('../records').RecordMeta>>;

export interface PlainProject {
  number: string;
  name: string;
  summary?: string;
  departments: string[];
  category?: Project['category'];
  implementer?: string;
  implementerOther?: string;
  periodStart?: number;
  periodEnd?: number;
  partners?: string[];
  nationalRefs?: string[];
  sdgs?: number[];
  kpiNote?: string;
  kpis?: PlainKpi[];
  years?: PlainProjectYear[];
  /** Further goals it is listed under (再掲), by goal number (「プラス1」). */
  alsoUnder?: string[];
}

export interface PlainMeasure {
  number: string;
  title: string;
  category?: string;
  description?: string;
  measures?: PlainMeasure[];
  projects?: PlainProject[];
  /** The 施策's own KPIs. */
  kpis?: PlainKpi[];
}

export interface PlainGoal {
  number: string;
  title: string;
  directions?: string[];
  kpis?: PlainKpi[];
  measures?: PlainMeasure[];
  projects?: PlainProject[];
}

export interface PlainStrategy {
  municipality: string;
  name: string;
  startYear: number;
  endYear: number;
  note?: string;
  /** 年度目標がない年度の判定; the default when absent. */
  interimJudgement?: InterimJudgement;
  goals: PlainGoal[];
  /** Projects directly under the strategy (no 基本目標). */
  projects?: PlainProject[];
}
