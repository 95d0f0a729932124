// Drafting rules of the 検証結果まとめ over small hand-made projects: grouping, numbering, the
// qualifying sentences (速報値, 按分した年度目標, 最終目標値), pending and excluded KPIs, the closing
// sentences from the evaluation, the catalog, and determinism (fixed and generated cases).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import type { PlainKpi, PlainProject, PlainProjectYear } from '../../../src/domain/sample/types';
import { WorkbookView, type WorkbookRecords } from '../../../src/domain/workbook';
import { POLICIES } from '../../../src/domain/entities/project-year';
import type { Measurement } from '../../../src/domain/entities/measurement';
import { presetRankScheme, PRESET_IDS, type InterimJudgement } from '../../../src/domain/achievement';
import { draftSummary, numberKpis, VERIFICATION_JA, type VerificationCatalog } from '../../../src/domain/verification';
import { testContext } from '../../support/context';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20260401;
const R1 = 2019;
const R3 = 2021;
const R6 = 2024;

function records(projects: PlainProject[], interimJudgement?: InterimJudgement): WorkbookRecords {
  return buildWorkbook(
    { municipality: 'テスト市', name: 'テスト市総合戦略', startYear: 2020, endYear: R6, interimJudgement, goals: [{ number: '1', title: '基本目標1', projects }] },
    testContext(),
  );
}

/** One project P with the given KPIs and year records. */
function project(kpis: PlainKpi[], years: PlainProjectYear[] = [], extra: Partial<PlainProject> = {}, judgement?: InterimJudgement) {
  const view = new WorkbookView(records([{ number: 'P', name: '事業P', departments: ['企画課'], kpis, years, ...extra }], judgement));
  const id = view.projectsOf(view.goals[0]!.id)[0]!.id;
  return { view, id, draft: (fy = R3) => draftSummary(view, id, fy) };
}

/** A KPI with a yearly target for 令和3年度 and the given actual (unless `fields` brings its years). */
const kpi = (target: number, actual: Measurement | null, fields: Partial<PlainKpi> = {}): PlainKpi => ({
  name: `KPI ${target}`,
  unit: '件',
  target: { value: target },
  targetYear: R6,
  ...fields,
  years: fields.years ?? [{ fiscalYear: R3, target: { value: target }, ...(actual ? { actual } : {}) }],
});
const hit = (fields: Partial<PlainKpi> = {}) => kpi(10, { value: 12 }, fields);
const miss = (fields: Partial<PlainKpi> = {}) => kpi(10, { value: 8 }, fields);

