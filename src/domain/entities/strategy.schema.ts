/**
 * The zod schema of a 総合戦略 (strategy.ts has its types and defaults): kept apart so that
 * the app's first load does not need zod. The file and spreadsheet readers, loaded when used,
 * import it.
 */
import { z } from 'zod';
import { fiscalYear, longText, recordId, shortText } from '../bounds.schema';
import { recordMetaShape } from '../records.schema';
import { rankSchemeSchema } from '../achievement/rank-schemes.schema';
import { DEFAULT_INTERIM_JUDGEMENT, INTERIM_JUDGEMENTS, PREFECTURES } from './strategy';
import { MONEY_UNITS } from './project-year';
import { MONEY_DECIMALS_MAX } from '../money';

export const strategySchema = z.object({
  ...recordMetaShape,
  /** 自治体名, e.g. 関市 */
  municipality: shortText(),
  /** 戦略名, e.g. 第2期関市まち・ひと・しごと創生総合戦略 */
  name: shortText(),
  /** First and last fiscal year of the period (令和2〜4年度 = 2020..2022). */
  startYear: fiscalYear(),
  endYear: fiscalYear(),
  /** Free note (source document, 策定日 …). */
  note: longText(),
  /** The strategy this one was copied from (第1期 → 第2期), if any. */
  copiedFrom: recordId().nullable(),
  /** 評価区分: how KPIs are ranked (a preset or a custom scheme); null = the default A/B/C/D. */
  rankScheme: rankSchemeSchema.nullable().default(null),
  /** 年度目標がない年度の判定 (strategy.ts, INTERIM_JUDGEMENTS); files of format 1 get 'adoptedOnly'. */
  interimJudgement: z.enum(INTERIM_JUDGEMENTS).default(DEFAULT_INTERIM_JUDGEMENT),
  /** 金額の表示単位 (src/domain/money.ts): 千円 or 円; null / absent = each record's own unit. */
  moneyUnit: z.enum(MONEY_UNITS).nullable().default(null),
  /** Decimals the city prints 千円 amounts with (0–3); absent = 0. */
  moneyDecimals: z.number().int().min(0).max(MONEY_DECIMALS_MAX).default(0),
  /** 都道府県 (format 3, optional): names 財源内訳's 国・県 column (国・道 / 国・都 / 国・府 / 国・県). */
  prefecture: z.enum(PREFECTURES).optional(),
});
