// A long sheet repeats the same texts, and the import remembers what it made of them (parsed
// values, reduced heads). What it remembers must never leak from one cell into another.
import { describe, expect, test } from 'vitest';
import { isHeaderRepeat, readValue } from '../../src/sheets';
import { parseMeasurement } from '../../src/domain/numbers';
import { createRecord } from '../../src/domain/records';

describe('a cell read again', () => {
  test('gives what the parser gives, as its own copy', () => {
    for (const [text, unit] of [['1,012件', '件'], ['約110人', '人'], ['0件 (コロナのため中止)', '件'], ['5件', '人'], ['集計中', '件']] as const) {
      const first = readValue(text, unit, 'numeric');
      const second = readValue(text, unit, 'numeric');
      expect(first).toEqual(parseMeasurement(text, { unit, kind: 'numeric' }));
      expect(second).toEqual(first);
      if (first.ok && first.measurement) {
        expect(second.ok && second.measurement).not.toBe(first.measurement);
        first.measurement.value = -1;
        expect(readValue(text, unit, 'numeric')).toEqual(parseMeasurement(text, { unit, kind: 'numeric' }));
      }
      if (!first.ok) expect(second.ok ? null : second.error).not.toBe(first.error);
    }
  });

  test('is read for its own unit and kind', () => {
    expect(readValue('5件', '件', 'numeric')).toEqual({ ok: true, measurement: { value: 5 } });
    expect(readValue('5件', '人', 'numeric').ok).toBe(false);
    expect(readValue('5件', '件', 'numeric')).toEqual({ ok: true, measurement: { value: 5 } });
  });
});

describe('head rows', () => {
  test('a repeat is found against the heads it is given, not ones seen before', () => {
    const a = ['No.', '主な事業等', 'KPI'];
    const b = ['番号', '事業名', '指標'];
    expect(isHeaderRepeat(['No.', '主な事業等', 'KPI'], a)).toBe(true);
    expect(isHeaderRepeat(['No.', '主な事業等', 'KPI'], b)).toBe(false);
    expect(isHeaderRepeat(['番号', '事業名', '指標'], b)).toBe(true);
    expect(isHeaderRepeat(['Ｎｏ．', '（主な事業等）', 'kpi', '余分'], a)).toBe(true);
    expect(isHeaderRepeat(['1', '事業1', '相談件数'], a)).toBe(false);
  });
});

test('a new record has every field stamped with its time and editor', () => {
  const r = createRecord(
    { editor: '企画課', now: () => '2026-04-01T00:00:00.000Z', newId: () => 'id-1' },
    null,
    { name: 'a', unit: '件' } as never,
  );
  expect(JSON.parse(JSON.stringify(r.stamps))).toEqual({
    name: { at: '2026-04-01T00:00:00.000Z', by: '企画課' },
    unit: { at: '2026-04-01T00:00:00.000Z', by: '企画課' },
  });
});