describe('draftSummary: results', () => {
  it('the example of the issue: ② and ③ achieved, ① missed (令和4年度)', () => {
    // No actual entered for 令和4年度 yet: pending, not missed.
    expect(project([miss(), hit(), hit()]).draft(2022).text).toBe('成果目標①、②及び③は実績値が未入力のため、評価を保留した。');
    const q = project([
      kpi(10, { value: 8 }, { years: [{ fiscalYear: 2022, target: { value: 10 }, actual: { value: 8 } }] }),
      kpi(10, null, { years: [{ fiscalYear: 2022, target: { value: 10 }, actual: { value: 10 } }] }),
      kpi(10, null, { years: [{ fiscalYear: 2022, target: { value: 10 }, actual: { value: 11 } }] }),
    ]);
    expect(q.draft(2022).text).toBe('成果目標②及び③は令和4年度目標を達成した。一方、成果目標①は目標に届かなかった。');
  });

  it('「いずれも」 only when two or more KPIs are all on one side', () => {
    expect(project([hit(), hit()]).draft().text).toBe('成果目標①及び②はいずれも令和3年度目標を達成した。');
    expect(project([miss(), miss(), miss(), miss()]).draft().text).toBe('成果目標①、②、③及び④はいずれも令和3年度目標に届かなかった。');
    expect(project([hit(), kpi(10, { value: null, status: 'collecting' })]).draft().text).toBe(
      '成果目標①は令和3年度目標を達成した。成果目標②は実績値が集計中のため、評価は次年度に行う。',
    );
  });

  it('a project with one KPI says 成果目標 without a number', () => {
    expect(project([miss()]).draft().text).toBe('成果目標は令和3年度目標に届かなかった。');
    expect(project([hit()]).draft().text).toBe('成果目標は令和3年度目標を達成した。');
  });

  it('pending KPIs grouped by reason and excluded ones by reason, each in the order of its first KPI', () => {
    const p = project([
      kpi(10, { value: null, status: 'collecting', text: '県において集計中' }),
      kpi(10, { value: null, status: 'evaluatedElsewhere', text: '県全体で評価' }),
      kpi(10, { value: null, status: 'collecting' }),
      kpi(10, { value: null, status: 'notApplicable' }),
      { name: '目標なし', unit: '件', years: [{ fiscalYear: R3, actual: { value: 3 } }] },
      kpi(10, null),
      kpi(10, { value: null, text: '検討中' }),
    ]);
    expect(p.draft().text).toBe(
      '成果目標①及び③は実績値が集計中のため、評価は次年度に行う。' +
        '成果目標⑥は実績値が未入力のため、評価を保留した。' +
        '成果目標⑦は実績から達成状況を判断できないため、評価を保留した。' +
        '成果目標②は県全体で評価するため省略した。' +
        '成果目標④は該当がないため、評価の対象外とした。' +
        '成果目標⑤は目標値が設定されていないため、評価の対象外とした。',
    );
    expect(p.draft().basis.map((b) => b.reason)).toEqual(['collecting', 'noActual', 'undetermined', 'evaluatedElsewhere', 'notApplicable', 'noTarget']);
  });

  it('pending and excluded KPIs are never said to have missed', () => {
    const p = project([kpi(10, { value: null, status: 'collecting' }), kpi(10, { value: null, status: 'evaluatedElsewhere' })]);
    expect(p.draft().text).not.toMatch(/届かなかった|未達/);
  });

  it('a year not after the baseline year; a milestone before its target year', () => {
    const p = project([
      { name: '基準年', unit: '件', baseline: { value: 5 }, baselineYear: R3, target: { value: 10 }, targetYear: R6, years: [{ fiscalYear: R3, actual: { value: 5 } }] },
      { name: '設立', unit: '', kind: 'milestone', target: { value: null, text: '設立' }, targetYear: R6 },
    ]);
    expect(p.draft().text).toBe(
      '成果目標①は基準年度（令和3年度）以前のため、評価の対象外とした。' +
        '成果目標②は目標年度（令和6年度）を迎えていないため、評価は令和6年度に行う。',
    );
  });
});

describe('draftSummary: qualifying sentences', () => {
  const mixed: PlainKpi[] = [
    kpi(10, { value: 12, provisional: true }),
    // 100 (令和元年度) → 200 (令和6年度): 令和3年度 is 2 of 5 years → 140; 110 misses.
    { name: '按分', unit: '人', baseline: { value: 100 }, baselineYear: R1, target: { value: 200 }, targetYear: R6, years: [{ fiscalYear: R3, actual: { value: 110 } }] },
    // No baseline, no yearly target: compared with the 令和6年度 final target.
    { name: '最終', unit: '人', target: { value: 50 }, targetYear: R6, years: [{ fiscalYear: R3, actual: { value: 60 } }] },
  ];
  it('速報値, 按分した年度目標 and the final target compared for want of a yearly one, after the results (interpolated targets adopted)', () => {
    const p = project(mixed, [], {}, 'interpolated');
    const d = p.draft();
    expect(d.text).toBe(
      '成果目標①及び③は令和3年度目標を達成した。一方、成果目標②は目標に届かなかった。' +
        'なお、成果目標①の実績値は速報値である。' +
        'また、成果目標②の令和3年度目標は按分した年度目標である。' +
        'また、成果目標③は年度目標がないため、令和6年度の最終目標値と比較した。',
    );
    expect(d.kpis[1]?.evaluation.target).toMatchObject({ value: 140, interpolated: true });
    expect(d.basis.map((b) => b.kind)).toEqual(['achieved', 'notAchieved', 'provisional', 'interpolated', 'finalTarget']);
  });

  it('adopted targets only (the default): no verdict against the interpolated 140, said in the summary; ③ met the final target early', () => {
    const d = project(mixed).draft();
    expect(d.text).toBe(
      '成果目標①及び③はいずれも令和3年度目標を達成した。' +
        'なお、成果目標①の実績値は速報値である。' +
        'また、成果目標③は年度目標がないため、令和6年度の最終目標値と比較した。' +
        '成果目標②は年度目標がないため、達成・未達成は最終目標年度（令和6年度）に判定する。',
    );
    expect(d.kpis[1]?.evaluation).toMatchObject({ verdict: 'excluded', reason: 'noAdoptedTarget', target: null, referenceTarget: { value: 140 } });
  });

  it('速報値 on a pending KPI is not mentioned; 「〜以上」 thresholds are not interpolated', () => {
    const p = project([
      kpi(10, { value: null, status: 'collecting', provisional: true }),
      { name: '以上', unit: '%', direction: 'atLeast', baseline: { value: 80 }, baselineYear: R1, target: { value: 87.5 }, targetYear: R6, years: [{ fiscalYear: R3, actual: { value: 93.5 } }] },
    ]);
    expect(p.draft().text).toBe('成果目標②は令和3年度目標を達成した。成果目標①は実績値が集計中のため、評価は次年度に行う。');
  });

  it('a milestone reached before its target year: 前倒しで達成, and 一方 after it', () => {
    const p = project([
      miss(),
      { name: '策定', unit: '', kind: 'milestone', target: { value: null, text: '策定' }, targetYear: R6, years: [{ fiscalYear: R3, actual: { value: null, text: '構想策定', done: true } }] },
    ]);
    expect(p.draft().text).toBe('成果目標②は令和6年度の目標を前倒しで達成した。一方、成果目標①は目標に届かなかった。');
  });

  it('names the year in 和暦: 令和元年度, 平成30年度', () => {
    const p = project([
      { name: 'a', unit: '件', target: { value: 1 }, years: [{ fiscalYear: 2019, actual: { value: 1 } }, { fiscalYear: 2018, actual: { value: 0 } }] },
    ]);
    expect(p.draft(2019).text).toBe('成果目標は令和元年度目標を達成した。');
    expect(p.draft(2018).text).toBe('成果目標は平成30年度目標に届かなかった。');
  });
});

