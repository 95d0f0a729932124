/**
 * The slides of meeting mode, in outline order: each 基本目標, then its projects, then the projects
 * directly under the strategy. "Behind only"
 * keeps the projects with a KPI that missed (and the goals that hold them). Pure.
 */
import type { StrategyRollup } from '../../domain/achievement';
import type { WorkbookView } from '../../domain/workbook';

export type Slide = { kind: 'goal'; id: string; goalId: string } | { kind: 'project'; id: string; goalId: string };

export function buildSlides(view: WorkbookView, rollup: StrategyRollup, behindOnly: boolean): Slide[] {
  const slides: Slide[] = [];
  for (const goal of view.goals) {
    const projects = view
      .projectsOf(goal.id)
      .filter((p) => !behindOnly || (rollup.project(p.id)?.tally.byVerdict.notAchieved ?? 0) > 0);
    const goalBehind = (rollup.goal(goal.id)?.goalKpis.byVerdict.notAchieved ?? 0) > 0;
    if (behindOnly && projects.length === 0 && !goalBehind) continue;
    slides.push({ kind: 'goal', id: goal.id, goalId: goal.id });
    for (const p of projects) slides.push({ kind: 'project', id: p.id, goalId: goal.id });
  }
  // Projects directly under the strategy come last, with no goal slide before them.
  for (const p of view.directProjects)
    if (!behindOnly || (rollup.project(p.id)?.tally.byVerdict.notAchieved ?? 0) > 0) slides.push({ kind: 'project', id: p.id, goalId: '' });
  return slides;
}

/** Index of the slide `at` (an id), or the nearest kept slide of the same goal, else 0. */
export function slideIndex(slides: Slide[], at: string | null, view: WorkbookView): number {
  if (!at) return 0;
  const exact = slides.findIndex((s) => s.id === at);
  if (exact >= 0) return exact;
  const goalId = view.project(at)?.goalId ?? at;
  const sameGoal = slides.findIndex((s) => s.goalId === goalId);
  return sameGoal >= 0 ? sameGoal : 0;
}
