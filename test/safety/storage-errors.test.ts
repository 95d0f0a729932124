import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { classifyStorageError, errorDetail } from '../../src/safety/storage-errors';

const dom = (name: string, message = 'x') => new DOMException(message, name);

describe('classifyStorageError', () => {
  it('knows a full device however the browser and Dexie wrap it', () => {
    expect(classifyStorageError(dom('QuotaExceededError'))).toBe('quota');
    expect(classifyStorageError(new Dexie.QuotaExceededError('full'))).toBe('quota');
    // A transaction aborted because a put did not fit: Dexie's AbortError carries the cause.
    expect(classifyStorageError(new Dexie.AbortError('Transaction aborted', dom('QuotaExceededError')))).toBe('quota');
    expect(classifyStorageError(new Dexie.BulkError('1 of 2 failed', [dom('QuotaExceededError')]))).toBe('quota');
    expect(classifyStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: '' })).toBe('quota');
    expect(classifyStorageError(Object.assign(new Error('legacy'), { code: 22 }))).toBe('quota');
    expect(classifyStorageError(new Error('x', { cause: dom('QuotaExceededError') }))).toBe('quota');
  });

  it('knows a lost connection (WebKit after backgrounding, a closed Dexie database)', () => {
    expect(classifyStorageError(new Dexie.DatabaseClosedError())).toBe('connection');
    expect(classifyStorageError(dom('InvalidStateError', "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing."))).toBe(
      'connection',
    );
    expect(classifyStorageError(dom('UnknownError', 'Connection to Indexed Database server lost. Refresh the page to try again'))).toBe('connection');
    expect(classifyStorageError(new Dexie.AbortError('aborted', dom('UnknownError', 'Database has been closed')))).toBe('connection');
    expect(classifyStorageError(new Dexie.OpenFailedError('open failed'))).toBe('connection');
  });

  it('leaves everything else alone (not retried)', () => {
    expect(classifyStorageError(new Error('goals 1 not found'))).toBe('other');
    expect(classifyStorageError(new Dexie.ConstraintError('Key already exists'))).toBe('other');
    expect(classifyStorageError('text')).toBe('other');
    expect(classifyStorageError(null)).toBe('other');
    expect(classifyStorageError(undefined)).toBe('other');
  });

  it('does not hang on an error that wraps itself', () => {
    const e: Error & { inner?: unknown } = new Error('loop');
    e.inner = e;
    expect(classifyStorageError(e)).toBe('other');
  });
});

describe('errorDetail', () => {
  it('gives name and message', () => {
    expect(errorDetail(dom('QuotaExceededError', 'The quota has been exceeded.'))).toBe('QuotaExceededError: The quota has been exceeded.');
    expect(errorDetail('plain')).toBe('plain');
  });
});
