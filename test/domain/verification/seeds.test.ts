// The verification summary over the seed cases: 山陽小野田市's 地方創生推進交付金 projects A–E with
// their 令和3年度 results (seed 001) and four of 室蘭市's 平成28年度 evaluation sheets (seed 003:
// 1-04, 1-05, 1-06, 4-01). Each case asserts the exact drafted sentences and the hints.
//
// Seed 003 is a text extraction of a PDF form: the ticked boxes of 事業の評価 / 今後の方針 /
// 総合戦略見直しの必要性 did not survive it (every choice is printed). The choices below are read
// from the reasons written beside them; the 事業期間 is not printed either, and is set where a
// case needs one (marked "assumed").
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi, PlainStrategy } from '../../../src/domain/sample/types';
import { WorkbookView } from '../../../src/domain/workbook';
import { composeSummary, consistencyHints, draftSummary } from '../../../src/domain/verification';
import { testContext } from '../../support/context';

// ---------------------------------------------------------------------------------------------
// Seed 001 — 山陽小野田市 (当初 = 令和元年度; yearly targets and actuals 令和2–4年度).

const R1 = 2019;
const R2 = 2020;
const R3 = 2021;
const R4 = 2022;

const yearly = (
  rows: [fy: number, target: number | null, actual: number | null][],
  extra: Partial<Record<number, { shortfallReason?: string; statusNote?: string }>> = {},
): PlainKpi['years'] =>
  rows.map(([fiscalYear, target, actual]) => ({
    fiscalYear,
    ...(target === null ? {} : { target: { value: target } }),
    ...(actual === null ? {} : { actual: { value: actual } }),
    ...(extra[fiscalYear] ?? {}),
  }));

const NOT_YET = '現在のところ達成できてない。';

