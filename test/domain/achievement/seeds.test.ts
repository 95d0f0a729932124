// Worked cases from the seeds: every KPI of the 関市 sample (seed 000) for 令和2年度, 山陽小野田市's
// 地方創生推進交付金 projects A–E (seed 001) and the 室蘭市 sheets (seed 003), each with the numbers
// the published report prints and the verdict it states.
import { describe, expect, it } from 'vitest';
import { SEKI_SAMPLE } from '../../../src/domain/sample/seki';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi, PlainStrategy } from '../../../src/domain/sample/types';
import { WorkbookView } from '../../../src/domain/workbook';
import type { Kpi } from '../../../src/domain/entities/kpi';
import {
  evaluateKpi,
  projectionOf,
  explain,
  presetRankScheme,
  rollUp,
  verdictLabel,
  type KpiEvaluation,
  type InterimJudgement,
  type PresetId,
} from '../../../src/domain/achievement';
import { testContext } from '../../support/context';
import { MURORAN, SANYO_ONODA } from '../../fixtures/seed-strategies';

const seki = new WorkbookView(buildWorkbook(SEKI_SAMPLE, testContext()));
/** The 関市 sample with another 年度目標がない年度の判定 (the sample itself judges the final year only). */
const sekiWith = (interimJudgement: InterimJudgement) => new WorkbookView(buildWorkbook({ ...SEKI_SAMPLE, interimJudgement }, testContext()));
const sekiKpis = seki.goals.flatMap((g) => seki.projectsOf(g.id).flatMap((p) => seki.kpisOf(p.id)));

function byName(view: WorkbookView, name: string): Kpi {
  const all = view.goals.flatMap((g) => [...view.goalKpis(g.id), ...view.projectsOf(g.id).flatMap((p) => view.kpisOf(p.id))]);
  const k = all.find((x) => x.name === name);
  if (!k) throw new Error(`no KPI ${name}`);
  return k;
}

/**
 * Most cases here are judged with interpolated targets adopted (多摩市's way, setting (c)), which
 * shows how interpolation works; "Years without an adopted target" below covers (a) and (b).
 */
function evalIn(view: WorkbookView, name: string, fy: number, preset: PresetId = 'default', judgement: InterimJudgement = 'interpolated'): KpiEvaluation {
  const k = byName(view, name);
  return evaluateKpi(k, view.kpiYearsOf(k.id), fy, presetRankScheme(preset), judgement);
}

/** The projection to the final year beside {@link evalIn}'s evaluation. */
function projectionIn(view: WorkbookView, name: string, fy: number): ReturnType<typeof projectionOf> {
  const k = byName(view, name);
  return projectionOf(k, view.kpiYearsOf(k.id), evalIn(view, name, fy));
}

// ---------------------------------------------------------------------------------------------
// Seed 001 — 山陽小野田市, 地方創生推進交付金事業 A–E (当初 = 令和元年度, targets and actuals R2–R4).

const R2 = 2020;
const R3 = 2021;
const R4 = 2022;

/**
 * {@link SANYO_ONODA} with two changes for the roll-up: A and B, and C, are grouped under two
 * measures (a grouping of ours; the report lists A–E under one heading), and D's
 * 「県及び県内市町全体での評価のため省略」 becomes a KPI evaluated elsewhere, as E's is, so that it is
 * counted as excluded.
 */
function onodaByMeasure(): PlainStrategy {
  const goal = SANYO_ONODA.goals[0]!;
  const [a, b, c, d, e] = goal.projects!;
  const dKpi: PlainKpi = {
    name: '事業D のKPI（県及び県内市町全体で評価）',
    unit: '',
    target: { value: null, status: 'evaluatedElsewhere', text: '県及び県内市町全体での評価のため省略' },
  };
  return {
    ...SANYO_ONODA,
    goals: [
      {
        ...goal,
        measures: [
          { number: '1', title: '交流・にぎわい', projects: [a!, b!] },
          { number: '2', title: '協創のまちづくり', projects: [c!] },
        ],
        projects: [{ ...d!, kpis: [dKpi] }, e!],
      },
    ],
  };
}

const onoda = new WorkbookView(buildWorkbook(onodaByMeasure(), testContext()));

// ---------------------------------------------------------------------------------------------

