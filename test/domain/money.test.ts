import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entryText, formatMoney, moneyPatch, moneySettingOf, readMoney, sumYen, toYen } from '../../src/domain/money';
import { projectYearDefaults } from '../../src/domain/entities/project-year';

const own = moneySettingOf(undefined);
const sen = moneySettingOf({ moneyUnit: '千円', moneyDecimals: 0 });
const sen1 = moneySettingOf({ moneyUnit: '千円', moneyDecimals: 1 });
const yen = moneySettingOf({ moneyUnit: '円' });

describe('money setting', () => {
  it('reads absent or out-of-bounds settings as each record in its own unit, whole 千円', () => {
    expect(own).toEqual({ unit: null, decimals: 0 });
    expect(moneySettingOf({ moneyUnit: 'ドル', moneyDecimals: 9 })).toEqual({ unit: null, decimals: 0 });
    expect(moneySettingOf({ moneyUnit: '千円', moneyDecimals: 1.5 })).toEqual({ unit: '千円', decimals: 0 });
  });

  it('keeps a yen figure typed into a 千円 record exact yen', () => {
    const record = { ...projectYearDefaults('p', 2021), budget: 6249 };
    const r = readMoney('996万2,058円', '千円', sen);
    expect(r).toEqual({ ok: true, value: 9962058 });
    const patch = moneyPatch(record, 'settlement', 9962058);
    expect(patch).toMatchObject({ moneyUnit: '円', settlement: 9962058, budget: 6249000 });
    expect(formatMoney(9962058, '円', yen)).toBe('9,962,058円');
    expect(formatMoney(9962058, '円', own)).toBe('9,962,058円');
    expect(formatMoney(9962058, '円', sen)).toBe('9,962千円');
    expect(formatMoney(9962058, '円', sen1)).toBe('9,962.1千円');
    // The entry field never rounds: a whole-千円 city edits the figure as exact yen.
    expect(entryText(9962058, '円', sen)).toBe('9,962,058円');
    expect(readMoney(entryText(9962058, '円', sen), '円', sen)).toEqual({ ok: true, value: 9962058 });
  });

  it('stores whole 千円 in a 千円 record and reads a bare number in the shown unit', () => {
    const record = projectYearDefaults('p', 2021);
    expect(readMoney('6,249', '千円', sen)).toEqual({ ok: true, value: 6249000 });
    expect(moneyPatch(record, 'budget', 6249000)).toEqual({ moneyUnit: '千円', budget: 6249 });
    expect(readMoney('6,249', '千円', yen)).toEqual({ ok: true, value: 6249 });
    expect(formatMoney(6249, '千円', yen)).toBe('6,249,000円');
    expect(formatMoney(9962.058, '千円', own)).toBe('9,962.058千円');
    expect(formatMoney(-1500, '円', sen)).toBe('△2千円');
    expect(formatMoney(400, '円', sen)).toBe('0千円');
  });

  it('sums in yen across units', () => {
    expect(sumYen([{ value: 6249, unit: '千円' }, { value: 9962058, unit: '円' }, { value: null, unit: '円' }])).toBe(16211058);
    expect(sumYen([])).toBeNull();
  });

  it('round-trips every yen amount through the entry field in every setting', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(own, sen, sen1, yen), fc.constantFrom('千円' as const, '円' as const), (y, setting, unit) => {
        const patch = moneyPatch({ ...projectYearDefaults('p', 2021), moneyUnit: unit }, 'budget', y);
        const stored = patch.budget!;
        const storedUnit = patch.moneyUnit!;
        expect(toYen(stored, storedUnit)).toBe(y);
        const back = readMoney(entryText(stored, storedUnit, setting), storedUnit, setting);
        expect(back).toEqual({ ok: true, value: y });
      }),
    );
  });
});
