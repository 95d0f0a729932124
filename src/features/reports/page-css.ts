/**
 * The @page rules of a report: A4 in the report's orientation, and in the bottom margin the
 * municipality with the report title (left) and the page number "3 / 12" (right), drawn by the
 * browser on every page (CSS page margin boxes; Chromium 131 and later). Safari prints the pages
 * without them: the report's own headings still name the municipality and the report.
 */
export interface PageSetup {
  orientation: 'landscape' | 'portrait';
  /** Text of the running footer, e.g. 関市　進捗状況一覧（令和2年度）. */
  footer: string;
}

/** A CSS string literal holding `s`. */
export function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n\f]+/g, ' ').replace(/</g, '\\3c ')}"`;
}

export function pageCss({ orientation, footer }: PageSetup): string {
  const margin = orientation === 'landscape' ? '10mm 10mm 13mm' : '12mm 12mm 14mm';
  const box = 'font-family: system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif; font-size: 8pt; color: #333;';
  return [
    '@page {',
    `  size: A4 ${orientation};`,
    `  margin: ${margin};`,
    `  @bottom-left { content: ${cssString(footer)}; ${box} vertical-align: top; padding-top: 3mm; }`,
    `  @bottom-right { content: counter(page) " / " counter(pages); ${box} vertical-align: top; padding-top: 3mm; }`,
    '}',
  ].join('\n');
}