describe('draftSummary: the evaluation', () => {
  const evaluation: PlainProjectYear = {
    fiscalYear: R3,
    effectiveness: 'effective',
    effectivenessReason: '理由',
    impact: 'considerable',
    policy: 'improve',
    policyReason: '理由',
    revision: 'needed',
    revisionReason: '理由',
  };

  it('closing sentences from 事業の評価, 事業効果, 今後の方針 and 総合戦略の見直しが必要', () => {
    const d = project([hit()], [evaluation]).draft();
    expect(d.text).toBe(
      '成果目標は令和3年度目標を達成した。本事業は総合戦略のKPI達成に有効であった。地方創生に相当程度効果があった。' +
        '今後は事業内容の見直し（改善）を行う。総合戦略の見直しが必要である。',
    );
    expect(d.basis.slice(1).map((b) => b.fields)).toEqual([['effectiveness'], ['impact'], ['policy'], ['revision']]);
  });

  it('every 今後の方針 has its sentence; 見直し不要 and unset fields add nothing', () => {
    const words: Record<string, string> = {};
    for (const policy of POLICIES) {
      words[policy] = project([], [{ fiscalYear: R3, policy, revision: 'notNeeded' }]).draft().text;
    }
    expect(words).toEqual({
      expand: '事業が効果的なため、今後は更に発展させる。',
      improve: '今後は事業内容の見直し（改善）を行う。',
      continue: '今後も特に見直しをせず、事業を継続する。',
      discontinue: '継続的な事業実施を予定していたが、中止する。',
      complete: '当初予定どおり事業を終了する。',
    });
    expect(project([], [{ fiscalYear: R3, progress: '実施した。' }]).draft().text).toBe('');
  });

  it('the evaluation of another year is not used', () => {
    expect(project([hit()], [{ ...evaluation, fiscalYear: 2022 }]).draft().text).toBe('成果目標は令和3年度目標を達成した。');
  });

  it('a project without KPIs and without a note, and an unknown project, give an empty draft', () => {
    expect(project([]).draft()).toMatchObject({ text: '', basis: [], kpis: [] });
    const p = project([hit()]);
    expect(draftSummary(p.view, 'no-such-project', R3)).toEqual({ projectId: 'no-such-project', fiscalYear: R3, text: '', basis: [], kpis: [] });
  });
});

