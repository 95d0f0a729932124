/**
 * Every message the import screen and the spreadsheet screen can show when a write fails reads
 * as a Japanese sentence (no English DOMException words, no code), whatever the error was; the
 * browser's words stay only in the detail for the collapsed 「詳細」.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { addMessages, getLocale, t } from '../../src/i18n';
import { sheets } from '../../src/i18n/ja/sheets';
import { OutdatedVersionError, HeldVersionError } from '../../src/storage/write-gate';
import { IMPORT_WRITE_FAILED, SHEETS_WRITE_FAILED, writeFailure } from '../../src/safety/write-failure';
import type { StorageFailureKind } from '../../src/safety/storage-errors';
import { codeLikeProblems } from '../support/readable';

addMessages(sheets);

const dom = (name: string, message: string) => new DOMException(message, name);

/** Errors a write can end with, as browsers and Dexie give them, and the kind each is. */
const ERRORS: [unknown, StorageFailureKind][] = [
  [dom('QuotaExceededError', 'The quota has been exceeded.'), 'quota'],
  [new Dexie.AbortError('Transaction aborted', dom('QuotaExceededError', 'The quota has been exceeded.')), 'quota'],
  [dom('InvalidStateError', 'Failed to execute \'transaction\' on \'IDBDatabase\': The database connection is closing.'), 'connection'],
  [dom('UnknownError', 'Connection to Indexed Database server lost. Refresh the page to try again'), 'connection'],
  [new Dexie.DatabaseClosedError(), 'connection'],
  [new OutdatedVersionError(), 'outdated'],
  [new HeldVersionError(), 'held'],
  [dom('ConstraintError', 'Key already exists in the object store.'), 'other'],
  [dom('DataCloneError', 'Failed to execute \'put\' on \'IDBObjectStore\': #<Promise> could not be cloned.'), 'other'],
  [new Dexie.BulkError('2 of 3 operations failed', [dom('ConstraintError', 'Key already exists in the object store.')]), 'other'],
  [new TypeError("Cannot read properties of undefined (reading 'id')"), 'other'],
  [new Error('x'.repeat(5_000)), 'other'],
  ['a thrown string', 'other'],
  [undefined, 'other'],
  [null, 'other'],
  [{ name: 'Weird', message: { nested: true } }, 'other'],
];

function expectReadable(message: string, context: string): void {
  expect(codeLikeProblems(message), `${context}: ${message}`).toEqual([]);
}

describe('write failure messages', () => {
  it('classify every error, and keep the technical words only in the detail', () => {
    for (const [error, kind] of ERRORS) {
      const f = writeFailure(error);
      expect(f.kind, String(error)).toBe(kind);
      if (error instanceof Error) expect(f.detail).toContain(error.message.slice(0, 40));
      for (const key of [IMPORT_WRITE_FAILED[f.kind], SHEETS_WRITE_FAILED[f.kind]]) {
        const message = t(key);
        expectReadable(message, `${key} for ${f.detail.slice(0, 80)}`);
        expect(message).not.toContain(f.detail.slice(0, 20) || '\u0000');
      }
    }
  });

  it('every message of both screens is a Japanese sentence that says nothing was changed', () => {
    expect(getLocale()).toBe('ja');
    for (const key of Object.values(IMPORT_WRITE_FAILED)) {
      expectReadable(t(key), key);
      expect(t(key), key).toContain('取り込み前のまま');
    }
    for (const key of Object.values(SHEETS_WRITE_FAILED)) {
      expectReadable(t(key), key);
      expect(t(key), key).toContain('何も変更されていません');
    }
    // Each kind says something of its own.
    expect(new Set(Object.values(IMPORT_WRITE_FAILED).map((k) => t(k))).size).toBe(5);
    expect(new Set(Object.values(SHEETS_WRITE_FAILED).map((k) => t(k))).size).toBe(6);
    expectReadable(t('writeFailure.details'), 'details');
  });
});