const SANYO_ONODA: PlainStrategy = {
  municipality: '山陽小野田市',
  name: '地方創生推進交付金事業',
  startYear: R2,
  endYear: 2023,
  goals: [
    {
      number: '1',
      title: '地方創生推進交付金事業',
      projects: [
        {
          number: 'A',
          name: '小野田ガラスのブランド化推進事業',
          departments: ['商工労働課'],
          kpis: [
            {
              name: 'ブランド化したガラス商品の販売額',
              unit: '円',
              baseline: { value: 0 },
              baselineYear: R1,
              target: { value: 15_000_000 },
              targetYear: R4,
              years: yearly(
                [
                  [R2, 0, 0],
                  [R3, 10_000_000, 134_280],
                  [R4, 15_000_000, null],
                ],
                {
                  [R3]: {
                    statusNote: NOT_YET,
                    shortfallReason:
                      '新型コロナウイルス感染症の影響により、業者等との協議が進まず、ブランドの構築に想定以上に時間を要したため、目標未達成となった。今後、ブランド化した商品の販売促進の取組を進める。',
                  },
                },
              ),
            },
            {
              name: 'きららガラス未来館の来客数',
              unit: '人',
              baseline: { value: 12_672 },
              baselineYear: R1,
              target: { value: 15_672 },
              targetYear: R4,
              years: yearly(
                [
                  [R2, 12_672, 8_016],
                  [R3, 13_672, 13_482],
                  [R4, 15_672, null],
                ],
                {
                  [R3]: {
                    statusNote: NOT_YET,
                    shortfallReason:
                      '新型コロナウイルス感染症の影響により来客数がコロナ前に戻り切っていないため、目標未達となった。今後、ウィズコロナを見据えた取組を進める。',
                  },
                },
              ),
            },
            {
              name: 'ブランド化したガラス商品数',
              unit: '個',
              baseline: { value: 0 },
              baselineYear: R1,
              target: { value: 10 },
              targetYear: R4,
              years: yearly([
                [R2, 0, 0],
                [R3, 5, 33],
                [R4, 10, null],
              ]),
            },
          ],
          years: [
            {
              fiscalYear: R3,
              plan: '・1年目の計画に沿ったブランドの構築\n・ターゲットに向けた各種プロモーションの実施・PRツール制作',
              progress: 'ブランドの構築やプロモーションの実施に向け委託業者と調整。2月に銀座三越でのプロモーションイベント等を実施する。',
            },
          ],
        },
        {
          number: 'B',
          name: 'PPPを活用した交流・にぎわい創出事業',
          departments: ['企画課'],
          kpis: [
            {
              name: 'スマイルエイジング月間の健康づくり実施箇所数',
              unit: '件',
              baseline: { value: 0 },
              baselineYear: R1,
              target: { value: 70 },
              targetYear: R4,
              years: yearly([
                [R2, 50, 80],
                [R3, 60, 122],
                [R4, 70, null],
              ]),
            },
            {
              name: '観光客数',
              unit: '人',
              baseline: { value: 1_072_438 },
              baselineYear: R1,
              target: { value: 1_149_438 },
              targetYear: R4,
              years: yearly(
                [
                  [R2, 1_092_438, 739_034],
                  [R3, 1_117_438, 816_325],
                  [R4, 1_149_438, null],
                ],
                {
                  [R3]: {
                    statusNote: '現在のところ達成していない。',
                    shortfallReason:
                      '新型コロナウイルス感染症の影響により観光客数がコロナ前に戻り切っていないため、目標未達となった。今後、ウィズコロナを見据えた取組を進める。',
                  },
                },
              ),
            },
            {
              name: 'SPC（特定目的会社）の設立',
              unit: '事業体',
              kind: 'milestone',
              baseline: { value: 0 },
              baselineYear: R1,
              target: { value: 1, text: 'SPCの設立 1事業体' },
              targetYear: R4,
            },
          ],
        },
        {
          number: 'C',
          name: '多世代・異分野地域交流による協創のまちづくり事業',
          departments: ['企画課'],
          kpis: [
            {
              name: '20~39歳の社会動態数（住民基本台帳）',
              unit: '人',
              baseline: { value: -65 },
              baselineYear: R1,
              target: { value: 0 },
              targetYear: R4,
              years: yearly(
                [
                  [R2, 0, -339],
                  [R3, 0, -173],
                  [R4, 0, null],
                ],
                {
                  [R3]: {
                    statusNote: NOT_YET,
                    shortfallReason:
                      '社会増減については、複数の様々な要因から影響されるものであり、未達の明確な理由は不明だが、本市の魅力向上に向けた事業の実施が必要である。',
                  },
                },
              ),
            },
            {
              name: '山口東京理科大学生の市内就職率',
              unit: '%',
              baseline: { value: 4.5 },
              baselineYear: R1,
              target: { value: 10 },
              targetYear: R4,
              years: yearly(
                [
                  [R2, 10, 5.4],
                  [R3, 10, 9.1],
                  [R4, 10, null],
                ],
                {
                  [R3]: {
                    statusNote: '現在のところ達成できてない。',
                    shortfallReason: '未達の理由は不明だが、今後も産学官連携事業に取り組む中で、市内企業への就職を図る。',
                  },
                },
              ),
            },
            {
              name: '山陽小野田市にずっと住みたいと感じる市民の割合',
              unit: '%',
              baseline: { value: 73.4 },
              baselineYear: R1,
              target: { value: 80 },
              targetYear: R4,
              years: yearly(
                [
                  [R2, 80, 79],
                  [R3, 80, 77],
                  [R4, 80, null],
                ],
                {
                  [R3]: {
                    statusNote: NOT_YET,
                    shortfallReason:
                      '市民アンケートのため、単純な比較はできないが、住みよいまちづくりを進める中で、住んでみたいと思われるまちを目指す。',
                  },
                },
              ),
            },
          ],
        },
        {
          number: 'D',
          name: 'デジタルの活用によりやまぐちの魅力あるしごとに繋ぐ産業人材定着・還流推進事業',
          departments: ['商工労働課'],
          periodStart: R3,
          periodEnd: 2023,
          kpiNote: '県及び県内市町全体での評価のため省略',
        },
        {
          number: 'E',
          name: '「山口ゆめ回廊」観光を基軸とした交流価値共創プロジェクト',
          departments: ['観光課'],
          periodStart: R3,
          periodEnd: 2023,
          kpis: [
            {
              name: '事業E のKPI（県央7市町全体で評価）',
              unit: '',
              years: [{ fiscalYear: R3, actual: { value: null, status: 'evaluatedElsewhere', text: '県央7市町全体での評価のため省略' } }],
            },
          ],
        },
      ],
    },
  ],
};

const onoda = new WorkbookView(buildWorkbook(SANYO_ONODA, testContext()));
const onodaProject = (number: string) => {
  const p = onoda.projectsOf(onoda.goals[0]!.id).find((x) => x.number === number);
  if (!p) throw new Error(`no project ${number}`);
  return p.id;
};

