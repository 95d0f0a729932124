/** The message of a plan period a person entered that is out of bounds (domain/bounds.ts), or null. */
import { BOUNDS, planPeriodProblem } from '../domain/bounds';
import { t } from './index';

export function planPeriodMessage(startYear: number, endYear: number): string | null {
  switch (planPeriodProblem(startYear, endYear)) {
    case null:
      return null;
    case 'order':
      return t('strategy.periodError');
    case 'tooLong':
      return t('period.tooLong', { max: BOUNDS.planYearsMax });
    case 'yearRange':
      return t('period.yearRange', { min: BOUNDS.fiscalYearMin, max: BOUNDS.fiscalYearMax });
  }
}