describe('numbering and the catalog', () => {
  it('KPIs are numbered ①②③… in their order in the project, past ⑳', () => {
    const marks = Array.from({ length: 52 }, (_, i) => VERIFICATION_JA.kpi.mark(i));
    expect(marks.slice(0, 3)).toEqual(['①', '②', '③']);
    expect([marks[19], marks[20], marks[34], marks[35], marks[49], marks[50], marks[51]]).toEqual(['⑳', '㉑', '㉟', '㊱', '㊿', '(51)', '(52)']);
    expect(new Set(marks).size).toBe(52);
    const p = project([hit({ name: 'a' }), miss({ name: 'b' }), hit({ name: 'c' })]);
    expect(numberKpis(p.view, p.id, R3).map((k) => `${k.mark}${k.kpi.name}`)).toEqual(['①a', '②b', '③c']);
  });

  it('the KPI list: ② / ①及び② / ①、②及び③', () => {
    expect(VERIFICATION_JA.kpi.subject(['②'], false)).toBe('成果目標②');
    expect(VERIFICATION_JA.kpi.subject(['①', '②'], false)).toBe('成果目標①及び②');
    expect(VERIFICATION_JA.kpi.subject(['①', '②', '③'], false)).toBe('成果目標①、②及び③');
    expect(VERIFICATION_JA.kpi.subject(['①'], true)).toBe('成果目標');
  });

  it('every word comes from the catalog: another catalog of the same shape writes another text', () => {
    const c: VerificationCatalog = {
      ...VERIFICATION_JA,
      kpi: { mark: (i) => `KPI ${i + 1}`, subject: (marks) => marks.join(' and ') },
      draft: {
        ...VERIFICATION_JA.draft,
        achieved: (s, year) => `${s} met the FY${year} target. `,
        notAchieved: (s) => `${s} fell short. `,
      },
    };
    const p = project([miss(), hit(), hit()]);
    expect(draftSummary(p.view, p.id, R3, null, c).text).toBe('KPI 2 and KPI 3 met the FY2021 target. KPI 1 fell short. ');
  });

  it('the rank scheme changes ranks, never the text', () => {
    const p = project([miss(), hit(), kpi(10, { value: 9.5 }), kpi(10, { value: null, status: 'collecting' })]);
    const texts = PRESET_IDS.map((id) => draftSummary(p.view, p.id, R3, presetRankScheme(id)).text);
    expect(new Set(texts).size).toBe(1);
  });
});

describe('determinism', () => {
  it('records in another order give the same text and basis', () => {
    const projects: PlainProject[] = [
      {
        number: 'P',
        name: '事業P',
        departments: ['企画課'],
        kpis: [miss(), hit(), kpi(10, { value: null, status: 'collecting' }), kpi(10, { value: 12, provisional: true })],
        years: [{ fiscalYear: R3, effectiveness: 'effective', policy: 'continue' }],
      },
    ];
    const a = records(projects);
    const b: WorkbookRecords = {
      ...a,
      kpis: [...a.kpis].reverse(),
      kpiYears: [...a.kpiYears].reverse(),
      projectYears: [...a.projectYears].reverse(),
    };
    const va = new WorkbookView(a);
    const vb = new WorkbookView(b);
    const id = a.projects[0]!.id;
    expect(draftSummary(vb, id, R3)).toEqual(draftSummary(va, id, R3));
    expect(draftSummary(va, id, R3).text).toBe(draftSummary(va, id, R3).text);
  });

  // Generated projects: any mix of achieved, missed, pending and excluded KPIs.
  const actualArb = fc.oneof(
    fc.record({ value: fc.integer({ min: 0, max: 20 }), provisional: fc.boolean() }).map((m): Measurement => m),
    fc.constantFrom<Measurement | null>(
      null,
      { value: null, status: 'collecting' },
      { value: null, status: 'notConducted' },
      { value: null, status: 'evaluatedElsewhere' },
      { value: null, status: 'notApplicable' },
    ),
  );
  const kpisArb = fc.array(actualArb, { minLength: 1, maxLength: 12 });

  it('every KPI is in exactly one result sentence; missed KPIs only in the missed one; same input, same text', () => {
    fc.assert(
      fc.property(kpisArb, (actuals) => {
        const build = () => project(actuals.map((a) => kpi(10, a)));
        const p = build();
        const d = p.draft();
        const main = d.basis.filter((b) => ['achieved', 'early', 'notAchieved', 'pending', 'excluded'].includes(b.kind));
        const mentioned = main.flatMap((b) => b.kpiIds);
        expect([...mentioned].sort()).toEqual(d.kpis.map((k) => k.kpi.id).sort());
        for (const b of main) {
          for (const id of b.kpiIds) {
            const verdict = d.kpis.find((k) => k.kpi.id === id)!.evaluation.verdict;
            expect(b.kind === 'notAchieved').toBe(verdict === 'notAchieved');
          }
        }
        expect(d.text).toBe(d.basis.map((b) => b.text).join(''));
        expect(build().draft().text).toBe(d.text);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
