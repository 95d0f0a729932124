/**
 * Every bound of a file's values (src/domain/bounds.ts): a value at the bound is read, one past it
 * is refused with a Japanese message that names the record and the limit.
 */
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { bundleErrorDetails, bundleErrorMessage } from '../../src/features/bundles/bundle-messages';
import { BOUNDS, RECORD_LIMITS, planPeriodProblem } from '../../src/domain/bounds';
import { codeLikeProblems } from '../support/readable';
import { exportOptions, rewrite, sample } from './helpers';

type Rec = Record<string, unknown>;
type Env = Rec & { records: Record<string, Rec[]> & { strategy: Rec } };

let base: string | null = null;
async function file(change: (env: Env) => void): Promise<string> {
  base ??= (await serializeBundle(sample().records, exportOptions())).json;
  return rewrite(base, change as never);
}

/** The refusal's headline and lines, or null when the file was read. */
async function read(change: (env: Env) => void): Promise<string[] | null> {
  const result = await parseBundle(await file(change));
  if (result.ok) return null;
  const lines = [bundleErrorMessage(result.error), ...bundleErrorDetails(result.error)];
  for (const line of lines) expect(codeLikeProblems(line), line).toEqual([]);
  return lines;
}

const goal = (e: Env) => e.records['goals']![0]!;
const project = (e: Env) => e.records['projects']![0]!;
const kpi = (e: Env) => e.records['kpis']![0]!;
const kpiYear = (e: Env) => e.records['kpiYears']![0]!;
const projectYear = (e: Env) => e.records['projectYears']![0]!;
const S = BOUNDS.shortTextChars;
const L = BOUNDS.longTextChars;

/** [what, set the value at the bound, set it one past, words the refusal must contain]. */
const CASES: [string, (e: Env) => void, (e: Env) => void, string[]][] = [
  ['strategy name length', (e) => (e.records.strategy['name'] = 'あ'.repeat(S)), (e) => (e.records.strategy['name'] = 'あ'.repeat(S + 1)), ['戦略の基本情報', '戦略名', '長すぎます（1,000文字まで）']],
  ['goal title length (surrogate pairs count once)', (e) => (goal(e)['title'] = '𠮷'.repeat(S)), (e) => (goal(e)['title'] = '𠮷'.repeat(S + 1)), ['基本目標1', '長すぎます（1,000文字まで）']],
  ['project summary length', (e) => (project(e)['summary'] = 'あ'.repeat(L)), (e) => (project(e)['summary'] = 'あ'.repeat(L + 1)), ['事業', '長すぎます（50,000文字まで）']],
  ['goal directions count', (e) => (goal(e)['directions'] = Array.from({ length: BOUNDS.listItems }, (_, i) => `方向${i}`)), (e) => (goal(e)['directions'] = Array.from({ length: BOUNDS.listItems + 1 }, (_, i) => `方向${i}`)), ['基本目標1', '多すぎます（200件まで）']],
  ['project departments count', (e) => (project(e)['departments'] = Array.from({ length: BOUNDS.listItems }, (_, i) => `課${i}`)), (e) => (project(e)['departments'] = Array.from({ length: BOUNDS.listItems + 1 }, (_, i) => `課${i}`)), ['担当課', '多すぎます（200件まで）']],
  ['fiscal year low', (e) => (kpiYear(e)['fiscalYear'] = 1900), (e) => (kpiYear(e)['fiscalYear'] = 1899), ['1900〜2200年度の範囲']],
  ['fiscal year high', (e) => (kpiYear(e)['fiscalYear'] = 2200), (e) => (kpiYear(e)['fiscalYear'] = 2201), ['1900〜2200年度の範囲']],
  ['KPI target year', (e) => (kpi(e)['targetYear'] = 2200), (e) => (kpi(e)['targetYear'] = 10_000), ['目標', '1900〜2200年度の範囲']],
  ['project period end', (e) => (project(e)['periodEnd'] = 2200), (e) => (project(e)['periodEnd'] = 500_000), ['1900〜2200年度の範囲']],
  ['KPI value', (e) => (kpiYear(e)['actual'] = { value: 1e15 }), (e) => (kpiYear(e)['actual'] = { value: 1.000001e15 }), ['実績値', '大きすぎます（1,000,000,000,000,000まで）']],
  ['budget', (e) => (projectYear(e)['budget'] = -1e15), (e) => (projectYear(e)['budget'] = -1e16), ['予算', '小さすぎます']],
  ['order', (e) => (goal(e)['order'] = 1e12), (e) => (goal(e)['order'] = 1e13), ['表示順', '大きすぎます']],
  ['record id', (e) => (e.records.strategy['copiedFrom'] = 'a'.repeat(100)), (e) => (e.records.strategy['copiedFrom'] = 'a'.repeat(101)), ['使えない文字', '100文字まで']],
  ['sdgs list', (e) => (project(e)['sdgs'] = Array.from({ length: 17 }, (_, i) => i + 1)), (e) => (project(e)['sdgs'] = Array.from({ length: 18 }, () => 1)), ['多すぎます（17件まで）']],
  ['plan period of 30 fiscal years', (e) => Object.assign(e.records.strategy, { startYear: 2020, endYear: 2049 }), (e) => Object.assign(e.records.strategy, { startYear: 2020, endYear: 2050 }), ['戦略の基本情報の計画期間が長すぎます（30年度分まで）']],
  ['plan period order', (e) => Object.assign(e.records.strategy, { startYear: 2020, endYear: 2020 }), (e) => Object.assign(e.records.strategy, { startYear: 2020, endYear: 2019 }), ['終了年度が開始年度より前']],
  ['plan period −500000..500000', (e) => Object.assign(e.records.strategy, { startYear: 1900, endYear: 1929 }), (e) => Object.assign(e.records.strategy, { startYear: -500_000, endYear: 500_000 }), ['開始年度', '1900〜2200年度の範囲']],
  ['goals count', () => {}, (e) => (e.records['goals'] = Array.from({ length: RECORD_LIMITS.goals + 1 }, (_, i) => ({ ...goal(e), id: `g-${i}` }))), ['基本目標が多すぎる', '1,001件', '1,000件まで']],
  ['department scope', (e) => (e['scope'] = { kind: 'department', departments: ['商工課'] }), (e) => (e['scope'] = { kind: 'department', departments: Array.from({ length: BOUNDS.listItems + 1 }, (_, i) => `課${i}`) }), ['範囲']],
];

