// The file layer locates records as data (bundle/locate.ts: a RecordPlace, names shortened there);
// features/shared/record-words.ts writes the place in the chosen language. These are the words the
// refusal messages and the merge preview show.
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../src/i18n';
import { PATH_NAME_LENGTH, RecordNamer, SUBJECT_NAME_LENGTH } from '../../../src/bundle/locate';
import { fieldPathLabel, placeText } from '../../../src/features/shared/record-words';

afterEach(async () => {
  await setLocale('ja');
});

/** Records as a file holds them: unvalidated JSON, so fields may be missing or of the wrong type. */
const RECORDS = {
  strategy: { id: 's', name: '第2期関市まち・ひと・しごと創生総合戦略' },
  goals: [
    { id: 'g2', number: '2', title: '魅力を高めるまち' },
    { id: 'gx', number: '', title: '   ' },
  ],
  projects: [{ id: 'p1', goalId: 'g2', number: '1', name: '空き家対策事業' }],
  kpis: [
    { id: 'k1', goalId: 'g2', projectId: 'p1', name: '空き家バンクを利用した移住者数', unit: '人' },
    { id: 'k2', goalId: 'gx', projectId: null, name: '転入者数' },
  ],
  kpiYears: [
    { id: 'y1', kpiId: 'k1', fiscalYear: 2021 },
    { id: 'y2', kpiId: 'no-such-kpi', fiscalYear: '令和9年度' },
  ],
  meetings: [{ id: 'm1', name: '', date: '2021-07-15' }],
  opinions: [
    { id: 'o1', subjectKind: 'project', subjectId: 'p1', member: '山田', text: '…' },
    { id: 'o2', subjectKind: 'goal', subjectId: 'g2', member: '鈴木会長', text: '…' },
    { id: 'o3', subjectKind: 'goal', subjectId: 'nowhere', member: '', text: '意見の冒頭がここに入ります（長い意見）' },
  ],
};
const namer = new RecordNamer(RECORDS);
const find = (list: keyof typeof RECORDS, id: string) => (RECORDS[list] as { id: string }[]).find((r) => r.id === id)!;

describe('a located place is data', () => {
  it('holds the chain of parents, the fiscal year and the names, shortened, with no words', () => {
    const place = namer.path('kpiYears', find('kpiYears', 'y1'));
    expect(place).toEqual({
      chain: [
        { step: 'numbered', what: 'goal', number: '2' },
        { step: 'numbered', what: 'project', number: '1' },
        { step: 'named', what: 'kpi', name: '空き家バンクを利用した移…' },
      ],
      year: 2021,
    });
    expect([...(place.chain[2] as { name: string }).name]).toHaveLength(PATH_NAME_LENGTH + 1);
    const subject = namer.subject('kpis', find('kpis', 'k1'));
    expect(subject.chain).toEqual([{ step: 'named', what: 'kpi', name: '空き家バンクを利用した移住者数' }]);
    // A name from a file is never carried whole: 24 characters and 「…」 at most in a subject.
    const long = new RecordNamer({ projects: [{ id: 'p', name: 'あ'.repeat(10_000) }] }).subject('projects', { id: 'p', name: 'あ'.repeat(10_000) });
    expect([...(long.chain[0] as { name: string }).name]).toHaveLength(SUBJECT_NAME_LENGTH + 1);
  });
});

describe('a place in words', () => {
  const words = () => [
    placeText({ ...namer.path('kpiYears', find('kpiYears', 'y1')), field: { kind: 'kpiYears', path: ['actual', 'value'] } }),
    placeText(namer.path('kpis', find('kpis', 'k2'))),
    placeText(namer.path('kpiYears', find('kpiYears', 'y2'))),
    placeText(namer.path('meetings', find('meetings', 'm1'))),
    placeText(namer.path('opinions', find('opinions', 'o1'))),
    placeText(namer.path('opinions', find('opinions', 'o2'))),
    placeText(namer.path('opinions', find('opinions', 'o3'))),
    placeText(namer.subject('strategies', RECORDS.strategy)),
    placeText(namer.path('strategies', RECORDS.strategy)),
  ];

  it('is the outline in Japanese', () => {
    expect(words()).toEqual([
      '基本目標2 > 事業1 > KPI『空き家バンクを利用した移…』の令和3年度の実績値',
      '基本目標『（無題）』 > 数値目標『転入者数』',
      'KPIの年度別の記録の令和9年度',
      '2021-07-15の会議',
      '基本目標2 > 事業1の委員意見（山田委員）',
      '基本目標2の委員意見（鈴木会長）',
      '委員意見『意見の冒頭がここに入りま…』',
      '戦略『第2期関市まち・ひと・しごと創生総合戦略』',
      '戦略の基本情報',
    ]);
  });

  it('follows the chosen language', async () => {
    await setLocale('en');
    const en = words();
    expect(en[0]).toMatch(/^Actual of Basic goal 2 > Project 1 > KPI "空き家バンクを利用した移…", FY2021 \(R3\)/);
    expect(en[1]).toContain('(untitled)');
    // A year the file writes as text is shown as the file has it.
    expect(en[2]).toBe('Yearly record of a KPI, 令和9年度');
    expect(en[4]).toBe('Committee opinion (山田) on Basic goal 2 > Project 1');
    for (const line of en.filter((_, i) => i !== 2)) expect(line).not.toMatch(/令和|委員意見|基本目標|戦略の|無題|の会議/);
  });

  it('names a field path by its labels, never by the file’s keys', () => {
    expect(fieldPathLabel({ kind: 'kpiYears', path: ['actual', 'value'] })).toBe('実績値');
    expect(fieldPathLabel({ kind: 'kpiYears', path: ['actual', 'remark'] })).toBe('実績値の補足');
    expect(fieldPathLabel({ kind: 'strategies', path: ['period'] })).toBe('計画期間');
  });
});
