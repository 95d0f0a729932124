import { describe, expect, it } from 'vitest';
import { bundleErrorDetails, bundleErrorKey, bundleErrorMessage } from '../../../src/features/bundles/bundle-messages';
import type { BundleError, BundleErrorKind } from '../../../src/bundle/errors';
import { ENTITY_SCHEMAS, META_FIELDS } from '../../../src/bundle/format';
import { fieldLabel } from '../../../src/features/shared/record-words';
import { bundle } from '../../../src/i18n/ja/bundle';
import { ja } from '../../../src/i18n/ja';
import { t, type MessageKey } from '../../../src/i18n';
import type { RecordKind } from '../../../src/domain/workbook';
import { GOAL_KPI, KPI_YEAR_ACTUAL } from './places';


/** One error of every kind: a Record over BundleErrorKind, so a new kind fails to compile here. */
const EVERY_KIND: { [K in BundleErrorKind]: Extract<BundleError, { kind: K }> } = {
  tooLarge: { kind: 'tooLarge', size: 300_000_000, limit: 268_435_456 },
  notJson: { kind: 'notJson' },
  numberTooLarge: { kind: 'numberTooLarge' },
  tooManyRecords: { kind: 'tooManyRecords', list: 'goals', count: 1_001, limit: 1_000 },
  truncated: { kind: 'truncated' },
  tooDeep: { kind: 'tooDeep', limit: 32 },
  forbiddenKey: { kind: 'forbiddenKey', key: '__proto__', path: 'records.goals[0].__proto__' },
  notBundle: { kind: 'notBundle' },
  encrypted: { kind: 'encrypted' },
  newerVersion: { kind: 'newerVersion', fileVersion: 2, appFormatVersion: 1, fileAppVersion: '0.3.0' },
  unsupportedVersion: { kind: 'unsupportedVersion', fileVersion: 0 },
  checksumMissing: { kind: 'checksumMissing' },
  checksumMismatch: { kind: 'checksumMismatch', expected: 'a'.repeat(64), actual: 'b'.repeat(64) },
  migrationFailed: { kind: 'migrationFailed', migration: 'v1→v2', detail: 'x' },
  invalidEnvelope: { kind: 'invalidEnvelope', field: 'exportedAt', path: 'exportedAt' },
  invalidRecords: {
    kind: 'invalidRecords',
    total: 1,
    issues: [{ problem: 'notNumber', where: KPI_YEAR_ACTUAL, path: 'records.kpiYears[3].actual.value' }],
  },
  brokenReferences: {
    kind: 'brokenReferences',
    total: 1,
    issues: [{ problem: 'missingParent', where: GOAL_KPI, target: { what: 'project' }, kind: 'kpis', id: 'k' }],
  },
  wrongPassword: { kind: 'wrongPassword' },
  invalidEncryption: { kind: 'invalidEncryption' },
  unexpected: { kind: 'unexpected', detail: 'boom' },
};

describe('bundleErrorMessage', () => {
  it('gives every error kind its own Japanese message, with no placeholder left unfilled', () => {
    const messages = Object.values(EVERY_KIND).map((e) => bundleErrorMessage(e));
    expect(new Set(messages).size).toBe(messages.length);
    expect(new Set(Object.values(EVERY_KIND).map(bundleErrorKey)).size).toBe(messages.length);
    for (const m of messages) {
      expect(m).not.toMatch(/\{\w+\}/);
      expect(m).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
    expect(bundleErrorMessage(EVERY_KIND.newerVersion)).toContain('アプリを更新してください');
    expect(bundleErrorMessage(EVERY_KIND.tooLarge)).toContain('300,000,000文字');
  });

  it('says that nothing was imported whenever a file is refused', () => {
    for (const e of Object.values(EVERY_KIND)) {
      if (e.kind === 'encrypted') continue; // not a refusal: a question for the password
      expect(bundleErrorMessage(e)).toMatch(/何も(取り込んでいません|変更していません)|取り込みませんでした/);
    }
  });

  it('lists the problems in the user’s words', () => {
    expect(bundleErrorDetails(EVERY_KIND.invalidRecords)).toEqual(['基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値が数値ではありません']);
    expect(bundleErrorDetails(EVERY_KIND.brokenReferences)).toEqual(['基本目標1 > KPI『…』が指す事業がファイルにありません']);
    expect(bundleErrorDetails(EVERY_KIND.notJson)).toEqual([]);
  });
});

describe('the bundle catalog', () => {
  it('labels every field of every record kind in domain words', () => {
    for (const [kind, schema] of Object.entries(ENTITY_SCHEMAS)) {
      for (const field of Object.keys(schema.shape)) {
        const label = fieldLabel(kind as RecordKind, field);
        expect(label, `${kind}.${field}`).not.toBe(field === 'id' ? 'id' : field);
      }
    }
    for (const field of META_FIELDS) expect(fieldLabel('goals', field)).not.toBe(field === 'id' ? 'id' : field);
  });

  it('comes with the code that shows it, not with the first load', () => {
    // This file imports bundle-messages and record-words, which add the bundle messages.
    for (const key of Object.keys(bundle)) expect(key in ja).toBe(false);
    for (const key of Object.keys(bundle) as (keyof typeof bundle)[]) expect(t(key as MessageKey)).toBe(bundle[key]);
  });
});