describe('evaluateKpi', () => {
  describe('関市 (seed 000), 令和2年度 actuals', () => {
    // target: the 令和4年度 KPI目標値; 「〜以上」 targets are thresholds, the others are scaled from
    // 平成30年度 to 令和4年度 (2 of 4 years).
    const cases: {
      name: string;
      target: number;
      source: string;
      verdict: string;
      attainment: number;
      progress: number | null;
      rank: string;
    }[] = [
      { name: 'ビジネスマッチング数（ビジネスプラス展）', target: 90, source: 'threshold', verdict: 'notAchieved', attainment: 0, progress: null, rank: 'D' },
      { name: '関市ビジネスサポートセンターへの相談件数', target: 1620, source: 'threshold', verdict: 'achieved', attainment: 1823 / 1620, progress: null, rank: 'A' },
      { name: '市内全域の観光入込客数', target: 3676, source: 'interpolated', verdict: 'notAchieved', attainment: 2372 / 3676, progress: (2372 - 3534) / (3676 - 3534), rank: 'C' },
      { name: '就農計画認定者数', target: 11, source: 'interpolated', verdict: 'notAchieved', attainment: 1 / 11, progress: (1 - 6) / (11 - 6), rank: 'D' },
      { name: '居住誘導区域内転入人口', target: 622, source: 'threshold', verdict: 'notAchieved', attainment: 508 / 622, progress: null, rank: 'B' },
      { name: '空き家バンクを利用した移住者数', target: 21, source: 'interpolated', verdict: 'notAchieved', attainment: 10 / 21, progress: (10 - 6) / (21 - 6), rank: 'D' },
      { name: '地域子育て支援拠点数（箇所数）', target: 4, source: 'interpolated', verdict: 'achieved', attainment: 7 / 4, progress: 2.5, rank: 'A' },
      { name: '子育て支援の市民満足度（市民アンケート調査結果）', target: 87.5, source: 'threshold', verdict: 'achieved', attainment: 93.5 / 87.5, progress: null, rank: 'A' },
      { name: '高校生まちづくり事業数（企画の実行件数）', target: 5, source: 'interpolated', verdict: 'achieved', attainment: 6 / 5, progress: 1.5, rank: 'A' },
      { name: 'オンライン申請可能な制度数（マイナンバーカード利用）', target: 10, source: 'threshold', verdict: 'achieved', attainment: 1.5, progress: null, rank: 'A' },
    ];

    it('covers every KPI of the sample', () => {
      expect(cases.map((c) => c.name).sort()).toEqual(sekiKpis.map((k) => k.name).sort());
    });

    for (const c of cases) {
      it(`${c.name}: ${c.verdict}, target ${c.target} (${c.source}), rank ${c.rank}`, () => {
        const e = evalIn(seki, c.name, 2020);
        expect(e.verdict).toBe(c.verdict);
        expect(e.target?.value).toBe(c.target);
        expect(e.target?.source).toBe(c.source);
        expect(e.target?.interpolated).toBe(c.source === 'interpolated');
        expect(e.attainment).toBeCloseTo(c.attainment, 10);
        if (c.progress === null) expect(e.progress).toBeNull();
        else expect(e.progress).toBeCloseTo(c.progress, 10);
        expect(e.rank.key).toBe(c.rank);
      });
    }

    it('ビジネスマッチング数 0件 (コロナのため中止) vs 90件以上: not achieved, the remark kept and shown', () => {
      const e = evalIn(seki, 'ビジネスマッチング数（ビジネスプラス展）', 2020);
      expect(e.actual).toBe(0);
      expect(e.remark).toBe('コロナのため中止');
      expect(explain(e)).toBe('達成率 = 0 ÷ 90 = 0%（目標値に届かず未達成、備考: コロナのため中止）');
    });

    it('相談件数 1,823 vs 1,620以上 (below the 1,636 baseline): a threshold, achieved', () => {
      const e = evalIn(seki, '関市ビジネスサポートセンターへの相談件数', 2020);
      expect(e.attainment).toBeCloseTo(1.1253, 4);
      expect(explain(e)).toBe('達成率 = 1,823 ÷ 1,620 = 112.5%（目標値以上で達成）');
    });

    it('観光入込客数 2,372千人 vs 3,676 (3,675.5 rounded to the whole 千人 of the adopted targets) interpolated from 3,534 (平成30年度) to 3,817 (令和4年度)', () => {
      const e = evalIn(seki, '市内全域の観光入込客数', 2020);
      expect(e.target?.from).toEqual({ year: 2018, value: 3534 });
      expect(e.target?.to).toEqual({ year: 2022, value: 3817 });
      expect(explain(e)).toBe(
        '達成率 = 2,372 ÷ 3,676 = 64.5%（目標値 3,676 は平成30年度の 3,534 から令和4年度の 3,817 までを年度で按分、目標値に届かず未達成）',
      );
    });

    it('満足度 93.5% vs 87.5%以上 (target = baseline): judged as a threshold, no 進捗率', () => {
      const e = evalIn(seki, '子育て支援の市民満足度（市民アンケート調査結果）', 2020);
      expect(e.verdict).toBe('achieved');
      expect(e.progress).toBeNull();
      expect(explain(e)).toBe('達成率 = 93.5 ÷ 87.5 = 106.8%（目標値以上で達成）');
    });

    it('拠点数 7 vs 6: achieved against the 令和4年度 target too', () => {
      const k = byName(seki, '地域子育て支援拠点数（箇所数）');
      const years = seki.kpiYearsOf(k.id).map((y) => ({ ...y, fiscalYear: 2022 }));
      const e = evaluateKpi(k, years, 2022);
      expect(e.target).toMatchObject({ value: 6, source: 'final', interpolated: false });
      expect(e.verdict).toBe('achieved');
      expect(e.attainment).toBeCloseTo(7 / 6, 10);
    });

    it('projects 令和4年度 from the 平成30年度 baseline and the 令和2年度 actual', () => {
      const visitors = projectionIn(seki, '市内全域の観光入込客数', 2020);
      expect(visitors).toMatchObject({ method: 'baselineAndActual', year: 2022, projected: 1210, finalTarget: 3817, onTrack: false });
      const consultations = projectionIn(seki, '関市ビジネスサポートセンターへの相談件数', 2020);
      expect(consultations).toMatchObject({ method: 'baselineAndActual', projected: 2010, onTrack: true });
      const bases = projectionIn(seki, '地域子育て支援拠点数（箇所数）', 2020);
      expect(bases).toMatchObject({ projected: 12, onTrack: true });
    });
  });

  describe('山陽小野田市 (seed 001)', () => {
    it('社会動態数 −173 vs 0 (令和3年度): not achieved, 達成率 undefined, 進捗率 −166%', () => {
      const e = evalIn(onoda, '20~39歳の社会動態数（住民基本台帳）', R3);
      expect(e.verdict).toBe('notAchieved');
      expect(e.target).toMatchObject({ value: 0, source: 'yearly', interpolated: false });
      expect(e.attainment).toBeNull();
      expect(e.progress).toBeCloseTo(-108 / 65, 10);
      expect(Math.round((e.progress ?? 0) * 100)).toBe(-166);
      // The 達成率 column falls back to 進捗率 for this KPI: the badge and the sentence say so.
      expect(e.rank).toMatchObject({ key: 'D', label: 'D（進捗率）', measure: 'progress', basis: 'attainment', fallback: true });
      expect(explain(e)).toBe('進捗率 = (−173 − (−65)) ÷ (0 − (−65)) = −166.2%（目標値に届かず未達成、目標値が0のため達成率は計算できず、進捗率で評価）');
      // Under the 進捗率 preset it is the column's own measure: no note.
      const p = evalIn(onoda, '20~39歳の社会動態数（住民基本台帳）', R3, 'progress');
      expect(p.rank).toMatchObject({ key: 'D', label: 'D', fallback: false });
      expect(explain(p)).toBe('進捗率 = (−173 − (−65)) ÷ (0 − (−65)) = −166.2%（目標値に届かず未達成）');
    });

    it('社会動態数: better than 令和2年度 (−339), yet the straight line misses 0 in 令和4年度', () => {
      const e = evalIn(onoda, '20~39歳の社会動態数（住民基本台帳）', R3);
      expect(e.previous).toEqual({ year: R2, value: -339, done: null });
      expect(e.trend).toBe('better');
      expect(projectionIn(onoda, '20~39歳の社会動態数（住民基本台帳）', R3)).toMatchObject({
        method: 'lastTwoActuals',
        year: R4,
        projected: -7,
        finalTarget: 0,
        onTrack: false,
        points: [
          { year: R2, value: -339 },
          { year: R3, value: -173 },
        ],
      });
      expect(evalIn(onoda, '20~39歳の社会動態数（住民基本台帳）', R2).progress).toBeCloseTo(-274 / 65, 10);
    });

    it('ガラス販売額: yearly targets 0 → 10,000,000 → 15,000,000 円; 134,280 in 令和3年度 misses', () => {
      const r2 = evalIn(onoda, 'ブランド化したガラス商品の販売額', R2);
      expect(r2.verdict).toBe('achieved'); // 0 円 vs 0 円: equal counts
      expect(r2.attainment).toBeNull();
      expect(r2.progress).toBeNull();
      expect(r2.rank).toMatchObject({ key: 'A', measure: 'comparison' });
      expect(explain(r2)).toBe('実績値 0 = 目標値 0（目標値以上で達成）');
      const r3 = evalIn(onoda, 'ブランド化したガラス商品の販売額', R3);
      expect(r3.verdict).toBe('notAchieved');
      expect(r3.target).toMatchObject({ value: 10_000_000, source: 'yearly' });
      expect(r3.attainment).toBeCloseTo(0.013428, 10);
      expect(r3.progress).toBeCloseTo(0.013428, 10);
      expect(r3.rank.key).toBe('D');
      expect(explain(r3)).toBe('達成率 = 134,280 ÷ 10,000,000 = 1.3%（目標値に届かず未達成）');
    });

    it('きららガラス未来館 来客数 13,482 vs 13,672: not achieved (達成率 98.6%, 進捗率 81%)', () => {
      const e = evalIn(onoda, 'きららガラス未来館の来客数', R3);
      expect(e.verdict).toBe('notAchieved');
      expect(e.attainment).toBeCloseTo(13482 / 13672, 10);
      expect(e.progress).toBeCloseTo(0.81, 10);
      expect(e.rank.key).toBe('B');
      expect(e.trend).toBe('better');
      expect(projectionIn(onoda, 'きららガラス未来館の来客数', R3)).toMatchObject({ method: 'lastTwoActuals', projected: 18_948, finalTarget: 15_672, onTrack: true });
      // 令和2年度: target = baseline (12,672): no 進捗率, a threshold.
      const r2 = evalIn(onoda, 'きららガラス未来館の来客数', R2);
      expect(r2.verdict).toBe('notAchieved');
      expect(r2.progress).toBeNull();
      expect(r2.attainment).toBeCloseTo(8016 / 12672, 10);
      expect(r2.rank.key).toBe('C');
    });

    it('商品数 33 vs 5: achieved; 健康づくり実施箇所数 80 vs 50 and 122 vs 60: achieved', () => {
      const items = evalIn(onoda, 'ブランド化したガラス商品数', R3);
      expect(items.verdict).toBe('achieved');
      expect(items.attainment).toBeCloseTo(6.6, 10);
      expect(items.progress).toBeCloseTo(6.6, 10);
      expect(explain(items)).toBe('達成率 = 33 ÷ 5 = 660%（目標値以上で達成）');
      expect(evalIn(onoda, 'スマイルエイジング月間の健康づくり実施箇所数', R2).attainment).toBeCloseTo(1.6, 10);
      expect(evalIn(onoda, 'スマイルエイジング月間の健康づくり実施箇所数', R3).verdict).toBe('achieved');
    });

    it('観光客数 816,325 vs 1,117,438: not achieved, 進捗率 far below zero', () => {
      const e = evalIn(onoda, '観光客数', R3);
      expect(e.verdict).toBe('notAchieved');
      expect(e.attainment).toBeCloseTo(816325 / 1117438, 10);
      expect(e.progress).toBeCloseTo(-256113 / 45000, 10);
      expect(e.rank.key).toBe('C');
    });

    it('就職率 9.1% vs 10.0% and 住みたい割合 77.0% vs 80.0%: not achieved; 住みたい割合 got worse', () => {
      const jobs = evalIn(onoda, '山口東京理科大学生の市内就職率', R3);
      expect(jobs.verdict).toBe('notAchieved');
      expect(jobs.attainment).toBeCloseTo(0.91, 10);
      expect(jobs.progress).toBeCloseTo(4.6 / 5.5, 10);
      expect(jobs.trend).toBe('better');
      const stay = evalIn(onoda, '山陽小野田市にずっと住みたいと感じる市民の割合', R3);
      expect(stay.verdict).toBe('notAchieved');
      expect(stay.attainment).toBeCloseTo(77 / 80, 10);
      expect(stay.trend).toBe('worse');
      expect(stay.previous?.value).toBe(79);
    });

    it('SPCの設立 (milestone, 1事業体 in 令和4年度): not due in 令和3年度, pending in 令和4年度 without an actual', () => {
      const r3 = evalIn(onoda, 'SPC（特定目的会社）の設立', R3);
      expect(r3).toMatchObject({ verdict: 'excluded', reason: 'notDue', target: null });
      expect(r3.rank.evaluable).toBe(false);
      expect(explain(r3)).toBe('目標年度（令和4年度）前で未了のため評価対象外');
      const r4 = evalIn(onoda, 'SPC（特定目的会社）の設立', R4);
      expect(r4).toMatchObject({ verdict: 'pending', reason: 'noActual' });
      expect(r4.target).toMatchObject({ value: 1, source: 'final' });
    });

    it('SPCの設立: 0事業体 in 令和4年度 is not achieved, 1事業体 is achieved, 設立 in 令和3年度 is achieved early', () => {
      const k = byName(onoda, 'SPC（特定目的会社）の設立');
      const year = (fiscalYear: number, actual: object) => ({ ...onoda.kpiYearsOf(byName(onoda, '観光客数').id)[0]!, kpiId: k.id, fiscalYear, target: null, actual: { value: null, ...actual } });
      expect(evaluateKpi(k, [year(R4, { value: 0 })], R4).verdict).toBe('notAchieved');
      const done = evaluateKpi(k, [year(R4, { value: 1 })], R4);
      expect(done).toMatchObject({ verdict: 'achieved', done: true, attainment: null, progress: null });
      expect(done.rank).toMatchObject({ key: 'A', measure: 'milestone' });
      expect(explain(done)).toBe('目標「SPCの設立 1事業体」を達成');
      const early = evaluateKpi(k, [year(R3, { text: '設立', done: true })], R3);
      expect(early).toMatchObject({ verdict: 'achieved', done: true });
      expect(projectionOf(k, [year(R3, { text: '設立', done: true })], early)).toMatchObject({ method: 'milestone', onTrack: true });
      expect(explain(early)).toBe('目標「SPCの設立 1事業体」（令和4年度）を前倒しで達成');
    });

    it('projects D and E (県全体での評価のため省略) are excluded, never 未達成', () => {
      const d = evalIn(onoda, '事業D のKPI（県及び県内市町全体で評価）', R3);
      expect(d).toMatchObject({ verdict: 'excluded', reason: 'evaluatedElsewhere' });
      const e = evalIn(onoda, '事業E のKPI（県央7市町全体で評価）', R3);
      expect(e).toMatchObject({ verdict: 'excluded', reason: 'evaluatedElsewhere' });
      expect(explain(e)).toBe('県全体など他の単位で評価するため評価対象外');
    });
  });

  describe('室蘭市 (seed 003)', () => {
    // The sheets print 新規就業者数 on 1-04 (0人), 1-05 (3人) and 1-06 (12人); the cases below look
    // KPIs up by name and mean 1-06's, so 1-04 and 1-05 are left out here.
    const muroran = new WorkbookView(
      buildWorkbook(
        { ...MURORAN, goals: MURORAN.goals.map((g) => ({ ...g, projects: (g.projects ?? []).filter((p) => p.number !== '1-04' && p.number !== '1-05') })) },
        testContext(),
      ),
    );

    it('新規就業者数 12 vs 10 (平成28年度 target): achieved', () => {
      const e = evalIn(muroran, '新規就業者数', 2016);
      expect(e.verdict).toBe('achieved');
      expect(e.target).toMatchObject({ value: 10, source: 'yearly' });
      expect(e.attainment).toBeCloseTo(1.2, 10);
      expect(e.cumulative).toBe(true);
    });

    it('アンケート未実施: pending, not 未達成', () => {
      const e = evalIn(muroran, '室蘭での営業・操業が経営課題となっていると回答する企業の割合', 2016);
      expect(e).toMatchObject({ verdict: 'pending', reason: 'notConducted', attainment: null });
      expect(e.rank).toMatchObject({ key: 'unevaluable', evaluable: false, label: '−' });
      expect(explain(e)).toBe('調査等が未実施のため評価保留');
    });

    it('構想策定: a milestone done, achieved', () => {
      const e = evalIn(muroran, '西胆振版「生涯活躍のまち」構想の策定及び推進', 2016);
      expect(e).toMatchObject({ verdict: 'achieved', done: true });
      expect(explain(e)).toBe('目標「策定」（令和元年度）を前倒しで達成');
    });

    it('累計 50人 [平成27~31年度] with 8人 [平成27~28年度]: 2 of 5 years → 20人, not achieved; the statistic period kept', () => {
      const e = evalIn(muroran, 'UIJターン促進による新規就業者数', 2016);
      expect(e.baseline).toMatchObject({ value: 0, year: 2014, implicit: true });
      expect(e.target).toMatchObject({ value: 20, source: 'interpolated', from: { year: 2014, value: 0 }, to: { year: 2019, value: 50 } });
      expect(e.verdict).toBe('notAchieved');
      expect(e.attainment).toBeCloseTo(0.4, 10);
      expect(e.statPeriod).toBe('平成27~28年度');
      expect(explain(e)).toBe(
        '達成率 = 8 ÷ 20 = 40%（目標値 20 は平成26年度の 0 から令和元年度の 50 までを年度で按分、目標値に届かず未達成、統計期間: 平成27~28年度）',
      );
    });

    it('約110人 of 400人 (累計): approximate, compared as entered', () => {
      const e = evalIn(muroran, '市の施策により創出する新規雇用者数', 2016);
      expect(e).toMatchObject({ verdict: 'notAchieved', approximate: true, actual: 110 });
      expect(e.target?.value).toBe(160);
      expect(explain(e)).toContain('概数');
    });
  });
});

