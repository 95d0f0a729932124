/** 事業 — a project: what a department does, carrying KPIs and a record per fiscal year. */
import type { z } from 'zod';
import type { projectCategorySchema, projectSchema } from './project.schema';
import type { RecordMeta } from '../records';

/** 区分: 新規 / 継続 / 見直し */
export const PROJECT_CATEGORIES = ['new', 'continuing', 'revised'] as const;
export type ProjectCategory = z.infer<typeof projectCategorySchema>;

export type Project = z.infer<typeof projectSchema> & RecordMeta;
export type ProjectLink = Project['alsoUnder'][number];

/**
 * Every goal a project counts for, primary first, each once: its own goal and the goals of its
 * links (a link to its own goal adds nothing). Empty for a project directly under the strategy
 * with no links.
 */
export function goalsOfProject(p: Pick<Project, 'goalId' | 'alsoUnder'>): string[] {
  const out: string[] = [];
  if (p.goalId !== null) out.push(p.goalId);
  for (const l of p.alsoUnder ?? []) if (!out.includes(l.goalId)) out.push(l.goalId);
  return out;
}

export function projectDefaults(goalId: string | null, measureId: string | null, order: number): Omit<Project, keyof RecordMeta> {
  return {
    goalId,
    measureId,
    alsoUnder: [],
    number: '',
    name: '',
    summary: '',
    departments: [],
    category: null,
    implementer: '',
    implementerOther: '',
    periodStart: null,
    periodEnd: null,
    partners: [],
    nationalRefs: [],
    sdgs: [],
    kpiNote: '',
    order,
  };
}

/**
 * The number a new project gets among `siblings` (their numbers, in outline order), as new 基本目標
 * and 施策 are numbered: the last number with digits at its end, counted on with its padding kept
 * (「1-03」→「1-04」, 「4」→「5」, 「A-9」→「A-10」); `first` when no sibling has one.
 */
export function nextProjectNumber(siblings: readonly string[], first = '1'): string {
  for (let i = siblings.length - 1; i >= 0; i--) {
    const m = /^(.*?)(\d+)$/.exec(siblings[i]!.trim());
    if (!m) continue;
    const digits = m[2]!;
    const next = String(Number(digits) + 1).padStart(digits.length, '0');
    return `${m[1]}${next}`;
  }
  return first;
}

/**
 * The fiscal year a project's 年度別の記録 opens on: the evaluation year, moved into the project's
 * own period when the project starts later or ended earlier, and into the plan's years.
 */
export function projectYearToOpen(project: Pick<Project, 'periodStart' | 'periodEnd'>, years: readonly number[], evaluationYear: number): number {
  let y = evaluationYear;
  if (project.periodEnd !== null && y > project.periodEnd) y = project.periodEnd;
  if (project.periodStart !== null && y < project.periodStart) y = project.periodStart;
  const first = years[0];
  const last = years.at(-1);
  if (first !== undefined && y < first) y = first;
  if (last !== undefined && y > last) y = last;
  return y;
}
