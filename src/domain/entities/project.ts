/** 事業 — a project: what a department does, carrying KPIs and a record per fiscal year. */
import type { z } from 'zod';
import type { projectCategorySchema, projectSchema } from './project.schema';
import type { RecordMeta } from '../records';

/** 区分: 新規 / 継続 / 見直し */
export const PROJECT_CATEGORIES = ['new', 'continuing', 'revised'] as const;
export type ProjectCategory = z.infer<typeof projectCategorySchema>;

export type Project = z.infer<typeof projectSchema> & RecordMeta;

export function projectDefaults(goalId: string, measureId: string | null, order: number): Omit<Project, keyof RecordMeta> {
  return {
    goalId,
    measureId,
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
