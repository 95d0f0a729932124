/**
 * What makes a message a clerk sees read like code. Shared by the tests that walk every refusal
 * message of a reader (bundle files here; a spreadsheet reader's walker can import the same
 * check): each message must be a Japanese sentence without these.
 */
const CODE_LIKE: readonly [string, RegExp][] = [
  ['undefined', /undefined/],
  ['null as a word', /\bnull\b/],
  ['an object dump', /\[object|\{\s*"|\{\w+\}/],
  ['NaN', /NaN/],
  ['Infinity', /Infinity/],
  ['a raw dotted path', /\b[A-Za-z_]\w*\.[A-Za-z_]\w*(\.|\[)|\b[A-Za-z_]\w*\.[A-Za-z_]\w*\b|\w\[\d+\]/],
  ['an English error', /\b(Error|error|Invalid|invalid|expected|Expected|not a)\b/],
];

/** The reasons `message` does not read as a sentence for a clerk; empty when it does. */
export function codeLikeProblems(message: string): string[] {
  const problems = CODE_LIKE.filter(([, re]) => re.test(message)).map(([name]) => name);
  // Japanese: at least one kana or kanji, and more Japanese letters than Latin ones.
  const japanese = (message.match(/[ぁ-んァ-ヶ一-龠々〜]/g) ?? []).length;
  const latin = (message.match(/[A-Za-z]/g) ?? []).length;
  if (japanese === 0) problems.push('no Japanese');
  else if (latin > japanese) problems.push('mostly Latin letters');
  return problems;
}
