/**
 * Why a file was refused. Reading a file returns one of these instead of throwing; the UI maps
 * every kind to its own message with `bundleErrorMessage` (features/bundles/bundle-messages.ts), whose switch is
 * exhaustive, so a new kind cannot be added without a message.
 */
import type { RecordKind } from '../domain/workbook';
import type { RecordPlace } from './locate';

/** What is wrong with one value of one record, located in the user's words. */
export type RecordIssueProblem =
  | 'missing' // がありません
  | 'notNumber' // が数値ではありません
  | 'notInteger' // が整数ではありません
  | 'notText' // が文字列ではありません
  | 'notBoolean' // が「はい／いいえ」ではありません
  | 'notList' // が一覧になっていません
  | 'notChoice' // は選べる値ではありません
  | 'outOfRange' // が範囲外です
  | 'tooLong' // が長すぎます（N文字まで）
  | 'tooMany' // の数が多すぎます（N件まで）
  | 'tooLarge' // が大きすぎます（Nまで）
  | 'tooSmall' // が小さすぎます（N以上）
  | 'notFiscalYear' // は1900〜2200年度の範囲にしてください
  | 'notColor' // は #RRGGBB・#RGB か決まった色の名前で
  | 'notId' // に使えない文字があります
  | 'periodTooLong' // 計画期間が長すぎます（N年度分まで）
  | 'periodOrder' // 終了年度が開始年度より前です
  | 'notDateTime' // が日時として読めません
  | 'empty' // が空です
  | 'invalid'; // の形式が正しくありません

export interface RecordIssue {
  problem: RecordIssueProblem;
  /** Where, as data (written 「基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値」), with the field. */
  where: RecordPlace;
  /** The offending value as a short text (for 選べる値ではありません), when there is one. */
  value?: string;
  /** The limit that was passed, as written in the message (「1,000」「1900〜2200」), when there is one. */
  limit?: string;
  /** Machine path inside the file, for a third party's developer: records.kpiYears[12].actual.value */
  path: string;
}

export type ReferenceIssueProblem =
  | 'missingParent' // points at a record that is not in the file
  | 'duplicateId' // two records of one kind share an id
  | 'otherStrategy' // a record of another strategy
  | 'duplicateYear' // two live records for the same KPI (or project) and fiscal year
  | 'measureCycle' // a measure is (indirectly) its own parent
  | 'goalMismatch' // a child names another goal than its parent's
  | 'missingSubject' // a 委員意見 is about a project (goal) that is not in the file
  | 'missingMeeting'; // a 委員意見 names a meeting that is not in the file

export interface ReferenceIssue {
  problem: ReferenceIssueProblem;
  /** The record with the problem (for duplicateYear: its KPI or project), as data. */
  where: RecordPlace;
  /**
   * What it points at (a goal, measure, project; for missingSubject the kind of subject, for
   * missingMeeting a meeting) or, for duplicateYear, the fiscal year twice recorded.
   */
  target?: ReferenceTarget;
  kind: RecordKind;
  id: string;
}

export type ReferenceTarget = { what: 'goal' | 'measure' | 'project' | 'kpi' | 'meeting' } | { fiscalYear: number };

export type BundleError =
  | { kind: 'tooLarge'; size: number; limit: number }
  | { kind: 'notJson' }
  /** A number too large for a number (1e999): JSON.parse reads it as Infinity. */
  | { kind: 'numberTooLarge' }
  /** More records of one kind than a file may hold (RECORD_COUNT_LIMITS). `list` is the key in `records` ('kpis'). */
  | { kind: 'tooManyRecords'; list: string; count: number; limit: number }
  /** The text starts like one of our files but ends early: a mailer or a download cut it. */
  | { kind: 'truncated' }
  | { kind: 'tooDeep'; limit: number }
  | { kind: 'forbiddenKey'; key: string; path: string }
  /** JSON, but not a file of this app. */
  | { kind: 'notBundle' }
  /** A password-protected file: ask for the password and call decryptBundle. */
  | { kind: 'encrypted' }
  | { kind: 'newerVersion'; fileVersion: number; appFormatVersion: number; fileAppVersion: string | null }
  /** A version no migration path leads from (or not a version number at all). */
  | { kind: 'unsupportedVersion'; fileVersion: unknown }
  | { kind: 'checksumMissing' }
  | { kind: 'checksumMismatch'; expected: string; actual: string }
  | { kind: 'migrationFailed'; migration: string; detail: string }
  /**
   * A field of the envelope (not of a record) is missing or wrong. `field` is its key ('exportedAt',
   * or the list under `records`), shown by its label and never as the file writes it.
   */
  | { kind: 'invalidEnvelope'; field: string; path: string }
  | { kind: 'invalidRecords'; issues: RecordIssue[]; total: number }
  | { kind: 'brokenReferences'; issues: ReferenceIssue[]; total: number }
  /** decryptBundle: the password does not open the file. Nothing was changed. */
  | { kind: 'wrongPassword' }
  /** decryptBundle: the password-protected envelope is damaged or not one of ours. */
  | { kind: 'invalidEncryption' }
  /** A bug, caught so that reading still never throws. */
  | { kind: 'unexpected'; detail: string };

export type BundleErrorKind = BundleError['kind'];

export type Result<T, E = BundleError> = { ok: true; value: T } | { ok: false; error: E };

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