describe('rankOf', () => {
  // 関市 令和2年度, in the sample's order, under every preset.
  const expected: Record<PresetId, string[]> = {
    default: ['D', 'A', 'C', 'D', 'B', 'D', 'A', 'A', 'A', 'A'],
    progress: ['D', 'A', 'D', 'D', 'B', 'D', 'A', 'A', 'A', 'A'],
    nagano: ['needsEffort', 'onTrack', 'needsEffort', 'needsEffort', 'mostlyOnTrack', 'needsEffort', 'onTrack', 'onTrack', 'onTrack', 'onTrack'],
    osakaLibrary: ['D', 'A', 'C', 'D', 'B', 'D', 'A', 'B', 'A', 'A'],
    ino: ['noProgress', 'above', 'noProgress', 'noProgress', 'noProgress', 'missed', 'above', 'above', 'above', 'above'],
    nagayo: ['C', 'S', 'C', 'C', 'C', 'A', 'S', 'S', 'S', 'S'],
    tama: ['C', 'A', 'C', 'C', 'B', 'C', 'A', 'A', 'A', 'A'],
  };
  for (const [preset, keys] of Object.entries(expected) as [PresetId, string[]][]) {
    it(`関市 令和2年度 under the ${preset} preset`, () => {
      const scheme = presetRankScheme(preset);
      expect(sekiKpis.map((k) => evaluateKpi(k, seki.kpiYearsOf(k.id), 2020, scheme, 'interpolated').rank.key)).toEqual(keys);
    });
  }

  it('長与町: 住みたい割合 77.0% vs baseline 73.4% is within ±10% (B); 就職率 9.1% vs 4.5% is above (A)', () => {
    const stay = evalIn(onoda, '山陽小野田市にずっと住みたいと感じる市民の割合', R3, 'nagayo');
    expect(stay.rank).toMatchObject({ key: 'B', measure: 'baselineChange' });
    expect(stay.rank.ratio).toBeCloseTo(3.6 / 73.4, 10);
    expect(explain(stay)).toBe('基準値比 = (77 − 73.4) ÷ 73.4 = 4.9%（目標値に届かず未達成）');
    expect(evalIn(onoda, '山口東京理科大学生の市内就職率', R3, 'nagayo').rank.key).toBe('A');
  });

  it('多摩市 ranks 来客数 against the year-scaled target 14,672 (not the yearly 13,672): 40.5% → C', () => {
    const e = evalIn(onoda, 'きららガラス未来館の来客数', R3, 'tama');
    expect(e.interimTarget).toBe(14_672);
    expect(e.interimProgress).toBeCloseTo(810 / 2000, 10);
    expect(e.rank).toMatchObject({ key: 'C', measure: 'interim' });
    expect(explain(e)).toBe(
      '進捗率（年度按分） = (13,482 − 12,672) ÷ (14,672 − 12,672) = 40.5%（14,672 は基準値から最終目標値までを年度で按分した令和3年度の値、目標値に届かず未達成）',
    );
  });

  it('長野県: 来客数 進捗率 81% → おおむね順調; 社会動態数 −166% → 努力を要する', () => {
    expect(evalIn(onoda, 'きららガラス未来館の来客数', R3, 'nagano').rank).toMatchObject({ key: 'mostlyOnTrack', label: 'おおむね順調', symbol: '○' });
    expect(evalIn(onoda, '20~39歳の社会動態数（住民基本台帳）', R3, 'nagano').rank.label).toBe('努力を要する');
  });

  it('いの町: ガラス商品の販売額 0 vs 0 is ○ (equal), 33 vs 5 is ◎, 社会動態数 −173 below −65 is ×', () => {
    expect(evalIn(onoda, 'ブランド化したガラス商品数', R2, 'ino').rank).toMatchObject({ key: 'equal', symbol: '○' });
    expect(evalIn(onoda, 'ブランド化したガラス商品数', R3, 'ino').rank).toMatchObject({ key: 'above', symbol: '◎' });
    const social = evalIn(onoda, '20~39歳の社会動態数（住民基本台帳）', R3, 'ino');
    expect(social.rank).toMatchObject({ key: 'noProgress', symbol: '×' });
    expect(explain(social)).toBe('進捗率 = (−173 − (−65)) ÷ (0 − (−65)) = −166.2%（目標値に届かず未達成、基準値 −65 から改善なし）');
    expect(evalIn(onoda, '観光客数', R3, 'ino').rank.key).toBe('noProgress');
    expect(evalIn(onoda, '山口東京理科大学生の市内就職率', R3, 'ino').rank).toMatchObject({ key: 'missed', symbol: '△' });
  });
});

