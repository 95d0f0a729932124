// Consistency hints over small hand-made projects: each hint where it applies and where it must
// stay quiet, its message, what it is about, and the order of the list.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi, PlainProject, PlainProjectYear } from '../../../src/domain/sample/types';
import { WorkbookView } from '../../../src/domain/workbook';
import type { Measurement } from '../../../src/domain/entities/measurement';
import { consistencyHints, HINT_CODES, type ConsistencyHint } from '../../../src/domain/verification';
import { testContext } from '../../support/context';

const R3 = 2021;
const R6 = 2024;

function hintsOf(kpis: PlainKpi[], year: Omit<PlainProjectYear, 'fiscalYear'> | null, extra: Partial<PlainProject> = {}, fy = R3): ConsistencyHint[] {
  const view = new WorkbookView(
    buildWorkbook(
      {
        municipality: 'テスト市',
        name: 'テスト市総合戦略',
        startYear: 2020,
        endYear: R6,
        goals: [{ number: '1', title: '基本目標1', projects: [{ number: 'P', name: '事業P', departments: ['企画課'], kpis, years: year ? [{ fiscalYear: R3, ...year }] : [], ...extra }] }],
      },
      testContext(),
    ),
  );
  return consistencyHints(view, view.projectsOf(view.goals[0]!.id)[0]!.id, fy);
}

const kpi = (actual: Measurement | null, shortfallReason = '', name = '指標'): PlainKpi => ({
  name,
  unit: '件',
  target: { value: 10 },
  targetYear: R6,
  years: [{ fiscalYear: R3, target: { value: 10 }, ...(actual ? { actual } : {}), shortfallReason }],
});
const hit = () => kpi({ value: 12 });
const miss = (reason = '理由あり') => kpi({ value: 8 }, reason);
const collecting = () => kpi({ value: null, status: 'collecting' });
const elsewhere = () => kpi({ value: null, status: 'evaluatedElsewhere' });

/** An evaluation with every reason written. */
const evaluated = (fields: Partial<PlainProjectYear>): Omit<PlainProjectYear, 'fiscalYear'> => ({
  effectivenessReason: '理由',
  policyReason: '理由',
  revisionReason: '理由',
  ...fields,
});

const codes = (hints: ConsistencyHint[]) => hints.map((h) => h.code);
const messages = (hints: ConsistencyHint[]) => hints.map((h) => h.message);

describe('事業の評価 against the numbers', () => {
  it('「有効であった」 while every evaluated KPI missed', () => {
    const hints = hintsOf([miss(), miss(), collecting()], evaluated({ effectiveness: 'effective' }));
    expect(messages(hints)).toEqual(['事業の評価が「総合戦略のKPI達成に有効であった」ですが、評価できた成果目標（2件）はいずれも令和3年度目標に届いていません。']);
    expect(hints[0]).toMatchObject({ code: 'effectiveButAllMissed', blocking: false, subject: '事業の評価', target: { record: 'projectYear', field: 'effectiveness' }, params: { evaluated: 2, fiscalYear: R3 } });
  });

  it('stays quiet when one KPI was achieved, or when nothing could be evaluated', () => {
    expect(hintsOf([miss(), hit()], evaluated({ effectiveness: 'effective' }))).toEqual([]);
    expect(hintsOf([collecting(), elsewhere()], evaluated({ effectiveness: 'effective' }))).toEqual([]);
    expect(hintsOf([], evaluated({ effectiveness: 'effective' }))).toEqual([]);
  });

  it('「有効とは言えなかった」 while every evaluated KPI was achieved', () => {
    expect(messages(hintsOf([hit(), elsewhere()], evaluated({ effectiveness: 'notEffective' })))).toEqual([
      '事業の評価が「総合戦略のKPI達成に有効とは言えなかった」ですが、評価できた成果目標は令和3年度目標を達成しています。',
    ]);
    expect(hintsOf([hit(), miss()], evaluated({ effectiveness: 'notEffective' }))).toEqual([]);
  });
});

describe('今後の方針', () => {
  it('「更に発展させる」 while every evaluated KPI missed', () => {
    const hints = hintsOf([miss()], evaluated({ policy: 'expand' }));
    expect(messages(hints)).toEqual(['今後の方針が「事業が効果的なため、更に発展させる」ですが、評価できた成果目標は令和3年度目標に届いていません。']);
    expect(hints[0]?.subject).toBe('今後の方針');
    expect(hintsOf([miss(), hit()], evaluated({ policy: 'expand' }))).toEqual([]);
  });

  it('「終了」 on a project whose 事業期間 continues after the year', () => {
    const hints = hintsOf([hit()], evaluated({ policy: 'complete' }), { periodStart: 2020, periodEnd: R6 });
    expect(messages(hints)).toEqual(['今後の方針が「当初予定どおり事業を終了する」ですが、事業期間は令和6年度まで続いています。今後の方針か事業期間を確認してください。']);
    expect(hints[0]).toMatchObject({ code: 'completedWhilePeriodContinues', subject: '今後の方針と事業期間', params: { periodEnd: R6, fiscalYear: R3 } });
  });

  it('「中止」 on a project whose 事業期間 continues: the period is to be revised too', () => {
    expect(messages(hintsOf([hit()], evaluated({ policy: 'discontinue' }), { periodEnd: 2023 }))).toEqual([
      '今後の方針が「継続的な事業実施を予定していたが中止する」ですが、事業期間は令和5年度までのままです。中止する場合は事業期間も見直してください。',
    ]);
  });

  it('stays quiet in the last year of the period, without a period, and for the other choices', () => {
    expect(hintsOf([hit()], evaluated({ policy: 'complete' }), { periodEnd: R3 })).toEqual([]);
    expect(hintsOf([hit()], evaluated({ policy: 'discontinue' }), { periodEnd: 2020 })).toEqual([]);
    expect(hintsOf([hit()], evaluated({ policy: 'complete' }))).toEqual([]);
    expect(hintsOf([hit()], evaluated({ policy: 'continue' }), { periodEnd: R6 })).toEqual([]);
  });
});

