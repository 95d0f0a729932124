/**
 * Fiscal years in English: "FY2020 (R2)", the Western fiscal year with the 和暦 year in brackets.
 * Kept apart from the English catalogs so that screens in Japanese never load them.
 */
import { formatFiscalYear, type FiscalYearStyle } from './eras';

/**
 * A fiscal year in English, with the 和暦 year in brackets where the style has room for it:
 * full and wareki → FY2020 (R2), FY2019 (R1); short and western → FY2020. Years before 明治 or
 * non-integers have no era: FY1850. Every form is read back by parseFiscalYear.
 */
export function formatFiscalYearEn(year: number, style: FiscalYearStyle = 'full'): string {
  const era = formatFiscalYear(year, 'short');
  const hasEra = Number.isInteger(year) && !era.endsWith('年度');
  if (style === 'short' || style === 'western' || !hasEra) return `FY${year}`;
  return `FY${year} (${era})`;
}
