// Meetings (会議) and 委員意見 in bundle files: written, read, checked, named, scoped and merged.
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/features/bundles/merge-words';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { envelopeWriteSchema } from '../../src/bundle/format';
import { DEPARTMENT_FIELDS, departmentBundle, editableBy } from '../../src/bundle/department';
import { allChoices, applyMergePlan, mergeBase, planMerge, type SyncEntry } from '../../src/bundle/merge';
import { bundleErrorDetails, bundleErrorMessage, referenceIssueMessage } from '../../src/features/bundles/bundle-messages';
import type { BundleError, BundleScope } from '../../src/bundle';
import { applyPatch, createRecord, markDeleted } from '../../src/domain/records';
import { meetingDefaults, type Meeting } from '../../src/domain/entities/meeting';
import { opinionDefaults, type Opinion } from '../../src/domain/entities/opinion';
import type { WorkbookRecords } from '../../src/domain/workbook';
import { PLANNING_COPY, addMeeting, clone, deviceContext, exportOptions, rewrite, sample, inWords } from './helpers';

const T0 = '2026-07-01T00:00:00.000Z';
const SHOKO: BundleScope = { kind: 'department', departments: ['商工課'] };

type Json = Record<string, unknown>;
type Lists = Record<string, Json[]>;

async function read(json: string) {
  const r = await parseBundle(json);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

async function refusal(text: string): Promise<BundleError> {
  const r = await parseBundle(text);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

function replace<T extends { id: string }>(list: T[], next: T) {
  const i = list.findIndex((r) => r.id === next.id);
  if (i < 0) list.push(next);
  else list[i] = next;
}

/** The sample with the meeting, written as a whole-strategy file. */
async function meetingFile() {
  const { records, ctx } = sample();
  const added = addMeeting(records, ctx);
  const out = await serializeBundle(records, exportOptions());
  return { records, ctx, ...added, json: out.json };
}

describe('meetings and 委員意見 in a file', () => {
  it('round-trip in the strict write shape, one record per line, tombstones included', async () => {
    const { records, ctx, shoko, meeting } = (() => {
      const s = sample();
      return { ...s, ...addMeeting(s.records, s.ctx) };
    })();
    const withdrawn = createRecord<Opinion>(ctx, records.strategy.id, { ...opinionDefaults('project', shoko.id, 2020, meeting.id, 1), member: '田中', text: '取り消し' });
    records.opinions.push(markDeleted(ctx, withdrawn, 'b-op'));
    records.meetings[0] = applyPatch(ctx, records.meetings[0]!, { note: '議事録は別途' });

    const out = await serializeBundle(records, exportOptions());
    const written = JSON.parse(out.json) as { records: Lists };
    expect(envelopeWriteSchema.safeParse(written).success).toBe(true);
    expect(written.records['meetings']).toHaveLength(1);
    expect(written.records['opinions']).toHaveLength(4);
    expect(Object.keys(written.records['opinions']![0]!).slice(0, 8)).toEqual(['id', 'meetingId', 'subjectKind', 'subjectId', 'fiscalYear', 'member', 'text', 'order']);
    expect(out.json.split('\n').filter((l) => l.includes('"subjectKind":'))).toHaveLength(4);

    const parsed = await read(out.json);
    expect(parsed.records).toEqual(records);
  });

  it('reads a file without the two lists as one with none (files written before they existed)', async () => {
    const { json } = await meetingFile();
    const without = await rewrite(json, (env) => {
      delete env.records['meetings'];
      delete env.records['opinions'];
    });
    const parsed = await read(without);
    expect(parsed.records.meetings).toEqual([]);
    expect(parsed.records.opinions).toEqual([]);
  });

  it('fills the defaults of a meeting and an opinion written by hand', async () => {
    const { json, shoko } = await meetingFile();
    const text = await rewrite(json, (env) => {
      env.records['meetings'] = [{ id: 'm-hand', fiscalYear: 2021 }] as never;
      env.records['opinions'] = [{ id: 'o-hand', subjectKind: 'project', subjectId: shoko.id, fiscalYear: 2021 }] as never;
    });
    const { records, meta } = await read(text);
    expect(records.meetings[0]).toMatchObject({ id: 'm-hand', name: '', date: '', members: [], note: '', fiscalYear: 2021, strategyId: records.strategy.id, deletedAt: null });
    expect(records.opinions[0]).toMatchObject({
      id: 'o-hand',
      meetingId: null,
      member: '',
      text: '',
      order: 0,
      updatedAt: meta.exportedAt,
      updatedBy: meta.exportedBy,
      rev: 1,
      stamps: {},
    });
  });

  it('names an invalid meeting or opinion where a person finds it', async () => {
    const { json, meeting, onProject, onGoal } = await meetingFile();
    const text = await rewrite(json, (env) => {
      const r = env.records as unknown as Lists;
      r['meetings']!.find((m) => m['id'] === meeting.id)!['fiscalYear'] = '令和2年度';
      r['meetings']!.find((m) => m['id'] === meeting.id)!['members'] = [1];
      r['opinions']!.find((o) => o['id'] === onProject.id)!['text'] = 5;
      r['opinions']!.find((o) => o['id'] === onGoal.id)!['subjectKind'] = 'kpi';
      delete r['opinions']!.find((o) => o['id'] === onGoal.id)!['subjectId'];
    });
    const e = await refusal(text);
    expect(e.kind).toBe('invalidRecords');
    expect(bundleErrorDetails(e)).toEqual([
      '会議『令和3年度第1回推進会議』の検証する年度が数値ではありません',
      '会議『令和3年度第1回推進会議』の出席委員の1番目が文字列ではありません',
      '基本目標1 > 事業1の委員意見（山田委員）の意見が文字列ではありません',
      '委員意見（鈴木会長）の意見の対象の種類の「kpi」は選べる値ではありません',
      '委員意見（鈴木会長）の意見の対象がありません',
    ]);
  });

  it('refuses an opinion about a project or goal not in the file, or given at a meeting not in it, each with its own message', async () => {
    const { json, onProject, onGoal, later, shoko } = await meetingFile();
    const text = await rewrite(json, (env) => {
      const r = env.records as unknown as Lists;
      r['opinions']!.find((o) => o['id'] === onProject.id)!['subjectId'] = 'no-such-project';
      // A goal opinion naming a project: the kind decides where its subject is looked for.
      r['opinions']!.find((o) => o['id'] === onGoal.id)!['subjectId'] = shoko.id;
      r['opinions']!.find((o) => o['id'] === later.id)!['meetingId'] = 'no-such-meeting';
    });
    const e = await refusal(text);
    if (e.kind !== 'brokenReferences') throw new Error(e.kind);
    expect(e.issues.map((i) => [i.problem, i.kind, i.id])).toEqual([
      ['missingSubject', 'opinions', onProject.id],
      ['missingSubject', 'opinions', onGoal.id],
      ['missingMeeting', 'opinions', later.id],
    ]);
    expect(bundleErrorMessage(e)).toBe('ファイルの中で、項目どうしのつながりが切れている箇所が3件あるため、取り込みませんでした。');
    expect(bundleErrorDetails(e)).toEqual([
      '委員意見（山田委員）の対象の事業がファイルにありません',
      '委員意見（鈴木会長）の対象の基本目標がファイルにありません',
      '基本目標1 > 事業3の委員意見（佐藤委員）を記録した会議がファイルにありません',
    ]);
    // Its own wording, not the one of a KPI that lost its project.
    const asParent = referenceIssueMessage({ ...e.issues[0]!, problem: 'missingParent' });
    expect(asParent).not.toBe(bundleErrorDetails(e)[0]);
  });

  it('refuses duplicate ids of meetings and opinions', async () => {
    const { json } = await meetingFile();
    const text = await rewrite(json, (env) => {
      const r = env.records as unknown as Lists;
      r['meetings']!.push({ ...r['meetings']![0]! });
      r['opinions']!.push({ ...r['opinions']![2]! });
    });
    expect(bundleErrorDetails(await refusal(text))).toEqual([
      '会議『令和3年度第1回推進会議』と同じIDの項目が、ファイルにもう1つあります',
      '基本目標1 > 事業3の委員意見（佐藤委員）と同じIDの項目が、ファイルにもう1つあります',
    ]);
  });

  it('reads opinions whose project is deleted: deleted with it, or added by a merge after it was deleted here', async () => {
    const { records, ctx, shoko, kanko, onProject } = (() => {
      const s = sample();
      return { ...s, ...addMeeting(s.records, s.ctx) };
    })();
    replace(records.projects, markDeleted(ctx, shoko, 'b-project'));
    replace(records.opinions, markDeleted(ctx, onProject, 'b-project'));
    replace(records.projects, markDeleted(ctx, kanko, 'b-kanko')); // its opinion stays live
    replace(records.meetings, markDeleted(ctx, records.meetings[0]!, 'b-meeting')); // opinions keep naming it
    const out = await serializeBundle(records, exportOptions());
    expect((await read(out.json)).records).toEqual(records);
  });

  it('names meetings and opinions without a name or member by what they have', async () => {
    const { json, meeting, onProject } = await meetingFile();
    const text = await rewrite(json, (env) => {
      const r = env.records as unknown as Lists;
      const m = r['meetings']!.find((x) => x['id'] === meeting.id)!;
      m['name'] = '';
      m['fiscalYear'] = null;
      const o = r['opinions']!.find((x) => x['id'] === onProject.id)!;
      o['member'] = '';
      o['order'] = 'first';
    });
    expect(bundleErrorDetails(await refusal(text))).toEqual([
      '2021-07-15の会議の検証する年度が数値ではありません',
      '基本目標1 > 事業1の委員意見『オンライン開催の効果を検…』の表示順が数値ではありません',
    ]);
  });
});

describe('department bundles and 委員意見', () => {
  it('carry the opinions on the department’s own projects and the meetings they were given at, nothing else', async () => {
    const { records, ctx } = sample();
    const { meeting, onProject, later } = addMeeting(records, ctx);
    const other = createRecord<Meeting>(ctx, records.strategy.id, { ...meetingDefaults(2021), name: '令和4年度第1回推進会議' });
    records.meetings.push(other);

    const shoko = departmentBundle(records, ['商工課']);
    expect(shoko.opinions).toEqual([onProject]);
    expect(shoko.meetings).toEqual([meeting]);
    const kanko = departmentBundle(records, ['観光課']);
    expect(kanko.opinions).toEqual([later]);
    expect(kanko.meetings).toEqual([]); // its opinion was entered without a meeting
    expect(departmentBundle(records, ['子ども家庭課']).opinions).toEqual([]);

    // The file reads: every opinion it carries finds its project and its meeting in it.
    const out = await serializeBundle(records, exportOptions({ scope: SHOKO }));
    expect((await read(out.json)).records).toEqual(out.records);
    expect(out.records.opinions).toHaveLength(1);
  });

  it('may not add, change or delete meetings or opinions when it comes back: reported, not taken', async () => {
    const { records: planning, ctx } = sample('企画課 山田');
    const { meeting, onProject, shoko } = addMeeting(planning, ctx);
    expect(DEPARTMENT_FIELDS.meetings).toEqual([]);
    expect(DEPARTMENT_FIELDS.opinions).toEqual([]);

    const e0 = await serializeBundle(planning, exportOptions({ exportId: 'E0', exportedAt: T0, scope: SHOKO }));
    const sent: SyncEntry = { exportId: 'E0', exportedAt: T0, scope: SHOKO, copyId: PLANNING_COPY };
    const dept = clone((await read(e0.json)).records);
    const d = deviceContext('商工課 佐藤', '2026-07-02T00:00:00.000Z', 'dept');
    replace(dept.opinions, applyPatch(d, dept.opinions[0]!, { text: '担当課で書き換えた' }));
    replace(dept.meetings, markDeleted(d, dept.meetings[0]!, 'b-dept'));
    const second = createRecord<Meeting>(d, dept.strategy.id, { ...meetingDefaults(2020), name: '令和3年度第2回推進会議' });
    dept.meetings.push(second);
    dept.opinions.push(createRecord<Opinion>(d, dept.strategy.id, { ...opinionDefaults('project', shoko.id, 2020, second.id, 1), member: '田中', text: '追加' }));
    const d1 = await serializeBundle(dept, {
      ...exportOptions({ exportId: 'D1', exportedAt: '2026-07-03T00:00:00.000Z', exportedBy: '商工課 佐藤', copyId: 'copy-shoko', scope: SHOKO }),
      basedOn: { exportId: 'E0', exportedAt: T0 },
    });
    const file = await read(d1.json);

    const plan = planMerge(planning, file.records, { ...mergeBase(file.meta, { sent: [sent], received: [] }), snapshot: e0.records }, { rules: editableBy(SHOKO) });
    const project = '事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』';
    expect(plan.ignored.map((i) => [describeChange(i), i.reason])).toEqual([
      ['会議『令和3年度第1回推進会議』の削除', 'cannotRemove'],
      ['会議『令和3年度第2回推進会議』', 'cannotAdd'],
      [`${project}の委員意見（山田委員）の意見`, 'notEditable'],
      [`${project}の委員意見（田中委員）`, 'cannotAdd'],
    ]);
    expect([plan.added, plan.changed, plan.removed, plan.restored, plan.conflicts]).toEqual([[], [], [], [], []]);
    const applied = applyMergePlan(planning, plan, allChoices(plan, 'theirs'), { now: '2026-07-04T00:00:00.000Z', editor: '企画課 山田' });
    expect(applied.records.meetings).toEqual([meeting]);
    expect(applied.records.opinions.find((o) => o.id === onProject.id)).toEqual(onProject);
    expect(applied.records.opinions).toHaveLength(3);
    expect([applied.written.meetings, applied.written.opinions]).toEqual([[], []]);
  });

  it('arrives at the department whole: planning’s bundle may change them there', async () => {
    const { records: planning, ctx } = sample();
    addMeeting(planning, ctx);
    const dept = clone((await read((await serializeBundle(planning, exportOptions({ scope: SHOKO }))).json)).records);
    const p = deviceContext('企画課 山田', '2026-07-05T00:00:00.000Z', 'plan');
    const next = clone(planning);
    replace(next.opinions, applyPatch(p, next.opinions[0]!, { text: '議事録に合わせて修正' }));
    const e1 = await read((await serializeBundle(next, exportOptions({ exportId: 'E1', exportedAt: '2026-07-06T00:00:00.000Z', scope: SHOKO }))).json);
    // At the department, planning's file is taken without the department's limits.
    const point = { at: T0, scope: SHOKO };
    const plan = planMerge(dept, e1.records, { mine: point, theirs: point });
    expect(plan.changed.map((c) => [describeChange(c), inWords(c).theirsText])).toEqual([
      ['事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の委員意見（山田委員）の意見', '議事録に合わせて修正'],
    ]);
    expect(plan.ignored).toEqual([]);
  });
});

describe('merging meetings and 委員意見 between whole-strategy copies', () => {
  /**
   * Planning sets up the meeting and exports X for the meeting tablet; during the meeting the tablet
   * records opinions and a latecomer; planning meanwhile edits a project year.
   */
  async function meetingTablet() {
    const { records, ctx } = sample('企画課 山田');
    const meeting = createRecord<Meeting>(ctx, records.strategy.id, { ...meetingDefaults(2020), name: '令和3年度第1回推進会議', date: '2021-07-15', members: ['山田', '佐藤'] });
    records.meetings.push(meeting);
    const x = await serializeBundle(records, exportOptions({ exportId: 'X', exportedAt: T0 }));
    const sent: SyncEntry = { exportId: 'X', exportedAt: T0, scope: { kind: 'strategy' }, copyId: PLANNING_COPY };

    const tablet = clone((await read(x.json)).records);
    const t = deviceContext('企画課 鈴木', '2026-07-15T01:00:00.000Z', 'tablet');
    const shoko = tablet.projects.find((p) => p.departments.includes('商工課'))!;
    const goal = tablet.goals[0]!;
    tablet.opinions.push(
      createRecord<Opinion>(t, tablet.strategy.id, { ...opinionDefaults('project', shoko.id, 2020, meeting.id, 0), member: '山田', text: 'オンライン開催の効果を検証してほしい。' }),
      createRecord<Opinion>(t, tablet.strategy.id, { ...opinionDefaults('goal', goal.id, 2020, meeting.id, 0), member: '佐藤', text: '順調に推移している。' }),
    );
    replace(tablet.meetings, applyPatch(t, tablet.meetings[0]!, { members: ['山田', '佐藤', '田中'] }));
    const t1 = await serializeBundle(tablet, {
      ...exportOptions({ exportId: 'T1', exportedAt: '2026-07-15T03:00:00.000Z', exportedBy: '企画課 鈴木', copyId: 'copy-tablet' }),
      basedOn: { exportId: 'X', exportedAt: T0 },
    });
    const file = await read(t1.json);

    const here: WorkbookRecords = clone(records);
    const h = deviceContext('企画課 山田', '2026-07-15T02:00:00.000Z', 'here');
    replace(here.projectYears, applyPatch(h, here.projectYears[0]!, { budget: 1500 }));
    return { here, tablet, file, x, sent, meeting, shoko };
  }

  it('takes an opinion added on the meeting tablet into planning’s copy without asking', async () => {
    const { here, file, x, sent, meeting } = await meetingTablet();
    const base = { ...mergeBase(file.meta, { sent: [sent], received: [] }), snapshot: x.records };
    const plan = planMerge(here, file.records, base);
    expect(plan.added.map((a) => describeChange(a))).toEqual([
      '事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』の委員意見（山田委員）',
      '基本目標1の委員意見（佐藤委員）',
    ]);
    expect(plan.changed.map((c) => [describeChange(c), inWords(c).mineText, inWords(c).theirsText])).toEqual([
      ['会議『令和3年度第1回推進会議』の出席委員', '山田、佐藤', '山田、佐藤、田中'],
    ]);
    expect([plan.conflicts, plan.ignored, plan.removed]).toEqual([[], [], []]);

    const now = '2026-07-15T04:00:00.000Z';
    const applied = applyMergePlan(here, plan, {}, { now, editor: '企画課 山田' });
    expect(applied.records.opinions.map((o) => [o.member, o.meetingId, o.strategyId])).toEqual([
      ['山田', meeting.id, here.strategy.id],
      ['佐藤', meeting.id, here.strategy.id],
    ]);
    expect(applied.records.opinions[0]!.stamps['text']).toEqual({ at: now, by: '企画課 鈴木' });
    expect(applied.records.meetings[0]!.members).toEqual(['山田', '佐藤', '田中']);
    expect(applied.records.projectYears[0]!.budget).toBe(1500);
    expect([applied.written.meetings.length, applied.written.opinions.length]).toEqual([1, 2]);
    // Taking the same file again changes nothing.
    const again = planMerge(applied.records, file.records, base);
    expect([again.added, again.changed, again.conflicts, again.removed]).toEqual([[], [], [], []]);
    // An addition never needs the base: without any, the opinions are still taken without asking.
    expect(planMerge(here, file.records, null).added).toHaveLength(2);
  });

  it('matches opinions by id: both edited is a conflict, a moved opinion is named by its new subject', async () => {
    const { here, file, x, sent, shoko } = await meetingTablet();
    const applied = applyMergePlan(here, planMerge(here, file.records, { ...mergeBase(file.meta, { sent: [sent], received: [] }), snapshot: x.records }), {}, { now: '2026-07-15T04:00:00.000Z', editor: '企画課 山田' }).records;
    const y1 = await serializeBundle(applied, exportOptions({ exportId: 'Y1', exportedAt: '2026-07-16T00:00:00.000Z' }));
    const planningSent: SyncEntry = { exportId: 'Y1', exportedAt: '2026-07-16T00:00:00.000Z', scope: { kind: 'strategy' }, copyId: PLANNING_COPY };
    const tablet = clone((await read(y1.json)).records);

    const t = deviceContext('企画課 鈴木', '2026-07-17T00:00:00.000Z', 'tablet2');
    const h = deviceContext('企画課 山田', '2026-07-17T00:00:00.000Z', 'here2');
    const [onProject, onGoal] = tablet.opinions;
    const kanko = tablet.projects.find((p) => p.departments.includes('観光課'))!;
    replace(tablet.opinions, applyPatch(t, onProject!, { text: 'タブレットで修正' }));
    replace(tablet.opinions, applyPatch(t, onGoal!, { subjectKind: 'project', subjectId: kanko.id }));
    const mine = clone(applied);
    replace(mine.opinions, applyPatch(h, mine.opinions[0]!, { text: '企画課で修正' }));
    const file2 = await read(
      (await serializeBundle(tablet, { ...exportOptions({ exportId: 'T2', exportedAt: '2026-07-17T01:00:00.000Z', copyId: 'copy-tablet' }), basedOn: { exportId: 'Y1', exportedAt: '2026-07-16T00:00:00.000Z' } })).json,
    );
    const plan = planMerge(mine, file2.records, { ...mergeBase(file2.meta, { sent: [sent, planningSent], received: [] }), snapshot: y1.records });
    const project = '事業『企業競争力強化支援事業（関市ビジネスプラス展の開…』';
    expect(plan.conflicts.map((c) => [describeChange(c), inWords(c).mineText, inWords(c).theirsText, c.reason])).toEqual([
      [`${project}の委員意見（山田委員）の意見`, '企画課で修正', 'タブレットで修正', 'bothChanged'],
    ]);
    expect(plan.changed.map((c) => [describeChange(c), inWords(c).mineText, inWords(c).theirsText])).toEqual([
      ['基本目標1の委員意見（佐藤委員）の意見の対象の種類', '基本目標', '事業'],
      ['基本目標1の委員意見（佐藤委員）の意見の対象', '基本目標1', '事業『刃物ミュージアム回廊事業/ 観光宣伝事業』'],
    ]);
    const merged = applyMergePlan(mine, plan, allChoices(plan, 'theirs'), { now: '2026-07-17T02:00:00.000Z', editor: '企画課 山田' }).records;
    expect(merged.opinions.map((o) => [o.subjectKind, o.subjectId === shoko.id ? 'shoko' : o.subjectId === kanko.id ? 'kanko' : 'goal', o.text])).toEqual([
      ['project', 'shoko', 'タブレットで修正'],
      ['project', 'kanko', '順調に推移している。'],
    ]);
    // What was merged is still a file this app reads.
    expect((await parseBundle((await serializeBundle(merged, exportOptions())).json)).ok).toBe(true);
  });
});
