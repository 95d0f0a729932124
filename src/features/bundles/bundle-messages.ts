/**
 * The message of every refusal, in the chosen language. The file layer returns what went wrong and
 * where as data (error kinds, problem codes, located places); this module writes them, the places
 * through features/shared/record-words.ts. `bundleErrorMessage` switches over every error kind with
 * no default, so adding a kind to BundleError without a message is a type error.
 */
import { addMessages, fy, t, type MessageKey } from '../../i18n';
import { bundle as bundleMessages } from '../../i18n/ja/bundle';
import { formatNumber } from '../../domain/numbers';
import { assertNever, type BundleError, type RecordIssue, type RecordIssueProblem, type ReferenceIssue, type ReferenceIssueProblem, type ReferenceTarget } from '../../bundle/errors';
import { RECORD_KEYS } from '../../bundle/format';
import { placeText, whatText } from '../shared/record-words';

// The messages of bundle files are not part of the first load: they come with this module.
addMessages(bundleMessages);

/** The catalog key of an error kind's message. */
export function bundleErrorKey(e: BundleError): MessageKey {
  switch (e.kind) {
    case 'tooLarge':
      return 'bundle.error.tooLarge';
    case 'notJson':
      return 'bundle.error.notJson';
    case 'numberTooLarge':
      return 'bundle.error.numberTooLarge';
    case 'tooManyRecords':
      return 'bundle.error.tooManyRecords';
    case 'truncated':
      return 'bundle.error.truncated';
    case 'tooDeep':
      return 'bundle.error.tooDeep';
    case 'forbiddenKey':
      return 'bundle.error.forbiddenKey';
    case 'notBundle':
      return 'bundle.error.notBundle';
    case 'encrypted':
      return 'bundle.error.encrypted';
    case 'newerVersion':
      return 'bundle.error.newerVersion';
    case 'unsupportedVersion':
      return isVersionNumber(e.fileVersion) ? 'bundle.error.unsupportedVersion' : 'bundle.error.unreadableVersion';
    case 'checksumMissing':
      return 'bundle.error.checksumMissing';
    case 'checksumMismatch':
      return 'bundle.error.checksumMismatch';
    case 'migrationFailed':
      return 'bundle.error.migrationFailed';
    case 'invalidEnvelope':
      return 'bundle.error.invalidEnvelope';
    case 'invalidRecords':
      return 'bundle.error.invalidRecords';
    case 'brokenReferences':
      return 'bundle.error.brokenReferences';
    case 'wrongPassword':
      return 'bundle.error.wrongPassword';
    case 'invalidEncryption':
      return 'bundle.error.invalidEncryption';
    case 'unexpected':
      return 'bundle.error.unexpected';
    default:
      return assertNever(e);
  }
}

/** The headline of a refusal: one sentence or two, saying what happened and what to do. */
export function bundleErrorMessage(e: BundleError): string {
  const key = bundleErrorKey(e);
  switch (e.kind) {
    case 'tooLarge':
      return t(key, { size: formatNumber(e.size), limit: formatNumber(e.limit) });
    case 'tooDeep':
      return t(key, { limit: e.limit });
    case 'forbiddenKey':
      // The key is one of three fixed names (FORBIDDEN_KEYS); the path is for developers, not shown.
      return t(key, { key: e.key });
    case 'newerVersion':
      return t(key, { fileVersion: formatNumber(e.fileVersion), appFormatVersion: formatNumber(e.appFormatVersion) });
    case 'unsupportedVersion':
      return isVersionNumber(e.fileVersion) ? t(key, { fileVersion: formatNumber(e.fileVersion) }) : t(key);
    case 'tooManyRecords':
      return t(key, { what: recordListText(e.list), count: formatNumber(e.count), limit: formatNumber(e.limit) });
    case 'invalidEnvelope':
      return t(key, { field: envelopeFieldText(e.field) });
    case 'invalidRecords':
    case 'brokenReferences':
      return t(key, { total: formatNumber(e.total) });
    // The migration's name and the detail of a failure are for developers (kept in the error), not shown.
    case 'migrationFailed':
    case 'unexpected':
    case 'numberTooLarge':
    case 'notJson':
    case 'truncated':
    case 'notBundle':
    case 'encrypted':
    case 'checksumMissing':
    case 'checksumMismatch':
    case 'wrongPassword':
    case 'invalidEncryption':
      return t(key);
    default:
      return assertNever(e);
  }
}