describe('seed 001 — 山陽小野田市, 令和3年度', () => {
  it('A: ③ achieved, ① and ② missed', () => {
    expect(draftSummary(onoda, onodaProject('A'), R3).text).toBe(
      '成果目標③は令和3年度目標を達成した。一方、成果目標①及び②は目標に届かなかった。',
    );
  });

  it('B: ① achieved, ② missed, ③ (SPC, due in 令和4年度) left for its target year', () => {
    expect(draftSummary(onoda, onodaProject('B'), R3).text).toBe(
      '成果目標①は令和3年度目標を達成した。一方、成果目標②は目標に届かなかった。' +
        '成果目標③は目標年度（令和4年度）を迎えていないため、評価は令和4年度に行う。',
    );
  });

  it('C: all three missed', () => {
    expect(draftSummary(onoda, onodaProject('C'), R3).text).toBe('成果目標①、②及び③はいずれも令和3年度目標に届かなかった。');
  });

  it('D: no KPIs, the note 「県及び県内市町全体での評価のため省略」', () => {
    expect(draftSummary(onoda, onodaProject('D'), R3).text).toBe('成果目標については、県及び県内市町全体での評価のため省略。');
  });

  it('E: its only KPI evaluated by the 県央7市町 together', () => {
    expect(draftSummary(onoda, onodaProject('E'), R3).text).toBe('成果目標は県全体で評価するため省略した。');
  });

  it('令和2年度 of A: ① (0円 vs 0円) and ③ (0個 vs 0個) achieved, ② missed', () => {
    expect(draftSummary(onoda, onodaProject('A'), R2).text).toBe(
      '成果目標①及び③は令和2年度目標を達成した。一方、成果目標②は目標に届かなかった。',
    );
  });

  it('the basis names the KPIs of each sentence', () => {
    const d = draftSummary(onoda, onodaProject('B'), R3);
    const names = (ids: string[]) => ids.map((id) => onoda.kpi(id)?.name);
    expect(d.basis.map((b) => [b.kind, b.reason, names(b.kpiIds)])).toEqual([
      ['achieved', null, ['スマイルエイジング月間の健康づくり実施箇所数']],
      ['notAchieved', null, ['観光客数']],
      ['excluded', 'notDue', ['SPC（特定目的会社）の設立']],
    ]);
    expect(d.kpis.map((k) => `${k.mark}${k.evaluation.verdict}`)).toEqual(['①achieved', '②notAchieved', '③excluded']);
  });

  it('no hints: every missed KPI has its 未達理由 and no evaluation is entered', () => {
    for (const n of ['A', 'B', 'C', 'D', 'E']) expect(consistencyHints(onoda, onodaProject(n), R3)).toEqual([]);
  });

  it('a missed KPI whose 未達理由 is blank is flagged by name', () => {
    const hints = consistencyHints(onoda, onodaProject('A'), R2);
    expect(hints.map((h) => h.message)).toEqual([
      '成果目標②（きららガラス未来館の来客数）は令和2年度目標に届いていませんが、未達理由が入力されていません。',
    ]);
    expect(hints[0]).toMatchObject({ code: 'shortfallReasonMissing', blocking: false, subject: '成果目標②（きららガラス未来館の来客数）の未達理由' });
  });
});

// ---------------------------------------------------------------------------------------------
// Seed 003 — 室蘭市, 平成28年度 evaluation sheets.

const H28 = 2016;
const H31 = 2019;

/** 室蘭での営業・操業が経営課題となっていると回答する企業の割合: 32% [平成31年度], アンケート未実施. */
const companiesKpi = (): PlainKpi => ({
  name: '室蘭での営業・操業が経営課題となっていると回答する企業の割合',
  unit: '%',
  direction: 'lower',
  target: { value: 32 },
  targetYear: H31,
  years: [{ fiscalYear: H28, actual: { value: null, status: 'notConducted', text: 'アンケート未実施' } }],
});

/** 実施計画KPI 新規就業者数: 平成28年度目標値 10人, 平成31年度目標値 40人. */
const newWorkersKpi = (actual: number): PlainKpi => ({
  name: '新規就業者数',
  unit: '人',
  framework: 'plan',
  target: { value: 40 },
  targetYear: H31,
  years: [{ fiscalYear: H28, target: { value: 10 }, actual: { value: actual } }],
});

