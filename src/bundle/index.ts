/**
 * The bundle file format: what other layers import. See docs/bundle-format.md.
 *
 *   serializeBundle   records → { fileName, json }            (export)
 *   parseBundle       text → result (never throws)            (import)
 *   planMerge         local + incoming → plan                 (merge preview; places and values as data,
 *                                                             written by features/bundles/merge-words)
 *   applyMergePlan    local + plan + choices → records        (one transaction in storage)
 *   encryptBundle / decryptBundle                             (optional password)
 */
export {
  FORMAT_ID,
  FORMAT_VERSION,
  ENCRYPTED_FORMAT_ID,
  ENCRYPTED_FORMAT_VERSION,
  LIMITS,
  type BasedOn,
  type BundleMeta,
  type BundleScope,
  type Checksum,
  type Limits,
} from './format';
export { serializeBundle, bundleFileName, type SerializeOptions, type SerializedBundle } from './serialize';
export { parseBundle, type ParseOptions, type ParseResult, type ParsedBundle } from './parse';
export { MIGRATIONS, migrateEnvelope, type Migration } from './migrations';
export { departmentBundle, editableBy, DEPARTMENT_FIELDS, type EditRules, type NotAllowed } from './department';
export {
  planMerge,
  applyMergePlan,
  mergeBase,
  basedOnFor,
  allChoices,
  unresolvedConflicts,
  newDecisions,
  type DeletionMember,
  type MergePlan,
  type MergeBase,
  type MergeBaseInput,
  type MergeConflict,
  type MergeContext,
  type FieldDifference,
  type RecordAddition,
  type RecordRemoval,
  type IgnoredChange,
  type AppliedMerge,
  type SyncEntry,
  type SyncHistory,
  type Side,
  type ConflictReason,
} from './merge';
export { shownValue, LIST_PREVIEW, type ShownValue } from './shown';
export { RecordNamer, DELETED_FIELD, type RecordPlace, type PlaceStep, type FieldPlace } from './locate';
export { encryptBundle, decryptBundle, isEncryptedBundle } from './crypto';
export type { BundleError, BundleErrorKind, RecordIssue, ReferenceIssue, ReferenceTarget, Result } from './errors';