describe('rollUp', () => {
  it('山陽小野田市 令和3年度: 2 achieved of 8 evaluated; 3 excluded (SPC not due, D, E) left out of the denominator', () => {
    const r = rollUp(onoda, R3);
    expect(r.strategy).toMatchObject({ total: 11, evaluated: 8, pending: 0, excluded: 3 });
    expect(r.strategy.byVerdict).toEqual({ achieved: 2, notAchieved: 6, pending: 0, excluded: 3 });
    expect(r.strategy.achievedShare).toBe(0.25);
    expect(r.strategy.byRank).toEqual({ A: 2, B: 3, C: 1, D: 2, unevaluable: 3 });
    const names = (ids: string[]) => ids.map((id) => onoda.kpi(id)?.name);
    expect(names(r.strategy.notAchievedIds)).toEqual([
      'ブランド化したガラス商品の販売額',
      'きららガラス未来館の来客数',
      '観光客数',
      '20~39歳の社会動態数（住民基本台帳）',
      '山口東京理科大学生の市内就職率',
      '山陽小野田市にずっと住みたいと感じる市民の割合',
    ]);
  });

  it('山陽小野田市 令和3年度 per measure and project', () => {
    const r = rollUp(onoda, R3);
    const [m1, m2] = r.goals[0]!.measures;
    expect(m1!.tally).toMatchObject({ total: 6, evaluated: 5, excluded: 1 });
    expect(m1!.tally.achievedShare).toBeCloseTo(2 / 5, 10);
    expect(m2!.tally).toMatchObject({ total: 3, evaluated: 3, achievedShare: 0 });
    const projectA = r.goals[0]!.projects.find((p) => onoda.project(p.projectId)?.number === 'A')!;
    expect(projectA.tally.byVerdict).toEqual({ achieved: 1, notAchieved: 2, pending: 0, excluded: 0 });
    const projectD = r.goals[0]!.projects.find((p) => onoda.project(p.projectId)?.number === 'D')!;
    expect(projectD.tally).toMatchObject({ total: 1, evaluated: 0, achievedShare: null, excluded: 1 });
  });

  it('関市 令和2年度 with interpolated targets adopted: 5 of 10 achieved; per goal 1/4, 0/2, 2/2, 2/2', () => {
    const r = rollUp(sekiWith('interpolated'), 2020);
    expect(r.strategy).toMatchObject({ total: 10, evaluated: 10, achievedShare: 0.5, pending: 0, excluded: 0 });
    expect(r.goals.map((g) => [g.tally.byVerdict.achieved, g.tally.evaluated])).toEqual([
      [1, 4],
      [0, 2],
      [2, 2],
      [2, 2],
    ]);
    expect(r.strategy.ranks.map((x) => `${x.symbol}${x.label}:${x.count}`)).toEqual(['◎A:5', '○B:1', '△C:1', '×D:3', '−−:0']);
  });
});