describe('reasons', () => {
  it('a missed KPI without 未達理由 (blank counts as none); pending and achieved KPIs need none', () => {
    const hints = hintsOf([kpi({ value: 8 }, '  ', '来客数'), hit(), collecting(), miss()], null);
    expect(messages(hints)).toEqual(['成果目標①（来客数）は令和3年度目標に届いていませんが、未達理由が入力されていません。']);
    expect(hints[0]).toMatchObject({ code: 'shortfallReasonMissing', subject: '成果目標①（来客数）の未達理由', target: { record: 'kpiYear', field: 'shortfallReason' } });
  });

  it('総合戦略見直し 「必要」 without a reason', () => {
    const hints = hintsOf([hit()], evaluated({ revision: 'needed', revisionReason: '' }));
    expect(messages(hints)).toEqual(['総合戦略見直しの必要性が「見直しが必要」ですが、見直しの理由が入力されていません。']);
    expect(hints[0]).toMatchObject({ code: 'revisionNeededWithoutReason', subject: '総合戦略見直しの必要性', params: {} });
  });

  it('a choice made and its reason left empty, for each of the three questions', () => {
    const hints = hintsOf([hit()], { effectiveness: 'effective', policy: 'continue', revision: 'notNeeded' });
    expect(codes(hints)).toEqual(['reasonMissing', 'reasonMissing', 'reasonMissing']);
    expect(hints.map((h) => h.params)).toEqual([
      { field: 'effectiveness', choice: 'effective' },
      { field: 'policy', choice: 'continue' },
      { field: 'revision', choice: 'notNeeded' },
    ]);
    expect(messages(hints)).toEqual([
      '事業の評価で「総合戦略のKPI達成に有効であった」が選ばれていますが、事業の評価に対する意見・理由が入力されていません。',
      '今後の方針で「特に見直しをせず、事業を継続する」が選ばれていますが、今後の方針に対する理由が入力されていません。',
      '総合戦略見直しの必要性で「見直す必要はない」が選ばれていますが、総合戦略の見直しの必要性に対する理由が入力されていません。',
    ]);
  });

  it('no choice, no reason asked for', () => {
    expect(hintsOf([hit()], { progress: '実施した。' })).toEqual([]);
  });
});

describe('財源内訳 and 決算', () => {
  it('a sum that differs from 決算', () => {
    const hints = hintsOf([], { settlement: 6221, fundNational: 2500, fundGeneral: 3712 });
    expect(messages(hints)).toEqual(['財源内訳の合計（6,212千円）が決算額（6,221千円）と一致しません。']);
    expect(hints[0]).toMatchObject({ code: 'fundsMismatch', subject: '財源内訳と決算', target: { record: 'projectYear', field: 'settlement' }, params: { sum: 6212, settlement: 6221, unit: '千円' } });
  });

  it('in 円, and every fund counted (国・県, 地方債, その他, 一般財源)', () => {
    expect(messages(hintsOf([], { moneyUnit: '円', settlement: 1000, fundNational: 100, fundBonds: 200, fundOther: 300, fundGeneral: 399 }))).toEqual([
      '財源内訳の合計（999円）が決算額（1,000円）と一致しません。',
    ]);
    expect(hintsOf([], { moneyUnit: '円', settlement: 1000, fundNational: 100, fundBonds: 200, fundOther: 300, fundGeneral: 400 })).toEqual([]);
  });

  it('no hint for sums that agree up to arithmetic noise, or when either side is not entered', () => {
    expect(hintsOf([], { settlement: 0.3, fundNational: 0.1, fundGeneral: 0.2 })).toEqual([]);
    expect(hintsOf([], { settlement: 4956, fundNational: 4588, fundGeneral: 368 })).toEqual([]);
    expect(hintsOf([], { settlement: 4956 })).toEqual([]);
    expect(hintsOf([], { fundGeneral: 368 })).toEqual([]);
  });
});

describe('the list', () => {
  it('in the order of the evaluation sheet: 財源内訳, KPIs, 事業の評価, 今後の方針, 総合戦略見直し', () => {
    const hints = hintsOf(
      [miss(''), miss('')],
      { settlement: 100, fundGeneral: 90, effectiveness: 'effective', policy: 'expand', revision: 'needed' },
      { periodEnd: R6 },
    );
    expect(codes(hints)).toEqual([
      'fundsMismatch',
      'shortfallReasonMissing',
      'shortfallReasonMissing',
      'effectiveButAllMissed',
      'reasonMissing',
      'expandButAllMissed',
      'reasonMissing',
      'revisionNeededWithoutReason',
    ]);
    expect(hints.every((h) => h.blocking === false && h.fiscalYear === R3 && h.message !== '' && h.subject !== '')).toBe(true);
    expect(new Set(HINT_CODES).size).toBe(HINT_CODES.length);
  });

  it('another year, or an unknown project, gives no hints', () => {
    expect(hintsOf([miss('')], evaluated({ effectiveness: 'effective' }), {}, 2022)).toEqual([]);
    const view = new WorkbookView(buildWorkbook({ municipality: 'x', name: 'x', startYear: 2020, endYear: 2024, goals: [] }, testContext()));
    expect(consistencyHints(view, 'no-such-project', R3)).toEqual([]);
  });
});