describe('bounds of a file’s values', () => {
  for (const [what, inside, outside, words] of CASES) {
    it(`${what}: read at the bound, refused past it with the record and the limit`, async () => {
      expect(await read(inside)).toBeNull();
      const lines = await read(outside);
      expect(lines, what).not.toBeNull();
      const text = lines!.join('\n');
      for (const w of words) expect(text).toContain(w);
    });
  }
});

describe('planPeriodProblem (files and the screens where a period is entered)', () => {
  it('allows 1 to 30 fiscal years within 1900–2200', () => {
    expect(planPeriodProblem(2020, 2020)).toBeNull();
    expect(planPeriodProblem(2020, 2049)).toBeNull();
    expect(planPeriodProblem(1900, 1929)).toBeNull();
    expect(planPeriodProblem(2171, 2200)).toBeNull();
  });
  it('names what is wrong', () => {
    expect(planPeriodProblem(2020, 2050)).toBe('tooLong');
    expect(planPeriodProblem(2020, 12019)).toBe('yearRange');
    expect(planPeriodProblem(-500_000, 500_000)).toBe('yearRange');
    expect(planPeriodProblem(2024, 2020)).toBe('order');
    expect(planPeriodProblem(2020.5, 2021)).toBe('yearRange');
    expect(planPeriodProblem(Number.NaN, 2021)).toBe('yearRange');
  });
});

describe('planPeriodMessage (the screens where a period is entered)', () => {
  it('says what the limit is, in Japanese', async () => {
    const { planPeriodMessage } = await import('../../src/i18n/period');
    expect(planPeriodMessage(2020, 2024)).toBeNull();
    expect(planPeriodMessage(2020, 2050)).toBe('計画期間は30年度分までにしてください。');
    expect(planPeriodMessage(-500_000, 500_000)).toBe('年度は1900〜2200年度の範囲で入力してください。');
    expect(planPeriodMessage(2024, 2020)).toBe('終了年度は開始年度以降にしてください。');
  });
});
