// The 交付金 report's money table follows the strategy's 金額の表示単位: amounts kept in 千円 and in
// exact yen are summed in yen and shown once rounded, in the strategy's unit and precision.
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/domain/sample/build';
import { SEKI_SAMPLE } from '../../src/domain/sample/seki';
import { WorkbookView, type WorkbookRecords } from '../../src/domain/workbook';
import { grantReport } from '../../src/features/reports/report-model';
import type { ReportOptions } from '../../src/features/reports/report-params';
import { testContext } from '../support/context';

const base = buildWorkbook(SEKI_SAMPLE, testContext());
const options: ReportOptions = { kind: 'grant', fiscalYear: 2020, goalIds: [], departments: [], wholePeriod: false, grantOnly: false };

/** The sample with two 令和2年度 records: 6,249千円 and 9,962,058円 (事業費), under the given setting. */
function view(setting: Partial<Pick<WorkbookRecords['strategy'], 'moneyUnit' | 'moneyDecimals'>>) {
  const years = base.projectYears.filter((y) => y.fiscalYear === 2020);
  const [a, b] = [years[0]!, years[1]!];
  const projectYears = base.projectYears.map((y) =>
    y.id === a.id
      ? { ...y, moneyUnit: '千円' as const, projectCost: 6249, grantAmount: 3124.5 }
      : y.id === b.id
        ? { ...y, moneyUnit: '円' as const, projectCost: 9962058, grantAmount: null }
        : { ...y, projectCost: null, grantAmount: null },
  );
  return new WorkbookView({ ...base, strategy: { ...base.strategy, ...setting }, projectYears });
}

const filled = (r: ReturnType<typeof grantReport>) => r.totals.rows.filter((x) => x.cost !== '' || x.grant !== '').map((x) => [x.cost, x.grant]);

describe('the grant report’s money in the strategy’s unit', () => {
  it('whole 千円: each amount rounded half up from exact yen, the total summed in yen', () => {
    const r = grantReport(view({ moneyUnit: '千円', moneyDecimals: 0 }), options);
    expect(r.totals.unit).toBe('千円');
    expect(filled(r)).toEqual([['6,249', '3,125'], ['9,962', '']]);
    expect([r.totals.cost, r.totals.grant]).toEqual(['16,211', '3,125']);
  });

  it('千円 with one decimal, and exact 円', () => {
    const one = grantReport(view({ moneyUnit: '千円', moneyDecimals: 1 }), options);
    expect(filled(one)).toEqual([['6,249.0', '3,124.5'], ['9,962.1', '']]);
    expect(one.totals.cost).toBe('16,211.1');
    const yen = grantReport(view({ moneyUnit: '円' }), options);
    expect(yen.totals.unit).toBe('円');
    expect(filled(yen)).toEqual([['6,249,000', '3,124,500'], ['9,962,058', '']]);
    expect(yen.totals.cost).toBe('16,211,058');
  });

  it('without the setting (a strategy from before it): mixed units total in exact 円', () => {
    const r = grantReport(view({ moneyUnit: null }), options);
    expect(r.totals.unit).toBe('円');
    expect(r.totals.cost).toBe('16,211,058');
  });
});
