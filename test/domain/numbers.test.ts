import { describe, expect, it } from 'vitest';
import type { Measurement } from '../../src/domain/entities/measurement';
import {
  formatMeasurement,
  formatNumber,
  normalizeWidth,
  parseAmount,
  parseMeasurement,
  proposeMilestoneDone,
  type MeasurementParseError,
  type MeasurementParseResult,
  type MeasurementTarget,
} from '../../src/domain/numbers';
import { parse, parseErrorMessageKey } from '../../src/i18n/ja/parse';

const numeric = (unit: string): MeasurementTarget => ({ unit, kind: 'numeric' });
const milestone = (unit: string): MeasurementTarget => ({ unit, kind: 'milestone' });

/** The measurement of a successful parse; fails the test otherwise. */
function ok(result: MeasurementParseResult): Measurement | null {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return result.measurement;
}

/** The value alone, for the many cases where nothing surrounds the number. */
function valueOf(input: string, unit: string): number | null | undefined {
  return ok(parseMeasurement(input, numeric(unit)))?.value;
}

function errorOf(result: MeasurementParseResult): MeasurementParseError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.measurement)}`);
  return result.error;
}

describe('normalizeWidth', () => {
  it('turns full-width ASCII into half-width', () => {
    expect(normalizeWidth('１２３')).toBe('123');
    expect(normalizeWidth('９３．５％')).toBe('93.5%');
    expect(normalizeWidth('１，６３６件（累計）')).toBe('1,636件(累計)');
    expect(normalizeWidth('ＦＹ２０２０－２１')).toBe('FY2020-21');
    expect(normalizeWidth('～')).toBe('~');
  });

  it('turns the ideographic space into a space', () => {
    expect(normalizeWidth('令和\u30002年')).toBe('令和 2年');
  });

  it('leaves kana, kanji and Japanese symbols alone', () => {
    expect(normalizeWidth('△65人 〜 ー カ所 ※')).toBe('△65人 〜 ー カ所 ※');
  });
});

describe('parseMeasurement', () => {
  describe('plain numbers', () => {
    it.each([
      ['1,636件', '件', 1636],
      ['1636', '件', 1636],
      ['1，636', '件', 1636],
      ['１，６３６件', '件', 1636],
      ['134, 280 円', '円', 134280],
      ['１２３', '件', 123],
      ['93.5%', '%', 93.5],
      ['９３．５％', '%', 93.5],
      ['93.5％', '%', 93.5],
      ['0', '件', 0],
      ['0.5', '%', 0.5],
      ['1,234.56', '円', 1234.56],
      ['007', '件', 7],
      [' 1,636件 ', '件', 1636],
    ])('reads %s into a %s KPI as %d', (input, unit, value) => {
      expect(ok(parseMeasurement(input, numeric(unit)))).toEqual({ value });
    });
  });

  describe('OCR noise from the seeds', () => {
    it.each([
      ['1,072,438 人', '人', 1072438],
      ['1, 117, 438 人', '人', 1117438],
      ['1, 149, 438 人', '人', 1149438],
      ['-4, 656', '人', -4656],
      ['74. 3%', '%', 74.3],
      ['134, 280 円', '円', 134280],
      ['+10, 000, 000', '円', 10000000],
      ['10,000,000円', '円', 10000000],
      ['12,672 人', '人', 12672],
      ['8,016人', '人', 8016],
      ['33 個', '個', 33],
      ['0 円', '円', 0],
      ['-65 人', '人', -65],
      ['-339 人', '人', -339],
      ['10.0%', '%', 10],
      ['79.0%', '%', 79],
      ['4.5%', '%', 4.5],
      ['1,400,000人', '人', 1400000],
      ['1,286,720人', '人', 1286720],
    ])('reads %j as %d', (input, unit, value) => {
      expect(valueOf(input, unit)).toBe(value);
    });
  });

  describe('negative and explicit positive numbers', () => {
    it.each([
      ['△65', -65],
      ['▲65', -65],
      ['-65', -65],
      ['−65', -65],
      ['－65', -65],
      ['ー65', -65],
      ['△ 65', -65],
      ['▲ 1,234人', -1234],
      ['△0.5', -0.5],
      ['+5', 5],
      ['＋5', 5],
    ])('reads %s as %d', (input, value) => {
      expect(valueOf(input, '人')).toBe(value);
    });

    it('reads a minus zero as zero', () => {
      expect(Object.is(valueOf('△0', '人'), 0)).toBe(true);
    });

    it('refuses two signs', () => {
      expect(errorOf(parseMeasurement('△-65', numeric('人'))).code).toBe('unreadable');
      expect(errorOf(parseMeasurement('--65', numeric('人'))).code).toBe('unreadable');
    });
  });

  describe('unit scaling', () => {
    it.each([
      ['3,534千人', '人', 3534000],
      ['3,534千人', '千人', 3534],
      ['3,534', '千人', 3534],
      ['3,534千', '千人', 3534],
      ['2,372千人', '千人', 2372],
      ['3,817千人', '千人', 3817],
      ['12,025億円', '億円', 12025],
      ['12,025億円', '円', 1202500000000],
      ['12,025億円', '千円', 1202500000],
      ['12,025億円', '百万円', 1202500],
      ['996万2,058円', '円', 9962058],
      ['996万2,058円', '千円', 9962.058],
      ['996万2,058', '円', 9962058],
      ['1.5万人', '人', 15000],
      ['1.5万', '人', 15000],
      ['250万人', '人', 2500000],
      ['250万人', '万人', 250],
      ['140万人', '人', 1400000],
      ['1兆2,000億円', '円', 1200000000000],
      ['1兆2,000億円', '億円', 12000],
      ['2兆円', '億円', 20000],
      ['6,249千円', '千円', 6249],
      ['6,249千円', '円', 6249000],
      ['5万円', '千円', 50],
      ['1,500,000円', '千円', 1500],
      ['2,530万トン', '万トン', 2530],
      ['2,530万トン', 'トン', 25300000],
      ['1994万トン', '万トン', 1994],
      ['935‰', '%', 93.5],
      ['9.35%', '‰', 93.5],
      ['8割', '%', 80],
      ['3.5ポイント', '%', 3.5],
      ['3.5%', 'ポイント', 3.5],
    ])('reads %s into a %s KPI as %d', (input, unit, value) => {
      expect(valueOf(input, unit)).toBe(value);
    });

    it('keeps a number without unit in the KPI unit, 万 inside it included', () => {
      expect(valueOf('996万2,058', '千円')).toBe(9962058);
    });

    it('refuses multipliers out of order', () => {
      expect(errorOf(parseMeasurement('5万3兆円', numeric('円'))).code).toBe('unreadable');
      expect(errorOf(parseMeasurement('1万2億円', numeric('円'))).code).toBe('unreadable');
    });
  });

  describe('units', () => {
    it('accepts a value without its unit', () => {
      expect(valueOf('1636', '件')).toBe(1636);
      expect(valueOf('87.5', '%')).toBe(87.5);
    });

    it('treats the spellings of カ所 as one unit', () => {
      for (const unit of ['カ所', '箇所', 'ヵ所', 'か所', 'ケ所', 'ヶ所']) {
        for (const typed of ['7カ所', '7箇所', '7ヵ所', '7か所', '7ケ所', '7ヶ所']) {
          expect(valueOf(typed, unit), `${typed} into ${unit}`).toBe(7);
        }
      }
    });

    it('treats 名 as 人', () => {
      expect(valueOf('12名', '人')).toBe(12);
      expect(valueOf('12人', '名')).toBe(12);
    });

    it('accepts 人 typed into a 人/年 KPI and the full rate too', () => {
      expect(valueOf('5人', '人/年')).toBe(5);
      expect(valueOf('5人/年', '人/年')).toBe(5);
      expect(valueOf('5人/年度', '人/年')).toBe(5);
    });

    it('refuses a rate over another period', () => {
      expect(errorOf(parseMeasurement('5人/月', numeric('人/年')))).toEqual({
        code: 'unitMismatch',
        input: '5人/月',
        found: '人/月',
        expected: '人/年',
      });
    });

    it('ignores the bracketed annotation of the KPI unit', () => {
      expect(valueOf('12件', '件（累計）')).toBe(12);
      expect(valueOf('12件', '件(累計)')).toBe(12);
      expect(errorOf(parseMeasurement('12人', numeric('件（累計）')))).toEqual({
        code: 'unitMismatch',
        input: '12人',
        found: '人',
        expected: '件',
      });
    });

    it('accepts count units of the seeds', () => {
      const units = ['件', '人', '個', '社', '事業体', '回', '校', '団体', '世帯', '戸', '台', '冊', '本', '店舗', '日', '時間', '組'];
      for (const unit of units) expect(valueOf(`3${unit}`, unit), unit).toBe(3);
    });

    it('accepts a unit the parser does not know when the KPI uses it', () => {
      expect(valueOf('5ドル', 'ドル')).toBe(5);
      expect(valueOf('12泊', '泊')).toBe(12);
      expect(valueOf('3,000歩', '歩')).toBe(3000);
    });

    it('reports a different unit as unitMismatch with what was found and expected', () => {
      expect(errorOf(parseMeasurement('5件', numeric('人')))).toEqual({
        code: 'unitMismatch',
        input: '5件',
        found: '件',
        expected: '人',
      });
      expect(errorOf(parseMeasurement('5ドル', numeric('人')))).toEqual({
        code: 'unitMismatch',
        input: '5ドル',
        found: 'ドル',
        expected: '人',
      });
      expect(errorOf(parseMeasurement('5 件', numeric('人'))).code).toBe('unitMismatch');
      expect(errorOf(parseMeasurement('3,534千人', numeric('円'))).code).toBe('unitMismatch');
      expect(errorOf(parseMeasurement('93.5%', numeric('人'))).code).toBe('unitMismatch');
      expect(errorOf(parseMeasurement('5人日', numeric('人'))).code).toBe('unitMismatch');
      expect(errorOf(parseMeasurement('5件以上', numeric('人')))).toMatchObject({ found: '件' });
    });

    it('reports a unit typed for a KPI without unit as unitNotExpected', () => {
      expect(errorOf(parseMeasurement('5件', numeric('')))).toEqual({ code: 'unitNotExpected', input: '5件', found: '件' });
      expect(valueOf('5', '')).toBe(5);
      expect(valueOf('5万', '')).toBe(50000);
    });
  });

  describe('approximations', () => {
    it.each([
      ['約110人', 110],
      ['110人程度', 110],
      ['約 110 人', 110],
      ['およそ110人', 110],
      ['概ね110人', 110],
      ['110人前後', 110],
      ['約110人程度', 110],
      ['約△65人', -65],
      ['△約65人', -65],
      ['110程度', 110],
    ])('reads %s as approximate %d', (input, value) => {
      expect(ok(parseMeasurement(input, numeric('人')))).toEqual({ value, approximate: true });
    });
  });

  describe('remarks, provisional figures and statistic periods', () => {
    it('keeps a bracketed remark apart from the number', () => {
      const expected = { value: 0, remark: 'コロナのため中止' };
      expect(ok(parseMeasurement('0件 (コロナのため中止)', numeric('件')))).toEqual(expected);
      expect(ok(parseMeasurement('0件（コロナのため中止）', numeric('件')))).toEqual(expected);
      expect(ok(parseMeasurement('0件(コロナのため中止)', numeric('件')))).toEqual(expected);
      expect(ok(parseMeasurement('0件 ※コロナのため中止', numeric('件')))).toEqual(expected);
      expect(ok(parseMeasurement('0件 コロナのため中止', numeric('件')))).toEqual(expected);
      expect(ok(parseMeasurement('0件【コロナのため中止】', numeric('件')))).toEqual(expected);
    });

    it('keeps remarks with numbers inside brackets (seed 003)', () => {
      expect(ok(parseMeasurement('6件(6市町)', numeric('件')))).toEqual({ value: 6, remark: '6市町' });
      expect(ok(parseMeasurement('24件(6市町)', numeric('件')))).toEqual({ value: 24, remark: '6市町' });
      expect(ok(parseMeasurement('300件(圏域全体)', numeric('件')))).toEqual({ value: 300, remark: '圏域全体' });
    });

    it('marks 速報値 as provisional without keeping it as a remark', () => {
      const expected = { value: 1234, provisional: true };
      expect(ok(parseMeasurement('1,234人 ※速報値', numeric('人')))).toEqual(expected);
      expect(ok(parseMeasurement('1,234人（速報値）', numeric('人')))).toEqual(expected);
      expect(ok(parseMeasurement('1,234人 (速報)', numeric('人')))).toEqual(expected);
      expect(ok(parseMeasurement('1,234人 (暫定値)', numeric('人')))).toEqual(expected);
      expect(ok(parseMeasurement('1,234人 速報値', numeric('人')))).toEqual(expected);
    });

    it('keeps 以上 / 以下 of a target as the remark', () => {
      expect(ok(parseMeasurement('90件以上', numeric('件')))).toEqual({ value: 90, remark: '以上' });
      expect(ok(parseMeasurement('10件以下', numeric('件')))).toEqual({ value: 10, remark: '以下' });
      expect(ok(parseMeasurement('1,620件以上', numeric('件')))).toEqual({ value: 1620, remark: '以上' });
      expect(ok(parseMeasurement('87.5%以上', numeric('%')))).toEqual({ value: 87.5, remark: '以上' });
      expect(ok(parseMeasurement('90以上', numeric('件')))).toEqual({ value: 90, remark: '以上' });
      expect(ok(parseMeasurement('90件 以上', numeric('件')))).toEqual({ value: 90, remark: '以上' });
      expect(ok(parseMeasurement('90件以上 (目標)', numeric('件')))).toEqual({ value: 90, remark: '以上、目標' });
    });

    it('recognises a bracketed statistic period', () => {
      expect(ok(parseMeasurement('1,045人 [平成27~28年度]', numeric('人')))).toEqual({
        value: 1045,
        statPeriod: '平成27~28年度',
      });
      expect(ok(parseMeasurement('187,741人（令和2年）', numeric('人')))).toEqual({ value: 187741, statPeriod: '令和2年' });
      expect(ok(parseMeasurement('187,741人 [平成28年度]', numeric('人')))).toEqual({
        value: 187741,
        statPeriod: '平成28年度',
      });
      expect(ok(parseMeasurement('42.8%[平成28年度]', numeric('%')))).toEqual({ value: 42.8, statPeriod: '平成28年度' });
      expect(ok(parseMeasurement('290件 [平成27～31年度]', numeric('件')))).toEqual({
        value: 290,
        statPeriod: '平成27~31年度',
      });
      expect(ok(parseMeasurement('5,000人 (R2.10.1時点)', numeric('人')))).toEqual({
        value: 5000,
        statPeriod: 'R2.10.1時点',
      });
      expect(ok(parseMeasurement('5,000人 (令和3年3月末)', numeric('人')))).toEqual({
        value: 5000,
        statPeriod: '令和3年3月末',
      });
    });

    it('reads the nested both-calendars period of seed 002', () => {
      expect(ok(parseMeasurement('0件 (2020(令和2)年度)', numeric('件（累計）')))).toEqual({
        value: 0,
        statPeriod: '2020(令和2)年度',
      });
      expect(ok(parseMeasurement('12件 (2024(令和6)年度)', numeric('件')))).toEqual({
        value: 12,
        statPeriod: '2024(令和6)年度',
      });
      expect(ok(parseMeasurement('3,141人 (2020(令和2)年度)', numeric('人')))).toEqual({
        value: 3141,
        statPeriod: '2020(令和2)年度',
      });
    });

    it('combines approximation, remark, provisional and period', () => {
      expect(ok(parseMeasurement('約110人 [平成27~28年度]', numeric('人')))).toEqual({
        value: 110,
        approximate: true,
        statPeriod: '平成27~28年度',
      });
      expect(ok(parseMeasurement('0件 (コロナのため中止) (速報値) [令和2年]', numeric('件')))).toEqual({
        value: 0,
        remark: 'コロナのため中止',
        provisional: true,
        statPeriod: '令和2年',
      });
    });

    it('takes the first period as the period and keeps a second one as a remark', () => {
      expect(ok(parseMeasurement('5件 [令和2年] [令和3年]', numeric('件')))).toEqual({
        value: 5,
        statPeriod: '令和2年',
        remark: '令和3年',
      });
    });

    it('joins several remarks', () => {
      expect(ok(parseMeasurement('5件 (県調べ) (見込み)', numeric('件')))).toEqual({ value: 5, remark: '県調べ、見込み' });
    });

    it('runs an unclosed bracket to the end', () => {
      expect(ok(parseMeasurement('5件 (県調べ', numeric('件')))).toEqual({ value: 5, remark: '県調べ' });
    });
  });

  describe('statuses without a number', () => {
    it.each([
      ['集計中', 'collecting', undefined],
      ['県において集計中', 'collecting', '県において集計中'],
      ['調査中', 'collecting', '調査中'],
      ['未実施', 'notConducted', undefined],
      ['アンケート未実施', 'notConducted', 'アンケート未実施'],
      ['評価は県全体で実施のため省略', 'evaluatedElsewhere', '評価は県全体で実施のため省略'],
      ['県全体で評価', 'evaluatedElsewhere', undefined],
      ['県及び県内市町全体での評価のため省略', 'evaluatedElsewhere', '県及び県内市町全体での評価のため省略'],
      ['県央7市町全体での評価のため省略', 'evaluatedElsewhere', '県央7市町全体での評価のため省略'],
      ['該当なし', 'notApplicable', undefined],
      ['該当無し', 'notApplicable', '該当無し'],
    ] as const)('reads %s as %s', (input, status, text) => {
      const expected: Measurement = text === undefined ? { value: null, status } : { value: null, status, text };
      expect(ok(parseMeasurement(input, numeric('人')))).toEqual(expected);
    });

    it('normalises width and spacing of the kept wording', () => {
      expect(ok(parseMeasurement('  県において　集計中 ', numeric('人')))).toEqual({
        value: null,
        status: 'collecting',
        text: '県において 集計中',
      });
    });

    it('prefers a number when one is there, keeping the status word as a remark', () => {
      expect(ok(parseMeasurement('1,234人 (集計中)', numeric('人')))).toEqual({ value: 1234, remark: '集計中' });
    });
  });

  describe('cleared cells', () => {
    it.each(['', '   ', '-', '－', '―', '—', '−', 'ー', '\u3000'])('reads %j as a cleared cell', (input) => {
      expect(parseMeasurement(input, numeric('件'))).toEqual({ ok: true, measurement: null });
      expect(parseMeasurement(input, milestone('事業体'))).toEqual({ ok: true, measurement: null });
    });
  });

  describe('milestones', () => {
    it.each(['策定', '策定済', '策定済み', '設立', '実施', '達成', '開設', '構想策定', '済', '設置完了', '協議会を設立', '未策定', '検討中', '策定中', '一部供用開始', '工事着手'])(
      'keeps %s as text with done unset: wording only proposes, the person marks it',
      (input) => {
        expect(ok(parseMeasurement(input, milestone('')))).toEqual({ value: null, text: input });
      },
    );

    it('reads the person\'s mark: 完了 / 未完了 / 一部, alone or bracketed at the end', () => {
      expect(ok(parseMeasurement('完了', milestone('')))).toEqual({ value: null, done: true });
      expect(ok(parseMeasurement('未完了', milestone('')))).toEqual({ value: null, done: false });
      expect(ok(parseMeasurement('一部', milestone('')))).toEqual({ value: null, done: false, partial: true });
      expect(ok(parseMeasurement('構想策定［完了］', milestone('')))).toEqual({ value: null, text: '構想策定', done: true });
      expect(ok(parseMeasurement('一部供用開始（一部）', milestone('')))).toEqual({ value: null, text: '一部供用開始', done: false, partial: true });
      expect(ok(parseMeasurement('工事着手[未完了]', milestone('')))).toEqual({ value: null, text: '工事着手', done: false });
    });

    it('proposes from the wording (negative wording wins)', () => {
      expect(['策定', '設置完了', '未策定', '策定中', '関係機関と協議'].map(proposeMilestoneDone)).toEqual([true, true, false, false, undefined]);
    });

    it('accepts any other text, leaving done unset when the words do not say', () => {
      expect(ok(parseMeasurement('関係機関と協議', milestone('')))).toEqual({ value: null, text: '関係機関と協議' });
    });

    it('keeps text with dates as text', () => {
      expect(ok(parseMeasurement('R3.3 事業構想の策定', milestone('')))).toEqual({
        value: null,
        text: 'R3.3 事業構想の策定',
      });
      expect(ok(parseMeasurement('策定済（Ｒ３．３）', milestone('')))).toEqual({
        value: null,
        text: '策定済(R3.3)',
      });
    });

    it('reads a number with the unit: done when above zero', () => {
      expect(ok(parseMeasurement('1事業体', milestone('事業体')))).toEqual({ value: 1, done: true });
      expect(ok(parseMeasurement('1 事業体', milestone('事業体')))).toEqual({ value: 1, done: true });
      expect(ok(parseMeasurement('0 事業体', milestone('事業体')))).toEqual({ value: 0, done: false });
      expect(ok(parseMeasurement('1', milestone('事業体')))).toEqual({ value: 1, done: true });
    });

    it('keeps a number in another unit as text', () => {
      expect(ok(parseMeasurement('2棟', milestone('事業体')))).toEqual({ value: null, text: '2棟' });
    });

    it('reads evaluated-elsewhere and not-applicable as statuses', () => {
      expect(ok(parseMeasurement('県全体で評価', milestone('')))).toEqual({ value: null, status: 'evaluatedElsewhere' });
      expect(ok(parseMeasurement('該当なし', milestone('')))).toEqual({ value: null, status: 'notApplicable' });
    });
  });

  describe('errors', () => {
    it.each(['abc', '策定', 'R2', 'H28.6.25', '相談件数20件', '1,63', '1.234,5', '5.', '..5', '※5件', '(5件)', '%'])(
      'refuses %j as unreadable for a numeric KPI',
      (input) => {
        expect(errorOf(parseMeasurement(input, numeric('件')))).toEqual({ code: 'unreadable', input });
      },
    );

    it.each(['5件 10件', '5件、10件', '5 10', '1,045人 平成27~28年度', '5件10件'])('refuses %j as severalNumbers', (input) => {
      expect(errorOf(parseMeasurement(input, numeric('件')))).toEqual({ code: 'severalNumbers', input });
    });

    it('quotes the input as typed, not normalised', () => {
      expect(errorOf(parseMeasurement(' ａｂｃ ', numeric('件')))).toEqual({ code: 'unreadable', input: 'ａｂｃ' });
    });

    it('never throws on odd input', () => {
      const odd = ['((((', '))))', '※', '1e400', '9'.repeat(400), '1兆兆', '\u0000', '😀5件', '5😀', '[', '約', '△', '1,,000'];
      for (const input of odd) {
        expect(() => parseMeasurement(input, numeric('件')), input).not.toThrow();
        expect(() => parseMeasurement(input, milestone('件')), input).not.toThrow();
        expect(() => parseAmount(input, '千円'), input).not.toThrow();
      }
      expect(errorOf(parseMeasurement('9'.repeat(400), numeric('件'))).code).toBe('unreadable');
    });
  });
});

describe('parseAmount', () => {
  it.each([
    ['6,249千円', '千円', 6249],
    ['6,249', '千円', 6249],
    ['1,458 千円', '千円', 1458],
    ['44,511 千円', '千円', 44511],
    ['2,505', '千円', 2505],
    ['△500', '千円', -500],
    ['6,736,600円', '千円', 6736.6],
    ['37,774,480円', '円', 37774480],
    ['12,025億円', '千円', 1202500000],
    ['１２３', '', 123],
    ['1.5', '', 1.5],
  ])('reads %s into %s as %d', (input, unit, value) => {
    expect(parseAmount(input, unit)).toEqual({ ok: true, value });
  });

  it.each(['', '-', '－', '千円', ' 千円 '])('reads %j as a cleared field', (input) => {
    expect(parseAmount(input, '千円')).toEqual({ ok: true, value: null });
  });

  it('refuses remarks, statuses and approximations', () => {
    for (const input of ['約500', '500程度', '500 (見込み)', '500以上', '集計中', '500千円 ※補正後', 'abc']) {
      expect(parseAmount(input, '千円'), input).toEqual({ ok: false, error: { code: 'unreadable', input } });
    }
  });

  it('refuses a wrong unit and several numbers', () => {
    expect(parseAmount('500人', '千円')).toEqual({
      ok: false,
      error: { code: 'unitMismatch', input: '500人', found: '人', expected: '千円' },
    });
    expect(parseAmount('500 600', '千円')).toEqual({ ok: false, error: { code: 'severalNumbers', input: '500 600' } });
  });
});

describe('formatNumber', () => {
  it.each([
    [1636, '1,636'],
    [0, '0'],
    [-0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [1072438, '1,072,438'],
    [1202500000000, '1,202,500,000,000'],
    [93.5, '93.5'],
    [9962.058, '9,962.058'],
    [1234.56, '1,234.56'],
    [0.5, '0.5'],
    [0.0000001, '0.0000001'],
    [-65, '△65'],
    [-0.5, '△0.5'],
    [-1234567, '△1,234,567'],
    [1e21, '1,000,000,000,000,000,000,000'],
  ])('writes %d as %s', (n, expected) => {
    expect(formatNumber(n)).toBe(expected);
  });

  it('writes negatives with a minus sign on request', () => {
    expect(formatNumber(-65, { negativeStyle: 'minus' })).toBe('-65');
    expect(formatNumber(-4656, { negativeStyle: 'minus' })).toBe('-4,656');
    expect(formatNumber(-65, { negativeStyle: 'triangle' })).toBe('△65');
    expect(formatNumber(65, { negativeStyle: 'minus' })).toBe('65');
  });

  it('removes floating-point noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1.1 * 3)).toBe('3.3');
    expect(formatNumber(1 - 0.9)).toBe('0.1');
    expect(formatNumber(-(0.1 + 0.2))).toBe('△0.3');
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += 0.1;
    expect(formatNumber(sum)).toBe('100');
  });

  it('keeps the decimals of large values that have them', () => {
    expect(formatNumber(1202500000.123)).toBe('1,202,500,000.123');
    expect(formatNumber(123456789012345)).toBe('123,456,789,012,345');
  });

  it('writes non-finite numbers as empty text', () => {
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('is read back by parseAmount', () => {
    for (const n of [0, 1, -1, 1636, -4656, 93.5, 9962.058, 0.001, 1202500000000, -0.25]) {
      expect(parseAmount(formatNumber(n), ''), String(n)).toEqual({ ok: true, value: n });
      expect(parseAmount(formatNumber(n, { negativeStyle: 'minus' }), ''), String(n)).toEqual({ ok: true, value: n });
    }
  });
});

describe('formatMeasurement', () => {
  it.each<[Measurement | null, string, string]>([
    [{ value: 1636 }, '件', '1,636件'],
    [{ value: -65 }, '人', '△65人'],
    [{ value: 110, approximate: true }, '人', '約110人'],
    [{ value: 0, remark: 'コロナのため中止' }, '件', '0件 (コロナのため中止)'],
    [{ value: 1234, provisional: true }, '人', '1,234人 (速報値)'],
    [{ value: 90, remark: '以上' }, '件', '90件以上'],
    [{ value: 1045, statPeriod: '平成27~28年度' }, '人', '1,045人 [平成27~28年度]'],
    [{ value: 93.5 }, '%', '93.5%'],
    [{ value: 3534 }, '千人', '3,534千人'],
    [{ value: 12 }, '件（累計）', '12件'],
    [{ value: 5 }, '', '5'],
    [{ value: null, status: 'collecting' }, '人', '集計中'],
    [{ value: null, status: 'notConducted' }, '%', '未実施'],
    [{ value: null, status: 'evaluatedElsewhere' }, '人', '県全体で評価'],
    [{ value: null, status: 'notApplicable' }, '人', '該当なし'],
    [{ value: null, status: 'collecting', text: '県において集計中' }, '人', '県において集計中'],
    [{ value: null, text: '構想策定', done: true }, '', '構想策定［完了］'],
    [{ value: 1, done: true }, '事業体', '1事業体'],
    [{ value: null }, '件', ''],
    [null, '件', ''],
  ])('writes %j in %s as %s', (m, unit, expected) => {
    expect(formatMeasurement(m, unit)).toBe(expected);
  });
});

describe('parseMeasurement ∘ formatMeasurement', () => {
  const numericCases: [Measurement, string][] = [
    [{ value: 1636 }, '件'],
    [{ value: -65 }, '人'],
    [{ value: -173 }, '人'],
    [{ value: 0 }, '人'],
    [{ value: 110, approximate: true }, '人'],
    [{ value: -65, approximate: true }, '人'],
    [{ value: 0, remark: 'コロナのため中止' }, '件'],
    [{ value: 1234, provisional: true }, '人'],
    [{ value: 1234, provisional: true, remark: '県調べ' }, '人'],
    [{ value: 90, remark: '以上' }, '件'],
    [{ value: 10, remark: '以下' }, '件'],
    [{ value: 90, remark: '以上、目標' }, '件'],
    [{ value: 1045, statPeriod: '平成27~28年度' }, '人'],
    [{ value: 110, approximate: true, statPeriod: '平成27~28年度' }, '人'],
    [{ value: 187741, statPeriod: '令和2年' }, '人'],
    [{ value: 0, statPeriod: '2020(令和2)年度' }, '件（累計）'],
    [{ value: 93.5 }, '%'],
    [{ value: 87.5, remark: '以上' }, '%'],
    [{ value: 3534 }, '千人'],
    [{ value: 9962.058 }, '千円'],
    [{ value: 1202500000000 }, '円'],
    [{ value: 7 }, 'カ所'],
    [{ value: 7 }, '箇所'],
    [{ value: 5 }, '人/年'],
    [{ value: 5 }, ''],
    [{ value: 5 }, 'ドル'],
    [{ value: 2530, statPeriod: '平成31年度' }, '万トン'],
    [{ value: 6, remark: '6市町' }, '件'],
    [{ value: 0, remark: 'コロナのため中止', provisional: true, statPeriod: '令和2年' }, '件'],
    [{ value: null, status: 'collecting' }, '人'],
    [{ value: null, status: 'collecting', text: '県において集計中' }, '人'],
    [{ value: null, status: 'notConducted' }, '%'],
    [{ value: null, status: 'notConducted', text: 'アンケート未実施' }, '%'],
    [{ value: null, status: 'evaluatedElsewhere' }, '人'],
    [{ value: null, status: 'evaluatedElsewhere', text: '評価は県全体で実施のため省略' }, '人'],
    [{ value: null, status: 'notApplicable' }, '人'],
  ];

  it.each(numericCases)('gives back %j for a numeric KPI in %s', (m, unit) => {
    expect(ok(parseMeasurement(formatMeasurement(m, unit), numeric(unit)))).toEqual(m);
  });

  const milestoneCases: [Measurement, string][] = [
    [{ value: null, text: '構想策定', done: true }, ''],
    [{ value: null, text: '策定', done: true }, ''],
    [{ value: null, text: '未策定', done: false }, ''],
    [{ value: null, text: '一部供用開始', done: false, partial: true }, ''],
    [{ value: null, done: true }, ''],
    [{ value: null, text: '検討中' }, ''],
    [{ value: null, text: '関係機関と協議' }, ''],
    [{ value: 1, done: true }, '事業体'],
    [{ value: 0, done: false }, '事業体'],
    [{ value: null, status: 'evaluatedElsewhere' }, ''],
  ];

  it.each(milestoneCases)('gives back %j for a milestone KPI in %s', (m, unit) => {
    expect(ok(parseMeasurement(formatMeasurement(m, unit), milestone(unit)))).toEqual(m);
  });

  it('gives back null for null', () => {
    expect(ok(parseMeasurement(formatMeasurement(null, '件'), numeric('件')))).toBeNull();
  });

  /** mulberry32: a small seeded PRNG, so that a failing case can be reproduced. */
  function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('gives back random measurements in random units', () => {
    const random = prng(20200401);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const units = ['件', '人', '千人', '万人', '円', '千円', '百万円', '億円', '%', '‰', 'ポイント', 'カ所', '個', '社', '事業体',
      '回', '人/年', '件（累計）', '', 'ドル', '万トン', '世帯', '時間'];
    const remarks = [undefined, undefined, undefined, '以上', '以下', 'コロナのため中止', '6市町', '県調べ', '見込み'];
    const periods = [undefined, undefined, undefined, '平成27~28年度', '令和2年', '2020(令和2)年度', 'R2.10.1時点', 'H28'];
    for (let i = 0; i < 5000; i++) {
      const digits = 1 + Math.floor(random() * 10);
      const mantissa = Math.floor(random() * 10 ** digits);
      const decimals = Math.floor(random() * 4);
      const magnitude = Number(`${mantissa}e-${decimals}`);
      const value = random() < 0.2 && magnitude !== 0 ? -magnitude : magnitude;
      const m: Measurement = { value };
      if (random() < 0.2) m.approximate = true;
      if (random() < 0.15) m.provisional = true;
      const remark = pick(remarks);
      if (remark) m.remark = remark;
      const period = pick(periods);
      if (period) m.statPeriod = period;
      const unit = pick(units);
      const text = formatMeasurement(m, unit);
      expect(ok(parseMeasurement(text, numeric(unit))), `#${i} ${text} in ${unit}`).toEqual(m);
      expect(parseAmount(formatNumber(value), unit), `#${i} ${value}`).toEqual({ ok: true, value });
    }
  });

  it('reads a value written in a larger unit back at the right scale', () => {
    const random = prng(42);
    for (let i = 0; i < 2000; i++) {
      const yen = Math.floor(random() * 1e12);
      const sen = formatMeasurement({ value: yen / 1000 }, '千円');
      expect(valueOf(sen, '円'), sen).toBe(yen);
      const people = Math.floor(random() * 1e7);
      expect(valueOf(`${formatNumber(people)}人`, '千人'), String(people)).toBe(people / 1000);
    }
  });
});

describe('parseErrorMessageKey', () => {
  const errors: MeasurementParseError[] = [
    { code: 'unreadable', input: 'abc' },
    { code: 'unitMismatch', input: '5件', found: '件', expected: '人' },
    { code: 'unitNotExpected', input: '5件', found: '件' },
    { code: 'severalNumbers', input: '5件 10件' },
  ];

  it.each(errors)('maps $code to a catalog message naming its data', (e) => {
    const key = parseErrorMessageKey(e);
    expect(key).toBe(`parse.${e.code}`);
    const message: string = parse[key];
    for (const field of Object.keys(e).filter((k) => k !== 'code')) expect(message).toContain(`{${field}}`);
  });

  it('has a message for unreadable fiscal years showing what is accepted', () => {
    expect(parse['parse.fiscalYear']).toContain('{input}');
    expect(parse['parse.fiscalYear']).toContain('令和2、R2、H30、2020');
  });
});
