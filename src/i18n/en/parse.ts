/** English messages for values that could not be read (keys of ../ja/parse.ts). */
import type { parse as ja } from '../ja/parse';

export const parse: Record<keyof typeof ja, string> = {
  'parse.unreadable':
    '"{input}" cannot be read as a number. Type it like 1,636 / △65 / 約110 / 3,534千人, and put remarks in brackets, like 0件 (コロナのため中止).',
  'parse.unitMismatch':
    'The unit "{found}" of "{input}" does not match this indicator’s unit "{expected}". Enter the figure in "{expected}" (the unit can be left out).',
  'parse.unitNotExpected':
    '"{input}" has the unit "{found}", but this indicator has no unit. Enter the number alone, or set the indicator’s unit first.',
  'parse.severalNumbers':
    '"{input}" contains more than one number. Enter one number, and put remarks in brackets, like 0件 (コロナのため中止) or 1,045人 [平成27~28年度].',
  'parse.rangeNotTarget':
    '"{input}" is a range. A range (80〜90%, 80%以上90%以下) can only be entered as a target; type a single number for an actual or a baseline.',
  'parse.rangeOrder':
    '"{input}": the lower end of the range is not below the upper end. Type the smaller value first, like 80〜90%.',
  'parse.remarkOnly':
    '"{input}" has no number. A remark alone (like （事業開始前）) can only be entered as a baseline; enter an actual or a target with its number, like 0件 (コロナのため中止).',
  'parse.fiscalYear': '"{input}" cannot be read as a fiscal year. Type it like FY2020, 2020, R2, H30 or 令和2.',
};