const MURORAN: PlainStrategy = {
  municipality: '室蘭市',
  name: '室蘭市まち・ひと・しごと創生総合戦略',
  startYear: 2015,
  endYear: H31,
  goals: [
    {
      number: '1',
      title: 'まちの特性を活かした産業振興と魅力ある雇用の創出',
      projects: [
        {
          number: '1-04',
          name: '職業理解促進事業',
          departments: ['企画課'],
          kpis: [newWorkersKpi(0)],
          years: [
            {
              fiscalYear: H28,
              budget: 656,
              settlement: 446,
              fundNational: 446,
              effectiveness: 'effective',
              effectivenessReason:
                '幼少時より地域の産業への関心をはぐくみ、将来の市内就職、定住へつなげる事業であることから、事業年度における新規就業には結びつかないが、参加者からは体験を通じてものづくりに関心を持ったとの声が多く挙げられたことから、今後学校教育に「てついく」を盛り込むことで、若者の地元就職の増加が期待できる。',
              policy: 'expand',
              policyReason:
                '「てついく」を広く周知するため、見学受け入れ工場にて「てついく」ロゴマークの掲示等による周知活動、また幼少時の体験学習がまちへの愛着を育むことに効果的であることから、今後は特に学校での「てついく」に重点的に取り組み、幅広く周知していく。',
              revision: 'notNeeded',
              revisionReason: '事業内容の充実を図るが、総合戦略の見直しに伴う内容ではないため。',
            },
          ],
        },
        {
          number: '1-05',
          name: '女性のための復職・起業支援事業',
          departments: ['産業振興課'],
          periodEnd: H31, // assumed: the strategy's period
          kpis: [companiesKpi(), newWorkersKpi(3)],
          years: [
            {
              fiscalYear: H28,
              budget: 1460,
              settlement: 1458,
              fundGeneral: 1458,
              effectiveness: 'notEffective',
              effectivenessReason: '自身のPCスキルアップなど、参加による満足感が高いが、就職実績が低調であり、有効とは言えない。',
              policy: 'complete',
              policyReason: '実績が低調で事業効果が見込みにくいため終了する。今後は、他機関で実施される創業セミナーなどとの連携・協力を検討する。',
              revision: 'notNeeded',
              revisionReason: '事業としては終了するが、総合戦略における目的・方向性を見直しを伴うものではないため。',
            },
          ],
        },
        {
          number: '1-06',
          name: 'ものづくり・建設業人材確保育成事業',
          departments: ['産業振興課'],
          kpis: [companiesKpi(), newWorkersKpi(12)],
          years: [
            {
              fiscalYear: H28,
              budget: 6695,
              settlement: 4743,
              fundGeneral: 4743,
              effectiveness: 'effective',
              effectivenessReason:
                '補助事業を活用した企業において、女性採用の実績につながっており、現在勤務している女性従業員の就労環境の改善・向上にもつながったと、企業から多く声が寄せられたことから、女性でも働きやすい職場づくりに対する意識醸成につながったと考える。',
              policy: 'continue',
              policyReason: '製造業・建設業界における女性の就業促進、女性でも働きやすい職場改善の意識醸成が図られるよう、事業を継続する。',
              revision: 'notNeeded',
              revisionReason: '確実に事業進捗しており、現時点で総合戦略の見直しの必要はない。',
            },
          ],
        },
      ],
    },
    {
      number: 'プラス1',
      title: '広域連携等による魅力ある地域づくり',
      projects: [
        {
          number: '4-01',
          name: '西いぶり「生涯活躍のまち」構想推進事業',
          departments: ['企画課'],
          implementer: '室蘭市',
          implementerOther: '西いぶり「生涯活躍のまち」構想推進協議会',
          kpis: [
            {
              name: '新規広域連携事業等の件数',
              unit: '件',
              cumulative: true,
              cumulativeFrom: 2015,
              target: { value: 4, statPeriod: '平成27~31年度' },
              targetYear: H31,
              years: [{ fiscalYear: H28, actual: { value: 1, statPeriod: '平成27~28年度' } }],
            },
            {
              name: '西胆振版「生涯活躍のまち」構想の策定及び推進',
              unit: '',
              kind: 'milestone',
              target: { value: null, text: '策定' },
              targetYear: H31,
              years: [{ fiscalYear: H28, actual: { value: null, text: '構想策定', done: true } }],
            },
            {
              name: '移住相談件数',
              unit: '件',
              framework: 'plan',
              target: { value: 300, remark: '圏域全体' },
              targetYear: H31,
            },
          ],
          years: [
            {
              fiscalYear: H28,
              budget: 4956,
              settlement: 4956,
              fundNational: 4588,
              fundGeneral: 368,
              effectiveness: 'effective',
              effectivenessReason: '予定どおり、西胆振版「生涯活躍のまち」構想を策定することができた。',
              policy: 'continue',
              policyReason: '策定した構想に基づき、圏域全体として移住定住促進に向けた取り組みを推進していく。',
              revision: 'notNeeded',
              revisionReason: '事業内容の充実を図るが、総合戦略の見直しに伴う内容ではないため。',
            },
          ],
        },
      ],
    },
  ],
};