/**
 * The lines listing what is wrong, for the refusals that have a list (invalid records, broken
 * references); empty for the others. Ends with 「ほかN件」 when the list was cut.
 */
export function bundleErrorDetails(e: BundleError): string[] {
  if (e.kind === 'invalidRecords' || e.kind === 'brokenReferences') {
    const lines = e.kind === 'invalidRecords' ? e.issues.map(recordIssueMessage) : e.issues.map(referenceIssueMessage);
    if (e.total > lines.length) lines.push(t('bundle.error.more', { count: formatNumber(e.total - lines.length) }));
    return lines;
  }
  return [];
}

/** 「基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値が数値ではありません」 */
export function recordIssueMessage(issue: RecordIssue): string {
  return t(recordIssueKey(issue.problem), { where: placeText(issue.where), value: issue.value ?? '', limit: issue.limit ?? '' });
}

function recordIssueKey(problem: RecordIssueProblem): MessageKey {
  switch (problem) {
    case 'missing':
      return 'bundle.issue.missing';
    case 'notNumber':
      return 'bundle.issue.notNumber';
    case 'notInteger':
      return 'bundle.issue.notInteger';
    case 'notText':
      return 'bundle.issue.notText';
    case 'notBoolean':
      return 'bundle.issue.notBoolean';
    case 'notList':
      return 'bundle.issue.notList';
    case 'notChoice':
      return 'bundle.issue.notChoice';
    case 'outOfRange':
      return 'bundle.issue.outOfRange';
    case 'tooLong':
      return 'bundle.issue.tooLong';
    case 'tooMany':
      return 'bundle.issue.tooMany';
    case 'tooLarge':
      return 'bundle.issue.tooLarge';
    case 'tooSmall':
      return 'bundle.issue.tooSmall';
    case 'notFiscalYear':
      return 'bundle.issue.notFiscalYear';
    case 'notColor':
      return 'bundle.issue.notColor';
    case 'notId':
      return 'bundle.issue.notId';
    case 'periodTooLong':
      return 'bundle.issue.periodTooLong';
    case 'periodOrder':
      return 'bundle.issue.periodOrder';
    case 'notDateTime':
      return 'bundle.issue.notDateTime';
    case 'empty':
      return 'bundle.issue.empty';
    case 'invalid':
      return 'bundle.issue.invalid';
    default:
      return assertNever(problem);
  }
}

/** 「基本目標1 > 事業2 > KPI『…』が指す事業がファイルにありません」 */
export function referenceIssueMessage(issue: ReferenceIssue): string {
  return t(referenceIssueKey(issue.problem), { where: placeText(issue.where), target: issue.target ? targetText(issue.target) : '' });
}

/** What a reference points at: 「事業」; for a year twice recorded, the year: 「令和3年度」. */
function targetText(target: ReferenceTarget): string {
  return 'what' in target ? whatText(target.what) : fy(target.fiscalYear, 'wareki');
}

const RECORD_LISTS: ReadonlySet<string> = new Set(RECORD_KEYS.map(([, key]) => key));

/** A field of the envelope by its label: 「書き出し日時（exportedAt）」; a key the format does not have, 「その他の項目」. */
function envelopeFieldText(field: string): string {
  const key = `bundle.field.envelope.${field}`;
  const label = t(key as MessageKey);
  return label === key ? t('bundle.field.envelope.other') : label;
}

/** A list of records by its kind: 「KPIの年度別の記録」 (the label without 「の一覧」). */
function recordListText(list: string): string {
  return RECORD_LISTS.has(list) ? t(`bundle.field.envelope.${list}` as MessageKey).replace(/の一覧$/, '') : envelopeFieldText(list);
}

function referenceIssueKey(problem: ReferenceIssueProblem): MessageKey {
  switch (problem) {
    case 'missingParent':
      return 'bundle.ref.missingParent';
    case 'duplicateId':
      return 'bundle.ref.duplicateId';
    case 'otherStrategy':
      return 'bundle.ref.otherStrategy';
    case 'duplicateYear':
      return 'bundle.ref.duplicateYear';
    case 'measureCycle':
      return 'bundle.ref.measureCycle';
    case 'goalMismatch':
      return 'bundle.ref.goalMismatch';
    case 'missingSubject':
      return 'bundle.ref.missingSubject';
    case 'missingMeeting':
      return 'bundle.ref.missingMeeting';
    default:
      return assertNever(problem);
  }
}

/** A format version worth naming in a message: a whole number ≥ 0 (anything else is not shown). */
function isVersionNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