// ---------------------------------------------------------------------------------------------
// Years without an adopted target (年度目標がない年度の判定)

describe('years without an adopted target', () => {
  const order = sekiKpis.map((k) => k.name);
  const verdicts = (view: WorkbookView, fy = 2020) => {
    const r = rollUp(view, fy);
    return order.map((name) => {
      const e = r.evaluations.get(byName(view, name).id)!;
      return e.verdict === 'excluded' ? `${e.verdict}:${e.reason}` : e.verdict;
    });
  };

  it('the sample judges the final year only, as 関市 did: no 達成 / 未達成 in 令和2年度 at all', () => {
    expect(seki.strategy.interimJudgement).toBe('finalYearOnly');
    expect(new Set(verdicts(seki))).toEqual(new Set(['excluded:beforeFinalYear']));
    const r = rollUp(seki, 2020);
    expect(r.strategy).toMatchObject({ total: 10, evaluated: 0, achievedShare: null, excluded: 10 });
    const e = evaluateKpi(byName(seki, '市内全域の観光入込客数'), seki.kpiYearsOf(byName(seki, '市内全域の観光入込客数').id), 2020, null, 'finalYearOnly');
    expect(e.target).toBeNull();
    expect(e.referenceTarget).toMatchObject({ value: 3676, source: 'interpolated' });
    expect(verdictLabel(e)).toBe('判定なし');
    expect(explain(e)).toBe(
      '令和4年度の最終目標値 3,817 に対する進捗率 = (2,372 − 3,534) ÷ (3,817 − 3,534) = −410.7%（最終目標年度（令和4年度）まで達成・未達成は判定しない、参考: 按分値 3,676（採用された目標ではない））',
    );
  });

  it('adopted targets only (the default): thresholds every year, early achievement against the final target, else no verdict', () => {
    const view = sekiWith('adoptedOnly');
    expect(verdicts(view)).toEqual([
      'notAchieved', // ビジネスマッチング数: 90件以上 holds every year
      'achieved', // 相談件数: 1,620件以上
      'excluded:noAdoptedTarget', // 観光入込客数 2,372 < 3,817
      'excluded:noAdoptedTarget', // 就農計画認定者数 1 < 15
      'notAchieved', // 居住誘導区域内転入人口: 622人以上
      'excluded:noAdoptedTarget', // 空き家バンク 10 < 35
      'achieved', // 地域子育て支援拠点数 7 ≥ the final 6: early
      'achieved', // 満足度 87.5%以上
      'achieved', // 高校生まちづくり事業数 6 ≥ the final 6: early
      'achieved', // オンライン申請 10以上
    ]);
    const base = byName(view, '地域子育て支援拠点数（箇所数）');
    const e = evaluateKpi(base, view.kpiYearsOf(base.id), 2020);
    expect(e).toMatchObject({ early: true, target: { value: 6, source: 'final' }, referenceTarget: { value: 4 } });
    expect(explain(e)).toBe('達成率 = 7 ÷ 6 = 116.6%（令和4年度の最終目標値と比較、最終目標値を前倒しで達成）');
    const farm = byName(view, '就農計画認定者数');
    const f = evaluateKpi(farm, view.kpiYearsOf(farm.id), 2020);
    expect(f.rank.evaluable).toBe(false);
    expect(f.finalProgress).toBeCloseTo(-5 / 9, 12);
    expect(explain(f)).toBe(
      '令和4年度の最終目標値 15 に対する進捗率 = (1 − 6) ÷ (15 − 6) = −55.6%（年度目標がないため達成・未達成は判定しない（令和4年度の最終目標値で判定）、参考: 按分値 11（採用された目標ではない））',
    );
    const r = rollUp(view, 2020);
    expect(r.strategy).toMatchObject({ total: 10, evaluated: 7, excluded: 3 });
  });

  it('in the final year every setting judges against the final target', () => {
    for (const j of ['adoptedOnly', 'finalYearOnly', 'interpolated'] as const) {
      const view = sekiWith(j);
      const k = byName(view, '市内全域の観光入込客数');
      const e = evaluateKpi(k, [...view.kpiYearsOf(k.id), ...[]], 2022, null, j);
      expect(e.target?.source).toBe('final');
      expect(e.verdict).toBe('pending'); // no 令和4年度 actual in the sample
    }
  });

  it('interpolated values are rounded to the unit\'s sense: whole people, else the adopted targets\' precision', () => {
    const onodaKpi = byName(onoda, 'きららガラス未来館の来客数');
    expect(onodaKpi.unit).toBe('人');
    const pct = evalIn(onoda, '山陽小野田市にずっと住みたいと感じる市民の割合', R3, 'default', 'interpolated');
    if (pct.target?.interpolated) expect(String(pct.target.value).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(1);
  });
});