const muroran = new WorkbookView(buildWorkbook(MURORAN, testContext()));
const muroranProject = (number: string) => {
  const p = muroran.goals.flatMap((g) => muroran.projectsOf(g.id)).find((x) => x.number === number);
  if (!p) throw new Error(`no project ${number}`);
  return p.id;
};

describe('seed 003 — 室蘭市, 平成28年度', () => {
  it('1-04: its only KPI (新規就業者数 0 vs 10) missed; judged effective and to be expanded', () => {
    const id = muroranProject('1-04');
    expect(draftSummary(muroran, id, H28).text).toBe(
      '成果目標は平成28年度目標に届かなかった。本事業は総合戦略のKPI達成に有効であった。事業が効果的なため、今後は更に発展させる。',
    );
    const hints = consistencyHints(muroran, id, H28);
    expect(hints.map((h) => h.code)).toEqual(['shortfallReasonMissing', 'effectiveButAllMissed', 'expandButAllMissed']);
    expect(hints.map((h) => h.message)).toEqual([
      '成果目標（新規就業者数）は平成28年度目標に届いていませんが、未達理由が入力されていません。',
      '事業の評価が「総合戦略のKPI達成に有効であった」ですが、評価できた成果目標は平成28年度目標に届いていません。',
      '今後の方針が「事業が効果的なため、更に発展させる」ですが、評価できた成果目標は平成28年度目標に届いていません。',
    ]);
    expect(hints.map((h) => h.subject)).toEqual(['成果目標（新規就業者数）の未達理由', '事業の評価', '今後の方針']);
    expect(hints.every((h) => h.blocking === false)).toBe(true);
  });

  it('1-05: ② missed, ① (アンケート未実施) pending; 「終了」 while the 事業期間 runs to 平成31年度', () => {
    const id = muroranProject('1-05');
    expect(draftSummary(muroran, id, H28).text).toBe(
      '成果目標②は平成28年度目標に届かなかった。' +
        '成果目標①は調査（アンケート等）が未実施のため、評価を保留した。' +
        '本事業は総合戦略のKPI達成に有効とは言えなかった。当初予定どおり事業を終了する。',
    );
    const hints = consistencyHints(muroran, id, H28);
    expect(hints.map((h) => h.message)).toEqual([
      '成果目標②（新規就業者数）は平成28年度目標に届いていませんが、未達理由が入力されていません。',
      '今後の方針が「当初予定どおり事業を終了する」ですが、事業期間は令和元年度まで続いています。今後の方針か事業期間を確認してください。',
    ]);
    expect(hints[1]).toMatchObject({
      code: 'completedWhilePeriodContinues',
      subject: '今後の方針と事業期間',
      target: { record: 'projectYear', field: 'policy' },
      params: { periodEnd: H31, fiscalYear: H28 },
    });
  });

  it('1-06: ② achieved (12 vs 10), ① pending; effective, continued: no hints', () => {
    const id = muroranProject('1-06');
    expect(draftSummary(muroran, id, H28).text).toBe(
      '成果目標②は平成28年度目標を達成した。' +
        '成果目標①は調査（アンケート等）が未実施のため、評価を保留した。' +
        '本事業は総合戦略のKPI達成に有効であった。今後も特に見直しをせず、事業を継続する。',
    );
    expect(consistencyHints(muroran, id, H28)).toEqual([]);
  });

  it('4-01: ② (構想策定) done early, ① (累計 1件 against no adopted 平成28年度 target) not judged, ③ without an actual', () => {
    const id = muroranProject('4-01');
    const d = draftSummary(muroran, id, H28);
    expect(d.text).toBe(
      '成果目標②は令和元年度の目標を前倒しで達成した。' +
        '成果目標③は実績値が未入力のため、評価を保留した。' +
        '成果目標①は年度目標がないため、達成・未達成は最終目標年度（令和元年度）に判定する。' +
        '本事業は総合戦略のKPI達成に有効であった。今後も特に見直しをせず、事業を継続する。',
    );
    // The straight line gives 1.6件; a count is shown whole, for reference only.
    expect(d.kpis[0]?.evaluation).toMatchObject({ target: null, referenceTarget: { value: 2, interpolated: true } });
    expect(d.basis.map((b) => [b.kind, b.kpiIds.length, b.fields])).toEqual([
      ['early', 1, []],
      ['pending', 1, []],
      ['excluded', 1, []],
      ['effectiveness', 0, ['effectiveness']],
      ['policy', 0, ['policy']],
    ]);
    // 財源内訳 4,588 + 368 = 決算 4,956: no hint; ① is not judged this year, so no 未達理由 is asked for.
    expect(consistencyHints(muroran, id, H28).map((h) => h.message)).toEqual([]);
  });

  it('the same sheets drafted twice, and from a second build of the same data, give the same text', () => {
    const again = new WorkbookView(buildWorkbook(MURORAN, testContext('観光課 佐藤')));
    const ids = (v: WorkbookView) => v.goals.flatMap((g) => v.projectsOf(g.id)).map((p) => p.id);
    const texts = (v: WorkbookView) => ids(v).map((id) => draftSummary(v, id, H28).text);
    const hints = (v: WorkbookView) => ids(v).map((id) => consistencyHints(v, id, H28).map((h) => h.message));
    expect(texts(muroran)).toEqual(texts(muroran));
    expect(texts(again)).toEqual(texts(muroran));
    expect(hints(again)).toEqual(hints(muroran));
  });
});

