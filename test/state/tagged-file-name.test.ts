import { describe, expect, it } from 'vitest';
import { taggedFileName } from '../../src/state/bundle-flow';

describe('taggedFileName', () => {
  it('puts the tag before the date', () => {
    expect(taggedFileName('関市_第2期総合戦略_商工課_2026-05-20.json', '返送')).toBe('関市_第2期総合戦略_商工課_返送_2026-05-20.json');
  });
  it('puts it at the end when there is no date, and leaves the name alone for an empty tag', () => {
    expect(taggedFileName('関市_総合戦略.json', '返送')).toBe('関市_総合戦略_返送.json');
    expect(taggedFileName('関市_総合戦略_2026-05-20.json', ' _/ ')).toBe('関市_総合戦略_2026-05-20.json');
  });
});
