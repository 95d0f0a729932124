// The verification summary over the seed cases: 山陽小野田市's 地方創生推進交付金 projects A–E with
// their 令和3年度 results (seed 001) and four of 室蘭市's 平成28年度 evaluation sheets (seed 003:
// 1-04, 1-05, 1-06, 4-01). Each case asserts the exact drafted sentences and the hints.
//
// Seed 003 is a text extraction of a PDF form: the ticked boxes of 事業の評価 / 今後の方針 /
// 総合戦略見直しの必要性 did not survive it (every choice is printed). The fixture reads the choices
// from the reasons written beside them; the 事業期間 is not printed either, and is set below where a
// case needs one (marked "assumed").
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainStrategy } from '../../../src/domain/sample/types';
import { WorkbookView } from '../../../src/domain/workbook';
import { composeSummary, consistencyHints, draftSummary } from '../../../src/domain/verification';
import { testContext } from '../../support/context';
import { MURORAN, SANYO_ONODA } from '../../fixtures/seed-strategies';

// ---------------------------------------------------------------------------------------------
// Seed 001 — 山陽小野田市 (当初 = 令和元年度; yearly targets and actuals 令和2–4年度).

const R2 = 2020;
const R3 = 2021;

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
// ---------------------------------------------------------------------------------------------
// Seed 003 — 室蘭市, 平成28年度 evaluation sheets.

const H28 = 2016;
const H31 = 2019;

/** {@link MURORAN} with 1-05's 事業期間 assumed to be the strategy's period (the sheet prints none). */
const MURORAN_CASES: PlainStrategy = {
  ...MURORAN,
  goals: MURORAN.goals.map((g) => ({ ...g, projects: (g.projects ?? []).map((p) => (p.number === '1-05' ? { ...p, periodEnd: H31 } : p)) })),
};

const muroran = new WorkbookView(buildWorkbook(MURORAN_CASES, testContext()));
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
    const again = new WorkbookView(buildWorkbook(MURORAN_CASES, testContext('観光課 佐藤')));
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