// ---------------------------------------------------------------------------------------------
// The 検証結果まとめ composed as the published ones are written (compose.ts), over seed 001's facts.

describe('composeSummary — seed 001, 山陽小野田市 A, 令和3年度', () => {
  const a = () => composeSummary(onoda, onodaProject('A'), R3);

  it('says what was done, each KPI with its figures against its target, and the 未達理由 as entered', () => {
    expect(a().text).toBe(
      '令和3年度は、ブランドの構築やプロモーションの実施に向け委託業者と調整。2月に銀座三越でのプロモーションイベント等を実施する。' +
        '成果目標①「ブランド化したガラス商品の販売額」は、実績134,280円（令和3年度目標10,000,000円、達成率1.3%）で、目標に届かなかった。' +
        '新型コロナウイルス感染症の影響により、業者等との協議が進まず、ブランドの構築に想定以上に時間を要したため、目標未達成となった。今後、ブランド化した商品の販売促進の取組を進める。' +
        '成果目標②「きららガラス未来館の来客数」は、実績13,482人（令和3年度目標13,672人、達成率98.6%）で、目標に届かなかった。' +
        '新型コロナウイルス感染症の影響により来客数がコロナ前に戻り切っていないため、目標未達となった。今後、ウィズコロナを見据えた取組を進める。' +
        '成果目標③「ブランド化したガラス商品数」は、実績33個（令和3年度目標5個、達成率660%）で、目標を達成した。',
    );
  });

  it('states the verdicts of the engine, one sentence per KPI in its order', () => {
    const d = a();
    expect(d.sentences.map((s) => s.kind)).toEqual(['did', 'notAchieved', 'shortfall', 'notAchieved', 'shortfall', 'achieved']);
    expect(d.kpis.map((k) => k.evaluation.verdict)).toEqual(['notAchieved', 'notAchieved', 'achieved']);
  });

  it('B: a KPI not yet due states no verdict, only why', () => {
    const text = composeSummary(onoda, onodaProject('B'), R3).text;
    expect(text).toContain('成果目標③「SPC（特定目的会社）の設立」は目標年度（令和4年度）を迎えていないため、評価は令和4年度に行う。');
  });

  it('D: no KPIs, the KPI note', () => {
    expect(composeSummary(onoda, onodaProject('D'), R3).text).toContain('成果目標については、県及び県内市町全体での評価のため省略。');
  });
});
