/**
 * Japanese messages for values that could not be read (KPI values, amounts, fiscal years).
 * Each says what was wrong and shows what is accepted, because the people typing are planning and
 * department staff pasting from Excel and PDFs, not the authors of the parser.
 */
import type { MeasurementParseError } from '../../domain/numbers';

/** Messages keyed by error code; placeholders {input}, {found}, {expected} come from the error. */
export const parse = {
  'parse.unreadable':
    '「{input}」は数値として読めません。1,636 / △65 / 約110 / 3,534千人 のように入力してください。補足は 0件 (コロナのため中止) のように括弧に入れてください。',
  'parse.unitMismatch':
    '「{input}」の単位「{found}」は、この指標の単位「{expected}」と合いません。「{expected}」の数値を入力してください（単位は省略できます）。',
  'parse.unitNotExpected':
    '「{input}」に単位「{found}」が付いていますが、この指標には単位が設定されていません。数値だけを入力するか、先に指標の単位を設定してください。',
  'parse.severalNumbers':
    '「{input}」には数値が複数あります。数値は1つだけにし、補足は 0件 (コロナのため中止) や 1,045人 [平成27~28年度] のように括弧に入れてください。',
  'parse.rangeNotTarget':
    '「{input}」は範囲です。範囲（80〜90% / 80%以上90%以下）は目標値にだけ入力できます。実績値・基準値は数値を1つ入力してください。',
  'parse.rangeOrder':
    '「{input}」は範囲の下限が上限より小さくありません。80〜90% のように小さい値を先に入力してください。',
  'parse.remarkOnly':
    '「{input}」には数値がありません。補足だけの値（（事業開始前） など）は基準値にだけ入力できます。実績値・目標値は 0件 (コロナのため中止) のように数値と一緒に入力してください。',
  'parse.fiscalYear': '「{input}」は年度として読めません。令和2、R2、H30、2020 のように入力してください。',
} as const;

function assertNever(x: never): never {
  throw new Error(`Unexpected parse error: ${JSON.stringify(x)}`);
}

/** The catalog key of the message for a parse error; its fields fill the placeholders. */
export function parseErrorMessageKey(e: MeasurementParseError): keyof typeof parse {
  switch (e.code) {
    case 'unreadable':
      return 'parse.unreadable';
    case 'unitMismatch':
      return 'parse.unitMismatch';
    case 'unitNotExpected':
      return 'parse.unitNotExpected';
    case 'severalNumbers':
      return 'parse.severalNumbers';
    case 'rangeNotTarget':
      return 'parse.rangeNotTarget';
    case 'rangeOrder':
      return 'parse.rangeOrder';
    case 'remarkOnly':
      return 'parse.remarkOnly';
    default:
      return assertNever(e);
  }
}
