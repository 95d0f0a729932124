/**
 * Telling a spreadsheet from a bundle file at the start screen's 「ファイルを取り込む」, which
 * takes both: an .xlsx workbook (a ZIP archive, by its signature) or a delimited text file that is
 * not JSON. Small on purpose: the import screen loads it without the spreadsheet code.
 */
import { isZip } from './csv';

export async function isSpreadsheetFile(file: Blob & { name: string }): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  if (isZip(head)) return true;
  if (!/\.(csv|tsv|txt)$/i.test(file.name)) return false;
  // A bundle file renamed to .txt is still JSON.
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] !== 0x7b; // '{'
}
