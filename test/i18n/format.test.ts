import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatNumber } from '../../src/i18n';

describe('dates and numbers follow the chosen language', () => {
  const iso = new Date(2026, 3, 1, 9, 5).toISOString();

  it('writes a local time in Japanese as 2026年4月1日 9:05', () => {
    expect(formatDateTime(iso, 'ja')).toBe('2026年4月1日 9:05');
  });

  it('writes the same time in English without Japanese characters', () => {
    const en = formatDateTime(iso, 'en');
    expect(en).toMatch(/April 1, 2026/);
    expect(en).toMatch(/9:05/);
    expect(en).not.toMatch(/[年月日]/);
  });

  it('returns an unreadable time as it is', () => {
    expect(formatDateTime('not a time', 'en')).toBe('not a time');
  });

  it('writes sizes as KB below 1 MB and MB with one decimal above', () => {
    expect(formatBytes(10, 'ja')).toBe('1 KB');
    expect(formatBytes(1536 * 1024, 'en')).toBe('1.5 MB');
    expect(formatBytes(1234 * 1024, 'ja')).toBe('1.2 MB');
    expect(formatBytes(999 * 1024, 'en')).toBe('999 KB');
  });

  it('groups digits of numbers', () => {
    expect(formatNumber(1234567.5, undefined, 'en')).toBe('1,234,567.5');
    expect(formatNumber(1234567.5, undefined, 'ja')).toBe('1,234,567.5');
  });
});
