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

/** The 47 都道府県, in the JIS X 0401 order. */
export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県',
  '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県',
  '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県',
  '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;
export type Prefecture = (typeof PREFECTURES)[number];

/**
 * The prefecture's own word in 財源内訳's 国・県 column (国・道 for 北海道, 国・都 for 東京都, 国・府 for
 * 大阪府 and 京都府, else 国・県); 県 when the strategy names no prefecture (files before format 3).
 */
export function prefectureWord(s: { prefecture?: Prefecture | undefined } | null | undefined): '道' | '都' | '府' | '県' {
  const p = s?.prefecture;
  if (!p || !(PREFECTURES as readonly string[]).includes(p)) return '県';
  return p.slice(-1) as '道' | '都' | '府' | '県';
}

export function strategyDefaults(
  startYear: number,
): Omit<Strategy, keyof RecordMeta> {
  return { municipality: '', name: '', startYear, endYear: startYear + 4, note: '', copiedFrom: null, rankScheme: null, interimJudgement: DEFAULT_INTERIM_JUDGEMENT, moneyUnit: '千円', moneyDecimals: 0 };
}
