/** 総合戦略 — a strategy: one municipality's plan over a period of fiscal years. */
import type { z } from 'zod';
import type { strategySchema } from './strategy.schema';
import type { RecordMeta } from '../records';

export type Strategy = z.infer<typeof strategySchema> & RecordMeta;

/**
 * 年度目標がない年度の判定 — how a year without an adopted yearly target is judged:
 * - `adoptedOnly` (default): only against targets the city adopted — an explicit yearly target, the
 *   final target in its year, a 「〜以上」「〜以下」 threshold in every year; before the final year an
 *   actual already meeting the final target is 達成 (early), otherwise no verdict, progress shown;
 * - `finalYearOnly`: no 達成 / 未達成 before the final target's year at all (関市's 令和2年度 table);
 * - `interpolated`: targets interpolated by year are adopted as yearly targets (多摩市), 按分目標.
 */
export const INTERIM_JUDGEMENTS = ['adoptedOnly', 'finalYearOnly', 'interpolated'] as const;
export type InterimJudgement = (typeof INTERIM_JUDGEMENTS)[number];
export const DEFAULT_INTERIM_JUDGEMENT: InterimJudgement = 'adoptedOnly';

/** A strategy's setting, or the default for strategies stored before the setting existed. */
export function interimJudgementOf(s: { interimJudgement?: InterimJudgement | null } | null | undefined): InterimJudgement {
  const v = s?.interimJudgement;
  return v && (INTERIM_JUDGEMENTS as readonly string[]).includes(v) ? v : DEFAULT_INTERIM_JUDGEMENT;
}

export function strategyDefaults(
  startYear: number,
): Omit<Strategy, keyof RecordMeta> {
  return { municipality: '', name: '', startYear, endYear: startYear + 4, note: '', copiedFrom: null, rankScheme: null, interimJudgement: DEFAULT_INTERIM_JUDGEMENT, moneyUnit: '千円', moneyDecimals: 0 };
}
