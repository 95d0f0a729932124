/** Japanese messages of the application shell and workbook screens. */
export const app = {
  'app.title': '総合戦略ワークブック',
} as const;
