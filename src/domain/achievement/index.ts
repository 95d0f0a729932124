/**
 * The achievement engine (issue 3): verdict, target, 達成率 / 進捗率, rank, trend, projection and
 * explanation of a KPI in a fiscal year, and roll-ups over a strategy. See docs/achievement.md.
 */
export * from './evaluate';
export * from './catalog';
export * from './explain';
export * from './rank-schemes';
export * from './rollup';
export * from './evaluated-view';
export * from './targets';
export * from './exact';
export * from './cumulative';
export { interimJudgementOf, INTERIM_JUDGEMENTS, DEFAULT_INTERIM_JUDGEMENT, type InterimJudgement } from '../entities/strategy';
