/** The wording of the import's row errors and preview lines, in the chosen language (catalogs: src/i18n/{ja,en}/sheets.ts). */
import { addMessages, formatNumber, t, type MessageKey } from '../i18n';
import { sheets as sheetMessages } from '../i18n/ja/sheets';
import type { ChangeField, RowIssue, ScaleWarning } from './plan';
import type { FieldKind } from './headers';

// The Japanese messages of the spreadsheets come with them (not in the app's first load).
addMessages(sheetMessages);

/** One row error as a sentence: 「5行目: 「令和2年度 (実績値)」の「たくさん」は数値として読めません」. */
export function issueMessage(issue: RowIssue): string {
  const params = { row: issue.row, column: issue.column, input: issue.input };
  if (issue.code === 'value' && issue.error) {
    const e = issue.error;
    switch (e.code) {
      case 'unitMismatch':
        return t('sheets.issue.unitMismatch', { ...params, found: e.found, expected: e.expected });
      case 'unitNotExpected':
        return t('sheets.issue.unitNotExpected', { ...params, found: e.found });
      case 'severalNumbers':
        return t('sheets.issue.severalNumbers', params);
      case 'rangeNotTarget':
        return t('sheets.issue.rangeNotTarget', params);
      case 'rangeOrder':
        return t('sheets.issue.rangeOrder', params);
      case 'remarkOnly':
        return t('sheets.issue.remarkOnly', params);
      default:
        return t('sheets.issue.unreadable', params);
    }
  }
  if (issue.code === 'value') return t('sheets.issue.unreadable', params);
  return t(`sheets.issue.${issue.code}` as MessageKey, params);
}

export const fieldLabel = (kind: FieldKind): string => t(`sheets.field.${kind}` as MessageKey);
export const changeFieldLabel = (field: ChangeField): string => t(`sheets.changeField.${field}` as MessageKey);

/** A value off by ×100 / ×1,000 as a sentence: 「12行目: 「実績」の「0.875」（…）は、この KPI のほかの値（87.5% など）の約100分の1です…」. */
export function warningMessage(w: ScaleWarning): string {
  const params = { row: w.row, column: w.column, input: w.input, subject: w.subject, typical: w.typical, factor: formatNumber(w.factor) };
  return t(w.larger ? 'sheets.warning.larger' : 'sheets.warning.smaller', params);
}
