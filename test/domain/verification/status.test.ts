// The draft never overwrites a person's text: summaryStatus tells the UI whether to propose the
// draft, offer an update of an untouched earlier draft, or leave the text alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../src/domain/sample/build';
import { WorkbookView, type WorkbookRecords } from '../../../src/domain/workbook';
import { acceptedText, draftSummary, summaryStatus, type SummaryStatus } from '../../../src/domain/verification';
import { testContext } from '../../support/context';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20260401;
const OLD = '成果目標①は令和3年度目標に届かなかった。';
const NEW = '成果目標①は令和3年度目標を達成した。';

describe('summaryStatus', () => {
  const cases: [name: string, current: string, draft: string, last: string | null, status: SummaryStatus][] = [
    ['empty field: propose', '', NEW, null, 'propose'],
    ['blank field (spaces, line breaks): propose', ' \n\u3000', NEW, OLD, 'propose'],
    ['field equals the draft', NEW, NEW, null, 'upToDate'],
    ['field equals the draft but for a trailing line break (CRLF)', `${NEW}\r\n`, NEW, NEW, 'upToDate'],
    ['untouched earlier draft, numbers changed: offer an update', OLD, NEW, OLD, 'offerUpdate'],
    ['earlier draft edited by a person', `${OLD}今後も取組を進める。`, NEW, OLD, 'personal'],
    ['a person wrote the text, no draft ever accepted', '事業は順調に進んでいる。', NEW, null, 'personal'],
    ['text equal to an old draft that was never accepted', OLD, NEW, null, 'personal'],
    ['nothing to propose', '事業は順調に進んでいる。', '', OLD, 'noDraft'],
    ['nothing to propose, nothing written', '', '', null, 'noDraft'],
  ];
  for (const [name, current, draft, last, status] of cases) {
    it(`${name} → ${status}`, () => expect(summaryStatus(current, draft, last)).toBe(status));
  }

  it('only propose and offerUpdate let the draft into the field', () => {
    expect(acceptedText('propose', NEW)).toBe(NEW);
    expect(acceptedText('offerUpdate', NEW)).toBe(NEW);
    expect(acceptedText('upToDate', NEW)).toBeNull();
    expect(acceptedText('personal', NEW)).toBeNull();
    expect(acceptedText('noDraft', '')).toBeNull();
  });

  it('any non-blank text that is neither the draft nor the last accepted draft is the person’s and stays', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.option(fc.string(), { nil: null }), (current, draft, last) => {
        const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
        fc.pre(norm(current) !== '' && norm(draft) !== '' && norm(current) !== norm(draft) && (last === null || norm(current) !== norm(last)));
        const status = summaryStatus(current, draft, last);
        expect(status).toBe('personal');
        expect(acceptedText(status, draft)).toBeNull();
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('the draft through a year of changes', () => {
  const build = (actual: number): WorkbookRecords =>
    buildWorkbook(
      {
        municipality: 'テスト市',
        name: 'テスト市総合戦略',
        startYear: 2020,
        endYear: 2024,
        goals: [
          {
            number: '1',
            title: '基本目標1',
            projects: [
              {
                number: 'P',
                name: '事業P',
                departments: ['企画課'],
                kpis: [{ name: '来客数', unit: '人', target: { value: 100 }, targetYear: 2024, years: [{ fiscalYear: 2021, target: { value: 10 }, actual: { value: actual } }] }],
              },
            ],
          },
        ],
      },
      testContext(),
    );
  const draftFor = (actual: number) => {
    const records = build(actual);
    return draftSummary(new WorkbookView(records), records.projects[0]!.id, 2021).text;
  };

  it('accepted, then the actual is corrected: an update is offered; once edited, the text is never replaced', () => {
    const first = draftFor(8);
    expect(first).toBe('成果目標は令和3年度目標に届かなかった。');

    // The field is empty: the draft is proposed; the officer accepts it.
    expect(summaryStatus('', first, null)).toBe('propose');
    let field = acceptedText(summaryStatus('', first, null), first)!;
    let lastAccepted: string | null = field;
    expect(summaryStatus(field, first, lastAccepted)).toBe('upToDate');

    // The actual is corrected from 8 to 12: the untouched draft may be updated, on confirmation.
    const second = draftFor(12);
    expect(second).toBe('成果目標は令和3年度目標を達成した。');
    expect(summaryStatus(field, second, lastAccepted)).toBe('offerUpdate');
    field = acceptedText(summaryStatus(field, second, lastAccepted), second)!;
    lastAccepted = field;

    // The officer adds a sentence: from now on the text is theirs, whatever the numbers do.
    field = `${field}来年度も継続して取り組む。`;
    expect(summaryStatus(field, second, lastAccepted)).toBe('personal');
    expect(summaryStatus(field, draftFor(8), lastAccepted)).toBe('personal');
    expect(acceptedText(summaryStatus(field, draftFor(8), lastAccepted), draftFor(8))).toBeNull();
  });
});
