/** Shared set-up of the bundle tests: the 関市 sample as records, a meeting, export options, file surgery. */
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import type { RecordKind, WorkbookRecords } from '../../src/domain/workbook';
import type { RecordPlace } from '../../src/bundle/locate';
import type { ShownValue } from '../../src/bundle/shown';
import { shownText } from '../../src/features/bundles/merge-words';
import { fieldLabel, placeText } from '../../src/features/shared/record-words';
import type { SerializeOptions } from '../../src/bundle/serialize';
import { envelopeChecksum } from '../../src/bundle/canonical';
import { testContext } from '../support/context';
import { createRecord, type RecordContext } from '../../src/domain/records';
import { meetingDefaults, type Meeting } from '../../src/domain/entities/meeting';
import { opinionDefaults, type Opinion } from '../../src/domain/entities/opinion';

/** The 関市 sample built with the deterministic test context (ids …0001, times 2026-04-01T00:00:01Z …). */
export function sample(editor = '企画課 山田'): { records: WorkbookRecords; ctx: ReturnType<typeof testContext> } {
  const ctx = testContext(editor);
  return { records: buildWorkbook(SEKI_SAMPLE, ctx), ctx };
}

export const PLANNING_COPY = 'copy-planning-0001';
export const DEPARTMENT_COPY = 'copy-shoko-0001';

export function exportOptions(overrides: Partial<SerializeOptions> = {}): SerializeOptions {
  return {
    exportId: 'export-0001',
    exportedAt: '2026-05-20T01:00:00.000Z',
    exportedBy: '企画課 山田',
    appVersion: '0.1.0',
    copyId: PLANNING_COPY,
    ...overrides,
  };
}

type Json = Record<string, unknown>;

/**
 * Parses a file, lets `change` edit the envelope, and writes it back with a correct checksum — a
 * file as another tool (or a careless hand) would write it.
 */
export async function rewrite(json: string, change: (envelope: Json & { records: Record<string, Json[] & Json> }) => void): Promise<string> {
  const envelope = JSON.parse(json) as Json & { records: Record<string, Json[] & Json> };
  change(envelope);
  delete envelope['checksum'];
  envelope['checksum'] = await envelopeChecksum(envelope);
  return JSON.stringify(envelope, null, 2);
}

/** A deep copy that is frozen all the way down, to prove a function does not mutate its input. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * A record context for another device: its own clock (one second a call from `start`) and ids
 * (`prefix-0001` …), so records made there never collide with the sample's.
 */
export function deviceContext(editor: string, start: string, prefix: string) {
  let n = 0;
  let tick = 0;
  const t0 = Date.parse(start);
  return {
    editor,
    now() {
      tick++;
      return new Date(t0 + tick * 1000).toISOString();
    },
    newId() {
      n++;
      return `${prefix}-${String(n).padStart(4, '0')}`;
    },
  };
}

/**
 * Adds to `records` what a committee meeting leaves: 令和3年度第1回推進会議 (reviewing 令和2年度)
 * with opinions on 商工課's first project (山田), on 基本目標1 (鈴木会長) and on 観光課's project
 * (佐藤, entered afterwards without a meeting).
 */
export function addMeeting(records: WorkbookRecords, ctx: RecordContext) {
  const sid = records.strategy.id;
  const shoko = records.projects.find((p) => p.departments.includes('商工課'))!;
  const kanko = records.projects.find((p) => p.departments.includes('観光課'))!;
  const goal = records.goals[0]!;
  const meeting = createRecord<Meeting>(ctx, sid, {
    ...meetingDefaults(2020),
    name: '令和3年度第1回推進会議',
    date: '2021-07-15',
    members: ['山田', '佐藤', '鈴木会長'],
  });
  const onProject = createRecord<Opinion>(ctx, sid, {
    ...opinionDefaults('project', shoko.id, 2020, meeting.id, 0),
    member: '山田',
    text: 'オンライン開催の効果を検証してほしい。',
  });
  const onGoal = createRecord<Opinion>(ctx, sid, {
    ...opinionDefaults('goal', goal.id, 2020, meeting.id, 0),
    member: '鈴木会長',
    text: '基本目標全体として順調に推移している。',
  });
  const later = createRecord<Opinion>(ctx, sid, {
    ...opinionDefaults('project', kanko.id, 2020, null, 0),
    member: '佐藤',
    text: '観光客数の回復に向けた取組を。',
  });
  records.meetings.push(meeting);
  records.opinions.push(onProject, onGoal, later);
  return { meeting, onProject, onGoal, later, shoko, kanko, goal };
}

/**
 * A plan item as the import preview writes it (features/bundles/merge-words.ts): the plan holds
 * places and values as data, so the tests of what a person reads go through the same words.
 */
export function inWords<T extends { kind: RecordKind; subject: RecordPlace; field?: string | null; mineShown?: ShownValue; theirsShown?: ShownValue | null }>(
  d: T,
): Omit<T, 'subject'> & { subject: string; fieldLabel: string | null; mineText: string | null; theirsText: string | null } {
  return {
    ...d,
    subject: placeText(d.subject),
    fieldLabel: d.field ? fieldLabel(d.kind, d.field) : null,
    mineText: d.mineShown ? shownText(d.mineShown) : null,
    theirsText: d.theirsShown ? shownText(d.theirsShown) : null,
  };
}
