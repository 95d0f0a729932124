// The 検証結果まとめ composed in the published style (compose.ts) over small hand-made projects:
// a year without an adopted target states no verdict, the next step comes from 今後の方針, the
// project's 事業概要 stands in for an empty 実施内容, and the text is the same for the same data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi, PlainProject, PlainProjectYear } from '../../../src/domain/sample/types';
import { WorkbookView } from '../../../src/domain/workbook';
import type { InterimJudgement } from '../../../src/domain/achievement';
import { asSentences, composeSummary } from '../../../src/domain/verification';
import { VERIFICATION_EN } from '../../../src/domain/verification/catalog-en';
import { testContext } from '../../support/context';

const R3 = 2021;
const R6 = 2024;

function project(kpis: PlainKpi[], years: PlainProjectYear[] = [], extra: Partial<PlainProject> = {}, interimJudgement?: InterimJudgement) {
  const view = new WorkbookView(
    buildWorkbook(
      {
        municipality: 'テスト市',
        name: 'テスト市総合戦略',
        startYear: 2020,
        endYear: R6,
        interimJudgement,
        goals: [{ number: '1', title: '基本目標1', projects: [{ number: 'P', name: '事業P', departments: ['企画課'], kpis, years, ...extra }] }],
      },
      testContext(),
    ),
  );
  const id = view.projectsOf(view.goals[0]!.id)[0]!.id;
  return { view, id, compose: (fy = R3) => composeSummary(view, id, fy) };
}

const visitors: PlainKpi = {
  name: '観光客数',
  unit: '人',
  baseline: { value: 1000 },
  baselineYear: 2019,
  target: { value: 2000 },
  targetYear: R6,
  years: [{ fiscalYear: R3, actual: { value: 1200 } }],
};

describe('composeSummary', () => {
  it('a year without an adopted target: the actual and the final target, no 達成 / 届かなかった', () => {
    const text = project([visitors], [], {}, 'finalYearOnly').compose().text;
    expect(text).toBe('成果目標「観光客数」の令和3年度の実績は1,200人（令和6年度の最終目標2,000人）である。成果目標の達成・未達成は最終目標年度（令和6年度）に判定する。');
    expect(text).not.toMatch(/達成した|届かなかった|達成率/);
  });

  it('the same KPI judged against an interpolated target says so, with its rate', () => {
    const text = project([visitors], [], {}, 'interpolated').compose().text;
    // baseline 1,000 (2019) → 2,000 (2024): 令和3年度 = 1,400; 1,200 ÷ 1,400 = 85.7%
    expect(text).toBe('成果目標「観光客数」は、実績1,200人（按分した令和3年度目標1,400人、達成率85.7%）で、目標に届かなかった。');
  });

  it('事業概要 stands in for an empty 実施内容; the next step is 今後の方針 and its reason', () => {
    const d = project(
      [],
      [{ fiscalYear: R3, policy: 'improve', policyReason: '・相談会の回数を増やす\n・SNSで発信する', effectiveness: 'effective' }],
      { summary: '首都圏で移住相談会に出展し、個別相談を行う' },
    ).compose();
    expect(d.text).toBe(
      '本事業は、首都圏で移住相談会に出展し、個別相談を行う。本事業は総合戦略のKPI達成に有効であった。今後は事業内容の見直し（改善）を行う。相談会の回数を増やす。SNSで発信する。',
    );
    expect(d.sentences.map((s) => s.kind)).toEqual(['did', 'evaluation', 'policy', 'policy']);
  });

  it('a missed KPI without 未達理由 gets no reason sentence; a pending one is never called missed', () => {
    const d = project([
      { name: '相談件数', unit: '件', years: [{ fiscalYear: R3, target: { value: 10 }, actual: { value: 8 } }] },
      { name: '移住者数', unit: '人', years: [{ fiscalYear: R3, target: { value: 5 }, actual: { value: null, status: 'collecting' } }] },
    ]).compose();
    expect(d.text).toBe(
      '成果目標①「相談件数」は、実績8件（令和3年度目標10件、達成率80%）で、目標に届かなかった。成果目標②「移住者数」は実績値が集計中のため、評価は次年度に行う。',
    );
  });

  it('English words from the English catalog', () => {
    const { view, id } = project([{ name: 'Visitors', unit: '人', years: [{ fiscalYear: R3, target: { value: 10 }, actual: { value: 12 } }] }]);
    expect(composeSummary(view, id, R3, null, VERIFICATION_EN).text).toBe('The KPI "Visitors" met its target with an actual of 12人 (FY2021 (R3) target 10人, 120% attained).');
  });

  it('a missed verdict always comes with a rate under 100%, an achieved one with at least 100% (random figures)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), (target, actual) => {
        const text = project([{ name: 'X', unit: '件', years: [{ fiscalYear: R3, target: { value: target }, actual: { value: actual } }] }]).compose().text;
        const rate = Number(/達成率([\d,.]+)%/.exec(text)![1]!.replace(/,/g, ''));
        if (text.endsWith('目標を達成した。')) expect(rate).toBeGreaterThanOrEqual(100);
        else {
          expect(text.endsWith('目標に届かなかった。')).toBe(true);
          expect(rate).toBeLessThan(100);
        }
      }),
      { numRuns: 60, seed: 20261207 },
    );
  });
});

describe('asSentences', () => {
  it('drops list marks and blank lines and ends each line with 。', () => {
    expect(asSentences('・出展した\n\n- 相談20件。\r\n')).toBe('出展した。相談20件。');
  });
});
